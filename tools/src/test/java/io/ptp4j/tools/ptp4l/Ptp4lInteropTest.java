package io.ptp4j.tools.ptp4l;

import static io.ptp4j.testkit.Daemons.bin;
import static io.ptp4j.testkit.Daemons.noClock;
import static io.ptp4j.testkit.Daemons.stop;
import static io.ptp4j.testkit.Logs.tail;
import static org.junit.jupiter.api.Assertions.*;

import io.ptp4j.testkit.Contains;
import io.ptp4j.testkit.NetnsPair;
import io.ptp4j.testkit.Offsets;
import io.ptp4j.testkit.TestData;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * ptp4j's bin/ptp4l against Debian's linuxptp ptp4l, both ways, over a veth pair between two
 * network namespaces this test creates. Every daemon runs under setpriv without CAP_SYS_TIME
 * and with free_running 1: nothing can touch the machine's clock. Both read the same clock, so
 * the true offset is 0 and every reported offset is measurement noise.
 */
@Tag("interop")
class Ptp4lInteropTest {
    /** A free-running config at 8 Sync/s: {@code role} is "masterOnly" or "slaveOnly", then {@code extra} lines, then uds_address. */
    static String config(String role, String extra, Path uds) {
        return "[global]\n" + role + " 1\nfree_running 1\nlogSyncInterval -3\n" + extra + "uds_address " + uds + "\n";
    }

    /**
     * Runs {@code master} in namespace A (log m.log) and {@code client} in B (log s.log), both
     * under setpriv without CAP_SYS_TIME, for {@code seconds}; then stops both. Returns the client's log.
     */
    static String runPair(Path dir, List<String> master, List<String> client, int seconds) throws Exception {
        try (NetnsPair net = NetnsPair.create()) {
            Process m = net.start(net.nsA(), dir.resolve("m.log"), noClock(master.toArray(String[]::new)));
            Process s = net.start(net.nsB(), dir.resolve("s.log"), noClock(client.toArray(String[]::new)));
            Thread.sleep(seconds * 1000L);
            stop(s, m);
        }
        return Files.readString(dir.resolve("s.log"));
    }

    @Test
    void linuxptpMasterPtp4jClientUdpv4(@TempDir Path dir) throws Exception {
        Path mcfg = dir.resolve("m.cfg"), scfg = dir.resolve("s.cfg");
        Files.writeString(mcfg, config("masterOnly", "", dir.resolve("m.uds")));
        Path uds = dir.resolve("ptp4j-uds");
        Files.writeString(scfg, config("slaveOnly", "summary_interval -3\nuse_syslog 0\nmetrics_port 9187\n", uds));
        try (NetnsPair net = NetnsPair.create()) {
            Process m = net.start(net.nsA(), dir.resolve("m.log"), noClock("ptp4l", "-i", NetnsPair.IF_A, "-S", "-m", "-f", mcfg.toString()));
            Process s = net.start(net.nsB(), dir.resolve("s.log"), noClock(bin("ptp4l"), "-i", NetnsPair.IF_B, "-S", "-m", "-f", scfg.toString()));
            Thread.sleep(26_000);
            // linuxptp's own pmc asks ptp4j's ptp4l over its management socket.
            NetnsPair.Result pmc = net.exec(net.nsB(), Duration.ofSeconds(10), noClock("pmc", "-u", "-b", "0", "-s", uds.toString(),
                    "GET DEFAULT_DATA_SET", "GET CURRENT_DATA_SET", "GET PARENT_DATA_SET", "GET PORT_DATA_SET", "GET TIME_STATUS_NP",
                    "GET TIME_PROPERTIES_DATA_SET", "GET PRIORITY1", "GET DOMAIN"));
            System.out.println("---- linuxptp pmc against ptp4j\n" + pmc.output());
            String out = pmc.output();
            Contains.all(out, "RESPONSE MANAGEMENT DEFAULT_DATA_SET", "\t\tslaveOnly               1", "\t\tclockClass              255",
                    "\t\tstepsRemoved     1", "\t\tgmPresent                  true", "\t\tcurrentUtcOffset      37", "RESPONSE MANAGEMENT PRIORITY1");
            assertTrue(out.matches("(?s).*\t\tportState +(UNCALIBRATED|SLAVE).*"), out);
            // Prometheus metrics on 127.0.0.1:9187 inside the client's namespace (bash's /dev/tcp: no curl needed).
            String metrics = net.httpGet(net.nsB(), 9187, "/metrics");
            System.out.println("---- metrics (head)\n" + tail(metrics.lines().filter(l -> l.startsWith("ptp4j_")).limit(8)
                    .reduce("", (a, b) -> a + b + "\n"), 8));
            assertTrue(metrics.contains("HTTP/1.1 200"), metrics);
            assertTrue(metrics.matches("(?s).*\nptp4j_offset_ns\\{[^}]*iface=\"vB\"[^}]*\\} -?\\d+.*"), metrics);
            assertTrue(metrics.matches("(?s).*\nptp4j_servo_samples(_total)?\\{[^}]*\\} [1-9]\\d*.*"), metrics);
            stop(s, m);
            String log = Files.readString(dir.resolve("s.log"));
            System.out.println("---- ptp4j client log (tail)\n" + tail(log, 12));
            assertTrue(log.contains("port 1 (vB): LISTENING to UNCALIBRATED on RS_SLAVE"), log);
            assertTrue(log.contains("selected best master clock"), log);
            Offsets steady = Offsets.of(log).atLeast(21).secondHalf();
            for (Offsets.Sample x : steady.samples()) assertEquals(0, x.state(), "free_running stays s0");
            steady.assertNearZero("ptp4j client vs linuxptp master").assertDelayPlausible("ptp4j client");
        }
    }

    /** The same over UDPv6 (E2E) and raw Ethernet (P2P): linuxptp master, ptp4j client. */
    @ParameterizedTest
    @CsvSource({"-6,-E", "-2,-P"})
    void linuxptpMasterPtp4jClientOtherTransports(String transport, String delay, @TempDir Path dir) throws Exception {
        Path mcfg = dir.resolve("m.cfg"), scfg = dir.resolve("s.cfg");
        Files.writeString(mcfg, config("masterOnly", "", dir.resolve("m.uds")));
        Files.writeString(scfg, config("slaveOnly", "summary_interval -3\nuse_syslog 0\n", dir.resolve("s.uds")));
        String log = runPair(dir, List.of("ptp4l", "-i", NetnsPair.IF_A, "-S", transport, delay, "-m", "-f", mcfg.toString()),
                List.of(bin("ptp4l"), "-i", NetnsPair.IF_B, "-S", transport, delay, "-m", "-f", scfg.toString()), 24);
        System.out.println("---- ptp4j client " + transport + " " + delay + " (tail)\n" + tail(log, 4));
        assertTrue(log.contains("LISTENING to UNCALIBRATED on RS_SLAVE"), log);
        Offsets.of(log).atLeast(21).secondHalf().assertNearZero("ptp4j client " + transport + " " + delay).assertDelayPlausible(transport);
    }

    /** The 802.1AS (gPTP) profile with the linuxptp 3.1.1 vectors' own configs: L2, P2P, transportSpecific 1. */
    @Test
    void gptpLinuxptpMasterPtp4jClient(@TempDir Path dir) throws Exception {
        Path mcfg = dir.resolve("m.cfg"), scfg = dir.resolve("s.cfg");
        Files.writeString(mcfg, TestData.vectorConfig("gptp-master.cfg", dir.resolve("m.uds")));
        Files.writeString(scfg, TestData.vectorConfig("gptp-slave.cfg", dir.resolve("s.uds")) + "use_syslog 0\nsummary_interval -3\n");
        String log = runPair(dir, List.of("ptp4l", "-i", NetnsPair.IF_A, "-S", "-m", "-f", mcfg.toString()),
                List.of(bin("ptp4l"), "-i", NetnsPair.IF_B, "-S", "-m", "-f", scfg.toString()), 24);
        assertTrue(log.contains("to UNCALIBRATED on RS_SLAVE"), log);
        Offsets.of(log).atLeast(21).secondHalf().assertNearZero("ptp4j gPTP client").assertDelayPlausible("gPTP peer delay");
    }

    /** ptp4j master, linuxptp client: UDPv4 and UDPv6 (E2E), raw Ethernet (P2P), and gPTP with the vectors' configs. */
    @ParameterizedTest
    @CsvSource({"-4,-E", "-6,-E", "-2,-P", "gPTP,"})
    void ptp4jMasterLinuxptpClient(String transport, String delay, @TempDir Path dir) throws Exception {
        Path mcfg = dir.resolve("m.cfg"), scfg = dir.resolve("s.cfg");
        List<String> mArgs = new ArrayList<>(List.of(bin("ptp4l"), "-i", NetnsPair.IF_A, "-S", "-m", "-f", mcfg.toString()));
        List<String> sArgs = new ArrayList<>(List.of("ptp4l", "-i", NetnsPair.IF_B, "-S", "-m", "-f", scfg.toString()));
        if (transport.equals("gPTP")) {
            Files.writeString(mcfg, TestData.vectorConfig("gptp-master.cfg", dir.resolve("m.uds")) + "use_syslog 0\n");
            Files.writeString(scfg, TestData.vectorConfig("gptp-slave.cfg", dir.resolve("s.uds")));
        } else {
            Files.writeString(mcfg, config("masterOnly", "use_syslog 0\n", dir.resolve("m.uds")));
            Files.writeString(scfg, config("slaveOnly", "summary_interval -3\n", dir.resolve("s.uds")));
            for (List<String> a : List.of(mArgs, sArgs)) a.addAll(List.of(transport, delay));
        }
        try (NetnsPair net = NetnsPair.create()) {
            Process m = net.start(net.nsA(), dir.resolve("m.log"), noClock(mArgs.toArray(String[]::new)));
            Process s = net.start(net.nsB(), dir.resolve("s.log"), noClock(sArgs.toArray(String[]::new)));
            Thread.sleep(26_000);
            // linuxptp's gPTP client with free_running logs no offsets (as in the vectors' gptp.slave.log):
            // ask it over management instead.
            NetnsPair.Result status = transport.equals("gPTP") ? net.exec(net.nsB(), Duration.ofSeconds(10),
                    noClock("pmc", "-u", "-b", "0", "-t", "1", "-s", dir.resolve("s.uds").toString(), "GET TIME_STATUS_NP")) : null;
            stop(s, m);
            String mlog = Files.readString(dir.resolve("m.log"));
            String log = Files.readString(dir.resolve("s.log"));
            if (status != null) {
                System.out.println("---- linuxptp gPTP client's TIME_STATUS_NP\n" + status.output());
                assertTrue(log.contains("to UNCALIBRATED on RS_SLAVE"), log);
                Matcher gm = Pattern.compile("gmIdentity\\s+(\\S+)").matcher(status.output());
                Matcher off = Pattern.compile("master_offset\\s+(-?\\d+)").matcher(status.output());
                assertTrue(gm.find() && off.find(), status.output());
                assertTrue(status.output().contains("gmPresent                  true"), status.output());
                assertTrue(mlog.contains("selected local clock " + gm.group(1)), "the client's grandmaster is ptp4j: " + gm.group(1) + "\n" + mlog);
                long o = Long.parseLong(off.group(1));
                System.out.printf("linuxptp client vs ptp4j master gPTP: master_offset %d ns%n", o);
                assertTrue(Math.abs(o) < 20_000, "offset consistent with 0: " + o);
                return;
            }
            System.out.println("---- ptp4j master log\n" + tail(mlog, 8) + "---- linuxptp client log (tail)\n" + tail(log, 8));
            assertTrue(mlog.contains("port 1 (vA): assuming the grand master role"), mlog);
            assertTrue(log.contains("to UNCALIBRATED on RS_SLAVE"), log); // the gPTP client is not slaveOnly: it may be MASTER first
            // linuxptp 3.1.1 with free_running logs one offset per 2^freq_est_interval s (LINUX-NOTES): all of them count.
            Offsets.of(log).atLeast(3).assertNearZero("linuxptp client vs ptp4j master " + transport + " " + delay);
        }
    }
}
