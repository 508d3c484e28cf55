package io.ptp4j.linux.clock;

import io.ptp4j.linux.NativeException;

/**
 * A kernel clock disciplined through clock_adjtime (the system clock, a PHC), as linuxptp's
 * clockadj.c: the frequency clamped to what the clock accepts, read back, and stepped.
 */
abstract class AdjtimeClock implements ClockDevice {
    final Timex timex;

    AdjtimeClock(Timex timex) {
        this.timex = timex;
    }

    @Override
    public void adjustFrequency(double freqPpb) throws NativeException {
        double max = maxFrequencyPpb();
        timex.setFrequency(Math.max(-max, Math.min(max, freqPpb)));
    }

    @Override
    public double frequencyPpb() throws NativeException {
        return timex.frequencyPpb();
    }

    @Override
    public void step(long deltaNanos) throws NativeException {
        timex.step(deltaNanos);
    }
}
