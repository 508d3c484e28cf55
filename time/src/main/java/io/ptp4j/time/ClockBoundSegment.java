package io.ptp4j.time;

/**
 * One consistent read of a ClockBound segment's fields, as they are stored (diagnostics, tools,
 * tests). Times are CLOCK_MONOTONIC(_COARSE) nanoseconds.
 */
public record ClockBoundSegment(int version, int generation, long asOfNanos, long voidAfterNanos, long boundNanos,
                                long disruptionMarker, long maxDriftPpb, int clockStatusCode, boolean disruptionSupport) {
    public ClockStatus clockStatus() {
        return ClockStatus.of(clockStatusCode);
    }

    /** The bound at monotonic instant {@code monotonicNanos}: bound + maxDrift * (now - as_of), rounded up. */
    public long boundAt(long monotonicNanos) {
        long dt = Math.max(0, monotonicNanos - asOfNanos);
        if (Math.multiplyHigh(dt, maxDriftPpb) == 0 && dt * maxDriftPpb >= 0) return boundNanos + Math.ceilDiv(dt * maxDriftPpb, 1_000_000_000L);
        return boundNanos + (long) Math.ceil(dt * (maxDriftPpb / 1e9));
    }
}
