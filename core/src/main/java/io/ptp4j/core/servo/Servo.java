package io.ptp4j.core.servo;

/**
 * A clock servo, linuxptp's servo.h contract: feed it the measured offset of the local clock from
 * the master (local - master, ns) with the local timestamp of the measurement; it returns the
 * frequency to set on the clock, in ppb (positive: the clock runs faster; linuxptp's servos
 * return the negation, which clock.c negates again), and its state says whether to step
 * ({@link ServoState#JUMP}: step the clock by -offset, then set the frequency), just set the
 * frequency ({@link ServoState#LOCKED}), or do nothing yet ({@link ServoState#UNLOCKED}).
 */
public interface Servo {
    /**
     * @param offsetNanos   local clock minus master clock, nanoseconds
     * @param localTimeNanos local time of the sample (the Sync ingress timestamp), nanoseconds
     * @param weight        sample weight in (0, 1]; 1.0 unless tsproc runs a weighting mode
     * @return the frequency to set on the clock, ppb (meaningful in JUMP and LOCKED states)
     */
    double sample(long offsetNanos, long localTimeNanos, double weight);

    /** The state after the last sample. */
    ServoState state();

    /** Tells the servo the current sync interval, seconds (linuxptp's servo_sync_interval). */
    void syncInterval(double seconds);

    /** Forgets all samples (after a step by someone else, or a new master). */
    void reset();

    /** The largest |adjustment| the servo may return, ppb (linuxptp: from the clock's max_adj). */
    double maxFrequencyPpb();

    /**
     * The frequency to hold when the master's samples stop (holdover): the servo's long-term
     * estimate of the oscillator's error, without the proportional kick of the last sample.
     */
    default double holdoverFrequencyPpb(double lastPpb) {
        return lastPpb;
    }

    /** Leap second pending: +1, -1 or 0 (linuxptp's servo_leap). */
    default void leap(int leap) {}
}
