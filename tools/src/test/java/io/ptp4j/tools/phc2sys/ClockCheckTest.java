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

    ClockCheck check(int limitPpb) {
        return new ClockCheck(limitPpb, () -> mono, printer);
    }

    @Test
    void aClockRunningAtItsSetFrequencyPasses() {
        ClockCheck cc = check(200_000_000);
        long ts = 1_000_000_000_000L;
        cc.setFreq(-100_000); // the clock is slowed by 100 ppm
        for (int i = 0; i < 5; i++) {
            assertFalse(cc.sample(ts));
            mono += 1_000_000_000L;
            ts += 1_000_000_000L - 100_000; // what a clock slowed by 100 ppm shows
        }
        assertTrue(lines.isEmpty(), lines.toString());
    }

    @Test
    void aForeignStepForwardIsCaught() {
        ClockCheck cc = check(200_000_000);
        long ts = 5_000_000_000L;
        cc.setFreq(0);
        assertFalse(cc.sample(ts));
        mono += 1_000_000_000L;
        ts += 1_000_000_000L + 500_000_000L; // someone stepped it by 0.5 s: 50 % fast
        assertTrue(cc.sample(ts));
        assertTrue(lines.getLast().endsWith("clockcheck: clock jumped forward or running faster than expected!"), lines.toString());
    }

    @Test
    void ourOwnStepIsNotAForeignOne() {
        ClockCheck cc = check(200_000_000);
        long ts = 5_000_000_000L;
        cc.setFreq(0);
        assertFalse(cc.sample(ts));
        cc.step(-2_000_000_000L);
        mono += 1_000_000_000L;
        ts += 1_000_000_000L - 2_000_000_000L;
        assertFalse(cc.sample(ts));
        assertTrue(lines.isEmpty(), lines.toString());
    }

    @Test
    void backwardAndRetuned() {
        ClockCheck cc = check(1_000_000);
        long ts = 5_000_000_000L;
        cc.setFreq(0);
        cc.sample(ts);
        mono += 1_000_000_000L;
        ts += 990_000_000L; // 1 % slow, over a 1000 ppm limit
        assertTrue(cc.sample(ts));
        assertTrue(lines.getLast().endsWith("clockcheck: clock jumped backward or running slower than expected!"));
        assertFalse(cc.freqChanged(0.4));
        assertTrue(cc.freqChanged(50));
        assertTrue(lines.getLast().endsWith("clockcheck: clock frequency changed unexpectedly!"));
    }
}
