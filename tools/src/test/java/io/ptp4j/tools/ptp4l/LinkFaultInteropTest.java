package io.ptp4j.tools.ptp4l;

import static io.ptp4j.testkit.Daemons.noClock;
import static org.junit.jupiter.api.Assertions.*;

import io.ptp4j.testkit.NetnsPair;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Link down and up on a veth between ptp4j and linuxptp 4.4, both ways (ptp4j the client of a
 * 4.4 master, ptp4j the master of a 4.4 client), and on a bond whose active slave changes. ptp4j
 * must say what 4.4 says (both see the same carrier loss: 4.4's own lines are the reference),
 * report FAULTY over management while the link is down, stay FAULTY past fault_reset_interval
 * while it is still down, and come back (to SLAVE, to MASTER) once it is up.
 */
@Tag("interop")
class LinkFaultInteropTest {
    static final Pattern PORT_STATE = Pattern.compile("portState\\s+(\\S+)");
    static final String COMMON = "free_running 1\nlogSyncInterval -3\nlogAnnounceInterval -2\nannounceReceiptTimeout 3\n"
            + "fault_reset_interval 1\nuse_syslog 0\n";
    /** A client that locks (SLAVE) in seconds: the virtual clock, and servo constants that estimate the frequency at once. */
    static final String LOCKING = COMMON.replace("free_running 1\n", "virtual_clock 1\npi_proportional_const 0.3\npi_integral_const 0.05\n");

    /** portState of the ptp4l behind {@code uds}, asked with linuxptp 4.4's pmc. */
    static String portState(NetnsPair net, String ns, Path uds) throws IOException {
        NetnsPair.Result r = net.exec(ns, Duration.ofSeconds(10),
                noClock(io.ptp4j.testkit.LinuxptpPeer.program("pmc"), "-u", "-b", "0", "-s", uds.toString(), "GET PORT_DATA_SET"));
        Matcher m = PORT_STATE.matcher(r.output());
        return m.find() ? m.group(1) : "(no answer: " + r.output().strip() + ")";
    }

    static String awaitState(NetnsPair net, String ns, Path uds, long seconds, String... wanted) throws Exception {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        String s;
        do {
            s = portState(net, ns, uds);
            if (List.of(wanted).contains(s)) return s;
            Thread.sleep(250);
        } while (System.nanoTime() < deadline);
        return s;
    }

    /** The lines of {@code log} after "ptp4l[...]: ", in order. */
    static List<String> lines(Path log) throws IOException {
        List<String> l = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            int i = line.indexOf("]: ");
            if (line.startsWith("ptp4l[") && i > 0) l.add(line.substring(i + 3));
        }
        return l;
    }

    static void assertInOrder(List<String> lines, String... expected) {
        int at = 0;
        for (String e : expected) {
            int i = lines.subList(at, lines.size()).indexOf(e);
            assertTrue(i >= 0, "'" + e + "' not found after line " + at + " in\n" + String.join("\n", lines));
            at += i + 1;
        }
    }

    /**
     * Writes {@code mcfg}, the server's config (management at m.uds and m.ro in {@code dir}), and
     * {@code scfg}, a LOCKING client's with management at {@code uds}: the virtual clock lets the
     * client lock (SLAVE) without touching a real clock.
     */
    static void serverAndLockingClient(Path dir, Path mcfg, Path scfg, Path uds) throws IOException {
        Files.writeString(mcfg, "[global]\nserverOnly 1\n" + COMMON + "uds_address " + dir.resolve("m.uds") + "\nuds_ro_address "
                + dir.resolve("m.ro") + "\n");
        Files.writeString(scfg, "[global]\nclientOnly 1\n" + LOCKING + "uds_address " + uds + "\n");
    }

    @Test
    void ptp4jClientOfLinuxptp44MasterGoesFaultyOnLinkDownAndBackToSlave(@TempDir Path dir) throws Exception {
        Path mcfg = dir.resolve("m.cfg"), scfg = dir.resolve("s.cfg"), uds = dir.resolve("s.uds");
        serverAndLockingClient(dir, mcfg, scfg, uds);
        try (NetnsPair net = NetnsPair.create()) {
            net.start(net.nsA(), dir.resolve("m.log"), noClock(io.ptp4j.testkit.LinuxptpPeer.program("ptp4l"), "-i", NetnsPair.IF_A, "-S", "-m", "-f", mcfg.toString()));
            net.start(net.nsB(), dir.resolve("s.log"), noClock(io.ptp4j.testkit.Daemons.bin("ptp4l"), "-i", NetnsPair.IF_B, "-S", "-m", "-f", scfg.toString()));
            assertEquals("SLAVE", awaitState(net, net.nsB(), uds, 40, "SLAVE"), "the client locks first");

            net.exec(net.nsB(), Duration.ofSeconds(5), "ip", "link", "set", NetnsPair.IF_B, "down");
            assertEquals("FAULTY", awaitState(net, net.nsB(), uds, 3, "FAULTY"), "FAULTY over pmc while the link is down");
            Thread.sleep(3_000); // past fault_reset_interval (2 s): the link is still down, so is the port
            assertEquals("FAULTY", portState(net, net.nsB(), uds));

            net.exec(net.nsB(), Duration.ofSeconds(5), "ip", "link", "set", NetnsPair.IF_B, "up");
            assertEquals("SLAVE", awaitState(net, net.nsB(), uds, 40, "SLAVE"), "back to SLAVE once the link is up");

            List<String> s = lines(dir.resolve("s.log")), m = lines(dir.resolve("m.log"));
            System.out.println("---- ptp4j client\n" + String.join("\n", s) + "\n---- linuxptp 4.4 master\n" + String.join("\n", m));
            assertInOrder(s, "port 1 (vB): link down", "port 1 (vB): SLAVE to FAULTY on FAULT_DETECTED (FT_UNSPECIFIED)",
                    "port 1 (vB): link up", "port 1 (vB): FAULTY to LISTENING on INIT_COMPLETE",
                    "port 1 (vB): LISTENING to UNCALIBRATED on RS_SLAVE", "port 1 (vB): UNCALIBRATED to SLAVE on MASTER_CLOCK_SELECTED");
            // the master's end lost its carrier too: 4.4 says it in the same words
            assertInOrder(m, "port 1 (vA): link down", "port 1 (vA): MASTER to FAULTY on FAULT_DETECTED (FT_UNSPECIFIED)",
                    "port 1 (vA): link up", "port 1 (vA): FAULTY to LISTENING on INIT_COMPLETE");
        }
    }

    @Test
    void ptp4jMasterOfLinuxptp44ClientGoesFaultyOnLinkDownAndBackToMaster(@TempDir Path dir) throws Exception {
        Path mcfg = dir.resolve("m.cfg"), scfg = dir.resolve("s.cfg"), uds = dir.resolve("m.uds"), suds = dir.resolve("s.uds");
        Files.writeString(mcfg, "[global]\nserverOnly 1\n" + COMMON + "uds_address " + uds + "\n");
        Files.writeString(scfg, "[global]\nclientOnly 1\n" + COMMON + "uds_address " + suds + "\nuds_ro_address " + dir.resolve("s.ro") + "\n");
        try (NetnsPair net = NetnsPair.create()) {
            net.start(net.nsA(), dir.resolve("m.log"), noClock(io.ptp4j.testkit.Daemons.bin("ptp4l"), "-i", NetnsPair.IF_A, "-S", "-m", "-f", mcfg.toString()));
            net.start(net.nsB(), dir.resolve("s.log"), noClock(io.ptp4j.testkit.LinuxptpPeer.program("ptp4l"), "-i", NetnsPair.IF_B, "-S", "-m", "-f", scfg.toString()));
            assertEquals("MASTER", awaitState(net, net.nsA(), uds, 30, "MASTER", "GRAND_MASTER").replace("GRAND_", ""));
            String client = awaitState(net, net.nsB(), suds, 30, "UNCALIBRATED", "SLAVE");
            assertTrue(client.equals("UNCALIBRATED") || client.equals("SLAVE"), "the 4.4 client follows ptp4j: " + client);

            net.exec(net.nsA(), Duration.ofSeconds(5), "ip", "link", "set", NetnsPair.IF_A, "down");
            assertEquals("FAULTY", awaitState(net, net.nsA(), uds, 3, "FAULTY"));
            Thread.sleep(3_000);
            assertEquals("FAULTY", portState(net, net.nsA(), uds));
            net.exec(net.nsA(), Duration.ofSeconds(5), "ip", "link", "set", NetnsPair.IF_A, "up");
            String back = awaitState(net, net.nsA(), uds, 30, "MASTER", "GRAND_MASTER");
            assertTrue(back.endsWith("MASTER"), back);
            client = awaitState(net, net.nsB(), suds, 30, "UNCALIBRATED", "SLAVE");
            assertTrue(client.equals("UNCALIBRATED") || client.equals("SLAVE"), "the 4.4 client follows ptp4j again: " + client);

            List<String> m = lines(dir.resolve("m.log")), s = lines(dir.resolve("s.log"));
            System.out.println("---- ptp4j master\n" + String.join("\n", m) + "\n---- linuxptp 4.4 client\n" + String.join("\n", s));
            String faulted = m.stream().filter(l -> l.startsWith("port 1 (vA): ") && l.endsWith("to FAULTY on FAULT_DETECTED (FT_UNSPECIFIED)"))
                    .findFirst().orElse("none");
            assertTrue(faulted.equals("port 1 (vA): MASTER to FAULTY on FAULT_DETECTED (FT_UNSPECIFIED)")
                    || faulted.equals("port 1 (vA): GRAND_MASTER to FAULTY on FAULT_DETECTED (FT_UNSPECIFIED)"), faulted);
            assertInOrder(m, "port 1 (vA): link down", faulted, "port 1 (vA): link up", "port 1 (vA): FAULTY to LISTENING on INIT_COMPLETE");
            assertInOrder(s, "port 1 (vB): link down", "port 1 (vB): link up", "port 1 (vB): FAULTY to LISTENING on INIT_COMPLETE");
        }
    }

    /**
     * A bond of two veths whose active slave changes: linuxptp's ts label follows the new slave,
     * and the port faults until fault_reset_interval. Needs the bonding driver; a kernel without
     * it (this project's CI VM has none, and no modules) skips the test.
     */
    @Test
    void aBondsNewActiveSlaveIsANewTsLabelAndAFault(@TempDir Path dir) throws Exception {
        Path mcfg = dir.resolve("m.cfg"), scfg = dir.resolve("s.cfg"), uds = dir.resolve("s.uds");
        serverAndLockingClient(dir, mcfg, scfg, uds);
        try (NetnsPair net = NetnsPair.create()) {
            NetnsPair.Result bond = net.exec(net.nsB(), Duration.ofSeconds(5), "ip", "link", "add", "bond0", "type", "bond", "mode",
                    "active-backup", "miimon", "100");
            org.junit.jupiter.api.Assumptions.assumeTrue(bond.exitCode() == 0, "no bonding driver in this kernel: " + bond.output().strip());
            // B: bond0 over vB (the pair's veth) and vB2; A: a bridge over vA and vA2
            ipHost("link", "add", "vB2", "netns", net.nsB(), "type", "veth", "peer", "name", "vA2", "netns", net.nsA());
            for (String[] c : new String[][] {
                    {"ip", "addr", "del", NetnsPair.IPV4_B + "/24", "dev", NetnsPair.IF_B},
                    {"ip", "link", "set", NetnsPair.IF_B, "down"}, {"ip", "link", "set", NetnsPair.IF_B, "master", "bond0"},
                    {"ip", "link", "set", "vB2", "master", "bond0"}, {"ip", "link", "set", "bond0", "type", "bond", "active_slave", NetnsPair.IF_B},
                    {"ip", "addr", "add", NetnsPair.IPV4_B + "/24", "dev", "bond0"}, {"ip", "link", "set", "bond0", "up"}}) {
                assertEquals(0, net.exec(net.nsB(), Duration.ofSeconds(5), c).exitCode(), String.join(" ", c));
            }
            for (String[] c : new String[][] {
                    {"ip", "addr", "del", NetnsPair.IPV4_A + "/24", "dev", NetnsPair.IF_A}, {"ip", "link", "add", "br0", "type", "bridge"},
                    {"ip", "link", "set", NetnsPair.IF_A, "master", "br0"}, {"ip", "link", "set", "vA2", "master", "br0"},
                    {"ip", "link", "set", "vA2", "up"}, {"ip", "addr", "add", NetnsPair.IPV4_A + "/24", "dev", "br0"},
                    {"ip", "link", "set", "br0", "up"}}) {
                assertEquals(0, net.exec(net.nsA(), Duration.ofSeconds(5), c).exitCode(), String.join(" ", c));
            }
            net.start(net.nsA(), dir.resolve("m.log"), noClock(io.ptp4j.testkit.LinuxptpPeer.program("ptp4l"), "-i", "br0", "-S", "-m", "-f", mcfg.toString()));
            net.start(net.nsB(), dir.resolve("s.log"), noClock(io.ptp4j.testkit.Daemons.bin("ptp4l"), "-i", "bond0", "-S", "-m", "-f", scfg.toString()));
            assertEquals("SLAVE", awaitState(net, net.nsB(), uds, 40, "SLAVE"));
            net.exec(net.nsB(), Duration.ofSeconds(5), "ip", "link", "set", "bond0", "type", "bond", "active_slave", "vB2");
            assertEquals("FAULTY", awaitState(net, net.nsB(), uds, 3, "FAULTY"));
            assertEquals("SLAVE", awaitState(net, net.nsB(), uds, 40, "SLAVE"), "back after fault_reset_interval");
            List<String> s = lines(dir.resolve("s.log"));
            System.out.println("---- ptp4j client on bond0\n" + String.join("\n", s));
            assertInOrder(s, "port 1 (bond0): ts label changed to vB2", "port 1 (bond0): SLAVE to FAULTY on FAULT_DETECTED (FT_UNSPECIFIED)",
                    "port 1 (bond0): FAULTY to LISTENING on INIT_COMPLETE", "port 1 (bond0): UNCALIBRATED to SLAVE on MASTER_CLOCK_SELECTED");
        }
    }

    private static void ipHost(String... args) throws Exception {
        List<String> c = new ArrayList<>(List.of("ip"));
        c.addAll(List.of(args));
        Process p = new ProcessBuilder(c).redirectErrorStream(true).start();
        assertTrue(p.waitFor(5, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), String.join(" ", c) + ": " + new String(p.getInputStream().readAllBytes()));
    }
}
