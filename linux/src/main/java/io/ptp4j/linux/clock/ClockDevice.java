package io.ptp4j.linux.clock;

import io.ptp4j.linux.NativeException;

/**
 * A clock ptp4j can read and discipline: the system clock, a PTP hardware clock, or a virtual
 * clock for tests and demos. Times are nanoseconds since the clock's epoch (1970 for
 * CLOCK_REALTIME; PHCs usually run TAI). Not thread-safe unless an implementation says so.
 */
public interface ClockDevice extends AutoCloseable {
    /** A short name for logs: "CLOCK_REALTIME", "/dev/ptp0", "virtual". */
    String name();

    /** The current time. */
    long nowNanos() throws NativeException;

    /** Sets the frequency offset in parts per billion (positive: the clock runs faster). */
    void adjustFrequency(double freqPpb) throws NativeException;

    /** The frequency offset currently set, in ppb (linuxptp reads it once at start). */
    double frequencyPpb() throws NativeException;

    /** Adds {@code deltaNanos} to the clock's time at once. */
    void step(long deltaNanos) throws NativeException;

    /**
     * Whether the clock carries leap seconds itself (kernel_leap): CLOCK_REALTIME through the
     * kernel, the virtual clock on its own. A PHC keeps TAI and has none.
     */
    default boolean carriesLeapSeconds() {
        return false;
    }

    /** Arms (+1 insert, -1 delete) or disarms (0) a leap second at the clock's next UTC midnight. */
    default void armLeap(int leap) throws NativeException {}

    /** The kernel's TAI - UTC offset (CLOCK_REALTIME only; linuxptp sysclk_set_tai_offset). */
    default void setTaiOffset(int seconds) throws NativeException {}

    /** Whether {@link #adjustPhase} works: a PHC whose driver has adjphase (write_phase_mode). */
    default boolean canAdjustPhase() {
        return false;
    }

    /** Hands {@code offsetNanos} to the clock's phase control (ADJ_OFFSET | ADJ_NANO; linuxptp clockadj_set_phase). */
    default void adjustPhase(long offsetNanos) throws NativeException {
        throw new NativeException("clock_adjtime(ADJ_OFFSET) on " + name(), io.ptp4j.linux.Libc.EOPNOTSUPP);
    }

    /** The largest frequency offset the clock accepts, in ppb (linuxptp's max_adj / max_frequency). */
    double maxFrequencyPpb();

    /**
     * Converts a socket timestamp into this clock's timescale. Software timestamps are
     * CLOCK_REALTIME; hardware timestamps are already in the PHC's timescale. The default, for
     * the clock the stamps come from, is the identity.
     */
    default long fromSocketTimestamp(long socketNanos) throws NativeException {
        return socketNanos;
    }

    /**
     * boundary_clock_jbod: makes port {@code port}'s clock (1-based) the one this device reads and
     * adjusts. True when that changed the clock; a device with one clock for all ports says false.
     */
    default boolean selectForPort(int port) {
        return false;
    }

    /**
     * This clock's time minus CLOCK_REALTIME at one instant: where the master runs on this
     * machine's clock (tests, demos) that is the true time error. The default brackets a read of
     * this clock between two REALTIME reads (best of five), so the cost of a read, which can be
     * microseconds before the JIT compiles it, does not bias the answer.
     */
    default long minusRealtimeNanos() throws NativeException {
        PosixTime real = PosixTime.forThisThread();
        long best = 0, window = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            long rt1 = real.realtimeNanos();
            long t = nowNanos();
            long rt2 = real.realtimeNanos();
            if (rt2 - rt1 < window) {
                window = rt2 - rt1;
                best = t - (rt1 + (rt2 - rt1) / 2);
            }
        }
        return best;
    }

    @Override
    default void close() {}
}
