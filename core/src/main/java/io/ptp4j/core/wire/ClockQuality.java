package io.ptp4j.core.wire;

/** ClockQuality (IEEE 1588-2019 5.3.7): clockClass, clockAccuracy, offsetScaledLogVariance. */
public record ClockQuality(int clockClass, int clockAccuracy, int offsetScaledLogVariance) {
    public ClockQuality {
        clockClass &= 0xFF;
        clockAccuracy &= 0xFF;
        offsetScaledLogVariance &= 0xFFFF;
    }

    /** linuxptp's defaults for a free-running ordinary clock: class 248, accuracy unknown, variance max. */
    public static final ClockQuality DEFAULT = new ClockQuality(248, 0xFE, 0xFFFF);
}
