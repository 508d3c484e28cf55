package io.ptp4j.core.bound;

/**
 * clockAccuracy (IEEE 1588-2019 7.6.2.6, Table 5): the enumeration a grandmaster announces for
 * how close its time is to the primary reference, as the upper end of each class in nanoseconds.
 * The bound uses the upper end: "the time is accurate to within 100 ns" (0x21) becomes 100 ns.
 */
public final class ClockAccuracy {
    private ClockAccuracy() {}

    /** 0xFE: "Unknown" (the default of linuxptp's clockAccuracy key). */
    public static final int UNKNOWN = 0xFE;

    // Table 5, 0x17 (1 ps) to 0x30 (10 s); 0x31 is "greater than 10 s", which bounds nothing.
    private static final double[] NANOS = {
        0.001, 0.0025, 0.01, 0.025, 0.1, 0.25, // 0x17-0x1C: 1 ps .. 250 ps
        1, 2.5, 10, 25, 100, 250,               // 0x1D-0x22: 1 ns .. 250 ns
        1e3, 2.5e3, 1e4, 2.5e4, 1e5, 2.5e5,     // 0x23-0x28: 1 us .. 250 us
        1e6, 2.5e6, 1e7, 2.5e7, 1e8, 2.5e8,     // 0x29-0x2E: 1 ms .. 250 ms
        1e9, 1e10                               // 0x2F-0x30: 1 s, 10 s
    };

    /**
     * The largest time error the value admits, in nanoseconds, or -1 when it bounds nothing:
     * 0xFE (unknown), 0x31 (more than 10 s), the reserved values and the alternate-profile range
     * 0x80-0xFD (whose meaning the profile, not this standard, defines).
     */
    public static double nanos(int clockAccuracy) {
        int i = clockAccuracy - 0x17;
        return i >= 0 && i < NANOS.length ? NANOS[i] : -1;
    }
}
