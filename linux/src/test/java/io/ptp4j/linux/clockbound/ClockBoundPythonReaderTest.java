package io.ptp4j.linux.clockbound;

import static org.junit.jupiter.api.Assertions.*;

import io.ptp4j.core.bound.BoundStatus;
import io.ptp4j.core.bound.ErrorBound;
import io.ptp4j.time.BoundedClock;
import io.ptp4j.time.BoundedTime;
import io.ptp4j.time.BoundedTimeException;
import io.ptp4j.time.ClockBoundSegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/clockbound-read, a reader written in python3 from ClockBound's PROTOCOL.md alone, reads
 * the segment ptp4l's writer makes and agrees with ptp4j-time: the same fields, the same bound at
 * the same monotonic instant, overlapping intervals of the same width now, and the same verdict
 * on a segment that is stale, missing or not one.
 */
class ClockBoundPythonReaderTest {
    static final long S = 1_000_000_000L;

    static Path script() {
        String root = System.getProperty("ptp4j.root");
        return (root != null ? Path.of(root) : Path.of("..")).resolve("scripts/clockbound-read").toAbsolutePath().normalize();
    }

    record Run(int exit, String out, String err) {
        long num(String key) {
            Matcher m = Pattern.compile("\"" + key + "\": (-?\\d+)").matcher(out);
            assertTrue(m.find(), key + " in " + out);
            return Long.parseLong(m.group(1));
        }

        String str(String key) {
            Matcher m = Pattern.compile("\"" + key + "\": \"([^\"]*)\"").matcher(out);
            assertTrue(m.find(), key + " in " + out);
            return m.group(1);
        }
    }

    static Run python(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("python3", script().toString(), "--json"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).start();
        assertTrue(p.waitFor(20, TimeUnit.SECONDS), "python3 did not finish");
        return new Run(p.exitValue(), new String(p.getInputStream().readAllBytes()).trim(), new String(p.getErrorStream().readAllBytes()).trim());
    }

    @Test
    void pythonAndJavaReadTheSameSegmentAlike(@TempDir Path dir) throws Exception {
        Path shm = dir.resolve("shm0");
        try (ClockBoundWriter w = ClockBoundWriter.open(shm, 0644, false)) {
            long now = System.nanoTime();
            for (int i = 0; i < 3; i++) w.publish(new ErrorBound().set(now, now + 10 * S, 2_345 + i, 1_500, BoundStatus.SYNCHRONIZED, 41 + i));
            try (BoundedClock c = BoundedClock.open(shm)) {
                ClockBoundSegment j = c.segment();
                long at = now + 3 * S + 123_456; // a monotonic instant both compute the bound at
                Run py = python("--at-monotonic", Long.toString(at), shm.toString());
                assertEquals(0, py.exit(), py.err());
                assertEquals(j.version(), py.num("version"));
                assertEquals(j.generation(), py.num("generation"));
                assertEquals(6, j.generation());
                assertEquals(j.asOfNanos(), py.num("as_of_ns"));
                assertEquals(j.voidAfterNanos(), py.num("void_after_ns"));
                assertEquals(2_347, py.num("bound_ns"));
                assertEquals(j.boundNanos(), py.num("bound_ns"));
                assertEquals(j.disruptionMarker(), py.num("disruption_marker"));
                assertEquals(j.maxDriftPpb(), py.num("max_drift_ppb"));
                assertEquals(j.clockStatusCode(), py.num("clock_status"));
                assertEquals(j.boundAt(at), py.num("bound_now_ns"), "the same bound at the same instant");
                assertEquals("SYNCHRONIZED", py.str("status_now"));

                // now, each with its own clocks: both intervals hold CLOCK_REALTIME, so they overlap,
                // and their widths differ by the drift over the moments between the reads at most
                BoundedTime t1 = c.now();
                Run live = python(shm.toString());
                BoundedTime t2 = c.now();
                long pyEarliest = live.num("earliest_ns"), pyLatest = live.num("latest_ns");
                assertTrue(pyEarliest <= t2.latestNanos() && pyLatest >= t1.earliestNanos(), "overlap: " + t1 + " " + live.out() + " " + t2);
                long pyWidth = pyLatest - pyEarliest;
                assertTrue(pyWidth >= t1.widthNanos() - 2 * 100 - 2 * 1_500 * 5 / 100 && pyWidth <= t2.widthNanos() + 2,
                        "widths: java " + t1.widthNanos() + ".." + t2.widthNanos() + ", python " + pyWidth);
            }
        }
    }

    @Test
    void bothRefuseTheSameSegments(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("none");
        assertEquals(1, python(missing.toString()).exit());
        assertEquals(BoundedTimeException.Reason.MISSING, assertThrows(BoundedTimeException.class, () -> BoundedClock.open(missing)).reason());

        Path junk = dir.resolve("junk");
        Files.write(junk, new byte[80]);
        Run py = python(junk.toString());
        assertEquals(2, py.exit());
        assertTrue(py.err().contains("not a ClockBound segment"), py.err());
        assertEquals(BoundedTimeException.Reason.MALFORMED, assertThrows(BoundedTimeException.class, () -> BoundedClock.open(junk)).reason());

        Path stale = dir.resolve("stale");
        try (ClockBoundWriter w = ClockBoundWriter.open(stale, 0644, false)) {
            long now = System.nanoTime();
            w.publish(new ErrorBound().set(now - 20 * S, now - 10 * S, 100, 10, BoundStatus.SYNCHRONIZED, 0));
            Run s = python(stale.toString());
            assertEquals(3, s.exit(), s.out());
            assertEquals("STALE", s.str("status_now"));
            try (BoundedClock c = BoundedClock.open(stale)) {
                assertEquals(BoundedTimeException.Reason.STALE, assertThrows(BoundedTimeException.class, c::now).reason());
            }
        }
    }
}
