package io.ptp4j.core.clock;

/**
 * linuxptp util.c's leap second rules, for ptp4l (clock_utc_correct) and phc2sys between a UTC
 * clock (CLOCK_REALTIME) and a TAI one (a PHC): {@link #isUtcAmbiguous} (the second before UTC
 * midnight, which the kernel plays twice when it inserts one) and {@link #status} (when to arm
 * or disarm the leap, correcting an early or late flag and UTC offset from the grandmaster).
 */
public final class LeapSecond {
    public static final long NS_PER_SEC = 1_000_000_000L;
    public static final long NS_PER_HOUR = 3600 * NS_PER_SEC;
    public static final long NS_PER_DAY = 24 * NS_PER_HOUR;

    private LeapSecond() {}

    /** is_utc_ambiguous: within the last second of a UTC day. */
    public static boolean isUtcAmbiguous(long utcNanos) {
        return NS_PER_DAY - Math.floorMod(utcNanos, NS_PER_DAY) <= NS_PER_SEC;
    }

    /**
     * leap_second_status: the leap to arm now (+1, -1, 0). The grandmaster's flags should be set at
     * most 12 h before midnight and cleared at most a few announce intervals after it; updates are
     * split at 06:00 UTC. {@code leapAndOffset} = {the grandmaster's leap, its UTC offset} is
     * corrected in place when its update came early or late.
     */
    public static int status(long utcNanos, int leapSet, int[] leapAndOffset) {
        int leapStatus = leapSet;
        if (Math.floorMod(utcNanos, NS_PER_DAY) > 6 * NS_PER_HOUR) {
            if (leapStatus == 0) leapStatus = leapAndOffset[0];
        } else {
            leapStatus = 0;
        }
        if (leapAndOffset[0] == 0 && leapStatus != 0) {
            leapAndOffset[1] -= leapStatus;
            leapAndOffset[0] = leapStatus;
        } else if (leapAndOffset[0] != 0 && leapStatus == 0) {
            leapAndOffset[1] += leapAndOffset[0];
            leapAndOffset[0] = leapStatus;
        }
        return leapStatus;
    }
}
