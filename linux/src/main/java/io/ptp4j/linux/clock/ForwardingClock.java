package io.ptp4j.linux.clock;

import io.ptp4j.linux.NativeException;

/**
 * A clock that passes every call on to another one ({@link #delegate()}); subclasses change only
 * what they are for (a read-only clock, an oscillator error, the PHC of the selected port).
 */
public abstract class ForwardingClock implements ClockDevice {
    /** The clock the calls go to now. */
    protected abstract ClockDevice delegate();

    @Override
    public String name() {
        return delegate().name();
    }

    @Override
    public long nowNanos() throws NativeException {
        return delegate().nowNanos();
    }

    @Override
    public void adjustFrequency(double freqPpb) throws NativeException {
        delegate().adjustFrequency(freqPpb);
    }

    @Override
    public double frequencyPpb() throws NativeException {
        return delegate().frequencyPpb();
    }

    @Override
    public void step(long deltaNanos) throws NativeException {
        delegate().step(deltaNanos);
    }

    @Override
    public double maxFrequencyPpb() {
        return delegate().maxFrequencyPpb();
    }

    @Override
    public long fromSocketTimestamp(long socketNanos) throws NativeException {
        return delegate().fromSocketTimestamp(socketNanos);
    }

    @Override
    public boolean selectForPort(int port) {
        return delegate().selectForPort(port);
    }

    @Override
    public long minusRealtimeNanos() throws NativeException {
        return delegate().minusRealtimeNanos();
    }

    @Override
    public void close() {
        delegate().close();
    }
}
