package io.ptp4j.time;

/** The clock status of a bound: the values of the ClockBound protocol's "Clock Status" field. */
public enum ClockStatus {
    /** Nothing is known: [earliest, latest] must not be relied on. */
    UNKNOWN,
    /** Kept accurate by the synchronization daemon: the interval holds true time. */
    SYNCHRONIZED,
    /** Not updated lately (holdover, no master): the interval holds true time and widens with time. */
    FREE_RUNNING,
    /** The clock was disrupted (e.g. replaced): the interval must not be relied on. */
    DISRUPTED;

    /** The status for a segment's code; an unknown code reads as UNKNOWN. */
    public static ClockStatus of(int code) {
        return switch (code) {
            case 1 -> SYNCHRONIZED;
            case 2 -> FREE_RUNNING;
            case 3 -> DISRUPTED;
            default -> UNKNOWN;
        };
    }

    /** The code written in the segment. */
    public int code() {
        return ordinal();
    }

    /** SYNCHRONIZED or FREE_RUNNING: the interval is a claim (ClockBound: "can be trusted"). */
    public boolean trusted() {
        return this == SYNCHRONIZED || this == FREE_RUNNING;
    }
}
