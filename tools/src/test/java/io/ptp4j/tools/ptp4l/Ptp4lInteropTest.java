package io.ptp4j.tools.ptp4l;

import static org.junit.jupiter.api.Assertions.*;

import io.ptp4j.testkit.NetnsPair;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ptp4j's bin/ptp4l against Debian's linuxptp ptp4l, both ways, over a veth pair between two
 * network namespaces this test creates. Every daemon runs under setpriv without CAP_SYS_TIME
 * and with free_running 1: nothing can touch the machine's clock. Both read the same clock, so
 * the true offset is 0 and every reported offset is measurement noise.
 */
@Tag("interop")
class Ptp4lInteropTest {
    static final String[] NO_CLOCK = {"setpriv", "--bounding-set", "-sys_time", "--inh-caps", "-sys_time"};
    static final Pattern OFFSET = Pattern.compile("master offset +(-?\\d+) s(\\d) freq +([+-]\\d+) path delay +(-?\\d+)");

    static String launcher() {
        String root = System.getProperty("ptp4j.root", "..");
        Path p = Paths.get(root, "bin", "ptp4l").toAbsolutePath().normalize();
        assertTrue(Files.isExecutable(p), p + " missing");
        return p.toString();
    }

    static String[] cmd(String... c) {
        String[] all = new String[NO_CLOCK.length + c.length];
        System.arraycopy(NO_CLOCK, 0, all, 0, NO_CLOCK.length);
        System.arraycopy(c, 0, all, NO_CLOCK.length, c.length);
        return all;
    }

    static List<long[]> offsets(String log) {
        List<long[]> l = new ArrayList<>();
        Matcher m = OFFSET.matcher(log);
        while (m.find()) l.add(new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(4))});
        return l;
    }

    static long median(List<Long> v) {
        List<Long> s = new ArrayList<>(v);
        s.sort(null);
        return s.get(s.size() / 2);
    }

    @Test
    void linuxptpMasterPtp4jClientUdpv4(@TempDir Path dir) throws Exception {
        Path mcfg = dir.resolve("m.cfg"), scfg = dir.resolve("s.cfg");
        Files.writeString(mcfg, "[global]\nmasterOnly 1\nfree_running 1\nlogSyncInterval -3\nuds_address " + dir.resolve("m.uds") + "\n");
        Path uds = dir.resolve("ptp4j-uds");
        Files.writeString(scfg, "[global]\nslaveOnly 1\nfree_running 1\nlogSyncInterval -3\nsummary_interval -3\nuse_syslog 0\nuds_address "
                + uds + "\nmetrics_port 9187\n");
        try (NetnsPair net = NetnsPair.create()) {
            Process m = net.start(net.nsA(), dir.resolve("m.log"), cmd("ptp4l", "-i", NetnsPair.IF_A, "-S", "-m", "-f", mcfg.toString()));
            Process s = net.start(net.nsB(), dir.resolve("s.log"), cmd(launcher(), "-i", NetnsPair.IF_B, "-S", "-m", "-f", scfg.toString()));
            Thread.sleep(26_000);
            // linuxptp's own pmc asks ptp4j's ptp4l over its management socket.
            NetnsPair.Result pmc = net.exec(net.nsB(), java.time.Duration.ofSeconds(10), cmd("pmc", "-u", "-b", "0", "-s", uds.toString(),
                    "GET DEFAULT_DATA_SET", "GET CURRENT_DATA_SET", "GET PARENT_DATA_SET", "GET PORT_DATA_SET", "GET TIME_STATUS_NP",
                    "GET TIME_PROPERTIES_DATA_SET", "GET PRIORITY1", "GET DOMAIN"));
            System.out.println("---- linuxptp pmc against ptp4j\n" + pmc.output());
            String out = pmc.output();
            assertTrue(out.contains("RESPONSE MANAGEMENT DEFAULT_DATA_SET"), out);
            assertTrue(out.contains("\t\tslaveOnly               1"), out);
            assertTrue(out.contains("\t\tclockClass              255"), out);
            assertTrue(out.contains("\t\tstepsRemoved     1"), out);
            assertTrue(out.matches("(?s).*\t\tportState +(UNCALIBRATED|SLAVE).*"), out);
            assertTrue(out.contains("\t\tgmPresent                  true"), out);
            assertTrue(out.contains("\t\tcurrentUtcOffset      37"), out);
            assertTrue(out.contains("RESPONSE MANAGEMENT PRIORITY1"), out);
            // Prometheus metrics on 127.0.0.1:9187 inside the client's namespace (bash's /dev/tcp: no curl needed).
            NetnsPair.Result scrape = net.exec(net.nsB(), java.time.Duration.ofSeconds(10), "bash", "-c",
                    "exec 3<>/dev/tcp/127.0.0.1/9187; printf 'GET /metrics HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3; cat <&3");
            String metrics = scrape.output();
            System.out.println("---- metrics (head)\n" + tail(metrics.lines().filter(l -> l.startsWith("ptp4j_")).limit(8)
                    .reduce("", (a, b) -> a + b + "\n"), 8));
            assertTrue(metrics.contains("HTTP/1.1 200"), metrics);
            assertTrue(metrics.matches("(?s).*\nptp4j_offset_ns\\{[^}]*iface=\"vB\"[^}]*\\} -?\\d+.*"), metrics);
            assertTrue(metrics.matches("(?s).*\nptp4j_servo_samples(_total)?\\{[^}]*\\} [1-9]\\d*.*"), metrics);
            s.destroy();
            m.destroy();
            s.waitFor();
            m.waitFor();
            String log = Files.readString(dir.resolve("s.log"));
            System.out.println("---- ptp4j client log (tail)\n" + tail(log, 12));
            assertTrue(log.contains("port 1 (vB): LISTENING to UNCALIBRATED on RS_SLAVE"), log);
            assertTrue(log.contains("selected best master clock"), log);
            List<long[]> o = offsets(log);
            assertTrue(o.size() > 20, "offset samples: " + o.size());
            List<Long> offs = new ArrayList<>(), delays = new ArrayList<>();
            for (long[] x : o.subList(o.size() / 2, o.size())) {
                offs.add(x[0]);
                delays.add(x[2]);
                assertEquals(0, x[1], "free_running stays s0");
            }
            long medOffset = median(offs), medDelay = median(delays);
            System.out.printf("ptp4j client vs linuxptp master: median offset %d ns, median path delay %d ns%n", medOffset, medDelay);
            assertTrue(Math.abs(medOffset) < 5_000, "offset consistent with 0: " + medOffset);
            assertTrue(medDelay > 0 && medDelay < 50_000, "path delay " + medDelay);
        }
    }

    /** The same over UDPv6 (E2E) and raw Ethernet (P2P): linuxptp master, ptp4j client. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"-6,-E", "-2,-P"})
    void linuxptpMasterPtp4jClientOtherTransports(String transport, String delay, @TempDir Path dir) throws Exception {
        Path mcfg = dir.resolve("m.cfg"), scfg = dir.resolve("s.cfg");
        Files.writeString(mcfg, "[global]\nmasterOnly 1\nfree_running 1\nlogSyncInterval -3\nuds_address " + dir.resolve("m.uds") + "\n");
        Files.writeString(scfg, "[global]\nslaveOnly 1\nfree_running 1\nlogSyncInterval -3\nsummary_interval -3\nuse_syslog 0\nuds_address "
                + dir.resolve("s.uds") + "\n");
        try (NetnsPair net = NetnsPair.create()) {
            Process m = net.start(net.nsA(), dir.resolve("m.log"), cmd("ptp4l", "-i", NetnsPair.IF_A, "-S", transport, delay, "-m", "-f", mcfg.toString()));
            Process s = net.start(net.nsB(), dir.resolve("s.log"), cmd(launcher(), "-i", NetnsPair.IF_B, "-S", transport, delay, "-m", "-f", scfg.toString()));
            Thread.sleep(24_000);
            s.destroy();
            m.destroy();
            s.waitFor();
            m.waitFor();
            String log = Files.readString(dir.resolve("s.log"));
            System.out.println("---- ptp4j client " + transport + " " + delay + " (tail)\n" + tail(log, 4));
            assertTrue(log.contains("LISTENING to UNCALIBRATED on RS_SLAVE"), log);
            List<long[]> o = offsets(log);
            assertTrue(o.size() > 20, "offset samples: " + o.size() + "\n" + log);
            List<Long> offs = new ArrayList<>(), delays = new ArrayList<>();
            for (long[] x : o.subList(o.size() / 2, o.size())) {
                offs.add(x[0]);
                delays.add(x[2]);
            }
            System.out.printf("ptp4j client %s %s: median offset %d ns, median path delay %d ns%n", transport, delay, median(offs), median(delays));
            assertTrue(Math.abs(median(offs)) < 5_000, "offset consistent with 0: " + median(offs));
            assertTrue(median(delays) > 0 && median(delays) < 50_000, "path delay " + median(delays));
        }
    }

    /** The 802.1AS (gPTP) profile with the shared vectors' own configs: L2, P2P, transportSpecific 1. */
    @Test
    void gptpLinuxptpMasterPtp4jClient(@TempDir Path dir) throws Exception {
        Path shared = Paths.get(System.getProperty("ptp4j.shared", "../../shared"), "linuxptp-vectors");
        Path mcfg = dir.resolve("m.cfg"), scfg = dir.resolve("s.cfg");
        Files.writeString(mcfg, Files.readString(shared.resolve("gptp-master.cfg")).replace("/tmp/ptp4l-a", dir.resolve("m.uds").toString()));
        Files.writeString(scfg, Files.readString(shared.resolve("gptp-slave.cfg")).replace("/tmp/ptp4l-b", dir.resolve("s.uds").toString())
                + "use_syslog 0\nsummary_interval -3\n");
        try (NetnsPair net = NetnsPair.create()) {
            Process m = net.start(net.nsA(), dir.resolve("m.log"), cmd("ptp4l", "-i", NetnsPair.IF_A, "-S", "-m", "-f", mcfg.toString()));
            Process s = net.start(net.nsB(), dir.resolve("s.log"), cmd(launcher(), "-i", NetnsPair.IF_B, "-S", "-m", "-f", scfg.toString()));
            Thread.sleep(24_000);
            s.destroy();
            m.destroy();
            s.waitFor();
            m.waitFor();
            String log = Files.readString(dir.resolve("s.log"));
            assertTrue(log.contains("to UNCALIBRATED on RS_SLAVE"), log);
            List<long[]> o = offsets(log);
            assertTrue(o.size() > 20, "offset samples: " + o.size() + "\n" + log);
            List<Long> offs = new ArrayList<>(), delays = new ArrayList<>();
            for (long[] x : o.subList(o.size() / 2, o.size())) {
                offs.add(x[0]);
                delays.add(x[2]);
            }
            System.out.printf("ptp4j gPTP client: median offset %d ns, median peer delay %d ns%n", median(offs), median(delays));
            assertTrue(Math.abs(median(offs)) < 5_000, "offset consistent with 0: " + median(offs));
            assertTrue(median(delays) > 0 && median(delays) < 50_000, "peer delay " + median(delays));
        }
    }

    /** ptp4j master, linuxptp client: UDPv4 and UDPv6 (E2E), raw Ethernet (P2P), and gPTP with the vectors' configs. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"-4,-E", "-6,-E", "-2,-P", "gPTP,"})
    void ptp4jMasterLinuxptpClient(String transport, String delay, @TempDir Path dir) throws Exception {
        Path mcfg = dir.resolve("m.cfg"), scfg = dir.resolve("s.cfg");
        List<String> mArgs = new ArrayList<>(List.of(launcher(), "-i", NetnsPair.IF_A, "-S", "-m", "-f", mcfg.toString()));
        List<String> sArgs = new ArrayList<>(List.of("ptp4l", "-i", NetnsPair.IF_B, "-S", "-m", "-f", scfg.toString()));
        if (transport.equals("gPTP")) {
            Path shared = Paths.get(System.getProperty("ptp4j.shared", "../../shared"), "linuxptp-vectors");
            Files.writeString(mcfg, Files.readString(shared.resolve("gptp-master.cfg")).replace("/tmp/ptp4l-a", dir.resolve("m.uds").toString())
                    + "use_syslog 0\n");
            Files.writeString(scfg, Files.readString(shared.resolve("gptp-slave.cfg")).replace("/tmp/ptp4l-b", dir.resolve("s.uds").toString()));
        } else {
            Files.writeString(mcfg, "[global]\nmasterOnly 1\nfree_running 1\nlogSyncInterval -3\nuse_syslog 0\nuds_address " + dir.resolve("m.uds") + "\n");
            Files.writeString(scfg, "[global]\nslaveOnly 1\nfree_running 1\nlogSyncInterval -3\nsummary_interval -3\nuds_address " + dir.resolve("s.uds") + "\n");
            for (List<String> a : List.of(mArgs, sArgs)) a.addAll(List.of(transport, delay));
        }
        try (NetnsPair net = NetnsPair.create()) {
            Process m = net.start(net.nsA(), dir.resolve("m.log"), cmd(mArgs.toArray(new String[0])));
            Process s = net.start(net.nsB(), dir.resolve("s.log"), cmd(sArgs.toArray(new String[0])));
            Thread.sleep(26_000);
            // linuxptp's gPTP client with free_running logs no offsets (as in the vectors' gptp.slave.log):
            // ask it over management instead.
            NetnsPair.Result status = transport.equals("gPTP") ? net.exec(net.nsB(), java.time.Duration.ofSeconds(10),
                    cmd("pmc", "-u", "-b", "0", "-t", "1", "-s", dir.resolve("s.uds").toString(), "GET TIME_STATUS_NP")) : null;
            s.destroy();
            m.destroy();
            s.waitFor();
            m.waitFor();
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
            List<long[]> o = offsets(log);
            // linuxptp 3.1.1 with free_running logs one offset per 2^freq_est_interval s (LINUX-NOTES).
            assertTrue(o.size() >= 3, "linuxptp reported " + o.size() + " offsets");
            List<Long> offs = new ArrayList<>();
            for (long[] x : o) offs.add(x[0]);
            long med = median(offs);
            System.out.printf("linuxptp client vs ptp4j master %s %s: median offset %d ns%n", transport, delay, med);
            assertTrue(Math.abs(med) < 5_000, "offset consistent with 0: " + med);
        }
    }

    static String tail(String s, int n) {
        String[] l = s.split("\n");
        StringBuilder sb = new StringBuilder();
        for (int i = Math.max(0, l.length - n); i < l.length; i++) sb.append(l[i]).append('\n');
        return sb.toString();
    }
}
