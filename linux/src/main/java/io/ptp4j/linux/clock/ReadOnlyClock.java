package io.ptp4j.linux.clock;

/**
 * free_running 1, a transparent clock, or a servo that feeds chronyd/ntpd: the clock is read,
 * never adjusted (linuxptp's free_running).
 */
public final class ReadOnlyClock extends ForwardingClock {
    private final ClockDevice inner;

    public ReadOnlyClock(ClockDevice inner) {
        this.inner = inner;
    }

    @Override
    protected ClockDevice delegate() {
        return inner;
    }

    @Override
    public void adjustFrequency(double freqPpb) {}

    @Override
    public double frequencyPpb() {
        return 0;
    }

    @Override
    public void step(long deltaNanos) {}
}
