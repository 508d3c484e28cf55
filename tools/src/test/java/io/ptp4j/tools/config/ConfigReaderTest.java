package io.ptp4j.tools.config;

import static org.junit.jupiter.api.Assertions.*;

import io.ptp4j.testkit.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigReaderTest {
    static Stream<Path> linuxptpConfigs() throws IOException {
        Path dir = Path.of("src/test/resources/linuxptp-configs");
        // sa.cfg is a security-association file (sa_file format), not a ptp4l configuration
        return Files.list(dir).filter(f -> f.toString().endsWith(".cfg") && !f.endsWith("sa.cfg")).sorted();
    }

    static Stream<Path> vectorConfigs() throws IOException {
        return Files.list(TestData.linuxptp311()).filter(f -> f.toString().endsWith(".cfg")).sorted();
    }

    @ParameterizedTest
    @MethodSource("linuxptpConfigs")
    void linuxptpOwnConfigsLoadUnchanged(Path file) throws Exception {
        PtpConfig cfg = new PtpConfig();
        ConfigReader.read(file, cfg);
    }

    @ParameterizedTest
    @MethodSource("vectorConfigs")
    void vectorConfigsLoad(Path file) throws Exception {
        PtpConfig cfg = new PtpConfig();
        ConfigReader.read(file, cfg);
        boolean slave = Files.readString(file).contains("\nslaveOnly 1");
        assertEquals(slave ? 1 : 0, cfg.getInt("clientOnly"), file + " clientOnly");
    }

    @Test
    void linuxptpConfigCountIsWhatWeCopied() throws IOException {
        assertTrue(linuxptpConfigs().count() >= 19);
    }

    @Test
    void defaultCfgMatchesTableDefaults() throws Exception {
        PtpConfig cfg = new PtpConfig();
        ConfigReader.read(Path.of("src/test/resources/linuxptp-configs/default.cfg"), cfg);
        assertEquals(128, cfg.getInt("priority1"));
        assertEquals(248, cfg.getInt("clockClass"));
        assertEquals(0xfe, cfg.getInt("clockAccuracy"));
        assertEquals("E2E", cfg.getEnum("delay_mechanism"));
        assertEquals("UDPv4", cfg.getEnum("network_transport"));
        assertEquals("hardware", cfg.getEnum("time_stamping"));
        assertEquals(0.00002, cfg.getDouble("first_step_threshold"));
        assertEquals("/var/run/ptp/ptp4l", cfg.getString("uds_address"));
        assertNull(cfg.getString("message_tag"));
        assertEquals(4, cfg.getInt(null, "fault_reset_interval"));
        assertTrue(cfg.interfaces().isEmpty());
    }

    @Test
    void gptpSetsP2pL2AndPortFallsBack() throws Exception {
        PtpConfig cfg = new PtpConfig();
        ConfigReader.read(Path.of("src/test/resources/linuxptp-configs/gPTP.cfg"), cfg);
        assertEquals("P2P", cfg.getEnum("eth9", "delay_mechanism"));
        assertEquals("L2", cfg.getEnum("network_transport"));
        assertEquals(-3, cfg.getInt("eth9", "logSyncInterval"));
    }

    @Test
    void portSectionOverridesGlobalAndDeclaresInterface() throws Exception {
        PtpConfig cfg = load("[global]\nlogSyncInterval -3\n  # comment\n\n[eth1]\nlogSyncInterval 1\n[eth0]\n[eth1]\n");
        assertEquals(List.of("eth1", "eth0"), cfg.interfaces());
        assertEquals(1, cfg.getInt("eth1", "logSyncInterval"));
        assertEquals(-3, cfg.getInt("eth0", "logSyncInterval"));
        assertEquals(-3, cfg.getInt("logSyncInterval"));
    }

    @Test
    void whitespaceAndCaseRules() throws Exception {
        PtpConfig cfg = load("\t[GLOBAL]  \n  priority1\t \t 0x10  \r\nnetwork_transport udpv6\npriority2 010\n[ eth0 ]\n");
        assertEquals(16, cfg.getInt("priority1"));
        assertEquals(8, cfg.getInt("priority2")); // strtol base 0: leading 0 is octal
        assertEquals("UDPv6", cfg.getEnum("network_transport"));
        assertEquals(List.of("eth0"), cfg.interfaces());
    }

    @Test
    void deprecatedNamesAreRenamedWithWarning() throws Exception {
        PtpConfig cfg = load("[global]\nslaveOnly 1\npi_offset_const 0.5\n[eth0]\nmasterOnly 1\n");
        assertEquals(1, cfg.getInt("clientOnly"));
        assertEquals(1, cfg.getInt("slaveOnly"));
        assertEquals(0.5, cfg.getDouble("step_threshold"));
        assertEquals(1, cfg.getInt("eth0", "serverOnly"));
        assertEquals(List.of("option slaveOnly is deprecated, please use clientOnly instead",
                "option pi_offset_const is deprecated, please use step_threshold instead",
                "option masterOnly is deprecated, please use serverOnly instead"), cfg.warnings());
    }

    @Test
    void faultIntervalAsap() throws Exception {
        PtpConfig cfg = load("[global]\nfault_reset_interval ASAP\n");
        assertEquals(-128, cfg.getInt("fault_reset_interval"));
    }

    @Test
    void unicastMasterTable() throws Exception {
        PtpConfig cfg = load("[unicast_master_table]\ntable_id 1\nlogQueryInterval 2\nUDPv4 192.0.2.1\nUDPv6 2001:db8::1\n"
                + "L2 00:11:22:33:44:55\npeer_address 192.0.2.9\n[unicast_master_table]\ntable_id 2\nUDPv4 192.0.2.2\n"
                + "[eth0]\nunicast_master_table 1\n");
        UnicastMasterTable t = cfg.unicastMasterTable(1);
        assertEquals(2, t.logQueryInterval());
        assertEquals("192.0.2.9", t.peerAddress());
        assertEquals(List.of(new UnicastMasterTable.Entry("UDPv4", "192.0.2.1"),
                new UnicastMasterTable.Entry("UDPv6", "2001:db8::1"),
                new UnicastMasterTable.Entry("L2", "00:11:22:33:44:55")), t.entries());
        assertEquals(2, cfg.unicastMasterTables().size());
        assertEquals(1, cfg.getInt("eth0", "unicast_master_table"));
    }

    @Test
    void commandLineBeatsFileGlobalButNotPortSection() throws Exception {
        PtpConfig cfg = new PtpConfig();
        cfg.setOption("priority1", "7");
        ConfigReader.read("x.cfg", "[global]\npriority1 9\nlogSyncInterval 2\n[eth0]\nlogSyncInterval 3\n", cfg);
        assertEquals(7, cfg.getInt("priority1"));
        cfg.setOption("logSyncInterval", "-1");
        assertEquals(-1, cfg.getInt("logSyncInterval"));
        assertEquals(3, cfg.getInt("eth0", "logSyncInterval"));
    }

    // ----- errors: exact text and line -----

    @Test
    void unknownOption() {
        assertError("[global]\n\nfoo 1\n", 3, "t.cfg:3: unknown option foo at line 3 in global section");
    }

    @Test
    void unknownOptionInPortSection() {
        assertError("[eth0]\nfoo 1\n", 2, "t.cfg:2: unknown option foo at line 2 in eth0 section");
    }

    @Test
    void globalKeyInPortSection() {
        assertError("[global]\n[eth0]\npriority1 1\n", 3, "t.cfg:3: unknown option priority1 at line 3 in eth0 section"
                + " (priority1 is a global option; it cannot be set in a port section)");
    }

    @Test
    void outOfRange() {
        assertError("[global]\npriority1 300\n", 2,
                "t.cfg:2: 300 is an out of range value for option priority1 at line 2 (must be in the range 0 to 255)");
    }

    @Test
    void malformed() {
        assertError("[global]\ndomainNumber 1x\n", 2,
                "t.cfg:2: 1x is a malformed value for option domainNumber at line 2 (not an integer)");
        assertError("[global]\nstep_threshold abc\n", 2,
                "t.cfg:2: abc is a malformed value for option step_threshold at line 2 (not a number)");
    }

    @Test
    void badEnum() {
        assertError("[global]\nnetwork_transport UDPv5\n", 2,
                "t.cfg:2: UDPv5 is a bad value for option network_transport at line 2 (must be one of L2, UDPv4, UDPv6)");
    }

    @Test
    void notInSectionAndNoValue() {
        assertError("\npriority1 1\n", 2, "t.cfg:2: line 2 is not in a section");
        assertError("[global]\npriority1\n", 2, "t.cfg:2: could not parse line 2 in global section (expected: key value)");
    }

    @Test
    void unicastTableErrors() {
        assertError("[unicast_master_table]\nUDPv4 192.0.2.1\n", 2, "t.cfg:2: line 2: missing table_id");
        assertError("[unicast_master_table]\ntable_id 0\n", 2,
                "t.cfg:2: line 2: table_id 0 is out of range. Must be in the range 1 to 2147483647");
        assertError("[unicast_master_table]\ntable_id 1\n[unicast_master_table]\ntable_id 1\n", 4,
                "t.cfg:4: line 4: table_id 1 already taken");
        assertError("[unicast_master_table]\ntable_id 1\nUDPv4 192.0.2.300\n", 3,
                "t.cfg:3: line 3: bad address (192.0.2.300 is not a valid UDPv4 address)");
        assertError("[unicast_master_table]\ntable_id 1\nlogQueryInterval 200\n", 3,
                "t.cfg:3: line 3: logQueryInterval 200 out of range (must be in the range -128 to 127)");
    }

    @Test
    void trailerNamesFile() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigReader.read("t.cfg", "x\n", new PtpConfig()));
        assertEquals("failed to parse configuration file t.cfg", e.trailer());
    }

    @Test
    void missingFile() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigReader.read(Path.of("/nonexistent/p.cfg"), new PtpConfig()));
        assertEquals("failed to open configuration file /nonexistent/p.cfg: No such file or directory", e.getMessage());
    }

    @Test
    void commandLineErrors() {
        PtpConfig cfg = new PtpConfig();
        assertEquals("unknown option foo", assertThrows(ConfigException.class, () -> cfg.setOption("foo", "1")).getMessage());
        assertEquals("9 is an out of range value for option clientOnly (must be in the range 0 to 1)",
                assertThrows(ConfigException.class, () -> cfg.setOption("clientOnly", "9")).getMessage());
    }

    @Test
    void everyKeyDefaultIsAcceptedBackByItsOwnParser() throws Exception {
        assertTrue(ConfigKeys.all().size() >= 150);
        for (ConfigKey k : ConfigKeys.all()) {
            if (k.defaultValue() == null || k.type() == ConfigKey.Type.DOUBLE) continue;
            // a few linuxptp defaults sit outside their own range (e.g. ts2phc.perout_phase -1 in 0..)
            if (k.type() == ConfigKey.Type.INT && ((Long) k.defaultValue() < k.min() || (Long) k.defaultValue() > k.max())) continue;
            PtpConfig cfg = new PtpConfig();
            cfg.setOption(k.name(), k.defaultText());
        }
    }

    /** Issue 13: a long userDescription was accepted and crashed ptp4l at its first GET; linuxptp refuses it at start. */
    @Test
    void clockDescriptionTextsAreBoundedAtLoad() throws Exception {
        assertError("[global]\nuserDescription " + "a".repeat(129) + "\n", 2, "t.cfg:2: invalid userDescription '" + "a".repeat(40)
                + "...' at line 2 (129 octets, 129 symbols; at most 128 symbols in 255 octets fit (IEEE 1588-2019 5.3.9, 15.5.3.1.2))");
        assertError("[global]\n\nuserDescription " + "a".repeat(1500) + "\n", 3, "t.cfg:3: invalid userDescription '" + "a".repeat(40)
                + "...' at line 3 (1500 octets, 1500 symbols; at most 128 symbols in 255 octets fit (IEEE 1588-2019 5.3.9, 15.5.3.1.2))");
        assertEquals(2, assertThrows(ConfigException.class, () -> load("[global]\nproductDescription " + "p".repeat(65) + "\n")).line());
        assertEquals(2, assertThrows(ConfigException.class, () -> load("[global]\nrevisionData " + "r".repeat(33) + "\n")).line());
        // 128 symbols of two octets each: within the symbols, beyond the 255 octets (the file's UTF-8 bytes count)
        String e128 = new String("\u00e9".repeat(128).getBytes(java.nio.charset.StandardCharsets.UTF_8), java.nio.charset.StandardCharsets.ISO_8859_1);
        assertTrue(assertThrows(ConfigException.class, () -> load("[global]\nuserDescription " + e128 + "\n")).getMessage()
                .contains("(256 octets, 128 symbols;"));
        PtpConfig max = load("[global]\nproductDescription " + "p".repeat(64) + "\nrevisionData " + "r".repeat(32)
                + "\nuserDescription " + e128.substring(2) + "\n");
        assertEquals("\u00e9".repeat(127), new String(max.getText("userDescription"), java.nio.charset.StandardCharsets.UTF_8));
        assertError("[global]\nmanufacturerIdentity 00:1b\n", 2,
                "t.cfg:2: invalid manufacturerIdentity '00:1b' at line 2 (must be three hex octets, e.g. 00:1b:19)");
        assertEquals("00:1b:19", load("[global]\nmanufacturerIdentity 00:1b:19\n").getString("manufacturerIdentity"));
    }

    @Test
    void clockDescriptionTextsOnTheCommandLineAreTheirUtf8() throws Exception {
        PtpConfig cfg = new PtpConfig();
        cfg.setOption("userDescription", "\u00e9".repeat(127));
        assertArrayEquals("\u00e9".repeat(127).getBytes(java.nio.charset.StandardCharsets.UTF_8), cfg.getText("userDescription"));
        ConfigException e = assertThrows(ConfigException.class, () -> cfg.setOption("userDescription", "\u00e9".repeat(128)));
        assertNull(e.file());
        assertTrue(e.getMessage().startsWith("invalid userDescription '"), e.getMessage());
    }

    @Test
    void sectionHeadersAreOneNameInOnePairOfBrackets() throws Exception {
        String why = " (a section is [global], [unicast_master_table] or [interface])";
        assertError("[global\npriority1 1\n", 1, "t.cfg:1: malformed section header '[global' at line 1" + why);
        assertError("[global]\n[eth0]]\n", 2, "t.cfg:2: malformed section header '[eth0]]' at line 2" + why);
        assertError("[global]\n\n[eth0 eth1]\n", 3, "t.cfg:3: malformed section header '[eth0 eth1]' at line 3" + why);
        assertError("[[eth0]\n", 1, "t.cfg:1: malformed section header '[[eth0]' at line 1" + why);
        PtpConfig ok = load("[global]\n[ eth0 ]\nlogSyncInterval -3\n[GLOBAL]\n");
        assertEquals(java.util.List.of("eth0"), ok.interfaces());
        assertEquals("t.cfg:2", ok.interfaceOrigin("eth0"));
    }

    private static PtpConfig load(String text) throws ConfigException {
        PtpConfig cfg = new PtpConfig();
        ConfigReader.read("t.cfg", text, cfg);
        return cfg;
    }

    private static void assertError(String text, int line, String message) {
        ConfigException e = assertThrows(ConfigException.class, () -> load(text));
        assertEquals(message, e.getMessage());
        assertEquals(line, e.line());
        assertEquals("t.cfg", e.file());
    }
}
