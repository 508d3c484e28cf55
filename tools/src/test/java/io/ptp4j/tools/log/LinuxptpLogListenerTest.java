package io.ptp4j.tools.log;

import static org.junit.jupiter.api.Assertions.*;

import io.ptp4j.core.port.PortEvent;
import io.ptp4j.core.port.PortState;
import io.ptp4j.core.servo.ServoState;
import io.ptp4j.testkit.TestData;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class LinuxptpLogListenerTest {
    private long nowNanos = 2559_534_000_000L;
    private final List<String> lines = new ArrayList<>();
    private final Printer printer = new Printer("ptp4l", () -> nowNanos).verbose((lvl, l) -> lines.add(l.toString()));

    @Test
    void printerPrefixIsProgramMonotonicSecondsAndMillis() {
        nowNanos = 12_003_999_999L;
        printer.print(Printer.LOG_INFO, "hello");
        assertEquals("ptp4l[12.003]: hello", lines.get(0));
    }

    @Test
    void levelFilterAndTagWithLevel() {
        printer.level(5).tag("[eth0:{level}]");
        printer.print(Printer.LOG_INFO, "dropped");
        printer.print(Printer.LOG_NOTICE, "kept");
        assertEquals(List.of("ptp4l[2559.534]: [eth0:5] kept"), lines);
    }

    @Test
    void streamSinkSplitsStdoutAndStderrLikePrintC() {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        Printer p = new Printer("ptp4l", () -> 1_500_000_000L).verbose(new StreamSink(out, err));
        p.print(Printer.LOG_ERR, "bad");
        p.print(Printer.LOG_NOTICE, "note");
        assertEquals("ptp4l[1.500]: bad\n", err.toString());
        assertEquals("ptp4l[1.500]: note\n", out.toString());
    }

    @Test
    void syslogSinkFormatsDatagramWithoutProgramColon() {
        List<String> sent = new ArrayList<>();
        SyslogSink s = new SyslogSink("ptp4l", d -> sent.add(d.toString()));
        new Printer("ptp4l", () -> 1_500_000_000L).syslog(s).print(Printer.LOG_NOTICE, "note");
        assertEquals(List.of("<13>ptp4l: [1.500] note"), sent);
        assertFalse(new SyslogSink("x", SyslogSink.NOT_WIRED).wired());
    }

    @Test
    void linesMatchLinuxptpVectorsModuloPortName() throws Exception {
        // 3.1.1 captures print "port 1:"; 4.x prints "port 1 (ifname):" -- compare after removing the name
        Pattern state = Pattern.compile("ptp4l\\[[0-9.]+\\]: port (\\d): ([A-Z_]+) to ([A-Z_]+) on ([A-Z_]+)");
        Pattern sample = Pattern.compile("ptp4l\\[[0-9.]+\\]: (master offset +(-?\\d+) s(\\d) freq +([+-]\\d+) path delay +(-?\\d+))");
        int checked = 0;
        try (Stream<Path> files = Files.list(TestData.linuxptp311())) {
            for (Path f : files.filter(x -> x.toString().endsWith(".log")).toList()) {
                for (String raw : Files.readAllLines(f)) {
                    lines.clear();
                    LinuxptpLogListener l = new LinuxptpLogListener(printer, new String[] {"eth0"}, 0, 0);
                    Matcher m = state.matcher(raw);
                    if (m.matches() && m.group(1).equals("1")) {
                        l.portStateChanged(1, PortState.valueOf(m.group(2)), PortState.valueOf(m.group(3)),
                                PortEvent.valueOf(m.group(4)));
                        assertEquals(raw.substring(raw.indexOf("]: ") + 3).replace("port 1:", "port 1 (eth0):"),
                                body(lines.get(0)), f.toString());
                        checked++;
                    }
                    m = sample.matcher(raw);
                    if (m.matches()) {
                        l.servoSample(1, Long.parseLong(m.group(2)), ServoState.values()[Integer.parseInt(m.group(3))],
                                -Double.parseDouble(m.group(4)), Long.parseLong(m.group(5)));
                        assertEquals(m.group(1), body(lines.get(0)), f.toString());
                        checked++;
                    }
                }
            }
        }
        assertTrue(checked > 20, "checked only " + checked + " vector lines");
    }

    @Test
    void noticeWithAndWithoutPort() {
        LinuxptpLogListener l = new LinuxptpLogListener(printer, new String[] {"eth0", "eth1"}, 0, 0);
        l.notice(2, "new foreign master 6e6886.fffe.d36905-1");
        l.notice(0, "selected best master clock 6e6886.fffe.d36905");
        assertEquals(List.of("port 2 (eth1): new foreign master 6e6886.fffe.d36905-1",
                "selected best master clock 6e6886.fffe.d36905"), lines.stream().map(LinuxptpLogListenerTest::body).toList());
    }

    @Test
    void summaryEveryTwoToTheSummaryIntervalSeconds() {
        // summary_interval 1 (2 s), logSyncInterval -2 (4 Hz): one rms line per 8 samples
        LinuxptpLogListener l = new LinuxptpLogListener(printer, new String[] {"eth0"}, 1, -2);
        long[] offsets = {10, -20, 30, -40, 5, 6, -7, 8};
        double[] freqs = {100, 110, 120, 130, 140, 150, 160, 170};
        for (int i = 0; i < 7; i++) l.servoSample(1, offsets[i], ServoState.LOCKED, -freqs[i], 1000 + i); // the engine reports the applied (negated) value
        assertTrue(lines.isEmpty());
        l.servoSample(1, offsets[7], ServoState.LOCKED, -freqs[7], 1007);
        SummaryStats o = new SummaryStats(), fr = new SummaryStats(), d = new SummaryStats();
        for (int i = 0; i < 8; i++) {
            o.add(offsets[i]);
            fr.add(freqs[i]);
            d.add(1000 + i);
        }
        String expected = String.format("rms %4.0f max %4.0f freq %+6.0f +/- %3.0f delay %5.0f +/- %3.0f",
                o.rms(), o.maxAbs(), fr.mean(), fr.stddev(), d.mean(), d.stddev());
        assertEquals(List.of(expected), lines.stream().map(LinuxptpLogListenerTest::body).toList());
        assertEquals("rms   20 max   40 freq   +135 +/-  23 delay  1004 +/-   2", expected);
    }

    @Test
    void freeRunningSummaryCountsFrequencyEstimationIntervals() {
        // summary_interval 2, logSyncInterval -1, freq_est_interval 1: 2^(2+1-2) = 2 samples per line
        LinuxptpLogListener l = new LinuxptpLogListener(printer, new String[] {"eth0"}, 2, -1, true, 1);
        l.servoSample(1, 5, ServoState.UNLOCKED, -10, 100);
        assertTrue(lines.isEmpty());
        l.servoSample(1, -5, ServoState.UNLOCKED, -20, 100);
        assertEquals(List.of("rms    5 max    5 freq    +15 +/-   5 delay   100 +/-   0"),
                lines.stream().map(LinuxptpLogListenerTest::body).toList());
        lines.clear();
        // not free running, same intervals: 2^(2+1) = 8 samples per line
        LinuxptpLogListener m = new LinuxptpLogListener(printer, new String[] {"eth0"}, 2, -1);
        for (int i = 0; i < 7; i++) m.servoSample(1, 1, ServoState.LOCKED, 1, 1);
        assertTrue(lines.isEmpty());
        m.servoSample(1, 1, ServoState.LOCKED, 1, 1);
        assertEquals(1, lines.size());
    }

    @Test
    void summaryStatsMatchDefinitions() {
        SummaryStats s = new SummaryStats();
        for (double v : new double[] {3, -4, 5}) s.add(v);
        assertEquals(Math.sqrt((9 + 16 + 25) / 3.0), s.rms(), 1e-12);
        assertEquals(5, s.maxAbs());
        assertEquals(4.0 / 3, s.mean(), 1e-12);
        double m = 4.0 / 3;
        assertEquals(Math.sqrt(((3 - m) * (3 - m) + (-4 - m) * (-4 - m) + (5 - m) * (5 - m)) / 3), s.stddev(), 1e-12);
        s.reset();
        assertEquals(0, s.count());
    }

    @Test
    void servoSampleAllocatesNothing() {
        var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long[] sink = new long[1];
        Printer p = new Printer("ptp4l", () -> nowNanos).verbose((lvl, l) -> sink[0] += l.length());
        LinuxptpLogListener l = new LinuxptpLogListener(p, new String[] {"eth0"}, 0, 0);
        LinuxptpLogListener summary = new LinuxptpLogListener(p, new String[] {"eth0"}, 2, -3);
        for (int i = 0; i < 20_000; i++) { // warm up so the JIT has settled
            l.servoSample(1, i - 10_000, ServoState.LOCKED, i * 0.37, 2300);
            summary.servoSample(1, i - 10_000, ServoState.LOCKED, i * 0.37, 2300);
        }
        long tid = Thread.currentThread().threadId();
        long before = mx.getThreadAllocatedBytes(tid);
        for (int i = 0; i < 10_000; i++) {
            l.servoSample(1, i - 5000, ServoState.LOCKED, i * 0.37, 2300);
            summary.servoSample(1, i - 5000, ServoState.LOCKED, i * 0.37, 2300);
        }
        long allocated = mx.getThreadAllocatedBytes(tid) - before;
        assertTrue(allocated < 10_000, "allocated " + allocated + " bytes for 20000 samples");
        assertTrue(sink[0] > 0);
    }

    @Test
    void printersFollowConfig() throws Exception {
        var cfg = new io.ptp4j.tools.config.PtpConfig();
        cfg.setOption("logging_level", "5");
        cfg.setOption("use_syslog", "0");
        Printer p = Printers.forConfig("ptp4l", cfg);
        assertFalse(p.enabled(Printer.LOG_NOTICE)); // neither -m nor syslog: nothing prints
        cfg.setOption("verbose", "1");
        p = Printers.forConfig("ptp4l", cfg);
        assertTrue(p.enabled(Printer.LOG_NOTICE));
        assertFalse(p.enabled(Printer.LOG_INFO));
    }

    private static String body(String line) {
        return line.substring(line.indexOf("]: ") + 3);
    }
}
