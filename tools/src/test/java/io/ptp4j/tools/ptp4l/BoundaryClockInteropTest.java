package io.ptp4j.tools.ptp4l;

import static io.ptp4j.testkit.Daemons.bin;
import static io.ptp4j.testkit.Daemons.noClock;
import static io.ptp4j.testkit.Daemons.stop;
import static io.ptp4j.testkit.Logs.tail;
import static org.junit.jupiter.api.Assertions.*;

import io.ptp4j.testkit.NetnsPair;
import io.ptp4j.testkit.Offsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;

/**
 * A ptp4j boundary clock in the middle of three namespaces: linuxptp grandmaster (A) -> ptp4j BC
 * with two ports (B: vB toward the GM, vB2 toward the client) -> linuxptp client (C). Everyone
 * runs free_running on the one machine clock, so every hop's offset is consistent with 0. The
 * client must see the BC as its parent but the linuxptp GM as its grandmaster, with
 * stepsRemoved 2.
 */
@Tag("interop")
class BoundaryClockInteropTest {
    /**
     * A line of three namespaces for {@code seconds}: linuxptp's grandmaster (gm.cfg) in A,
     * ptp4j's ptp4l ({@code middle}.cfg, its {@code ports}) in B, linuxptp's client (c.cfg) in C;
     * {@code flags} (transport, delay mechanism) for all three. Returns what the client's pmc says
     * of its CURRENT_DATA_SET and PARENT_DATA_SET; logs in gm.log, {@code middle}.log, c.log.
     */
    static String runLine(Path dir, List<String> flags, String middle, List<String> ports, int seconds) throws Exception {
        try (NetnsPair net = NetnsPair.create()) {
            String nsC = net.addThird();
            Process gm = net.start(net.nsA(), dir.resolve("gm.log"), ptp4l("ptp4l", List.of("-i", NetnsPair.IF_A), flags, dir.resolve("gm.cfg")));
            Process mid = net.start(net.nsB(), dir.resolve(middle + ".log"), ptp4l(bin("ptp4l"), ports, flags, dir.resolve(middle + ".cfg")));
            Process c = net.start(nsC, dir.resolve("c.log"), ptp4l("ptp4l", List.of("-i", NetnsPair.IF_C), flags, dir.resolve("c.cfg")));
            Thread.sleep(seconds * 1000L);
            String pmcOut = net.exec(nsC, Duration.ofSeconds(10), noClock("pmc", "-u", "-b", "0", "-s", dir.resolve("c.uds").toString(),
                    "GET CURRENT_DATA_SET", "GET PARENT_DATA_SET")).output();
            stop(c, mid, gm);
            return pmcOut;
        }
    }

    static String[] ptp4l(String program, List<String> ports, List<String> flags, Path cfg) {
        List<String> cmd = new ArrayList<>(List.of(program));
        cmd.addAll(ports);
        cmd.add("-S");
        cmd.addAll(flags);
        cmd.addAll(List.of("-m", "-f", cfg.toString()));
        return noClock(cmd.toArray(String[]::new));
    }

    /** The client's grandmaster is linuxptp's GM (its identity from gm.log), {@code steps} away. */
    static void assertClientsGrandmaster(Path dir, String pmcOut, int steps) throws Exception {
        String gmLog = Files.readString(dir.resolve("gm.log"));
        Matcher gmId = Pattern.compile("selected local clock (\\S+) as best master").matcher(gmLog);
        assertTrue(gmId.find(), gmLog);
        assertTrue(pmcOut.matches("(?s).*grandmasterIdentity\\s+" + Pattern.quote(gmId.group(1)) + ".*"), pmcOut);
        assertTrue(pmcOut.matches("(?s).*stepsRemoved\\s+" + steps + "\\b.*"), "stepsRemoved " + steps + "\n" + pmcOut);
    }

    /**
     * Plain: both BC ports from -i and [global]. Sections: the interfaces come from the BC's own
     * port sections, and [vB2] says delay_mechanism P2P (the client is P2P too): linuxptp reads
     * port keys per interface, and so must ptp4j, or the downstream link never measures a delay.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"plain", "sections"})
    void linuxptpGmPtp4jBoundaryClockLinuxptpClient(String layout, @TempDir Path dir) throws Exception {
        boolean sections = layout.equals("sections");
        String common = "free_running 1\nlogSyncInterval -3\nuse_syslog 0\n";
        Files.writeString(dir.resolve("gm.cfg"), "[global]\nmasterOnly 1\npriority1 100\n" + common + "uds_address " + dir.resolve("gm.uds") + "\n");
        Files.writeString(dir.resolve("bc.cfg"), "[global]\n" + common + "summary_interval -3\nuds_address " + dir.resolve("bc.uds") + "\n"
                + (sections ? "[" + NetnsPair.IF_B + "]\n[" + NetnsPair.IF_B2 + "]\ndelay_mechanism P2P\n" : ""));
        Files.writeString(dir.resolve("c.cfg"), "[global]\nslaveOnly 1\n" + common + "summary_interval -3\nuds_address " + dir.resolve("c.uds") + "\n"
                + (sections ? "delay_mechanism P2P\n" : ""));
        List<String> ports = sections ? List.of() : List.of("-i", NetnsPair.IF_B, "-i", NetnsPair.IF_B2);
        String pmcOut = runLine(dir, List.of(), "bc", ports, 30);
        String bcLog = Files.readString(dir.resolve("bc.log"));
        String cLog = Files.readString(dir.resolve("c.log"));
        System.out.println("---- ptp4j BC (" + layout + ")\n" + tail(bcLog, 6) + "---- linuxptp client\n" + tail(cLog, 4) + "---- client's pmc\n" + pmcOut);
        assertTrue(bcLog.matches("(?s).*port 1 \\(vB\\): (LISTENING|MASTER) to UNCALIBRATED on RS_SLAVE.*"), bcLog);
        assertTrue(bcLog.matches("(?s).*port 2 \\(vB2\\): LISTENING to (PRE_MASTER|MASTER) on (RS_MASTER|ANNOUNCE_RECEIPT_TIMEOUT_EXPIRES).*"), bcLog);
        assertTrue(cLog.contains("LISTENING to UNCALIBRATED on RS_SLAVE"), cLog);
        // the grandmaster as the client sees it: linuxptp's GM, two steps away, the BC its parent
        assertClientsGrandmaster(dir, pmcOut, 2);
        Offsets.of(bcLog).atLeast(3).secondHalf().assertNearZero("BC");
        Offsets.of(cLog).atLeast(3).secondHalf().assertNearZero("client");
    }

    /**
     * A ptp4j transparent clock in the middle: E2E_TC over UDPv4, P2P_TC over raw Ethernet. The TC
     * is invisible to the BMCA: the linuxptp client's parent is the linuxptp GM itself
     * (stepsRemoved 1), and its offset stays consistent with 0 through the TC's corrections.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"E2E_TC,-4,-E", "P2P_TC,-2,-P"})
    void linuxptpGmPtp4jTransparentClockLinuxptpClient(String type, String transport, String delay, @TempDir Path dir) throws Exception {
        String common = "free_running 1\nlogSyncInterval -3\nuse_syslog 0\n";
        Files.writeString(dir.resolve("gm.cfg"), "[global]\nmasterOnly 1\n" + common + "uds_address " + dir.resolve("gm.uds") + "\n");
        Files.writeString(dir.resolve("tc.cfg"), "[global]\nclock_type " + type + "\n" + common + "uds_address " + dir.resolve("tc.uds") + "\n");
        Files.writeString(dir.resolve("c.cfg"), "[global]\nslaveOnly 1\n" + common + "summary_interval -3\nuds_address " + dir.resolve("c.uds") + "\n");
        String pmcOut = runLine(dir, List.of(transport, delay), "tc", List.of("-i", NetnsPair.IF_B, "-i", NetnsPair.IF_B2), 28);
        String tcLog = Files.readString(dir.resolve("tc.log"));
        String cLog = Files.readString(dir.resolve("c.log"));
        System.out.println("---- ptp4j " + type + "\n" + tail(tcLog, 4) + "---- linuxptp client\n" + tail(cLog, 4) + "---- client's pmc\n" + pmcOut);
        assertTrue(cLog.contains("to UNCALIBRATED on RS_SLAVE"), cLog);
        assertClientsGrandmaster(dir, pmcOut, 1); // a TC is not a hop of the BMCA
        Offsets.of(cLog).atLeast(3).secondHalf().assertNearZero("linuxptp client through ptp4j " + type);
    }
}
