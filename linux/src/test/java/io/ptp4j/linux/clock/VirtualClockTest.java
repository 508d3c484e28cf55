package io.ptp4j.linux.clock;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class VirtualClockTest {
    /** A hand-driven raw clock with a fixed REALTIME offset. */
    static final class FakeSource implements VirtualClock.TimeSource {
        long raw = 5_000_000_000L;
        long realMinusRaw = 1_700_000_000_000_000_000L;

        @Override
        public long monotonicRawNanos() {
            return raw;
        }

        @Override
        public long realtimeMinusRawNanos() {
            return realMinusRaw;
        }
    }

    @Test
    void runsAtRawRateThenAtTheSetFrequencyExactly() {
        FakeSource s = new FakeSource();
        VirtualClock c = new VirtualClock(1_000L, s);
        assertEquals(1_000L, c.nowNanos());
        s.raw += 1_000_000_000L;
        assertEquals(1_000_001_000L, c.nowNanos());
        c.adjustFrequency(+1_000); // +1 ppm: 1000 ns more per second
        assertEquals(1_000.0, c.frequencyPpb());
        assertEquals(1_000_001_000L, c.nowNanos(), "a frequency change does not move the time");
        s.raw += 1_000_000_000L;
        assertEquals(2_000_002_000L, c.nowNanos());
        c.adjustFrequency(-250_000);
        s.raw += 2_000_000_000L;
        assertEquals(2_000_002_000L + 2_000_000_000L - 500_000L, c.nowNanos());
    }

    @Test
    void stepsAddExactlyAndKeepTheRate() {
        FakeSource s = new FakeSource();
        VirtualClock c = new VirtualClock(0, s);
        c.adjustFrequency(100);
        c.step(-123_456_789L);
        assertEquals(-123_456_789L, c.nowNanos());
        s.raw += 10_000_000_000L;
        assertEquals(-123_456_789L + 10_000_000_000L + 1_000L, c.nowNanos());
        c.step(5);
        assertEquals(-123_456_784L + 10_000_000_000L + 1_000L, c.nowNanos());
    }

    @Test
    void convertsRealtimeStampsIntoItsTimescale() {
        FakeSource s = new FakeSource();
        VirtualClock c = new VirtualClock(42_000_000_000L, s);
        long realtimeNow = s.raw + s.realMinusRaw;
        assertEquals(42_000_000_000L, c.fromSocketTimestamp(realtimeNow));
        assertEquals(42_000_000_000L - 1_000L, c.fromSocketTimestamp(realtimeNow - 1_000L));
        c.adjustFrequency(1e6); // 1000 ppm makes a 1 ms old stamp 1 µs older still
        assertEquals(42_000_000_000L - 1_000_000L - 1_000L, c.fromSocketTimestamp(realtimeNow - 1_000_000L));
    }

    @Test
    void clampsFrequency() {
        VirtualClock c = new VirtualClock(0, new FakeSource());
        c.adjustFrequency(1e12);
        assertEquals(VirtualClock.MAX_FREQUENCY_PPB, c.frequencyPpb());
    }

    @Test
    void onTheKernelClocksItTracksRealtimeWithinMicroseconds() {
        VirtualClock c = VirtualClock.startingAtRealtime();
        PosixTime t = new PosixTime();
        long rt = t.realtimeNanos();
        long v = c.fromSocketTimestamp(rt);
        long now = c.nowNanos();
        // freshly started at REALTIME, no adjustment: the mapping error is the read window plus drift
        assertTrue(Math.abs(v - rt) < 20_000, "virtual " + v + " vs realtime " + rt);
        assertTrue(now >= v, "now " + now + " before a stamp taken earlier " + v);
    }
}
