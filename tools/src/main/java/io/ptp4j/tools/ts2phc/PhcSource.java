package io.ptp4j.tools.ts2phc;

import io.ptp4j.linux.Libc;
import io.ptp4j.linux.NativeException;
import io.ptp4j.linux.clock.PhcClock;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.OptionalLong;

/**
 * "-s /dev/ptpN" or "-s eth0": a PHC that emits the PPS itself (linuxptp ts2phc_phc_master):
 * its pin ts2phc.pin_index is set to periodic output on ts2phc.channel, a 1 s period starting two
 * seconds ahead is requested with PTP_PEROUT_REQUEST2, and the pulse's time is the PHC's time.
 */
public final class PhcSource implements PpsSource {
    /** _IOW('=', 12, struct ptp_perout_request): start, period (ptp_clock_time each), index, flags, rsv[4]. */
    static final long PTP_PEROUT_REQUEST2 = PhcSink.ioW(12, 56);
    static final int PTP_PF_PEROUT = 2;

    private final String name;
    private final PhcClock phc;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment buf = arena.allocate(96, 8);
    private final int channel;

    private PhcSource(String name, PhcClock phc, int channel) {
        this.name = name;
        this.phc = phc;
        this.channel = channel;
    }

    public static PhcSource open(String name, String device, int pinIndex, int channel) throws NativeException {
        PhcClock phc = PhcClock.open(device);
        PhcSource s = new PhcSource(name, phc, channel);
        try {
            if (phc.caps().nPins() > 0) s.setPin(pinIndex);
            s.perout(phc.nowNanos() / 1_000_000_000L + 2, 1_000_000_000L);
            return s;
        } catch (NativeException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    private void setPin(int pinIndex) throws NativeException {
        PhcSink.setPinFunction(phc, buf, pinIndex, PTP_PF_PEROUT, channel, name);
    }

    private void perout(long startSec, long periodNanos) throws NativeException {
        buf.asSlice(0, 56).fill((byte) 0);
        buf.set(ValueLayout.JAVA_LONG, 0, startSec);
        buf.set(ValueLayout.JAVA_LONG, 16, periodNanos / 1_000_000_000L);
        buf.set(ValueLayout.JAVA_INT, 24, (int) (periodNanos % 1_000_000_000L));
        buf.set(ValueLayout.JAVA_INT, 32, channel);
        if (Libc.ioctl(phc.fd(), PTP_PEROUT_REQUEST2, buf) < 0) {
            throw new NativeException("ioctl(PTP_PEROUT_REQUEST2) channel " + channel, Libc.errno(), name);
        }
    }

    @Override
    public OptionalLong ppsTimeNanos() {
        try {
            return OptionalLong.of(phc.nowNanos());
        } catch (NativeException e) {
            return OptionalLong.empty();
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void close() {
        try {
            perout(0, 0);
        } catch (NativeException ignored) {
            // device gone: closing is all that is left
        }
        phc.close();
        arena.close();
    }
}
