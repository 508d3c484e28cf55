package io.ptp4j.core.servo;

/**
 * The noise of a measurement stream, robustly: 1.4826 times the median absolute deviation of the
 * last {@value #LENGTH} innovations (each scaled by the square root of its weight) from their
 * median, which is the standard deviation for Gaussian noise and is moved neither by a few
 * outliers nor by a bias of the estimate (a filter whose estimate is off sees innovations that
 * are large but alike: that is an error to correct, not noise to average away). Until three are
 * seen it answers {@code initial}. Nothing is allocated per sample.
 */
final class NoiseGauge {
    static final int LENGTH = 32;
    private final double[] ring = new double[LENGTH];
    private final double[] sorted = new double[LENGTH];
    private int count, next;
    private final double initial;
    private double sigma;

    NoiseGauge(double initialSigma) {
        this.initial = initialSigma;
        this.sigma = initialSigma;
    }

    void add(double innovation, double weight) {
        ring[next] = innovation * Math.sqrt(weight);
        next = (next + 1) % LENGTH;
        if (count < LENGTH) count++;
        if (count < 3) return;
        double median = median(false, 0);
        sigma = Math.max(1.0, 1.4826 * median(true, median));
    }

    /** The median of the ring's values, or of their distances from {@code around}. */
    private double median(boolean distances, double around) {
        for (int i = 0; i < count; i++) {
            double v = distances ? Math.abs(ring[i] - around) : ring[i];
            int j = i;
            while (j > 0 && sorted[j - 1] > v) {
                sorted[j] = sorted[j - 1];
                j--;
            }
            sorted[j] = v;
        }
        return (count & 1) == 1 ? sorted[count / 2] : (sorted[count / 2 - 1] + sorted[count / 2]) / 2;
    }

    /** The standard deviation, ns. */
    double sigma() {
        return sigma;
    }

    double variance() {
        return sigma * sigma;
    }

    int count() {
        return count;
    }

    void reset() {
        count = next = 0;
        sigma = initial;
    }
}
