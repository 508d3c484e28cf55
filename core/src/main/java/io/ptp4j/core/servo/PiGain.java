package io.ptp4j.core.servo;

/**
 * One gain of the PI servo (kp or ki) as linuxptp's pi.c configures it: either a user constant,
 * used as given, or {@code scale * interval^exponent}, each capped at {@code normMax / interval}.
 */
record PiGain(double scale, double exponent, double normMax) {
    /**
     * The gain the configuration asks for: {@code constant} when it is set (with {@code constantNormMax}),
     * else {@code scale} (or {@code defaultScale} when that is 0) with {@code exponent} and {@code normMax}.
     */
    static PiGain of(double constant, double constantNormMax,
                     double scale, double defaultScale, double exponent, double normMax) {
        // User constants are used as given, not scaled with the sync interval.
        if (constant != 0) return new PiGain(constant, 0.0, constantNormMax);
        return new PiGain(scale != 0 ? scale : defaultScale, exponent, normMax);
    }

    /** The gain for a sync interval of {@code seconds}. */
    double at(double seconds) {
        return Math.min(scale * Math.pow(seconds, exponent), normMax / seconds);
    }
}
