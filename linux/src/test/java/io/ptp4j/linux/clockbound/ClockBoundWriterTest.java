package io.ptp4j.linux.clockbound;

import static org.junit.jupiter.api.Assertions.*;

import io.ptp4j.core.bound.BoundStatus;
import io.ptp4j.core.bound.ErrorBound;
import io.ptp4j.time.BoundedClock;
import io.ptp4j.time.BoundedTimeException;
import io.ptp4j.time.ClockBoundSegment;
import io.ptp4j.time.ClockStatus;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClockBoundWriterTest {
    static final long S = 1_000_000_000L;

    @Test
    void whatTheWriterWritesTheReaderReads(@TempDir Path dir) throws Exception {
        Path p = dir.resolve("clockbound/shm0");
        try (ClockBoundWriter w = ClockBoundWriter.open(p, 0644, false)) {
            BoundedTimeException e = assertThrows(BoundedTimeException.class, () -> BoundedClock.open(p));
            assertEquals(BoundedTimeException.Reason.NOT_INITIALIZED, e.reason(), "made but not yet published");
            long now = System.nanoTime();
            w.publish(new ErrorBound().set(now, now + 10 * S, 1_234, 56, BoundStatus.SYNCHRONIZED, 7));
            assertEquals(2, w.generation());
            try (BoundedClock c = BoundedClock.open(p)) {
                ClockBoundSegment s = c.segment();
                assertEquals(2, s.version());
                assertEquals(1_234, s.boundNanos());
                assertEquals(56, s.maxDriftPpb());
                assertEquals(7, s.disruptionMarker());
                assertEquals(ClockStatus.SYNCHRONIZED, s.clockStatus());
                assertFalse(s.disruptionSupport());
                assertTrue(s.asOfNanos() < now && s.asOfNanos() >= now - 20_000_000L, "as_of moved back by the coarse clock's resolution");
                assertEquals(10 * S, s.voidAfterNanos() - s.asOfNanos());
                w.publish(new ErrorBound().set(now, now + 10 * S, 99, 0, BoundStatus.FREE_RUNNING, 8));
                assertEquals(99, c.segment().boundNanos());
                assertEquals(ClockStatus.FREE_RUNNING, c.now().status());
            }
        }
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(p)));
        byte[] raw = Files.readAllBytes(p);
        assertEquals(80, raw.length);
        if (ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN) {
            // ClockBound's two native u32 0x414D5A4E 0x43420200, as they lie in memory on x86_64
            assertArrayEquals(new byte[] {0x4E, 0x5A, 0x4D, 0x41, 0x00, 0x02, 0x42, 0x43}, java.util.Arrays.copyOf(raw, 8));
        }
    }

    @Test
    void aRestartedWriterTakesTheSegmentOverAndTheGenerationSkipsZero(@TempDir Path dir) throws Exception {
        Path p = dir.resolve("shm0");
        long now = System.nanoTime();
        ErrorBound b = new ErrorBound().set(now, now + 10 * S, 1, 0, BoundStatus.SYNCHRONIZED, 0);
        try (ClockBoundWriter w = ClockBoundWriter.open(p, 0600, false)) {
            for (int i = 0; i < 5; i++) w.publish(b);
            assertEquals(10, w.generation());
        }
        try (ClockBoundWriter w = ClockBoundWriter.open(p, 0600, false); BoundedClock c = BoundedClock.open(p)) {
            assertEquals(10, w.generation(), "taken over, not wiped: readers keep their mapping");
            for (int i = 0; i < 32_762; i++) w.publish(b);
            assertEquals(65534, w.generation());
            w.publish(b);
            assertEquals(2, w.generation(), "65535 while writing, then 2: never 0");
            assertEquals(2, c.segment().generation());
        }
        Files.write(p, new byte[80]); // junk
        try (ClockBoundWriter w = ClockBoundWriter.open(p, 0600, false)) {
            assertEquals(0, w.generation(), "anything else is wiped");
        }
    }

    @Test
    void aBoundOfNoUseIsWrittenAsUnknownAndAVirtualClocksFileGoesAway(@TempDir Path dir) throws Exception {
        Path p = dir.resolve("ptp4l.clockbound");
        long now = System.nanoTime();
        try (ClockBoundWriter w = ClockBoundWriter.open(p, 0644, true)) {
            w.publish(new ErrorBound().set(now, now + 10 * S, 5, 2_000_000_000L, BoundStatus.FREE_RUNNING, 0));
            try (BoundedClock c = BoundedClock.open(p)) {
                assertEquals(ClockStatus.UNKNOWN, c.segment().clockStatus(), "ClockBound refuses a drift of 1e9 ppb or more");
            }
        }
        assertFalse(Files.exists(p));
    }
}
