package io.ptp4j.core.servo;

/**
 * A servo that never adjusts the clock (linuxptp's nullf, ntpshm and refclock_sock): it stays
 * UNLOCKED, so the port stays UNCALIBRATED as in linuxptp, and hands each measured offset to
 * {@link #measured} (nothing, for free_running; chronyd or ntpd, for the NTP servos).
 */
public abstract class MeasureOnlyServo implements Servo {
    /** The pending leap second: +1, -1 or 0. */
    protected int leap;

    @Override
    public final double sample(long offsetNanos, long localTimeNanos, double weight) {
        measured(offsetNanos, localTimeNanos);
        return 0.0;
    }

    /** One offset measurement (master - local convention of {@link Servo#sample}). */
    protected abstract void measured(long offsetNanos, long localTimeNanos);

    @Override
    public final ServoState state() {
        return ServoState.UNLOCKED;
    }

    @Override
    public final void syncInterval(double seconds) {}

    @Override
    public final void reset() {}

    @Override
    public final double maxFrequencyPpb() {
        return 0.0;
    }

    @Override
    public final void leap(int leap) {
        this.leap = leap;
    }
}
