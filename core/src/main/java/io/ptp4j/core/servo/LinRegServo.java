package io.ptp4j.core.servo;

/**
 * Linear regression servo (linuxptp linreg.c): keeps the last 64 (local, remote) points, fits
 * lines over the last 4, 8, ... 64 of them, and uses the size whose prediction error has been
 * smallest; the clock frequency follows the slope and the intercept is corrected over an
 * interval that grows with the size. Points are kept in uncorrected local time, so frequency
 * changes made by the servo itself do not bend the line.
 */
public final class LinRegServo extends BaseServo {
    private static final int MAX_SIZE = 6;
    private static final int MIN_SIZE = 2;
    private static final int MAX_POINTS = 1 << MAX_SIZE;
    private static final double ERR_SMOOTH = 0.02;
    private static final int ERR_INITIAL_UPDATES = 10;
    private static final double ERR_EQUALS = 1.05;

    private final long[] px = new long[MAX_POINTS];
    private final long[] py = new long[MAX_POINTS];
    private final double[] pw = new double[MAX_POINTS];
    private long refX, refY;
    private int numPoints;
    private int lastPoint;
    private double xRemainder;
    private long lastUpdate;
    private boolean haveLastUpdate;
    private final double[] slope = new double[MAX_SIZE - MIN_SIZE + 1];
    private final double[] intercept = new double[MAX_SIZE - MIN_SIZE + 1];
    private final double[] err = new double[MAX_SIZE - MIN_SIZE + 1];
    private final int[] errUpdates = new int[MAX_SIZE - MIN_SIZE + 1];
    private int size;
    private double clockFreq;
    private double updateInterval = 1.0;
    private int leap;

    /** @param initialFreqPpb the frequency currently set on the clock, ppb */
    public LinRegServo(ServoConfig cfg, double initialFreqPpb, double clockMaxPpb) {
        super(cfg, clockMaxPpb);
        // linuxptp: clock_freq = -fadj, with fadj the negation of the set frequency
        this.clockFreq = initialFreqPpb;
    }

    private void moveReference(long x, long y) {
        refX += x;
        refY += y;
        for (int i = 0; i < slope.length; i++) intercept[i] += x * slope[i] - y;
    }

    private void updateReference(long localTs) {
        if (haveLastUpdate) {
            long yInterval = localTs - lastUpdate;
            double xInterval = yInterval / (1.0 + clockFreq / 1e9) + xRemainder;
            xRemainder = xInterval - (long) xInterval;
            moveReference((long) xInterval, yInterval);
        }
        lastUpdate = localTs;
        haveLastUpdate = true;
    }

    private void addSample(long offset, double weight) {
        lastPoint = (lastPoint + 1) % MAX_POINTS;
        px[lastPoint] = refX;
        py[lastPoint] = refY - offset;
        pw[lastPoint] = weight;
        if (numPoints < MAX_POINTS) numPoints++;
    }

    private void regress() {
        double xSum = 0, ySum = 0, xySum = 0, x2Sum = 0, wSum = 0;
        int i = 0;
        double y0 = py[lastPoint] - refY;
        for (int s = MIN_SIZE; s <= MAX_SIZE; s++) {
            int n = 1 << s;
            if (n > numPoints) break;
            int r = s - MIN_SIZE;
            if (slope[r] != 0) {
                double e = Math.abs(intercept[r] - y0);
                if (errUpdates[r] < ERR_INITIAL_UPDATES) {
                    err[r] *= errUpdates[r];
                    err[r] += e;
                    errUpdates[r]++;
                    err[r] /= errUpdates[r];
                } else {
                    err[r] += ERR_SMOOTH * (e - err[r]);
                }
            }
            for (; i < n; i++) {
                int l = (MAX_POINTS + lastPoint - i) % MAX_POINTS;
                double x = px[l] - refX, y = py[l] - refY, w = pw[l];
                xSum += x * w;
                ySum += y * w;
                xySum += x * y * w;
                x2Sum += x * x * w;
                wSum += w;
            }
            slope[r] = (xySum - xSum * ySum / wSum) / (x2Sum - xSum * xSum / wSum);
            intercept[r] = (ySum - slope[r] * xSum) / wSum;
        }
    }

    private void updateSize() {
        int best = 0;
        double bestErr = 0;
        for (int s = MIN_SIZE; s <= MAX_SIZE; s++) {
            int r = s - MIN_SIZE;
            if ((best == 0 && slope[r] != 0) || (bestErr * ERR_EQUALS > err[r] && errUpdates[r] >= ERR_INITIAL_UPDATES)) {
                best = s;
                bestErr = err[r];
            }
        }
        size = best;
    }

    @Override
    protected double rawSample(long offsetNanos, long localTimeNanos, double weight) {
        updateReference(localTimeNanos);
        addSample(offsetNanos, weight);
        regress();
        updateSize();
        if (size < MIN_SIZE) {
            raw = ServoState.UNLOCKED;
            return -clockFreq;
        }
        int r = size - MIN_SIZE;
        if ((firstUpdate && firstStepThresholdNanos > 0 && firstStepThresholdNanos < Math.abs(intercept[r]))
                || (stepThresholdNanos > 0 && stepThresholdNanos < Math.abs(intercept[r]))) {
            // The clock will be stepped by -offset: move the reference as if it had been.
            moveReference(0, -offsetNanos);
            lastUpdate -= offsetNanos;
            raw = ServoState.JUMP;
        } else {
            raw = ServoState.LOCKED;
        }
        clockFreq = 1e9 * (slope[r] - 1.0);
        int corrInterval = size <= 4 ? 1 : size / 2;
        clockFreq += intercept[r] / updateInterval / corrInterval;
        clockFreq = clamp(clockFreq);
        // linuxptp returns -clock_freq; BaseServo negates once more for the clock
        return -clockFreq;
    }

    @Override
    public void syncInterval(double seconds) {
        updateInterval = seconds;
    }

    @Override
    public void reset() {
        numPoints = 0;
        haveLastUpdate = false;
        size = 0;
        for (int i = 0; i < slope.length; i++) {
            slope[i] = 0;
            errUpdates[i] = 0;
        }
    }

    @Override
    public double holdoverFrequencyPpb(double lastPpb) {
        // the slope alone is the oscillator's error; the intercept term is the phase correction
        return size >= MIN_SIZE ? 1e9 * (slope[size - MIN_SIZE] - 1.0) : lastPpb;
    }

    @Override
    public void leap(int leapSecond) {
        // Move the reference when a leap second is applied, as if the clock had been stepped back.
        if (leap != 0 && leapSecond == 0) moveReference(0, leap * 1_000_000_000L);
        leap = leapSecond;
    }
}
