package io.ptp4j.core.servo;

/**
 * What every servo shares (linuxptp servo.c): step thresholds in ns, the frequency clamp, the
 * first-update rule and the s3 (LOCKED_STABLE) detection by servo_offset_threshold.
 */
abstract class BaseServo implements Servo {
    protected final double stepThresholdNanos;
    protected final double firstStepThresholdNanos;
    protected final double maxFrequencyPpb;
    protected boolean firstUpdate = true;
    private final int offsetThreshold;
    private final int numOffsetValues;
    private int currOffsetValues;
    private ServoState state = ServoState.UNLOCKED;
    /** The algorithm's own verdict on its last sample (UNLOCKED, JUMP or LOCKED), set by rawSample. */
    protected ServoState raw = ServoState.UNLOCKED;

    BaseServo(ServoConfig cfg, double clockMaxPpb) {
        this.stepThresholdNanos = cfg.stepThreshold > 0 ? cfg.stepThreshold * 1e9 : 0.0;
        this.firstStepThresholdNanos = cfg.firstStepThreshold > 0 ? cfg.firstStepThreshold * 1e9 : 0.0;
        double max = clockMaxPpb;
        if (cfg.maxFrequency != 0 && max > cfg.maxFrequency) max = cfg.maxFrequency;
        this.maxFrequencyPpb = max;
        this.offsetThreshold = cfg.servoOffsetThreshold;
        this.numOffsetValues = cfg.servoNumOffsetValues;
        this.currOffsetValues = numOffsetValues;
    }

    /** The algorithm proper; returns ppb and sets {@link #raw} (UNLOCKED, JUMP or LOCKED). */
    protected abstract double rawSample(long offsetNanos, long localTimeNanos, double weight);

    @Override
    public final double sample(long offsetNanos, long localTimeNanos, double weight) {
        double ppb = rawSample(offsetNanos, localTimeNanos, weight);
        ServoState s = raw;
        switch (s) {
            case UNLOCKED -> currOffsetValues = numOffsetValues;
            case JUMP -> {
                currOffsetValues = numOffsetValues;
                firstUpdate = false;
            }
            case LOCKED -> {
                if (stable(offsetNanos)) s = ServoState.LOCKED_STABLE;
                firstUpdate = false;
            }
            case LOCKED_STABLE -> { }
        }
        state = s;
        // linuxptp's servos compute the correction in offset terms; the clock gets its negation
        // (clock.c: clockadj_set_freq(clkid, -adj)). Return what the clock must be set to.
        return -ppb;
    }

    private boolean stable(long offsetNanos) {
        if (offsetThreshold == 0) return false;
        if (Math.abs(offsetNanos) < offsetThreshold) {
            if (currOffsetValues > 0) currOffsetValues--;
        } else {
            currOffsetValues = numOffsetValues;
        }
        return currOffsetValues == 0;
    }

    /** Whether an offset calls for a step (first_step_threshold on the first update, else step_threshold). */
    protected final boolean needsStep(long offsetNanos) {
        long abs = Math.abs(offsetNanos);
        return (firstUpdate && firstStepThresholdNanos > 0 && firstStepThresholdNanos < abs)
                || (stepThresholdNanos > 0 && stepThresholdNanos < abs);
    }

    protected final double clamp(double ppb) {
        return Math.max(-maxFrequencyPpb, Math.min(maxFrequencyPpb, ppb));
    }

    @Override
    public ServoState state() {
        return state;
    }

    @Override
    public double maxFrequencyPpb() {
        return maxFrequencyPpb;
    }
}
