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
    private Timescale timescale;
    private boolean utc;
    /**
     * What the clock reads is shift + localRef: a timescale near the Unix epoch's present (1.8e18
     * ns) would leave a double no better than 256 ns, so the reference stays near the run's true
     * time and the whole nanoseconds of the epoch are kept apart.
     */
    private long shift;
    // A leap second armed as the kernel does (STA_INS / STA_DEL): at leapAt (local time) step by -leap s.
    private int leap;
    private double leapAt = Double.MAX_VALUE;

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
        if (localRef >= leapAt) { // the armed midnight has passed: the second is inserted (or deleted); leapAt is in localRef's terms
            localRef -= leap * 1e9;
            leap = 0;
            leapAt = Double.MAX_VALUE;
        }
    }

    /**
     * From now on this clock keeps {@code ts}: TAI, or UTC when {@code utc} (it starts there, plus
     * its initial offset), and its true error is judged against that.
     */
    void timescale(long t, Timescale ts, boolean utc) {
        this.timescale = ts;
        this.utc = utc;
        shift = ts.ideal(t, utc) - t;
    }

    /** kernel_leap on a UTC clock: at the next UTC midnight of its own reading, insert (+1) or delete (-1) a second. */
    public void armLeap(long t, int leapSecond) {
        advance(t);
        leap = leapSecond;
        if (leapSecond == 0) {
            leapAt = Double.MAX_VALUE;
            return;
        }
        aimLeap();
    }

    private void aimLeap() {
        long day = 86_400_000_000_000L;
        long reading = shift + Math.round(localRef);
        long midnight = (Math.floorDiv(reading, day) + 1) * day - (leap > 0 ? 0 : 1_000_000_000L);
        leapAt = (double) (midnight - shift);
    }

    /** Whether this clock keeps UTC (and so may carry a leap second). */
    public boolean keepsUtc() {
        return timescale != null && utc;
    }

    /** The local time at true time {@code t} (t must not go backwards). */
    public long localTime(long t) {
        advance(t);
        return shift + Math.round(localRef);
    }

    /**
     * The reading at {@code t} without moving the reference: an observer's read (a workload
     * reading the clock) that leaves the clock's own integration, and so every later value, exactly
     * as it would have been without it (an armed leap is not applied here).
     */
    public long peek(long t) {
        return shift + (t <= tRef ? Math.round(localRef) : Math.round(localRef + (t - tRef) * rate()));
    }

    /** The local time at true time {@code t} plus {@code noiseNanos}, rounded (a timestamp). */
    public long localTime(long t, double noiseNanos) {
        advance(t);
        return shift + Math.round(localRef + noiseNanos);
    }

    /** Local minus true time at {@code t}, ns. */
    public double errorNanos(long t) {
        advance(t);
        if (timescale == null) return localRef - t;
        double e = localRef - (timescale.ideal(t, utc) - shift);
        if (!utc) return e;
        // 23:59:60: reading 23:59:59 again, or not yet, are both true UTC for that second
        long tai = t + timescale.baseNanos;
        double other = e + timescale.alternateUtcOffsetNanos(tai) - timescale.utcOffsetNanos(tai);
        return Math.abs(other) < Math.abs(e) ? other : e;
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
        if (leap != 0) aimLeap(); // the kernel's leap falls at the next midnight of the time it now keeps
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
