package io.ptp4j.tools.ts2phc;

import io.ptp4j.linux.clock.PosixTime;
import java.util.OptionalLong;

/**
 * "-s generic": a 1-PPS without time of day; the time comes from the system clock (linuxptp
 * ts2phc_generic_master: adjtimex time plus the kernel's TAI offset, which is CLOCK_TAI).
 * Reads only; never adjusts the system clock.
 */
public final class GenericSource implements PpsSource {
    static final int CLOCK_TAI = 11;
    private final PosixTime time = new PosixTime();

    @Override
    public OptionalLong ppsTimeNanos() {
        return OptionalLong.of(time.nanos(CLOCK_TAI));
    }

    @Override
    public String name() {
        return "generic";
    }

}
