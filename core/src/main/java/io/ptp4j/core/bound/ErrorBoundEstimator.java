package io.ptp4j.core.bound;

/**
 * How far the disciplined clock can be from true time, derived term by term from what the servo
 * loop measured (docs/bounded-time.md has the derivation). Sans-IO like the engine: every input
 * carries its monotonic time; nothing is allocated after construction.
 *
 * <p>The model. Let e(t) = clock - true time, P(t) the phase the servo put in on purpose (the
 * integral of the frequency it applied, plus its steps: known exactly) and f the frequency
 * correction that would make the oscillator run true. Then e(t) = e(t0) + P(t) - P(t0) - f (t - t0)
 * plus the oscillator's wander. A Sync/Delay_Req sample measures o = e - g + a + n: g the
 * grandmaster's own error (|g| at most its clockAccuracy), a the path asymmetry (|a| at most the
 * mean path delay when both one-way delays are positive), n the sample's noise. So y = o - P lies
 * on a straight line in t plus noise; a least-squares line through the last {@value #WINDOW}
 * samples gives e now and f, with standard errors from the residuals.
 *
 * <p>At a sample (the measurement bound M):
 * <pre>  M = accuracy(grandmaster) + asymmetry + |line(now) + P(now)| + K * se(line(now))</pre>
 * After it (propagation from the last anchor t0, with f estimated as f0 +- u0):
 * <pre>  B(t) = M(t0) + |P(t) - P(t0) - f0 (t - t0)| + u0 (t - t0) + 2/3 K_W W (t - t0)^1.5</pre>
 * where u0 = K se(slope) + 2 accuracy / span (the grandmaster's own frequency error over the
 * window) + K_W W sqrt(span), and W is the oscillator's assumed random-walk wander. A new sample
 * becomes the anchor when its M is below the propagated bound: both hold, the smaller is kept
 * (after a failover to a worse grandmaster the holdover bound can stay the tighter one).
 */
public final class ErrorBoundEstimator {
    /** Samples in the regression window (8 s at 8 Syncs per second, 64 s at 1 per second). */
    public static final int WINDOW = 64;
    /** Fewer samples give no measurement bound (the spread of so few says too little). */
    public static final int MIN_SAMPLES = 16;
    /** Coverage factor on the regression's standard errors (normal: 4.5 sigma is 7 in a million). */
    public static final double K = 4.5;
    /** Assumed oscillator frequency wander, a random walk of this many ppb per sqrt(s) (1 sigma). */
    public static final double WANDER_PPB_PER_SQRT_S = 1.0;
    /** Coverage factor on the wander. */
    public static final double K_WANDER = 4.0;
    /** How long after {@code as_of} a reader may extrapolate (ClockBound's void_after - as_of). */
    public static final long HORIZON_NANOS = 10_000_000_000L;
    /** Without a measurement this long, the status is FREE_RUNNING instead of SYNCHRONIZED. */
    public static final long SYNCHRONIZED_FOR_NANOS = 2_000_000_000L;
    /** A gap in the samples this long (and four sample intervals) starts the window afresh. */
    static final long GAP_NANOS = 4_000_000_000L;

    // The phase put in on purpose, P(t), integrated from event to event.
    private boolean started;
    private long lastNanos;
    private double phaseNanos;
    private double freqPpb;

    // The regression window: sample times and y = o - P(before the sample's own step).
    private final long[] sampleNanos = new long[WINDOW];
    private final double[] sampleY = new double[WINDOW];
    private final double[] sampleFreq = new double[WINDOW]; // the frequency applied up to each sample
    private int head, count;
    private long lastIntervalNanos;

    // The anchor: the last measurement bound that was kept.
    private boolean anchored;
    private long anchorNanos;
    private double anchorBound, anchorPhase, anchorFreqPpb, anchorFreqUncertaintyPpb;
    private long lastMeasuredNanos = Long.MIN_VALUE;

    private double ownAccuracyNanos = -1;
    private int memorySamples = 1;
    private double peakRate;
    private long peakRateNanos;
    private boolean disrupted;
    private long disruptionMarker;

    // The terms of the last measurement bound (docs, demo, tests).
    private double termAccuracy, termAsymmetry, termOffset, termSpread, termFreqUncertainty, termFreqPpb;

    private final ErrorBound out = new ErrorBound();

    /** Moves P(t) to {@code now} at the frequency applied since the last event. */
    private void advance(long now) {
        if (!started) {
            started = true;
            lastNanos = now;
            return;
        }
        if (now > lastNanos) {
            phaseNanos += freqPpb * ((now - lastNanos) / 1e9);
            lastNanos = now;
        }
    }

    /** The clock's frequency adjustment is now {@code ppb} (the servo, holdover, a clock switch). */
    public void frequency(long now, double ppb) {
        advance(now);
        freqPpb = ppb;
    }

    /** The clock was stepped by {@code deltaNanos}: P jumps by it; readers see a new disruption marker. */
    public void stepped(long now, long deltaNanos) {
        advance(now);
        phaseNanos += deltaNanos;
        disruptionMarker++;
    }

    /** A new grandmaster: earlier samples measured another clock, so the window starts again. */
    public void referenceChanged(long now) {
        restartWindow(now);
        disruptionMarker++;
    }

    /**
     * Forgets the samples so far (the anchor stays): they were taken while the master was not
     * to be trusted, e.g. while it announced synchronizationUncertain.
     */
    public void restartWindow(long now) {
        advance(now);
        count = 0;
        settledSince = Long.MIN_VALUE;
    }

    /** The disciplined clock itself was replaced (a PHC switch): nothing known holds any more. */
    public void invalidate(long now) {
        advance(now);
        count = 0;
        anchored = false;
        disrupted = true;
        disruptionMarker++;
    }

    /**
     * How many sample intervals old a packet the offset rests on may be: 1 for linuxptp's
     * filters (a delay pairs a Delay_Req with the Sync before it), pdv_window or
     * lucky_packet_window when those pick packets from a window.
     */
    public void measurementMemorySamples(int samples) {
        memorySamples = Math.max(1, samples);
    }

    /**
     * This clock is the grandmaster and declares {@code accuracyNanos} (its clockAccuracy), or
     * -1 when it is not the grandmaster or declares nothing usable.
     */
    public void ownReference(double accuracyNanos) {
        ownAccuracyNanos = accuracyNanos;
    }

    /**
     * One servo sample at {@code now}.
     *
     * @param offsetNanos the measured offset from the master (before the servo acted on it)
     * @param ownStepNanos the step the servo made for this very sample (0 unless it jumped)
     * @param asymmetryNanos the largest path asymmetry error: the mean path delay, or what the operator configured
     * @param referenceAccuracyNanos the grandmaster's accuracy, or -1 when unknown (no measurement bound then)
     */
    public void sample(long now, double offsetNanos, long ownStepNanos, double asymmetryNanos, double referenceAccuracyNanos) {
        advance(now);
        if (count > 0) {
            long gap = now - sampleNanos[(head + WINDOW - 1) % WINDOW];
            if (gap > GAP_NANOS && gap > 4 * lastIntervalNanos) count = 0;
            else lastIntervalNanos = gap;
        }
        sampleNanos[head] = now;
        sampleY[head] = offsetNanos - (phaseNanos - ownStepNanos);
        sampleFreq[head] = freqPpb;
        head = (head + 1) % WINDOW;
        if (count < WINDOW) count++;
        if (count < MIN_SAMPLES || referenceAccuracyNanos < 0) return;
        measure(now, Math.abs(asymmetryNanos), referenceAccuracyNanos);
    }

    /** Least squares through the window; a measurement bound, and perhaps a new anchor. */
    private void measure(long now, double asymmetry, double accuracy) {
        int n = count;
        double sx = 0, sy = 0;
        for (int i = 0; i < n; i++) {
            int j = (head + WINDOW - 1 - i) % WINDOW;
            sx += (sampleNanos[j] - now) / 1e9;
            sy += sampleY[j];
        }
        double mx = sx / n, my = sy / n, sxx = 0, sxy = 0, span = 0;
        for (int i = 0; i < n; i++) {
            int j = (head + WINDOW - 1 - i) % WINDOW;
            double x = (sampleNanos[j] - now) / 1e9 - mx;
            sxx += x * x;
            sxy += x * (sampleY[j] - my);
            span = Math.max(span, (now - sampleNanos[j]) / 1e9);
        }
        if (sxx <= 0 || span <= 0) return;
        double slope = sxy / sxx, intercept = my - slope * mx;
        double rss = 0, recent = 0;
        int nRecent = Math.max(4, n / 4);
        for (int i = 0; i < n; i++) {
            int j = (head + WINDOW - 1 - i) % WINDOW;
            double r = sampleY[j] - intercept - slope * ((sampleNanos[j] - now) / 1e9);
            rss += r * r;
            if (i < nRecent) recent += r;
        }
        double s = Math.sqrt(rss / (n - 2));
        // A line is the model while this clock and the master run at steady rates. When the master
        // itself still moves (an upstream boundary clock converging) the last samples sit off the
        // line on one side: their mean residual says by how much the line is wrong now.
        double misfit = Math.abs(recent / nRecent) + K * s / Math.sqrt(nRecent);
        double seNow = s * Math.sqrt(1.0 / n + mx * mx / sxx);
        double seSlope = s / Math.sqrt(sxx);
        double errorNow = intercept + phaseNanos; // e(now) up to the asymmetry and the grandmaster's error
        // A path delay is measured from a Sync and a later Delay_Req: while this clock runs at another
        // rate than the master's, the delay comes out wrong by that rate times the time between them
        // (at most about a sample interval), half of it each way. The delay filter keeps such values a
        // while: allow for the largest rate difference seen in the window, once in the measured delay
        // (the true one may be that much longer) and once in the offset computed from it.
        double maxGap = 0, maxRate = 0;
        for (int i = 0; i < n; i++) {
            int j = (head + WINDOW - 1 - i) % WINDOW;
            maxRate = Math.max(maxRate, Math.abs(sampleFreq[j] + slope)); // applied minus natural (natural = -slope)
            if (i < n - 1) maxGap = Math.max(maxGap, (sampleNanos[j] - sampleNanos[(j + WINDOW - 1) % WINDOW]) / 1e9);
        }
        // An offset filter with a memory (pdv_window, lucky_packet_window) may use a packet that
        // many intervals old: the rate difference acts over that much time, and may have been
        // larger then than anywhere in this window; hold the largest for twice the memory.
        double memory = memorySamples * maxGap;
        if (maxRate >= peakRate || now - peakRateNanos > (long) (2 * memory * 1e9)) {
            peakRate = maxRate;
            peakRateNanos = now;
        }
        double skew = Math.max(maxRate, peakRate) * memory / 2;
        asymmetry += 2 * skew;
        double m = accuracy + asymmetry + Math.abs(errorNow) + K * seNow + misfit;
        double u = K * seSlope + 2 * accuracy / span + K_WANDER * WANDER_PPB_PER_SQRT_S * Math.sqrt(span);
        termAccuracy = accuracy;
        termAsymmetry = asymmetry;
        termOffset = Math.abs(errorNow);
        termSpread = K * seNow + misfit;
        termFreqUncertainty = u;
        termFreqPpb = -slope;
        if (lastMeasuredNanos < now - SYNCHRONIZED_FOR_NANOS || termOffset + termSpread > accuracy + asymmetry) settledSince = Long.MIN_VALUE;
        else if (settledSince == Long.MIN_VALUE) settledSince = now;
        lastMeasuredNanos = now;
        disrupted = false;
        if (!anchored || m <= propagated(now)) {
            anchored = true;
            anchorNanos = now;
            anchorBound = m;
            anchorPhase = phaseNanos;
            anchorFreqPpb = -slope;
            anchorFreqUncertaintyPpb = u;
        }
    }

    /** B(t) from the anchor (the caller has advanced P to {@code now}). */
    private double propagated(long now) {
        double tau = Math.max(0, (now - anchorNanos) / 1e9);
        double moved = phaseNanos - anchorPhase - anchorFreqPpb * tau;
        return anchorBound + Math.abs(moved) + anchorFreqUncertaintyPpb * tau
                + 2.0 / 3.0 * K_WANDER * WANDER_PPB_PER_SQRT_S * tau * Math.sqrt(tau);
    }

    /**
     * The bound as of {@code now}, for a reader to extrapolate until {@code now +}
     * {@value #HORIZON_NANOS} ns. The returned instance is reused by the next call.
     */
    public ErrorBound publish(long now) {
        advance(now);
        out.asOfNanos = now;
        out.voidAfterNanos = now + HORIZON_NANOS;
        out.disruptionMarker = disruptionMarker;
        if (ownAccuracyNanos >= 0) {
            out.status = BoundStatus.SYNCHRONIZED;
            out.boundNanos = (long) Math.ceil(ownAccuracyNanos);
            out.maxDriftPpb = 0;
        } else if (anchored) {
            double tau = Math.max(0, (now - anchorNanos) / 1e9);
            double horizon = tau + HORIZON_NANOS / 1e9;
            out.status = now - lastMeasuredNanos <= SYNCHRONIZED_FOR_NANOS ? BoundStatus.SYNCHRONIZED : BoundStatus.FREE_RUNNING;
            out.boundNanos = (long) Math.ceil(propagated(now));
            out.maxDriftPpb = (long) Math.ceil(Math.abs(freqPpb - anchorFreqPpb) + anchorFreqUncertaintyPpb
                    + K_WANDER * WANDER_PPB_PER_SQRT_S * Math.sqrt(horizon));
        } else {
            out.status = disrupted ? BoundStatus.DISRUPTED : BoundStatus.UNKNOWN;
            out.boundNanos = 0;
            out.maxDriftPpb = 0;
        }
        return out;
    }

    /**
     * Whether the servo has settled: for {@value #SETTLE_NANOS} ns every measurement had a residual
     * and spread no larger than the grandmaster's accuracy and the path's asymmetry allowance, and
     * the last one is recent. A boundary clock vouches for its time to its clients only then (see
     * EngineBoundFeed); the hold keeps a clock near the threshold from flapping.
     */
    public boolean settled(long now) {
        return anchored && ownAccuracyNanos < 0 && now - lastMeasuredNanos <= SYNCHRONIZED_FOR_NANOS
                && settledSince != Long.MIN_VALUE && now - settledSince >= SETTLE_NANOS;
    }

    /** How long the measurements must stay small before {@link #settled} holds. */
    public static final long SETTLE_NANOS = 4_000_000_000L;
    private long settledSince = Long.MIN_VALUE;

    // ---- the terms of the last measurement, for docs, the demo and tests -------------------------

    /** The grandmaster's accuracy in the last measurement bound, ns. */
    public double accuracyTermNanos() {
        return termAccuracy;
    }

    /** The path asymmetry allowance in the last measurement bound, ns. */
    public double asymmetryTermNanos() {
        return termAsymmetry;
    }

    /** |estimated clock error| at the last measurement, ns (the servo's residual). */
    public double offsetTermNanos() {
        return termOffset;
    }

    /** K times the standard error of that estimate (the samples' spread), ns. */
    public double spreadTermNanos() {
        return termSpread;
    }

    /** u0: how wrong the frequency estimate may be, ppb. */
    public double frequencyUncertaintyPpb() {
        return termFreqUncertainty;
    }

    /** The estimated correction that makes the oscillator run true, ppb. */
    public double naturalFrequencyPpb() {
        return termFreqPpb;
    }

    /** Samples in the window now. */
    public int windowSamples() {
        return count;
    }
}
