package io.ptp4j.core.servo;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class TimestampProcessorTest {
    @Test
    void movingMedianOddEvenAndWindow() {
        MovingMedian m = new MovingMedian(3);
        assertEquals(10, m.sample(10));
        assertEquals(15, m.sample(20));       // (10+20)/2
        assertEquals(10, m.sample(5));        // {10,20,5}
        assertEquals(5, m.sample(1));         // {20,5,1} -> 5
        assertEquals(5, m.sample(100));       // {5,1,100} -> 5
        assertEquals(100, m.sample(200));     // {1,100,200} -> 100
        m.reset();
        assertEquals(7, m.sample(7));
    }

    @Test
    void movingMedianRejectsOutliers() {
        MovingMedian m = new MovingMedian(10);
        long out = 0;
        for (int i = 0; i < 50; i++) out = m.sample(i % 7 == 0 ? 60_000 : 2_300);
        assertEquals(2_300, out);
    }

    @Test
    void movingAverage() {
        MovingAverage a = new MovingAverage(2);
        assertEquals(10, a.sample(10));
        assertEquals(15, a.sample(20));
        assertEquals(25, a.sample(30));
    }

    @Test
    void filterModeNeedsADelayFirst() {
        TimestampProcessor t = new TimestampProcessor(TimestampProcessor.Mode.FILTER, new MovingMedian(10));
        t.downTs(1_000, 1_500);
        assertFalse(t.updateOffset(), "no delay measured yet");
        t.upTs(2_000, 2_300);
        assertTrue(t.updateDelay());
        // delay = ((t2 - t3) + (t4 - t1)) / 2 = (-500 + 1300) / 2 = 400
        assertEquals(400, t.delay());
        assertTrue(t.updateOffset());
        assertEquals(1_500 - 1_000 - 400, t.offset());
        assertEquals(1.0, t.weight());
    }

    @Test
    void rawWeightModeWeighsByFilteredOverRaw() {
        TimestampProcessor t = new TimestampProcessor(TimestampProcessor.Mode.RAW_WEIGHT, new MovingMedian(10));
        t.downTs(0, 1_000);
        t.upTs(2_000, 3_000);
        t.updateDelay(); // raw 1000, filtered 1000
        t.upTs(2_000, 5_000);
        t.updateDelay(); // raw 2000, filtered 1500
        assertTrue(t.updateOffset());
        assertEquals(1_000 - 0 - 2_000, t.offset());
        assertEquals(0.75, t.weight(), 1e-12);
    }

    @Test
    void rateRatioScalesLocalInterval() {
        TimestampProcessor t = new TimestampProcessor(TimestampProcessor.Mode.RAW, new MovingMedian(1));
        t.downTs(0, 1_000_000);
        t.upTs(3_000_000, 2_000_100);
        t.clockRateRatio(1.0001);
        t.updateDelay();
        // ((1e6 - 3e6) * 1.0001 + 2_000_100) / 2 = (-2_000_200 + 2_000_100) / 2 = -50
        assertEquals(-50, t.delay());
    }

    @Test
    void resetForgetsTimestamps() {
        TimestampProcessor t = new TimestampProcessor(TimestampProcessor.Mode.FILTER, new MovingMedian(4));
        t.downTs(0, 10);
        t.upTs(20, 40);
        t.updateDelay();
        t.reset(true);
        assertFalse(t.delayValid());
        assertFalse(t.updateDelay());
    }

    @Test
    void luckyPacketsRemoveTheBiasOfOneSidedQueueingDelay() {
        // true offset +100 ns, 1000 ns each way on the wire; the Sync direction alone waits an
        // extra 0..3000 ns (a workqueue), so the mean of t2 - t1 is 1500 ns late and a median
        // estimator reports about +100 + 750 ns
        java.util.Random r = new java.util.Random(7);
        TimestampProcessor plain = new TimestampProcessor(TimestampProcessor.Mode.FILTER, new MovingMedian(10));
        TimestampProcessor lucky = new TimestampProcessor(TimestampProcessor.Mode.FILTER, new MovingMedian(10), 16, 10);
        lucky.luckyPackets(true);
        double sumPlain = 0, sumLucky = 0;
        int n = 0;
        long t = 1_000_000_000L;
        for (int i = 0; i < 400; i++, t += 125_000_000L) {
            long t1 = t, t2 = t1 + 1000 + 100 + (long) (r.nextDouble() * 3000);
            long t3 = t2 + 1_000_000, t4 = t3 + 1000 - 100 + (long) (r.nextDouble() * 100);
            for (TimestampProcessor p : new TimestampProcessor[] {plain, lucky}) {
                p.downTs(t1, t2);
                if (i % 8 == 0) {
                    p.upTs(t3, t4);
                    p.updateDelay();
                }
                assertTrue(p.updateOffset());
            }
            if (i >= 100) {
                sumPlain += plain.offset();
                sumLucky += lucky.offset();
                n++;
            }
        }
        assertTrue(Math.abs(sumPlain / n - 850) < 250, "the plain estimator's bias: " + sumPlain / n);
        // what is left: half the expected minimum of 16 draws (3000 / 17 / 2 = 88 ns)
        assertTrue(Math.abs(sumLucky / n - 100) < 130, "lucky packets, mean offset " + sumLucky / n);
        assertTrue(Math.abs(lucky.filteredDelay() - 1000) < 200, "lucky delay " + lucky.filteredDelay());
        lucky.luckyPackets(false); // off again: linuxptp's estimate
        lucky.downTs(t, t + 1100 + 3000);
        assertTrue(lucky.updateOffset());
        assertTrue(lucky.offset() > 1500, "off means t2 - t1 - delay: " + lucky.offset());
    }

    @Test
    void badFilterNamesAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DelayFilter.create("median", 10));
        assertTrue(e.getMessage().contains("median"));
        assertThrows(IllegalArgumentException.class, () -> DelayFilter.create("moving_median", 0));
        assertThrows(IllegalArgumentException.class, () -> TimestampProcessor.Mode.parse("fast"));
    }
}
