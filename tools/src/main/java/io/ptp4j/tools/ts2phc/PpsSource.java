package io.ptp4j.tools.ts2phc;

import java.util.OptionalLong;

/**
 * Where ts2phc learns which second a pulse belongs to (linuxptp ts2phc_master getppstime): the
 * source's idea of the current time, nanoseconds on the PHC's timescale (TAI for PTP). Empty when
 * the source has no usable time (no NMEA fix, stale sentences); samples are then ignored.
 */
public interface PpsSource extends AutoCloseable {
    OptionalLong ppsTimeNanos();

    /** For the log: "generic", "nmea", "/dev/ptp1". */
    String name();

    @Override
    default void close() {}
}
