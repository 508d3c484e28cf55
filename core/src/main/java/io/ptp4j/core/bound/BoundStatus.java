package io.ptp4j.core.bound;

/**
 * The clock status of a published bound, with the codes of the ClockBound shared-memory protocol
 * (aws/clock-bound docs/PROTOCOL.md, "Clock Status", i32).
 */
public enum BoundStatus {
    /** No bound can be given: never synchronized, or the reference's accuracy was never known. */
    UNKNOWN(0),
    /** The bound rests on a recent measurement against a grandmaster of known accuracy. */
    SYNCHRONIZED(1),
    /** No recent measurement (holdover, no master, a master of unknown accuracy): the bound grows with time. */
    FREE_RUNNING(2),
    /** The disciplined clock was replaced (boundary_clock_jbod switched PHCs): nothing is known until it is measured again. */
    DISRUPTED(3);

    /** The value written to the segment. */
    public final int code;

    BoundStatus(int code) {
        this.code = code;
    }

    /** True when the bound is a claim an application may rely on (ClockBound: "can be trusted"). */
    public boolean trusted() {
        return this == SYNCHRONIZED || this == FREE_RUNNING;
    }
}
