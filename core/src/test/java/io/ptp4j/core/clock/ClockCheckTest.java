package io.ptp4j.core.clock;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/** clockcheck.c's rules on a scripted monotonic clock: steps and foreign retuning are caught. */
class ClockCheckTest {
    long mono = 10_000_000_000L; // CLOCK_MONOTONIC is never near 0 on a running machine

    @Test
    void aClockRunningAtItsSetFrequencyPasses() {
        ClockCheck cc = new ClockCheck(200_000_000);
        long ts = 1_000_000_000_000L;
        cc.setFreq(-100_000); // the clock is slowed by 100 ppm
        for (int i = 0; i < 5; i++) {
            assertNull(cc.sample(ts, mono));
            mono += 1_000_000_000L;
            ts += 1_000_000_000L - 100_000; // what a clock slowed by 100 ppm shows
        }
    }

    /** A checker with a 200,000,000 ppb limit, told frequency 0, whose first sample (at ts) passed. */
    private ClockCheck sampledOnceAt(long ts) {
        ClockCheck cc = new ClockCheck(200_000_000);
        cc.setFreq(0);
        assertNull(cc.sample(ts, mono));
        return cc;
    }

    @Test
    void aForeignStepForwardIsCaught() {
        long ts = 5_000_000_000L;
        ClockCheck cc = sampledOnceAt(ts);
        mono += 1_000_000_000L;
        ts += 1_000_000_000L + 500_000_000L; // someone stepped it by 0.5 s: 50 % fast
        assertEquals(ClockCheck.FORWARD, cc.sample(ts, mono));
        assertEquals("clockcheck: clock jumped forward or running faster than expected!", ClockCheck.FORWARD);
    }

    @Test
    void ourOwnStepIsNotAForeignOne() {
        long ts = 5_000_000_000L;
        ClockCheck cc = sampledOnceAt(ts);
        cc.step(-2_000_000_000L);
        mono += 1_000_000_000L;
        ts += 1_000_000_000L - 2_000_000_000L;
        assertNull(cc.sample(ts, mono));
    }

    @Test
    void backwardAndRetuned() {
        ClockCheck cc = new ClockCheck(1_000_000);
        long ts = 5_000_000_000L;
        cc.setFreq(0);
        cc.sample(ts, mono);
        mono += 1_000_000_000L;
        ts += 990_000_000L; // 1 % slow, over a 1000 ppm limit
        assertEquals("clockcheck: clock jumped backward or running slower than expected!", cc.sample(ts, mono));
        assertFalse(cc.freqChanged(0.4));
        assertTrue(cc.freqChanged(50));
    }

    @Test
    void samplesCloserThan100msAndUnknownFrequenciesAreNotJudged() {
        ClockCheck cc = new ClockCheck(1_000);
        assertNull(cc.sample(5_000_000_000L, mono), "no frequency set yet");
        cc.setFreq(0);
        assertNull(cc.sample(5_000_000_000L, mono));
        mono += 50_000_000L;
        assertNull(cc.sample(9_000_000_000L, mono), "50 ms of monotonic time: too short to judge");
        cc.reset();
        mono += 1_000_000_000L;
        assertNull(cc.sample(20_000_000_000L, mono), "after a reset the frequency is unknown again");
    }
}
