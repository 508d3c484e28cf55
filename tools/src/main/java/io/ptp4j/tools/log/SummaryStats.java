package io.ptp4j.tools.log;

/**
 * linuxptp's stats.c: running min, max, mean (Welford), sum of squares and sum of squared
 * differences, giving rms, max |value|, mean and population standard deviation. Primitive fields
 * only; {@link #add} allocates nothing.
 */
public final class SummaryStats {
    private long count;
    private double min;
    private double max;
    private double mean;
    private double sumSquares;
    private double sumDiffSquares;

    public void add(double value) {
        double oldMean = mean;
        if (count == 0 || max < value) max = value;
        if (count == 0 || min > value) min = value;
        count++;
        mean = oldMean + (value - oldMean) / count;
        sumSquares += value * value;
        sumDiffSquares += (value - oldMean) * (value - mean);
    }

    public long count() {
        return count;
    }

    public double min() {
        return min;
    }

    public double max() {
        return max;
    }

    /** The larger of max and -min, as stats.c's max_abs. */
    public double maxAbs() {
        return max > -min ? max : -min;
    }

    public double mean() {
        return mean;
    }

    public double rms() {
        return Math.sqrt(sumSquares / count);
    }

    public double stddev() {
        return Math.sqrt(sumDiffSquares / count);
    }

    public void reset() {
        count = 0;
        min = max = mean = sumSquares = sumDiffSquares = 0;
    }
}
