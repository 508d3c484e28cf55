package io.ptp4j.linux.clock;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/**
 * kernel_leap on the virtual clock: it carries the leap second itself, as the kernel does for
 * CLOCK_REALTIME with STA_INS / STA_DEL: 23:59:59 twice for an inserted second, none for a
 * deleted one, and frequency changes or steps before midnight do not move the instant.
 */
class VirtualClockLeapTest {
    static final long S = 1_000_000_000L, DAY = 86_400 * S;
    static final long MIDNIGHT = 1_798_761_600L * S; // 2027-01-01 00:00:00 UTC

    @Test
    void anInsertedSecondReads235959Twice() {
        VirtualClockTest.FakeSource src = new VirtualClockTest.FakeSource();
        VirtualClock c = new VirtualClock(MIDNIGHT - 10 * S, src);
        assertTrue(c.carriesLeapSeconds());
        c.armLeap(1);
        c.adjustFrequency(50_000); // 50 ppm faster: midnight comes a little sooner in raw time
        src.raw += 9 * S;
        long before = c.nowNanos();
        assertEquals(MIDNIGHT - S, before, 1_000, "23:59:59");
        src.raw += S - 100_000; // 23:59:59.99995 (at 50 ppm)
        assertTrue(c.nowNanos() < MIDNIGHT);
        src.raw += 200_000; // just past midnight: the second is inserted
        long after = c.nowNanos();
        assertEquals(MIDNIGHT - S, after, 1_000, "23:59:59 again, as the kernel reads during 23:59:60");
        src.raw += S;
        assertEquals(MIDNIGHT, c.nowNanos(), 1_000, "00:00:00, one second of raw time later");
        c.adjustFrequency(0); // the leap becomes part of the clock
        src.raw += S;
        assertEquals(MIDNIGHT + S, c.nowNanos(), 1_000);
    }

    @Test
    void aDeletedSecondSkips235959AndDisarmingCancels() {
        VirtualClockTest.FakeSource src = new VirtualClockTest.FakeSource();
        VirtualClock c = new VirtualClock(MIDNIGHT - 5 * S, src);
        c.armLeap(-1);
        src.raw += 4 * S; // 23:59:59 would begin now: skipped
        assertEquals(MIDNIGHT, c.nowNanos(), 1);
        VirtualClock d = new VirtualClock(MIDNIGHT - 5 * S, src);
        d.armLeap(1);
        d.armLeap(0);
        src.raw += 10 * S;
        assertEquals(MIDNIGHT + 5 * S, d.nowNanos(), 1, "disarmed: nothing inserted");
    }

    @Test
    void aStepAfterArmingMovesTheLeapToTheNextMidnightOfTheNewTime() {
        VirtualClockTest.FakeSource src = new VirtualClockTest.FakeSource();
        VirtualClock c = new VirtualClock(MIDNIGHT + 6 * 3600 * S, src); // 06:00 the next day
        c.armLeap(1);
        c.step(-6 * 3600 * S - 5 * S); // the servo steps it back to 23:59:55 the day before
        src.raw += 10 * S;
        assertEquals(MIDNIGHT + 4 * S, c.nowNanos(), 1, "the second was inserted at the midnight the clock now crossed");
    }

    @Test
    void socketStampsTakenBeforeTheLeapAreConvertedWithoutIt() {
        VirtualClockTest.FakeSource src = new VirtualClockTest.FakeSource();
        VirtualClock c = new VirtualClock(MIDNIGHT - 2 * S, src);
        c.armLeap(1);
        long stampRealtime = src.raw + src.realtimeMinusRawNanos() + S; // 23:59:59.0
        src.raw += 3 * S; // read after midnight
        assertEquals(MIDNIGHT - S, c.fromSocketTimestamp(stampRealtime), 1);
        assertEquals(MIDNIGHT, c.nowNanos(), 1, "00:00:00 after 3 s of raw time with one second inserted");
    }
}
