package io.ptp4j.tools.bound;

import static org.junit.jupiter.api.Assertions.*;

import io.ptp4j.core.bound.BoundStatus;
import io.ptp4j.core.bound.ErrorBound;
import io.ptp4j.linux.clockbound.ClockBoundWriter;
import io.ptp4j.time.BoundedClock;
import io.ptp4j.time.ClockStatus;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * phc2sys's bound for the system clock: the source's published bound (ptp4l's, next to its socket)
 * plus what phc2sys measures. A synthetic sink with a known true error, 1 update a second.
 */
class SinkBoundTest {
    static final long S = 1_000_000_000L;

    @Test
    void theSystemClocksBoundAddsPhc2sysTermsToTheSources(@TempDir Path dir) throws Exception {
        long[] mono = {System.nanoTime() - 200 * S}; // simulated time runs ahead: start it in the past
        Path src = dir.resolve("ptp4l.clockbound"), shm = dir.resolve("shm0");
        SplittableRandom random = new SplittableRandom(3);
        try (ClockBoundWriter ptp4l = ClockBoundWriter.open(src, 0644, true)) {
            ptp4l.publish(new ErrorBound().set(mono[0], mono[0] + 10 * S, 300, 20, BoundStatus.SYNCHRONIZED, 0));
            SinkBound sink = new SinkBound(src, ClockBoundWriter.open(shm, 0644, false), () -> mono[0], 0);
            double e = 40_000, natural = 7_000, freq = 0, sourceError = 250; // the PHC is 250 ns off true time
            int claims = 0;
            for (int i = 0; i < 120; i++) {
                mono[0] += S;
                e += (freq - natural);
                ptp4l.publish(new ErrorBound().set(mono[0], mono[0] + 10 * S, 300, 20, BoundStatus.SYNCHRONIZED, 0));
                long delay = 2_000;
                long offset = Math.round(e - sourceError + (random.nextDouble() - 0.5) * delay); // within the read window
                long step = 0;
                if (i == 0) {
                    step = -offset;
                    e += step;
                }
                freq = natural - 0.7 * (offset + step);
                sink.sample(offset, delay, step, freq);
                ErrorBound b = sink.publish();
                if (!b.status().trusted()) continue;
                claims++;
                assertTrue(Math.abs(e) <= b.boundNanos(), i + ": error " + e + " bound " + b);
                assertTrue(b.boundNanos() >= 300 + 1_000, "the source's 300 ns and half the 2 us read window are in it: " + b);
            }
            assertTrue(claims > 90, "claims " + claims);
            try (BoundedClock c = BoundedClock.open(shm)) {
                assertEquals(ClockStatus.SYNCHRONIZED, c.segment().clockStatus());
            }
            // ptp4l stops vouching for its PHC: phc2sys's bound holds over, no longer SYNCHRONIZED
            ptp4l.publish(new ErrorBound().set(mono[0], mono[0] + 10 * S, 0, 0, BoundStatus.UNKNOWN, 1));
            for (int i = 0; i < 5; i++) {
                mono[0] += S;
                sink.sample(Math.round(e - sourceError), 2_000, 0, freq);
            }
            assertEquals(BoundStatus.FREE_RUNNING, sink.publish().status());
            sink.close();
        }
    }

    @Test
    void withoutASourceBoundThereIsNone(@TempDir Path dir) throws Exception {
        long[] mono = {System.nanoTime()};
        try (SinkBound sink = new SinkBound(dir.resolve("nothing.clockbound"), ClockBoundWriter.open(dir.resolve("shm0"), 0644, false),
                () -> mono[0], 0)) {
            for (int i = 0; i < 40; i++) {
                mono[0] += S;
                sink.sample(10, 500, 0, 0);
            }
            assertEquals(BoundStatus.UNKNOWN, sink.publish().status());
        }
    }
}
