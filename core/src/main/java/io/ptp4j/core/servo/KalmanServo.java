package io.ptp4j.core.servo;

/**
 * A servo that estimates the clock's offset and frequency error with a Kalman filter
 * ({@link ClockKalman}) and steers on the estimate, not on the last sample (ptp4j's
 * {@code clock_servo kalman}; statime's servo follows the same idea). Each offset sample counts
 * by its weight: the filter takes it with variance {@code r / weight}, where r is the noise of a
 * clean sample, learned from the samples themselves, so the same servo fits hardware stamps (ns)
 * and software stamps (µs) without tuning. A sample more than {@value #GATE} standard deviations
 * from the prediction is left out (a packet that queued, a late software stamp), unless
 * {@value #MAX_REJECTED} in a row are: then the clock really moved and the filter follows.
 *
 * <p>The clock's own frequency changes are known inputs, so the estimate does not lag behind
 * them. The steering sets the frequency that cancels the estimated frequency error and removes
 * the estimated offset over {@value #STEER_SECONDS} s. As linuxptp's servos: the first update
 * comes once the frequency has been seen for about a second (two samples at least), and it steps
 * the clock when the offset is over first_step_threshold; step_threshold restarts the servo.
 */
public final class KalmanServo extends BaseServo {
    /** Frequency random walk the filter allows, ppb²/s: 1 ppb/√s, a free-running crystal. */
    static final double WANDER = 1.0;
    static final double STEER_SECONDS = 2.0;
    static final double GATE = 6.0;
    static final int MAX_REJECTED = 8;
    /** Samples before the learned noise is trusted enough to gate on it. */
    private static final int WARM = 16;

    private final ClockKalman kf = new ClockKalman(WANDER, 0);
    /** The frequency this servo last asked for, ppb, in the clock's sense (positive: faster). */
    private double freq;
    /** Noise of a clean sample, as learned (at first: 10 µs, a guess on the safe side). */
    private final NoiseGauge gauge = new NoiseGauge(10_000);
    private int samples;
    private int rejected;
    private long firstTime;
    private boolean locked;
    private double lastInnovation;

    /**
     * @param initialFreqPpb the frequency currently set on the clock, ppb
     * @param clockMaxPpb    the most the clock can be adjusted, ppb
     */
    public KalmanServo(ServoConfig cfg, double initialFreqPpb, double clockMaxPpb) {
        super(cfg, clockMaxPpb);
        this.freq = initialFreqPpb;
    }

    @Override
    protected double rawSample(long offsetNanos, long localTimeNanos, double weight) {
        double w = weight > 0 ? Math.min(1.0, weight) : 1e-6;
        if (!kf.started()) {
            kf.start(localTimeNanos, offsetNanos, gauge.sigma(), 0, 1e6, 0, 0);
            firstTime = localTimeNanos;
            samples = 1;
            raw = ServoState.UNLOCKED;
            return -freq;
        }
        if (locked && stepThresholdNanos > 0 && stepThresholdNanos < Math.abs(offsetNanos)) {
            // as pi.c: a large offset restarts the servo; the step comes at its next first update
            reset();
            return -freq;
        }
        kf.predict(localTimeNanos);
        double predicted = kf.offset();
        double nu = offsetNanos - predicted;
        double noise = gauge.variance();
        double s = kf.offsetVariance() + noise / w;
        lastInnovation = nu;
        boolean outlier = samples >= WARM && nu * nu > GATE * GATE * s;
        if (outlier && ++rejected <= MAX_REJECTED) {
            // left out: steer on the prediction
        } else {
            if (outlier) {
                // the clock (or the path) really moved: let the filter follow
                kf.start(localTimeNanos, offsetNanos, Math.sqrt(noise), kf.frequency(), Math.sqrt(kf.frequencyVariance() * 16 + 1e4), 0, 0);
            } else {
                kf.update(1, 0, 0, offsetNanos, noise / w);
                if (w >= 0.5) kf.guard(nu, s);
            }
            // only a sample that counts shows the filter right; low-weight ones leave the count
            if (w >= 0.5 || outlier) rejected = 0;
            // the noise of a clean sample: samples the estimator judged queued do not tell it
            if (w >= 0.5) gauge.add(nu, w);
        }
        samples++;
        if (!locked) {
            // as pi.c: wait about a second (two samples at least) before the first estimate
            if (samples < 2 || localTimeNanos - firstTime < 999_000_000L) {
                raw = ServoState.UNLOCKED;
                return -freq;
            }
            locked = true;
            double f = clamp(freq - kf.frequency());
            kf.control(f - freq);
            freq = f;
            if (needsStep(offsetNanos)) {
                // the caller steps the clock by -offset and sets this frequency
                kf.step(-offsetNanos);
                raw = ServoState.JUMP;
                return -freq;
            }
        }
        double f = clamp(freq - kf.frequency() - kf.offset() / STEER_SECONDS);
        kf.control(f - freq);
        freq = f;
        raw = ServoState.LOCKED;
        return -freq;
    }

    @Override
    public void syncInterval(double seconds) {
        // the filter works in time, not in samples
    }

    @Override
    public void reset() {
        kf.reset();
        locked = false;
        samples = 0;
        rejected = 0;
        firstUpdate = true;
        gauge.reset();
    }

    @Override
    public double holdoverFrequencyPpb(double lastPpb) {
        // the frequency that cancels the estimated error, without the offset-steering term
        return locked ? clamp(freq - kf.frequency()) : lastPpb;
    }

    /** The learned standard deviation of a clean sample, ns (tests, diagnostics). */
    double noiseNanos() {
        return gauge.sigma();
    }

    double lastInnovation() {
        return lastInnovation;
    }
}
