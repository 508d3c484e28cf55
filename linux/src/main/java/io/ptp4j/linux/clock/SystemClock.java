package io.ptp4j.linux.clock;

import io.ptp4j.linux.Libc;
import io.ptp4j.linux.NativeException;

/**
 * CLOCK_REALTIME, disciplined with clock_adjtime like linuxptp's sysclk (ptp4l -S without
 * free_running, phc2sys -s ... -c CLOCK_REALTIME). Needs CAP_SYS_TIME. ptp4j's tests never call
 * its adjusting methods: they would move this machine's clock.
 */
public final class SystemClock extends AdjtimeClock {
    /** The kernel refuses more than 500 ppm through ADJ_FREQUENCY (MAXFREQ) without tick changes. */
    public static final double MAX_FREQUENCY_PPB = 500_000;

    private final PosixTime time = new PosixTime();

    public SystemClock() {
        super(new Timex(Libc.CLOCK_REALTIME, "CLOCK_REALTIME"));
    }

    @Override
    public String name() {
        return "CLOCK_REALTIME";
    }

    @Override
    public long nowNanos() {
        return time.realtimeNanos();
    }

    private int leapBits;

    /**
     * linuxptp sysclk_set_leap: arms the kernel to insert (+1) or delete (-1) a second at the
     * next UTC midnight, or disarms it (0). Returns the message linuxptp logs, or null.
     */
    public String setLeap(int leap) throws NativeException {
        int status = leap < 0 ? Timex.STA_DEL : leap > 0 ? Timex.STA_INS : 0;
        timex.setStatus(status);
        leapBits = status;
        return leap < 0 ? "clock set to delete leap second at midnight (UTC)"
                : leap > 0 ? "clock set to insert leap second at midnight (UTC)" : null;
    }

    /** linuxptp sysclk_set_sync: the kernel clock is synchronized (STA_UNSYNC cleared, maxerror 0), leap bits kept. */
    public void setSynchronized() throws NativeException {
        timex.setSynchronized(leapBits);
    }

    /** linuxptp sysclk_set_tai_offset: the kernel's TAI - UTC, seconds (CLOCK_TAI follows it). */
    public void setTaiOffset(int seconds) throws NativeException {
        timex.setTaiOffset(seconds);
    }

    @Override
    public double maxFrequencyPpb() {
        return MAX_FREQUENCY_PPB;
    }
}
