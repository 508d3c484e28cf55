package io.ptp4j.tools.doctor;

import io.ptp4j.tools.ops.ProcScanner;
import io.ptp4j.tools.ops.TimeProcess;
import static org.junit.jupiter.api.Assertions.*;

import io.ptp4j.linux.ethtool.TsInfo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DoctorTest {
    static final TsInfo HW = new TsInfo(0x5F, 0, 0x3, 0x1);    // hw tx/rx/raw + sw, /dev/ptp0
    static final TsInfo HW_NO_PHC = new TsInfo(0x5F, -1, 0x3, 0x1);
    static final TsInfo SW = new TsInfo(0x1A, -1, 0, 0);       // software tx/rx + system clock (veth, lo)
    static final TsInfo NONE = new TsInfo(0, -1, 0, 0);

    @TempDir Path proc;

    /** A fake /proc/PID with comm, NUL-separated cmdline, status (PPid), a cwd file and a net namespace file. */
    void process(long pid, String comm, long ppid, String netns, String... argv) throws IOException {
        Path d = Files.createDirectories(proc.resolve(Long.toString(pid)));
        Files.writeString(d.resolve("comm"), comm + "\n");
        Files.writeString(d.resolve("cmdline"), String.join("\0", argv) + "\0", StandardCharsets.UTF_8);
        Files.writeString(d.resolve("status"), "Name:\t" + comm + "\nPPid:\t" + ppid + "\n");
        Files.writeString(d.resolve("cwd"), proc.toString());
        Files.createDirectories(d.resolve("ns"));
        Files.writeString(d.resolve("ns").resolve("net"), netns);
    }

    void self(String netns) throws IOException {
        Files.createDirectories(proc.resolve("self").resolve("ns"));
        Files.writeString(proc.resolve("self").resolve("ns").resolve("net"), netns);
    }

    static TimeProcess tp(long pid, String kind, String parent, String... args) {
        return new TimeProcess(pid, -1, kind, false, List.of(args), null, parent, "net:[1]");
    }

    static Ptp4lStatus status(String state, long... offsets) {
        List<Long> o = new ArrayList<>();
        for (long v : offsets) o.add(v);
        return new Ptp4lStatus(List.of(state), o, 2300, 1, true, "001122.fffe.334455");
    }

    // ---- timestamping

    @Test
    void timestampingVerdicts() {
        assertEquals(Severity.OK, Checks.timestamping("eth0", i -> HW, true).severity());
        assertTrue(Checks.timestamping("eth0", i -> HW, true).summary().contains("/dev/ptp0"));
        assertEquals(Severity.WARN, Checks.timestamping("eth0", i -> HW_NO_PHC, true).severity());
        assertEquals(Severity.WARN, Checks.timestamping("veth0", i -> SW, false).severity());
        Finding swButHw = Checks.timestamping("veth0", i -> SW, true);
        assertEquals(Severity.ERROR, swButHw.severity());
        assertTrue(swButHw.fix().contains("-S"), swButHw.fix());
        assertEquals(Severity.ERROR, Checks.timestamping("dummy0", i -> NONE, false).severity());
        Finding missing = Checks.timestamping("ptp4jnone0", i -> {
            throw new IOException("No such device");
        }, false);
        assertEquals(Severity.ERROR, missing.severity());
        assertTrue(missing.summary().contains("ptp4jnone0") && missing.summary().contains("No such device"));
    }

    // ---- processes

    @Test
    void procScannerFindsLinuxptpPtp4jAndTheirParentsAndConfig() throws Exception {
        process(1, "systemd", 0, "net:[1]", "/sbin/init");
        process(10, "timemaster", 1, "net:[1]", "timemaster", "-f", "/etc/timemaster.conf");
        process(11, "chronyd", 10, "net:[1]", "chronyd", "-n");
        process(20, "ptp4l", 1, "net:[1]", "ptp4l", "-i", "eth0", "-f", "rel.cfg");
        process(30, "java", 1, "net:[2]", "/usr/lib/jvm/bin/java", "-cp", "x", "io.ptp4j.tools.Main", "ptp4j", "ptp4l", "-i", "vB", "-s",
                "--metrics-port", "9187");
        process(31, "java", 1, "net:[1]", "/usr/lib/jvm/bin/java", "-cp", "x", "io.ptp4j.tools.Main", "phc2sys", "-a", "-r");
        process(40, "bash", 1, "net:[1]", "bash");
        Files.writeString(proc.resolve("rel.cfg"), "[global]\npriority1 255\ntime_stamping software\n");
        List<TimeProcess> found = new ProcScanner(proc).scan(999);
        assertEquals(List.of(10L, 11L, 20L, 30L, 31L), found.stream().map(TimeProcess::pid).toList());
        TimeProcess chrony = found.get(1);
        assertTrue(chrony.underTimemaster());
        TimeProcess linuxptp = found.get(2);
        assertFalse(linuxptp.ptp4j());
        DaemonConfig lc = DaemonConfig.of(linuxptp);
        assertNull(lc.problem(), lc.problem());
        assertEquals(255, lc.config().getInt("priority1"), "relative -f resolved against the daemon's cwd");
        assertEquals(List.of("eth0"), lc.interfaces());
        assertFalse(lc.hardwareTimestamping());
        TimeProcess j = found.get(3);
        assertTrue(j.ptp4j());
        assertEquals("ptp4l", j.kind());
        assertEquals("net:[2]", j.netns());
        DaemonConfig jc = DaemonConfig.of(j);
        assertEquals(1, jc.config().getInt("clientOnly"));
        assertEquals(9187, jc.config().getInt("metrics_port"));
        assertEquals("phc2sys", found.get(4).kind());
        assertTrue(found.get(4).ptp4j());
    }

    @Test
    void unreadableConfigIsReportedNotFatal() {
        TimeProcess p = new TimeProcess(5, -1, "ptp4l", false, List.of("-i", "eth0", "-f", "/nonexistent/ptp4j/x.cfg"), "/", null, null);
        DaemonConfig c = DaemonConfig.of(p);
        assertNotNull(c.problem());
        Finding f = Checks.ptp4lRunning(p, c, null);
        assertEquals(Severity.WARN, f.severity());
        assertTrue(f.summary().contains("/nonexistent/ptp4j/x.cfg"), f.summary());
    }

    @Test
    void timeDaemonConflicts() {
        Map<Long, DaemonConfig> cfg = new HashMap<>();
        TimeProcess hwPtp = tp(20, "ptp4l", "systemd", "-i", "eth0", "-H");
        cfg.put(20L, DaemonConfig.of(hwPtp));
        // chronyd next to a phc2sys: both steer CLOCK_REALTIME
        List<Finding> f = Checks.timeDaemons(List.of(tp(11, "chronyd", "systemd"), hwPtp, tp(21, "phc2sys", "systemd", "-a", "-r")), cfg);
        assertEquals(Severity.ERROR, Doctor.worst(f), f.toString());
        assertTrue(f.get(0).fix().contains("systemctl disable --now chronyd"), f.get(0).fix());
        // the same under timemaster is its design
        f = Checks.timeDaemons(List.of(tp(11, "chronyd", "timemaster"), hwPtp, tp(21, "phc2sys", "timemaster")), cfg);
        assertEquals(Severity.OK, Doctor.worst(f), f.toString());
        // chronyd -x never touches the clock
        f = Checks.timeDaemons(List.of(tp(11, "chronyd", "systemd", "-x", "-f", "c.conf"), tp(21, "phc2sys", "systemd", "-a", "-r")), cfg);
        assertEquals(Severity.OK, Doctor.worst(f), f.toString());
        // chronyd while PTP only steers the NIC: informational
        f = Checks.timeDaemons(List.of(tp(11, "chronyd", "systemd"), hwPtp), cfg);
        assertEquals(Severity.INFO, Doctor.worst(f), f.toString());
        // timesyncd: its own fix
        f = Checks.timeDaemons(List.of(tp(7, "systemd-timesyncd", "systemd"), tp(21, "phc2sys", "systemd")), cfg);
        assertTrue(f.get(0).fix().contains("timedatectl set-ntp false"), f.toString());
        // two ptp4l on one interface
        TimeProcess other = tp(22, "ptp4l", "bash", "-i", "eth0", "-S");
        cfg.put(22L, DaemonConfig.of(other));
        f = Checks.timeDaemons(List.of(hwPtp, other), cfg);
        assertEquals(Severity.ERROR, Doctor.worst(f), f.toString());
        assertTrue(f.stream().anyMatch(x -> x.summary().contains("both run on eth0")), f.toString());
        // ... unless they are in different network namespaces (test setups, containers)
        TimeProcess elsewhere = new TimeProcess(23, -1, "ptp4l", true, List.of("-i", "eth0"), null, "bash", "net:[9]");
        cfg.put(23L, DaemonConfig.of(elsewhere));
        f = Checks.timeDaemons(List.of(hwPtp, elsewhere), cfg);
        assertEquals(Severity.INFO, Doctor.worst(f), f.toString());
        // two phc2sys
        f = Checks.timeDaemons(List.of(tp(21, "phc2sys", "systemd"), tp(24, "phc2sys", "systemd")), Map.of());
        assertEquals(Severity.WARN, Doctor.worst(f), f.toString());
        assertEquals(Severity.OK, Doctor.worst(Checks.timeDaemons(List.of(), Map.of())));
    }

    // ---- ptp4l state, offset, phc2sys, transparent clocks, client settings

    @Test
    void portStates() {
        assertEquals(Severity.OK, Checks.portState(status("SLAVE"), false).severity());
        assertTrue(Checks.portState(status("SLAVE"), false).summary().contains("001122.fffe.334455"));
        assertEquals(Severity.ERROR, Checks.portState(new Ptp4lStatus(List.of("SLAVE", "FAULTY"), List.of(), 0, 1, true, ""), false).severity());
        assertTrue(Checks.portState(new Ptp4lStatus(List.of("MASTER", "FAULTY"), List.of(), 0, 1, true, ""), false).summary()
                .contains("port 1 MASTER, port 2 FAULTY"));
        assertEquals(Severity.WARN, Checks.portState(status("LISTENING"), false).severity());
        assertEquals(Severity.WARN, Checks.portState(status("UNCALIBRATED"), false).severity());
        assertEquals(Severity.INFO, Checks.portState(status("UNCALIBRATED"), true).severity(), "free_running never locks");
        assertEquals(Severity.INFO, Checks.portState(status("MASTER"), false).severity());
    }

    @Test
    void offsetThresholds() {
        assertEquals(Severity.OK, Checks.offset(status("SLAVE", 40, -60, 20), true, false, null).severity());
        assertEquals(Severity.WARN, Checks.offset(status("SLAVE", 400, -600), true, false, null).severity());
        assertEquals(Severity.ERROR, Checks.offset(status("SLAVE", 4000, -6000), true, false, null).severity());
        assertEquals(Severity.OK, Checks.offset(status("SLAVE", 4000, -6000), false, false, null).severity(), "fine for software stamps");
        assertEquals(Severity.INFO, Checks.offset(status("SLAVE", 4000, -6000), true, true, null).severity(), "free_running: not corrected");
        Finding viaMetrics = Checks.offset(status("SLAVE", 4000), true, false, 35.0);
        assertEquals(Severity.OK, viaMetrics.severity(), "the metrics' rms window wins over a few samples");
        assertTrue(viaMetrics.summary().contains("metrics"));
        assertTrue(Checks.offset(status("SLAVE", 4000), true, false, 35.0, 80.0).summary().contains("max |offset| 80 ns"), "max from the same window");
        assertEquals(Severity.WARN, Checks.offset(status("SLAVE"), true, false, null).severity(), "no samples");
        assertEquals(Severity.INFO, Checks.offset(status("MASTER", 1), true, false, null).severity());
    }

    @Test
    void phc2sysBubble() {
        DaemonConfig hw = DaemonConfig.of(tp(20, "ptp4l", null, "-i", "eth0"));
        Finding bubble = Checks.phc2sys(hw, List.of());
        assertEquals(Severity.WARN, bubble.severity());
        assertTrue(bubble.summary().contains("bubble") && bubble.fix().contains("phc2sys -a -r"), bubble.toString());
        assertEquals(Severity.OK, Checks.phc2sys(hw, List.of(tp(21, "phc2sys", null))).severity());
        assertEquals(Severity.OK, Checks.phc2sys(DaemonConfig.of(tp(20, "ptp4l", null, "-i", "eth0", "-S")), List.of()).severity());
        assertEquals(Severity.INFO, Checks.phc2sys(DaemonConfig.of(tp(20, "ptp4l", null, "-i", "eth0", "--free_running", "1")), List.of()).severity());
    }

    @Test
    void transparentClocksFromMetrics() {
        assertEquals(Severity.INFO, Checks.transparentClocks(null).severity());
        Map<String, Double> none = Checks.parseMetrics("# HELP x\nptp4j_sync_correction_ns{process=\"ptp4l\",iface=\"eth0\",port=\"1\"} 0\n"
                + "ptp4j_corrected_syncs_total{process=\"ptp4l\",iface=\"eth0\",port=\"1\"} 0\n");
        Finding f = Checks.transparentClocks(none);
        assertEquals(Severity.INFO, f.severity());
        assertTrue(f.summary().contains("no transparent clock"));
        Map<String, Double> tc = Checks.parseMetrics("ptp4j_sync_correction_ns{process=\"ptp4l\",iface=\"eth0\",port=\"1\"} 850\n");
        Finding t = Checks.transparentClocks(tc);
        assertEquals(Severity.OK, t.severity());
        assertTrue(t.summary().contains("850 ns"), t.summary());
    }

    @Test
    void clientSettings() {
        Ptp4lStatus slave = status("SLAVE", 1);
        Finding open = Checks.clientSettings(DaemonConfig.of(tp(20, "ptp4l", null, "-i", "eth0")), slave);
        assertEquals(Severity.WARN, open.severity());
        assertTrue(open.fix().contains("clientOnly 1") && open.fix().contains("priority1 255"), open.fix());
        assertEquals(Severity.OK, Checks.clientSettings(DaemonConfig.of(tp(20, "ptp4l", null, "-i", "eth0", "-s")), slave).severity());
        assertEquals(Severity.OK, Checks.clientSettings(DaemonConfig.of(tp(20, "ptp4l", null, "-i", "eth0", "--priority1", "255")), slave).severity());
        assertEquals(Severity.OK, Checks.clientSettings(DaemonConfig.of(tp(20, "ptp4l", null, "-i", "eth0")), status("MASTER")).severity());
    }

    // ---- the whole run

    @Test
    void wholeRunPicksThePtp4lInItsOwnNamespaceAndExitsWithTheWorstSeverity() throws Exception {
        self("net:[1]");
        process(1, "systemd", 0, "net:[1]", "/sbin/init");
        process(30, "java", 1, "net:[2]", "java", "io.ptp4j.tools.Main", "ptp4l", "-i", "eth0", "--uds_address", "/other/uds");
        process(31, "java", 1, "net:[1]", "java", "io.ptp4j.tools.Main", "ptp4j", "ptp4l", "-i", "eth0", "-H", "--uds_address", "/mine/uds",
                "--metrics-port", "9187");
        List<String> asked = new ArrayList<>();
        Probes.Ptp4lProbe probe = (uds, domain) -> {
            asked.add(uds);
            return status("SLAVE", 20, -30, 10);
        };
        Doctor d = new Doctor(proc, 999, i -> HW, probe, port -> {
            assertEquals(9187, port);
            return "ptp4j_offset_rms_ns{process=\"ptp4l\",iface=\"eth0\",port=\"1\"} 31.5\nptp4j_sync_correction_ns{port=\"1\"} 0\n";
        });
        List<Finding> f = d.run(List.of("eth0"), null);
        assertEquals(List.of("/mine/uds"), asked, "the ptp4l in the doctor's own netns, at its own uds_address");
        List<Finding> other = d.run(List.of("eth0"), "/elsewhere/uds");
        assertEquals("/elsewhere/uds", asked.get(1));
        assertTrue(other.stream().anyMatch(x -> x.check().equals("management") && x.summary().contains("not the uds_address")), other.toString());
        Map<String, Severity> by = new HashMap<>();
        for (Finding x : f) by.merge(x.check(), x.severity(), (a, b) -> a.compareTo(b) >= 0 ? a : b);
        assertEquals(Severity.OK, by.get("timestamping"));
        assertEquals(Severity.OK, by.get("ptp4l"));
        assertEquals(Severity.OK, by.get("port-state"));
        assertEquals(Severity.OK, by.get("offset"));
        assertEquals(Severity.WARN, by.get("phc2sys"), "hardware timestamps and no phc2sys: the bubble");
        assertEquals(Severity.INFO, by.get("transparent-clock"));
        assertEquals(Severity.WARN, by.get("client-settings"));
        assertEquals(Severity.WARN, Doctor.worst(f));
        String json = DoctorCommand.json(f, Doctor.worst(f));
        assertTrue(json.startsWith("{\"worst\":\"warn\",\"exitCode\":2,\"findings\":[{\"check\":\"timestamping\",\"severity\":\"ok\""), json);
        String text = DoctorCommand.text(f, Doctor.worst(f));
        assertTrue(text.contains("[warn]  phc2sys") && text.contains("fix: run 'phc2sys -a -r'"), text);
    }

    @Test
    void silentPtp4lIsAnErrorAndNoPtp4lToo() throws Exception {
        self("net:[1]");
        process(31, "ptp4l", 1, "net:[1]", "ptp4l", "-i", "eth0", "-S");
        Doctor d = new Doctor(proc, 999, i -> SW, (uds, dom) -> {
            throw new IOException("Connection refused");
        }, port -> "");
        List<Finding> f = d.run(List.of(), null);
        assertEquals(Severity.ERROR, Doctor.worst(f));
        assertTrue(f.stream().anyMatch(x -> x.check().equals("management") && x.summary().contains("/var/run/ptp/ptp4l")), f.toString());
        Files.delete(proc.resolve("31").resolve("comm"));
        List<Finding> none = d.run(List.of("eth0"), null);
        assertTrue(none.stream().anyMatch(x -> x.check().equals("ptp4l") && x.severity() == Severity.ERROR
                && x.summary().equals("no ptp4l is running on eth0")), none.toString());
    }

    @Test
    void badCommandLine() {
        var err = new java.io.ByteArrayOutputStream();
        assertEquals(4, DoctorCommand.run(new String[] {"--bogus"}, new java.io.PrintStream(new java.io.ByteArrayOutputStream()),
                new java.io.PrintStream(err)));
        assertTrue(err.toString().contains("unknown argument '--bogus'"));
        assertEquals(4, DoctorCommand.run(new String[] {"-i"}, System.out, new java.io.PrintStream(err)));
    }
}
