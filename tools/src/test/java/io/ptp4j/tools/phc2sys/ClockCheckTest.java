package io.ptp4j.tools.phc2sys;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ptp4j.tools.log.Printer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** clockcheck.c's rules on a scripted monotonic clock: steps and foreign retuning are caught. */
class ClockCheckTest {
    long mono = 10_000_000_000L; // MONOTONIC_RAW is never near 0 on a running machine
    final List<String> lines = new ArrayList<>();
    final Printer printer = new Printer("phc2sys", () -> 0).verbose((level, line) -> lines.add(line.toString()));

    long ts; // what the checked clock shows

    ClockCheck check(int limitPpb) {
        return new ClockCheck(limitPpb, () -> mono, printer);
    }

    /** A check at frequency 0 that took its first sample, the clock at 5 s. */
    ClockCheck sampledOnce(int limitPpb) {
        ClockCheck cc = check(limitPpb);
        ts = 5_000_000_000L;
        cc.setFreq(0);
        assertFalse(cc.sample(ts));
        return cc;
    }

    /** One second of MONOTONIC_RAW while the checked clock moves by {@code clockNanos}: the check's verdict. */
    boolean oneSecond(ClockCheck cc, long clockNanos) {
        mono += 1_000_000_000L;
        ts += clockNanos;
        return cc.sample(ts);
    }

    @Test
    void aClockRunningAtItsSetFrequencyPasses() {
        ClockCheck cc = check(200_000_000);
        ts = 1_000_000_000_000L;
        cc.setFreq(-100_000); // the clock is slowed by 100 ppm
        assertFalse(cc.sample(ts));
        for (int i = 0; i < 5; i++) assertFalse(oneSecond(cc, 1_000_000_000L - 100_000)); // what a clock slowed by 100 ppm shows
        assertTrue(lines.isEmpty(), lines.toString());
    }

    @Test
    void aForeignStepForwardIsCaught() {
        ClockCheck cc = sampledOnce(200_000_000);
        assertTrue(oneSecond(cc, 1_000_000_000L + 500_000_000L)); // someone stepped it by 0.5 s: 50 % fast
        assertTrue(lines.getLast().endsWith("clockcheck: clock jumped forward or running faster than expected!"), lines.toString());
    }

    @Test
    void ourOwnStepIsNotAForeignOne() {
        ClockCheck cc = sampledOnce(200_000_000);
        cc.step(-2_000_000_000L);
        assertFalse(oneSecond(cc, 1_000_000_000L - 2_000_000_000L));
        assertTrue(lines.isEmpty(), lines.toString());
    }

    @Test
    void backwardAndRetuned() {
        ClockCheck cc = sampledOnce(1_000_000);
        assertTrue(oneSecond(cc, 990_000_000L)); // 1 % slow, over a 1000 ppm limit
        assertTrue(lines.getLast().endsWith("clockcheck: clock jumped backward or running slower than expected!"));
        assertFalse(cc.freqChanged(0.4));
        assertTrue(cc.freqChanged(50));
        assertTrue(lines.getLast().endsWith("clockcheck: clock frequency changed unexpectedly!"));
    }
}
