package io.ptp4j.sim;

import java.util.SplittableRandom;

/**
 * An oscillator in virtual time: local = ref + (t - tRef) * (1 + (error + adjustment) / 1e9).
 * The error starts at {@code freqErrorPpb} and wanders as a random walk; steps and frequency
 * adjustments act on it exactly as clock_adjtime would. {@link #errorNanos} is the TRUE time
 * error against the simulation's ideal time.
 */
public final class SimClock {
    private long tRef;
    private double localRef;
    private double errorPpb;
    private double adjustPpb;
    private final double wanderPpbPerSqrtS;
    private final SplittableRandom random;

    public SimClock(long startTrueNanos, double initialOffsetNanos, double freqErrorPpb, double wanderPpbPerSqrtS, long seed) {
        this.tRef = startTrueNanos;
        this.localRef = startTrueNanos + initialOffsetNanos;
        this.errorPpb = freqErrorPpb;
        this.wanderPpbPerSqrtS = wanderPpbPerSqrtS;
        this.random = new SplittableRandom(seed);
    }

    private double rate() {
        return 1.0 + (errorPpb + adjustPpb) / 1e9;
    }

    /** Moves the reference to {@code t}, applying the random walk for the elapsed time. */
    private void advance(long t) {
        if (t <= tRef) return;
        localRef += (t - tRef) * rate();
        if (wanderPpbPerSqrtS > 0) errorPpb += random.nextGaussian() * wanderPpbPerSqrtS * Math.sqrt((t - tRef) / 1e9);
        tRef = t;
    }

    /** The local time at true time {@code t} (t must not go backwards). */
    public long localTime(long t) {
        advance(t);
        return Math.round(localRef);
    }

    /**
     * The local time at {@code t} without moving the reference: an observer's read (a workload
     * reading the clock) that leaves the clock's own integration, and so every later value, exactly
     * as it would have been without it.
     */
    public long peek(long t) {
        return t <= tRef ? Math.round(localRef) : Math.round(localRef + (t - tRef) * rate());
    }

    public double localTimeExact(long t) {
        advance(t);
        return localRef;
    }

    /** Local minus true time at {@code t}, ns. */
    public double errorNanos(long t) {
        advance(t);
        return localRef - t;
    }

    public void adjustFrequency(long t, double ppb) {
        advance(t);
        adjustPpb = ppb;
    }

    public double adjustmentPpb() {
        return adjustPpb;
    }

    public void step(long t, long deltaNanos) {
        advance(t);
        localRef += deltaNanos;
    }

    /** A sudden change of the oscillator's own frequency (a fault), ppb. */
    public void frequencyStep(long t, double deltaPpb) {
        advance(t);
        errorPpb += deltaPpb;
    }

    public double frequencyErrorPpb() {
        return errorPpb;
    }
}
