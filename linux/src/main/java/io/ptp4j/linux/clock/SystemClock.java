package io.ptp4j.linux.clock;

import io.ptp4j.linux.Libc;
import io.ptp4j.linux.NativeException;

/**
 * CLOCK_REALTIME, disciplined with clock_adjtime like linuxptp's sysclk (ptp4l -S without
 * free_running, phc2sys -s ... -c CLOCK_REALTIME). Needs CAP_SYS_TIME. ptp4j's tests never call
 * its adjusting methods: they would move this machine's clock.
 */
public final class SystemClock implements ClockDevice {
    /** The kernel refuses more than 500 ppm through ADJ_FREQUENCY (MAXFREQ) without tick changes. */
    public static final double MAX_FREQUENCY_PPB = 500_000;

    private final PosixTime time = new PosixTime();
    private final Timex timex = new Timex(Libc.CLOCK_REALTIME, "CLOCK_REALTIME");

    @Override
    public String name() {
        return "CLOCK_REALTIME";
    }

    @Override
    public long nowNanos() {
        return time.realtimeNanos();
    }

    @Override
    public void adjustFrequency(double freqPpb) throws NativeException {
        timex.setFrequency(Math.max(-MAX_FREQUENCY_PPB, Math.min(MAX_FREQUENCY_PPB, freqPpb)));
    }

    @Override
    public double frequencyPpb() throws NativeException {
        return timex.frequencyPpb();
    }

    @Override
    public void step(long deltaNanos) throws NativeException {
        timex.step(deltaNanos);
    }

    @Override
    public double maxFrequencyPpb() {
        return MAX_FREQUENCY_PPB;
    }
}
