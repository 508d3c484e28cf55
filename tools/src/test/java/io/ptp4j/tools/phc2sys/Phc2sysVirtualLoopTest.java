package io.ptp4j.tools.phc2sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ptp4j.linux.clock.VirtualClock;
import io.ptp4j.linux.clock.VirtualClockFile;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Closed loop, no real clock touched: the source is a virtual clock this test owns and publishes
 * (as ptp4l with virtual_clock 1 does), the sink phc2sys's own virtual clock starting 50 us and
 * 100 ppm off. phc2sys steps once (s1), locks (s2) and holds the sink within a microsecond.
 */
@Tag("serial") // locks within 2 us in real time: runs alone, after the parallel forks (tools/pom.xml)
class Phc2sysVirtualLoopTest {
    static final Pattern LINE = Pattern.compile(
            "^phc2sys\\[\\d+\\.\\d{3}\\]: virtual phc offset +(-?\\d+) s([0-3]) freq +([+-]\\d+) delay +(\\d+)$");
    static final Pattern SUMMARY = Pattern.compile(
            "^phc2sys\\[\\d+\\.\\d{3}\\]: virtual rms +(\\d+) max +(\\d+) freq +([+-]\\d+) \\+/- +(\\d+) delay +(\\d+) \\+/- +(\\d+)$");

    record Run(int exit, List<String> lines, long trueOffsetNanos, String err) {}

    static Run run(Path vfile, VirtualClock source, double seconds, String... extra) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        AtomicReference<Phc2sys> daemon = new AtomicReference<>();
        List<String> args = new ArrayList<>(List.of("-s", "virtual:" + vfile, "-c", "virtual", "-O", "0", "-m", "-q",
                "--virtual_clock_offset", "50000", "--virtual_clock_freq", "100000"));
        args.addAll(List.of(extra));
        int[] exit = {-1};
        long[] trueOffset = {0};
        Thread t = new Thread(() -> exit[0] = Phc2sysMain.run("phc2sys", args.toArray(new String[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), daemon::set));
        t.start();
        Thread.sleep((long) (seconds * 1000));
        Phc2sys d = daemon.get();
        // the true error, read back to back (the sink's read is between two source reads)
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 20; i++) {
            long s1 = source.nowNanos(), k = d.sinks().get(0).device.nowNanos(), s2 = source.nowNanos();
            if (s2 - s1 < best) {
                best = s2 - s1;
                trueOffset[0] = k - (s1 + (s2 - s1) / 2);
            }
        }
        d.stop();
        t.join(5000);
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        return new Run(exit[0], lines, trueOffset[0], err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void convergesFrom50usAnd100ppm(@TempDir Path dir) throws Exception {
        Path vfile = dir.resolve("ptp4l.vclock");
        VirtualClock source = VirtualClock.startingAtRealtime();
        source.adjustFrequency(-20_000); // the source itself drifts: 20 ppm slow
        try (VirtualClockFile f = VirtualClockFile.create(vfile)) {
            source.publishTo(f);
            Run r = run(vfile, source, 6.0, "-R", "4");
            assertEquals(0, r.exit(), r.err());
            List<Matcher> ms = new ArrayList<>();
            for (String l : r.lines()) {
                Matcher m = LINE.matcher(l);
                assertTrue(m.matches(), "linuxptp's line format: " + l);
                ms.add(m);
            }
            assertTrue(ms.size() >= 15, "about 4 updates a second: " + r.lines());
            // PI: s0 (first sample), s1 (step: 50 us > first_step_threshold 20 us), then s2
            assertEquals("0", ms.get(0).group(2), r.lines().toString());
            assertEquals("1", ms.get(1).group(2), r.lines().toString());
            long first = Long.parseLong(ms.get(0).group(1));
            // 50 us plus 120 ppm over the start-up (300 ms JIT warm-up) and the first 1/4 s interval: ~116 us
            assertTrue(first > 70_000 && first < 200_000, "starts ~120 us ahead: " + first);
            List<Matcher> tail = ms.subList(ms.size() - 5, ms.size());
            for (Matcher m : tail) {
                assertEquals("2", m.group(2), r.lines().toString());
                assertTrue(Math.abs(Long.parseLong(m.group(1))) < 2_000, "locked within 2 us: " + r.lines());
                // sink oscillator +100 ppm, source -20 ppm: the servo must set about -120 ppm,
                // which linuxptp prints negated (+120000)
                long freq = Long.parseLong(m.group(3));
                assertTrue(Math.abs(freq - 120_000) < 2_000, "freq ~ +120000 ppb: " + m.group(3));
            }
            assertTrue(Math.abs(r.trueOffsetNanos()) < 5_000, "true offset " + r.trueOffsetNanos());
        }
    }

    @Test
    void summaryLinesWithU(@TempDir Path dir) throws Exception {
        Path vfile = dir.resolve("ptp4l.vclock");
        VirtualClock source = VirtualClock.startingAtRealtime();
        try (VirtualClockFile f = VirtualClockFile.create(vfile)) {
            source.publishTo(f);
            Run r = run(vfile, source, 4.6, "-R", "8", "-u", "8");
            assertEquals(0, r.exit(), r.err());
            assertTrue(r.lines().size() >= 3, r.lines().toString());
            for (String l : r.lines()) assertTrue(SUMMARY.matcher(l).matches(), "summary format: " + l);
            Matcher last = SUMMARY.matcher(r.lines().getLast());
            assertTrue(last.matches());
            assertTrue(Long.parseLong(last.group(1)) < 2_000, "rms after locking: " + l(r));
        }
    }

    private static String l(Run r) {
        return String.join("\n", r.lines());
    }

    @Test
    void missingVirtualClockFileIsAClearError(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int rc = Phc2sysMain.run("phc2sys", new String[] {"-s", "virtual:" + dir.resolve("none"), "-c", "virtual", "-O", "0", "-q"},
                new PrintStream(out), new PrintStream(err), d -> { });
        assertEquals(255, rc);
        String e = err.toString();
        assertTrue(e.contains("unknown clock virtual:" + dir.resolve("none")) && e.contains("No such file or directory"), e);
        assertTrue(e.endsWith("valid source clock must be selected.\n"), e);
        assertTrue(Files.notExists(dir.resolve("none")));
    }

    @Test
    void linregServoConvergesToo(@TempDir Path dir) throws Exception {
        Path vfile = dir.resolve("ptp4l.vclock");
        VirtualClock source = VirtualClock.startingAtRealtime();
        source.adjustFrequency(30_000);
        try (VirtualClockFile f = VirtualClockFile.create(vfile)) {
            source.publishTo(f);
            Run r = run(vfile, source, 7.0, "-R", "4", "-E", "linreg");
            assertEquals(0, r.exit(), r.err());
            List<String> tail = r.lines().subList(r.lines().size() - 4, r.lines().size());
            for (String l : tail) {
                Matcher m = LINE.matcher(l);
                assertTrue(m.matches(), l);
                assertTrue(m.group(2).equals("2") || m.group(2).equals("3"), r.lines().toString());
                assertTrue(Math.abs(Long.parseLong(m.group(1))) < 2_000, r.lines().toString());
            }
            assertTrue(Math.abs(r.trueOffsetNanos()) < 5_000, "true offset " + r.trueOffsetNanos());
        }
    }
}
