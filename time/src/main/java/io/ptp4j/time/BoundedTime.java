package io.ptp4j.time;

/**
 * True time lay in [{@code earliestNanos}, {@code latestNanos}] (nanoseconds since the epoch, the
 * timescale of CLOCK_REALTIME) when this was read, provided {@link #status()} is trusted.
 * Comparisons answer "certainly": {@code a.isBefore(b)} is true only when every instant of
 * {@code a} precedes every instant of {@code b}, and false whenever either one is untrusted.
 */
public record BoundedTime(long earliestNanos, long latestNanos, ClockStatus status) {
    /** The status says the interval holds true time. */
    public boolean trusted() {
        return status.trusted();
    }

    /** This certainly happened before {@code other}: this.latest < other.earliest, both trusted. */
    public boolean isBefore(BoundedTime other) {
        return trusted() && other.trusted() && latestNanos < other.earliestNanos;
    }

    /** This certainly happened after {@code other}: this.earliest > other.latest, both trusted. */
    public boolean isAfter(BoundedTime other) {
        return trusted() && other.trusted() && earliestNanos > other.latestNanos;
    }

    /** This certainly happened after the instant {@code epochNanos}. */
    public boolean isAfter(long epochNanos) {
        return trusted() && earliestNanos > epochNanos;
    }

    /** This certainly happened before the instant {@code epochNanos}. */
    public boolean isBefore(long epochNanos) {
        return trusted() && latestNanos < epochNanos;
    }

    /** latest - earliest: twice the bound. */
    public long widthNanos() {
        return latestNanos - earliestNanos;
    }
}
