package io.ptp4j.tools.ptp4l;

import io.ptp4j.tools.cli.UsageException;
import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Ptp4lMainTest {
    @TempDir Path dir;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    static final String NO_SUCH_IFACE = "ptp4jnone0";

    private int run(String... args) {
        return Ptp4lMain.run("ptp4l", args, new PrintStream(out, true), new PrintStream(err, true), dir);
    }

    @Test
    void shortOptionsMapOntoConfigKeys() throws Exception {
        Ptp4lSettings s = Ptp4lMain.settings("ptp4l", new String[] {"-2", "-S", "-P", "-s", "-mq", "-l", "7", "-i", "eth0", "-ieth1", "-p", "/dev/ptp1"});
        var c = s.config();
        assertEquals("L2", c.getEnum("network_transport"));
        assertEquals("software", c.getEnum("time_stamping"));
        assertEquals("P2P", c.getEnum("delay_mechanism"));
        assertEquals(1, c.getInt("clientOnly"));
        assertEquals(1, c.getInt("verbose"));
        assertEquals(0, c.getInt("use_syslog"));
        assertEquals(7, c.getInt("logging_level"));
        assertEquals(List.of("eth0", "eth1"), s.interfaces());
        assertEquals("BC", s.clockType());
        assertEquals("/dev/ptp1", s.phcDevice());
    }

    @Test
    void longOptionsOverrideFileAndAcceptEqualsAndPrefix() throws Exception {
        Path f = dir.resolve("p.cfg");
        Files.writeString(f, "[global]\npriority1 9\ndomainNumber 3\n[eth0]\n");
        Ptp4lSettings s = Ptp4lMain.settings("ptp4l", new String[] {"-f", f.toString(), "--priority1", "5", "--domainNumber=4", "--slaveOnly=1", "--summary_int", "2"});
        assertEquals(5, s.config().getInt("priority1"));
        assertEquals(4, s.config().getInt("domainNumber"));
        assertEquals(1, s.config().getInt("clientOnly"));
        assertEquals(2, s.config().getInt("summary_interval"));
        assertEquals(List.of("eth0"), s.interfaces());
        assertEquals("OC", s.clockType());
        assertTrue(s.warnings().contains("option slaveOnly is deprecated, please use clientOnly instead"));
    }

    @Test
    void clientOnlyWithoutGmCapableIsRefusedAsLinuxptpDoes() {
        UsageException e = assertThrows(UsageException.class,
                () -> Ptp4lMain.settings("ptp4l", new String[] {"-i", "eth0", "-s", "--gmCapable", "0"}));
        assertEquals("Cannot mix 1588 clientOnly with 802.1AS !gmCapable", e.getMessage());
    }

    @Test
    void keysThatActNowDrawNoWarningAndOnesThatDoNotStillDo() throws Exception {
        Ptp4lSettings s = Ptp4lMain.settings("ptp4l", new String[] {"-i", "eth0", "--maxStepsRemoved", "10",
                "--ingressLatency", "50", "--G.8275.portDS.localPriority", "90", "--write_phase_mode", "1", "--tc_spanning_tree", "1",
                "--interface_rate_tlv", "1"});
        assertEquals(List.of("option interface_rate_tlv is parsed but not yet acted on by ptp4j; it has no effect"), s.warnings());
    }

    @Test
    void helpPrintsUsageAndExitsZero() {
        assertEquals(0, run("-h"));
        assertTrue(err.toString().startsWith("\nusage: ptp4l [options]\n\n Delay Mechanism\n"));
    }

    @Test
    void invalidOptionPrintsGetoptErrorAndUsage() {
        assertEquals(255, run("-Z"));
        assertTrue(err.toString().startsWith("ptp4l: invalid option -- 'Z'\n\nusage: ptp4l [options]"));
    }

    @Test
    void missingArgumentAndUnknownLongOption() {
        assertEquals(255, run("-i"));
        assertTrue(err.toString().startsWith("ptp4l: option requires an argument -- 'i'\n"));
        err.reset();
        assertEquals(255, run("--bogus", "1"));
        assertTrue(err.toString().startsWith("ptp4l: unrecognized option '--bogus'\n"));
        err.reset();
        assertEquals(255, run("--priority1", "999", "-i", "eth0"));
        assertEquals("999 is an out of range value for option priority1 (must be in the range 0 to 255)\n", err.toString());
    }

    @Test
    void ambiguousPrefix() {
        assertEquals(255, run("--pi_integral", "1"));
        assertTrue(err.toString().startsWith("ptp4l: option '--pi_integral' is ambiguous; possibilities: '--pi_integral_const'"));
    }

    @Test
    void logLevelRange() {
        assertEquals(255, run("-l", "9", "-i", "eth0"));
        assertEquals("-l: 9 is out of range. Must be in the range 0 to 7\n", err.toString());
    }

    @Test
    void noInterface() {
        assertEquals(255, run("-S"));
        assertTrue(err.toString().startsWith("no interface specified\n\nusage: ptp4l"));
    }

    /**
     * {@code -f name -i iface} with {@code text} in file {@code name}: exit 254 and, on stderr, exactly
     * the file's path followed by {@code error}, then linuxptp's trailer naming the file.
     */
    private void assertConfigFileRefused(String name, String text, String iface, String error) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        assertEquals(254, run("-f", f.toString(), "-i", iface));
        assertEquals(f + error + "failed to parse configuration file " + f + "\n", err.toString());
    }

    @Test
    void badConfigFileNamesFileLineAndTrailer() throws Exception {
        assertConfigFileRefused("bad.cfg", "[global]\n# x\npriority1 300\n", "eth0",
                ":3: 300 is an out of range value for option priority1 at line 3 (must be in the range 0 to 255)\n");
    }

    /** Issue 13: "[eth99]" became an interface and failed later with an ioctl error and no file:line. */
    @Test
    void anInterfaceThatDoesNotExistIsNamedWithItsSectionsLine() throws Exception {
        Path f = dir.resolve("ports.cfg");
        Files.writeString(f, "[global]\nfree_running 1\n[lo]\n[p4jnosuch9]\nlogSyncInterval -3\n");
        assertEquals(255, run("-f", f.toString(), "-S"));
        assertTrue(err.toString().endsWith("ptp4l: " + f + ":4: interface p4jnosuch9 does not exist (section [p4jnosuch9])\n"), err.toString());
        err.reset();
        assertEquals(255, run("-i", "p4jnosuch8", "-S"));
        assertTrue(err.toString().endsWith("ptp4l: interface p4jnosuch8 does not exist\n"), err.toString());
    }

    @Test
    void aMalformedSectionHeaderIsAnErrorAtItsLine() throws Exception {
        assertConfigFileRefused("typo.cfg", "[global\nfree_running 1\n", "lo",
                ":1: malformed section header '[global' at line 1 (a section is [global], [unicast_master_table] or [interface])\n");
    }

    @Test
    void clockTypeChecks() throws Exception {
        assertEquals(255, run("--clock_type", "BC", "-i", "eth0"));
        assertEquals("BC needs at least two interfaces\n", err.toString());
        err.reset();
        assertEquals(255, run("--clock_type", "P2P_TC", "-i", "eth0", "-i", "eth1"));
        assertEquals("P2P_TC needs P2P delay mechanism\n", err.toString());
    }

    /**
     * A valid configuration reaches the daemon, which must fail on an interface that does not
     * exist. (Unit tests never name a real interface: the daemon would send PTP on it.)
     */
    @Test
    void validConfigWarnsUnusedKeysThenNamesTheMissingInterface() {
        assertEquals(255, run("-S", "-i", NO_SUCH_IFACE, "--interface_rate_tlv", "1"));
        assertTrue(err.toString().startsWith("ptp4l: option interface_rate_tlv is parsed but not yet acted on by ptp4j; it has no effect\n"),
                err.toString());
        assertTrue(err.toString().contains(NO_SUCH_IFACE), err.toString());
    }

    @Test
    void warnsAboutConflictingDaemons() throws Exception {
        Files.createDirectories(dir.resolve("4242"));
        Files.writeString(dir.resolve("4242/comm"), "chronyd\n");
        assertEquals(255, run("-S", "-i", NO_SUCH_IFACE));
        assertTrue(err.toString().startsWith("ptp4l: warning: chronyd (pid 4242) also adjusts CLOCK_REALTIME: "
                + "stop it or let timemaster manage it\n"), err.toString());
    }

    @Test
    void unicastTableMustExistAndMatchTransport() throws Exception {
        Path f = dir.resolve("u.cfg");
        Files.writeString(f, "[unicast_master_table]\ntable_id 1\nUDPv6 2001:db8::1\n[eth0]\nunicast_master_table 2\n");
        assertEquals(255, run("-f", f.toString()));
        assertEquals("port 1 (eth0): no table with id 2\nfailed to create a clock\n", err.toString());
        // a port section value beats the command line's global one (linuxptp), so drop it from the file
        Files.writeString(f, "[unicast_master_table]\ntable_id 1\nUDPv6 2001:db8::1\n[eth0]\n");
        Ptp4lSettings s = Ptp4lMain.settings("ptp4l", new String[] {"-f", f.toString(), "--unicast_master_table", "1"});
        assertTrue(s.warnings().contains(
                "port 1 (eth0): unicast master transport mismatch (2001:db8::1 is UDPv6, the port uses UDPv4)"), s.warnings().toString());
    }

}
