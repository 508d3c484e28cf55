package io.ptp4j.core.servo;

/** A filter over path delay samples (linuxptp filter.h): moving median or moving average. */
public interface DelayFilter {
    /** Adds a sample (ns) and returns the filtered value (ns). */
    long sample(long valueNanos);

    void reset();

    /** Creates the filter named in linuxptp's config ("moving_median" or "moving_average"). */
    static DelayFilter create(String name, int length) {
        if (length < 1) throw new IllegalArgumentException("delay_filter_length must be >= 1, got " + length);
        return switch (name) {
            case "moving_median" -> new MovingMedian(length);
            case "moving_average" -> new MovingAverage(length);
            default -> throw new IllegalArgumentException("unknown delay_filter '" + name + "' (moving_median or moving_average)");
        };
    }
}
