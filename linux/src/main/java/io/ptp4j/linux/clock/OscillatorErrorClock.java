package io.ptp4j.linux.clock;

import io.ptp4j.linux.NativeException;

/**
 * A clock whose oscillator is off by {@code errorPpb} (virtual_clock_freq): adjustments are made
 * on top of that error, and the engine sees only its own adjustment, as with a real oscillator.
 */
public final class OscillatorErrorClock extends ForwardingClock {
    private final ClockDevice inner;
    private final double errorPpb;

    public OscillatorErrorClock(ClockDevice inner, double errorPpb) throws NativeException {
        this.inner = inner;
        this.errorPpb = errorPpb;
        inner.adjustFrequency(errorPpb);
    }

    @Override
    protected ClockDevice delegate() {
        return inner;
    }

    @Override
    public void adjustFrequency(double freqPpb) throws NativeException {
        inner.adjustFrequency(freqPpb + errorPpb);
    }

    @Override
    public double frequencyPpb() throws NativeException {
        return inner.frequencyPpb() - errorPpb;
    }
}
