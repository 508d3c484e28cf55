package io.ptp4j.core.dataset;

import io.ptp4j.core.wire.PtpMessage;

/**
 * timePropertiesDS (IEEE 1588-2019 8.2.4): the timescale, UTC offset, leap flags and source of
 * time, as the grandmaster announces them (flags in the Announce header's flagField octet 1:
 * leap61, leap59, currentUtcOffsetValid, ptpTimescale, timeTraceable, frequencyTraceable,
 * synchronizationUncertain).
 */
public final class TimePropertiesDS {
    private int currentUtcOffset;
    private int flags;
    private int timeSource;

    public TimePropertiesDS(int currentUtcOffset, int flags, int timeSource) {
        set(currentUtcOffset, flags, timeSource);
    }

    public int currentUtcOffset() {
        return currentUtcOffset;
    }

    /** The flags octet (PtpMessage.FLAG_LEAP61 ... FLAG_SYNCHRONIZATION_UNCERTAIN). */
    public int flags() {
        return flags;
    }

    public int timeSource() {
        return timeSource;
    }

    public boolean ptpTimescale() {
        return (flags & PtpMessage.FLAG_PTP_TIMESCALE) != 0;
    }

    public void set(int currentUtcOffset, int flags, int timeSource) {
        this.currentUtcOffset = currentUtcOffset;
        this.flags = flags & 0xFF;
        this.timeSource = timeSource;
    }

    public void copyFrom(TimePropertiesDS o) {
        set(o.currentUtcOffset, o.flags, o.timeSource);
    }
}
