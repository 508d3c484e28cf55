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

    /** Never adjusted: nor its kernel's leap bits or TAI offset. */
    @Override
    public boolean carriesLeapSeconds() {
        return false;
    }

    @Override
    public void armLeap(int leap) {}

    @Override
    public void setTaiOffset(int seconds) {}

    @Override
    public boolean canAdjustPhase() {
        return false;
    }

    @Override
    public void adjustPhase(long offsetNanos) {}
}
