package io.ptp4j.tools.ts2phc;

/** ts2phc.extts_polarity: which edges the PHC stamps (linux/ptp_clock.h PTP_RISING_EDGE, PTP_FALLING_EDGE). */
public enum ExttsPolarity {
    RISING(1 << 1), FALLING(1 << 2), BOTH((1 << 1) | (1 << 2));

    /** The PTP_EXTTS_REQUEST flag bits. */
    public final int flags;

    ExttsPolarity(int flags) {
        this.flags = flags;
    }

    public static ExttsPolarity of(String configValue) {
        return valueOf(configValue.toUpperCase(java.util.Locale.ROOT));
    }
}
