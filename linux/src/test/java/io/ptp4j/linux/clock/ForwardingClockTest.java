package io.ptp4j.linux.clock;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/** The wrappers on ForwardingClock: what each changes, and that the rest passes through. */
class ForwardingClockTest {
    static final class Fake implements ClockDevice {
        double freq;
        long time;
        int closed;

        @Override public String name() { return "fake"; }
        @Override public long nowNanos() { return time; }
        @Override public void adjustFrequency(double ppb) { freq = ppb; }
        @Override public double frequencyPpb() { return freq; }
        @Override public void step(long d) { time += d; }
        @Override public double maxFrequencyPpb() { return 1000; }
        @Override public void close() { closed++; }
    }

    @Test
    void readOnlyClockReadsAndNeverAdjusts() throws Exception {
        Fake f = new Fake();
        f.time = 5;
        ReadOnlyClock c = new ReadOnlyClock(f);
        c.adjustFrequency(100);
        c.step(7);
        assertEquals(0, f.freq);
        assertEquals(5, c.nowNanos());
        assertEquals(1000, c.maxFrequencyPpb());
        c.close();
        assertEquals(1, f.closed);
    }

    @Test
    void oscillatorErrorIsAddedUnderTheEnginesAdjustment() throws Exception {
        Fake f = new Fake();
        OscillatorErrorClock c = new OscillatorErrorClock(f, 30);
        assertEquals(30, f.freq);
        c.adjustFrequency(-10);
        assertEquals(20, f.freq);
        assertEquals(-10, c.frequencyPpb());
    }

    @Test
    void aReadOnlyJbodClockStillFollowsThePortThatIsSelected() throws Exception {
        Fake a = new Fake(), b = new Fake();
        a.time = 1;
        b.time = 2;
        ReadOnlyClock c = new ReadOnlyClock(new JbodClock(new ClockDevice[] {a, b, a}));
        assertTrue(c.selectForPort(2));
        assertEquals(2, c.nowNanos());
        c.close();
        assertEquals(1, a.closed, "a clock two ports share is closed once");
        assertEquals(1, b.closed);
    }
}
