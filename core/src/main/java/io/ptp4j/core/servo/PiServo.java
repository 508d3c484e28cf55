package io.ptp4j.core.servo;

/**
 * Proportional-integral servo with linuxptp's behaviour (pi.c): two samples estimate the
 * frequency error, the second decides whether to step (s1) or lock (s2); afterwards
 * {@code ppb = kp*offset + drift + ki*offset}, with kp/ki scaled to the sync interval.
 */
public final class PiServo extends BaseServo {
    static final double HWTS_KP_SCALE = 0.7;
    static final double HWTS_KI_SCALE = 0.3;
    static final double SWTS_KP_SCALE = 0.1;
    static final double SWTS_KI_SCALE = 0.001;
    static final double MAX_KP_NORM_MAX = 1.0;
    static final double MAX_KI_NORM_MAX = 2.0;
    static final double FREQ_EST_MARGIN = 0.001;

    private final long[] offset = new long[2];
    private final long[] local = new long[2];
    private double drift;
    private double kp;
    private double ki;
    private double lastFreq;
    private int count;

    private final PiGain kpGain;
    private final PiGain kiGain;

    /**
     * @param initialFreqPpb the frequency currently set on the clock, ppb (linuxptp's fadj is its negation)
     * @param clockMaxPpb    the most the clock can be adjusted, ppb
     */
    public PiServo(ServoConfig cfg, double initialFreqPpb, double clockMaxPpb) {
        super(cfg, clockMaxPpb);
        this.drift = -initialFreqPpb;
        this.lastFreq = -initialFreqPpb;
        kpGain = PiGain.of(cfg.piProportionalConst, MAX_KP_NORM_MAX, cfg.piProportionalScale,
                cfg.softwareTimestamping ? SWTS_KP_SCALE : HWTS_KP_SCALE, cfg.piProportionalExponent, cfg.piProportionalNormMax);
        kiGain = PiGain.of(cfg.piIntegralConst, MAX_KI_NORM_MAX, cfg.piIntegralScale,
                cfg.softwareTimestamping ? SWTS_KI_SCALE : HWTS_KI_SCALE, cfg.piIntegralExponent, cfg.piIntegralNormMax);
        syncInterval(1.0);
    }

    @Override
    protected double rawSample(long offsetNanos, long localTimeNanos, double weight) {
        double ppb = lastFreq;
        switch (count) {
            case 0 -> {
                offset[0] = offsetNanos;
                local[0] = localTimeNanos;
                raw = ServoState.UNLOCKED;
                count = 1;
            }
            case 1 -> {
                offset[1] = offsetNanos;
                local[1] = localTimeNanos;
                if (Long.compareUnsigned(local[0], local[1]) >= 0) {
                    raw = ServoState.UNLOCKED;
                    count = 0;
                    break;
                }
                // Wait long enough before estimating the frequency offset.
                double localDiff = (local[1] - local[0]) / 1e9;
                localDiff += localDiff * FREQ_EST_MARGIN;
                double freqEstInterval = Math.min(0.016 / ki, 1000.0);
                if (localDiff < freqEstInterval) {
                    raw = ServoState.UNLOCKED;
                    break;
                }
                drift += (1e9 - drift) * (offset[1] - offset[0]) / (double) (local[1] - local[0]);
                drift = clamp(drift);
                raw = needsStep(offsetNanos) ? ServoState.JUMP : ServoState.LOCKED;
                ppb = drift;
                count = 2;
            }
            default -> {
                // A large offset resets the servo; the step then happens at the next s1.
                if (stepThresholdNanos > 0 && stepThresholdNanos < Math.abs(offsetNanos)) {
                    raw = ServoState.UNLOCKED;
                    count = 0;
                    break;
                }
                double kiTerm = ki * offsetNanos * weight;
                ppb = kp * offsetNanos * weight + drift + kiTerm;
                if (ppb < -maxFrequencyPpb) {
                    ppb = -maxFrequencyPpb;
                } else if (ppb > maxFrequencyPpb) {
                    ppb = maxFrequencyPpb;
                } else {
                    drift += kiTerm;
                }
                raw = ServoState.LOCKED;
            }
        }
        lastFreq = ppb;
        return ppb;
    }

    @Override
    public double holdoverFrequencyPpb(double lastPpb) {
        // drift is the integral term: the oscillator's error as learned; negated like sample()
        return count == 2 ? -drift : lastPpb;
    }

    @Override
    public void syncInterval(double seconds) {
        kp = kpGain.at(seconds);
        ki = kiGain.at(seconds);
    }

    @Override
    public void reset() {
        count = 0;
    }

    double kp() {
        return kp;
    }

    double ki() {
        return ki;
    }
}
