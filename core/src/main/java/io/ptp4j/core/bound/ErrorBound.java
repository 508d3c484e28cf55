package io.ptp4j.core.bound;

/**
 * One published clock error bound, in the terms of the ClockBound protocol: at monotonic time
 * {@code asOfNanos} the disciplined clock is within {@code boundNanos} of true time, and the bound
 * grows by at most {@code maxDriftPpb} per second after that, until {@code voidAfterNanos}.
 * Mutable and reused: the estimator fills the same instance on every update (no allocation).
 */
public final class ErrorBound {
    long asOfNanos;
    long voidAfterNanos;
    long boundNanos;
    long maxDriftPpb;
    BoundStatus status = BoundStatus.UNKNOWN;
    long disruptionMarker;

    /** Monotonic time (CLOCK_MONOTONIC in the daemon, virtual time in the simulator) of the bound. */
    public long asOfNanos() {
        return asOfNanos;
    }

    /** After this monotonic time the bound must not be used (the publisher has stopped). */
    public long voidAfterNanos() {
        return voidAfterNanos;
    }

    /** |clock - true time| at {@link #asOfNanos()}, at most this, in ns (rounded up). */
    public long boundNanos() {
        return boundNanos;
    }

    /** How fast the bound may grow after {@link #asOfNanos()}, ppb (rounded up). */
    public long maxDriftPpb() {
        return maxDriftPpb;
    }

    public BoundStatus status() {
        return status;
    }

    /** Changes whenever the clock was disrupted: stepped, switched, or given a new grandmaster. */
    public long disruptionMarker() {
        return disruptionMarker;
    }

    /**
     * The bound at monotonic time {@code nowNanos}, as a ClockBound reader computes it:
     * {@code bound + maxDrift * (now - asOf)}, rounded up (the drift never shrinks it).
     */
    public long boundAt(long nowNanos) {
        long dt = Math.max(0, nowNanos - asOfNanos);
        return boundNanos + (long) Math.ceil(dt * (double) maxDriftPpb / 1e9);
    }

    /** Sets every field (a bound made elsewhere: phc2sys adds its own terms to ptp4l's). */
    public ErrorBound set(long asOfNanos, long voidAfterNanos, long boundNanos, long maxDriftPpb, BoundStatus status, long disruptionMarker) {
        this.asOfNanos = asOfNanos;
        this.voidAfterNanos = voidAfterNanos;
        this.boundNanos = boundNanos;
        this.maxDriftPpb = maxDriftPpb;
        this.status = status;
        this.disruptionMarker = disruptionMarker;
        return this;
    }

    void copyFrom(ErrorBound o) {
        asOfNanos = o.asOfNanos;
        voidAfterNanos = o.voidAfterNanos;
        boundNanos = o.boundNanos;
        maxDriftPpb = o.maxDriftPpb;
        status = o.status;
        disruptionMarker = o.disruptionMarker;
    }

    @Override
    public String toString() {
        return status + " bound " + boundNanos + " ns + " + maxDriftPpb + " ppb, as of " + asOfNanos + " (void after " + voidAfterNanos
                + "), disruption " + disruptionMarker;
    }
}
