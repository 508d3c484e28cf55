package io.ptp4j.time;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BoundedClockTest {
    static final long S = 1_000_000_000L;

    static long realtimeNanos() {
        Instant i = Instant.now();
        return i.getEpochSecond() * S + i.getNano();
    }

    /** A test run on a fresh segment: its writer w, System.nanoTime() when w was made, and the file p. */
    interface SegmentTest {
        void run(TestSegments w, long mono, Path p) throws Exception;
    }

    /** Makes the segment dir/shm0 and runs test on it, closing the writer after. */
    static void onSegment(Path dir, SegmentTest test) throws Exception {
        Path p = dir.resolve("shm0");
        try (TestSegments w = new TestSegments(p)) {
            test.run(w, System.nanoTime(), p);
        }
    }

    @Test
    void nowBracketsRealtimeByTheBoundAndItsDrift(@TempDir Path dir) throws Exception {
        onSegment(dir, (w, mono, p) -> {
            w.write(mono - 2 * S, mono + 10 * S, 1_000, 7, 1_000, 1); // 1 us at as_of, 1 ppm, as_of 2 s ago
            try (BoundedClock c = BoundedClock.open(p)) {
                // the reading happened between r1 and r2; judge a read whose bracket is tight (no preemption)
                long r1, r2;
                BoundedTime t;
                int tries = 0;
                do {
                    r1 = realtimeNanos();
                    t = c.now();
                    r2 = realtimeNanos();
                } while (r2 - r1 > 1_000 && ++tries < 1_000);
                assertEquals(ClockStatus.SYNCHRONIZED, t.status());
                assertTrue(t.earliestNanos() <= r1 && t.latestNanos() >= r2, t + " vs " + r1 + ".." + r2);
                // 1 us + 1 ppm x 2 s = 3 us each side, plus the calibration's fraction of a microsecond
                long half = t.widthNanos() / 2;
                assertTrue(half >= 3_000 && half < 4_000, "half width " + half);
                assertEquals(7, c.segment().disruptionMarker());
                assertEquals(2, c.segment().version());
            }
        });
    }

    @Test
    void missingWrongAndUninitializedSegmentsSayWhatAndWhere(@TempDir Path dir) throws Exception {
        BoundedTimeException e = assertThrows(BoundedTimeException.class, () -> BoundedClock.open(dir.resolve("nothing")));
        assertEquals(BoundedTimeException.Reason.MISSING, e.reason());
        assertTrue(e.getMessage().contains(dir.resolve("nothing").toString()) && e.getMessage().contains("clockbound_path"), e.getMessage());

        Path junk = dir.resolve("junk");
        Files.write(junk, new byte[80]);
        e = assertThrows(BoundedTimeException.class, () -> BoundedClock.open(junk));
        assertEquals(BoundedTimeException.Reason.MALFORMED, e.reason());
        assertTrue(e.getMessage().contains("is not a ClockBound segment: magic 00000000"), e.getMessage());

        Path fresh = dir.resolve("fresh");
        try (TestSegments w = new TestSegments(fresh)) {
            e = assertThrows(BoundedTimeException.class, () -> BoundedClock.open(fresh));
            assertEquals(BoundedTimeException.Reason.NOT_INITIALIZED, e.reason(), e.getMessage());
            w.write(System.nanoTime(), System.nanoTime() + S, 0, 0, 0, 1);
            w.set16(12, 1);
            e = assertThrows(BoundedTimeException.class, () -> BoundedClock.open(fresh));
            assertEquals(BoundedTimeException.Reason.WRONG_VERSION, e.reason());
            assertTrue(e.getMessage().contains("has layout version 1; this reader (ptp4j-time) reads version 2"), e.getMessage());
            w.set16(12, 2);
            w.set32(8, 16);
            e = assertThrows(BoundedTimeException.class, () -> BoundedClock.open(fresh));
            assertEquals(BoundedTimeException.Reason.MALFORMED, e.reason());
            assertTrue(e.getMessage().contains("segment size 16"), e.getMessage());
        }
        Path shortFile = dir.resolve("short");
        Files.write(shortFile, new byte[10]);
        e = assertThrows(BoundedTimeException.class, () -> BoundedClock.open(shortFile));
        assertTrue(e.getMessage().contains("is 10 bytes"), e.getMessage());
    }

    @Test
    void staleWhenVoidAfterHasPassed(@TempDir Path dir) throws Exception {
        onSegment(dir, (w, mono, p) -> {
            w.write(mono, mono + 50_000_000L, 100, 0, 100, 1);
            try (BoundedClock c = BoundedClock.open(p)) {
                assertTrue(c.now().trusted());
                Thread.sleep(80);
                BoundedTimeException e = assertThrows(BoundedTimeException.class, c::now);
                assertEquals(BoundedTimeException.Reason.STALE, e.reason());
                assertTrue(e.getMessage().contains("is stale: void_after passed"), e.getMessage());
                // the writer comes back: the next read is fine again
                long m = System.nanoTime();
                w.write(m, m + 10 * S, 100, 0, 100, 1);
                assertTrue(c.now().trusted());
            }
        });
    }

    @Test
    void newGenerationsAreSeenAndClockBoundsGracePeriodApplies(@TempDir Path dir) throws Exception {
        onSegment(dir, (w, mono, p) -> {
            w.write(mono, mono + 10 * S, 500, 0, 0, 1);
            try (BoundedClock c = BoundedClock.open(p)) {
                long w1 = c.now().widthNanos();
                w.write(mono, mono + 10 * S, 50_000, 1, 0, 2);
                BoundedTime t = c.now();
                assertEquals(ClockStatus.FREE_RUNNING, t.status());
                assertTrue(t.widthNanos() - w1 >= 2 * (50_000 - 500) - 200, w1 + " then " + t.widthNanos());
                // SYNCHRONIZED, but as_of 6 s old: ClockBound's readers say FREE_RUNNING after 5 s
                long m = System.nanoTime();
                w.write(m - 6 * S, m + 10 * S, 500, 1, 0, 1);
                assertEquals(ClockStatus.FREE_RUNNING, c.now().status());
                w.write(m, m + 10 * S, 0, 2, 0, 0);
                assertFalse(c.now().trusted());
                // a writer mid-update (odd generation): the last consistent snapshot stays in use
                w.write(m, m + 10 * S, 900, 3, 0, 1);
                int g = c.segment().generation();
                w.set16(14, g + 1);
                w.set32(48 + 4, 0x7fff_0000); // a torn bound the reader must not see
                assertEquals(900, c.segment().boundNanos());
                assertTrue(c.now().widthNanos() < 10_000);
            }
        });
    }

    @Test
    void comparisonsAreCertainOrFalse() {
        BoundedTime a = new BoundedTime(100, 200, ClockStatus.SYNCHRONIZED);
        BoundedTime b = new BoundedTime(201, 300, ClockStatus.FREE_RUNNING);
        BoundedTime overlap = new BoundedTime(150, 250, ClockStatus.SYNCHRONIZED);
        assertTrue(a.isBefore(b));
        assertTrue(b.isAfter(a));
        assertFalse(a.isBefore(overlap));
        assertFalse(overlap.isAfter(a));
        assertFalse(a.isBefore(new BoundedTime(201, 300, ClockStatus.UNKNOWN)), "an untrusted time is never certainly after");
        assertTrue(a.isAfter(99));
        assertFalse(a.isAfter(100));
        assertTrue(a.isBefore(201));
        assertEquals(100, a.widthNanos());
    }

    @Test
    void commitWaitReturnsOnceTheTimestampIsCertainlyPast(@TempDir Path dir) throws Exception {
        onSegment(dir, (w, mono, p) -> {
            w.write(mono, mono + 10 * S, 2_000_000, 0, 0, 1); // 2 ms
            try (BoundedClock c = BoundedClock.open(p)) {
                BoundedTime t = c.now();
                long waited = c.commitWait(t);
                assertTrue(waited >= 4_000_000 - 100_000, "waited " + waited + " ns for a 4 ms interval");
                assertTrue(c.now().isAfter(t.latestNanos()));
                assertTrue(c.now().isAfter(t));

                BoundedTimeException e = assertThrows(BoundedTimeException.class,
                        () -> c.commitWait(c.now().latestNanos(), Duration.ofMillis(1)));
                assertEquals(BoundedTimeException.Reason.WAIT_TOO_LONG, e.reason());

                w.write(System.nanoTime(), System.nanoTime() + 10 * S, 0, 0, 0, 0);
                e = assertThrows(BoundedTimeException.class, () -> c.commitWait(realtimeNanos()));
                assertEquals(BoundedTimeException.Reason.UNTRUSTED, e.reason());
            }
        });
    }

    /** A writer updating as fast as it can: readers never see a mix of two updates. */
    @Test
    void concurrentReadersSeeWholeUpdates(@TempDir Path dir) throws Exception {
        onSegment(dir, (w, mono, p) -> {
            w.write(mono, mono + 60 * S, 1, 1, 1, 1);
            AtomicBoolean stop = new AtomicBoolean();
            AtomicReference<String> torn = new AtomicReference<>();
            try (BoundedClock c = BoundedClock.open(p)) {
                Thread[] readers = new Thread[2];
                for (int i = 0; i < readers.length; i++) {
                    readers[i] = new Thread(() -> {
                        while (!stop.get()) {
                            ClockBoundSegment s = c.segment();
                            if (s.boundNanos() != s.disruptionMarker() || s.boundNanos() != s.maxDriftPpb()) torn.set(s.toString());
                            c.now();
                        }
                    });
                    readers[i].start();
                }
                for (long k = 2; k < 300_000; k++) w.write(mono, mono + 60 * S, k, k, k, 1);
                stop.set(true);
                for (Thread r : readers) r.join();
                assertNull(torn.get());
                assertEquals(299_999, c.segment().boundNanos());
            }
        });
    }
}
