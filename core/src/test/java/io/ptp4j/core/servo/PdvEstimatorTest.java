package io.ptp4j.core.servo;

import static org.junit.jupiter.api.Assertions.*;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PdvEstimatorTest {
    /**
     * A clock 1 us ahead of its master on a 10 us path through a loaded switch: two packets in
     * three queue (exponential, mean 20 us) in either direction, 10 ns of stamp noise. The
     * estimator finds the floor: offset and delay within tens of ns, queued packets weigh little.
     */
    @Test
    void theFloorOfEachDirectionGivesOffsetAndDelay() {
        PdvEstimator e = new PdvEstimator(128, 0);
        SplittableRandom r = new SplittableRandom(1);
        long offset = 1_000, delay = 10_000;
        long t = 1_000_000_000_000L;
        int late = 0;
        double lateWeight = 0;
        long worst = 0;
        for (int i = 0; i < 2_000; i++) {
            t += 125_000_000L;
            long master = t - offset;
            long q = r.nextDouble() < 0.67 ? Math.round(-Math.log(1 - r.nextDouble()) * 20_000) : 0;
            // Sync: sent at master time m, arrives delay + q later, stamped by the local clock
            e.downTs(master, master + delay + q + offset + Math.round(r.nextGaussian() * 10));
            if (i % 8 == 0) {
                long qUp = r.nextDouble() < 0.67 ? Math.round(-Math.log(1 - r.nextDouble()) * 20_000) : 0;
                long t3 = t + 1_000_000;
                e.upTs(t3, t3 - offset + delay + qUp + Math.round(r.nextGaussian() * 10));
            }
            if (!e.updateOffset() || i < 500) continue;
            if (q > 5_000) {
                late++;
                lateWeight += e.weight();
            } else if (q == 0) {
                worst = Math.max(worst, Math.abs(e.offset() - offset));
            }
        }
        assertEquals(delay, e.delay(), 30, "delay estimate");
        assertTrue(worst < 100, "offset of packets at the floor within " + worst + " ns");
        assertTrue(lateWeight / late < 0.01, "mean weight of queued packets " + lateWeight / late);
    }

    @Test
    void noOffsetUntilBothDirectionsSeenTwice() {
        PdvEstimator e = new PdvEstimator(16, 0);
        e.downTs(0, 10_000);
        assertFalse(e.updateOffset());
        e.upTs(20_000, 30_000);
        e.downTs(125_000_000, 125_010_000);
        assertFalse(e.updateOffset());
        e.upTs(130_000_000, 130_010_000);
        e.downTs(250_000_000, 250_010_000);
        assertTrue(e.updateOffset());
        assertEquals(0, e.offset(), 50);
        assertThrows(IllegalArgumentException.class, () -> new PdvEstimator(0, 0));
    }
}
