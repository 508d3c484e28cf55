package io.ptp4j.tools.ts2phc;

import io.ptp4j.linux.Libc;
import io.ptp4j.linux.NativeException;
import io.ptp4j.linux.clock.ClockDevice;
import io.ptp4j.linux.clock.PhcClock;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * A PHC's external timestamp channel through /dev/ptpN (linux/ptp_clock.h, linuxptp
 * ts2phc_slave.c): PTP_PIN_SETFUNC routes ts2phc.pin_index to EXTTS channel ts2phc.channel (when
 * the PHC has programmable pins), PTP_EXTTS_REQUEST2 enables stamping of the chosen edges, and
 * read() returns one struct ptp_extts_event (32 bytes) per edge.
 */
public final class PhcSink implements PpsSink {
    /** _IOW('=', 11, struct ptp_extts_request): index, flags, rsv[2]. */
    static final long PTP_EXTTS_REQUEST2 = ioW(11, 16);
    /** _IOW('=', 7, struct ptp_pin_desc): name[64], index, func, chan, rsv[5]. */
    static final long PTP_PIN_SETFUNC = ioW(7, 96);
    static final int PTP_ENABLE_FEATURE = 1;
    static final int PTP_PF_EXTTS = 1;
    static final int EVENT_SIZE = 32;

    private final String name;
    private final PhcClock phc;
    private final int channel;
    private final int flags;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment buf = arena.allocate(96, 8);
    private final MemorySegment pollfd = arena.allocate(Libc.POLLFD_SIZE, 8);

    private PhcSink(String name, PhcClock phc, int channel, int flags) {
        this.name = name;
        this.phc = phc;
        this.channel = channel;
        this.flags = flags;
    }

    static long ioW(int nr, int size) {
        return (1L << 30) | ((long) size << 16) | ('=' << 8) | nr;
    }

    /**
     * Opens {@code device}, routes the pin, disables stamping and drops stale events (as linuxptp
     * does before arming).
     */
    public static PhcSink open(String name, String device, int pinIndex, int channel, ExttsPolarity polarity)
            throws NativeException {
        PhcClock phc = PhcClock.open(device);
        PhcSink s = new PhcSink(name, phc, channel, polarity.flags);
        try {
            if (phc.caps().nPins() > 0) s.setPinFunction(pinIndex);
            s.request(0);
            while (s.awaitEvent(0) != null) {
                // stale event from before: dropped (linuxptp ts2phc_slave_clear_fifo)
            }
            return s;
        } catch (NativeException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    private void setPinFunction(int pinIndex) throws NativeException {
        setPinFunction(phc, buf, pinIndex, PTP_PF_EXTTS, channel, name);
    }

    /**
     * PTP_PIN_SETFUNC (struct ptp_pin_desc: name[64], index, func, chan): routes a pin to a
     * function (PTP_PF_EXTTS for a sink, PTP_PF_PEROUT for a PHC source) on a channel.
     */
    static void setPinFunction(PhcClock phc, MemorySegment buf, int pinIndex, int func, int channel, String name)
            throws NativeException {
        buf.fill((byte) 0);
        buf.set(ValueLayout.JAVA_INT, 64, pinIndex);
        buf.set(ValueLayout.JAVA_INT, 68, func);
        buf.set(ValueLayout.JAVA_INT, 72, channel);
        if (Libc.ioctl(phc.fd(), PTP_PIN_SETFUNC, buf) < 0) {
            throw new NativeException("ioctl(PTP_PIN_SETFUNC) pin " + pinIndex, Libc.errno(), name);
        }
    }

    private void request(int requestFlags) throws NativeException {
        buf.asSlice(0, 16).fill((byte) 0);
        buf.set(ValueLayout.JAVA_INT, 0, channel);
        buf.set(ValueLayout.JAVA_INT, 4, requestFlags);
        if (Libc.ioctl(phc.fd(), PTP_EXTTS_REQUEST2, buf) < 0) {
            throw new NativeException("ioctl(PTP_EXTTS_REQUEST2) channel " + channel, Libc.errno(), name);
        }
    }

    @Override
    public void arm() throws NativeException {
        request(flags | PTP_ENABLE_FEATURE);
    }

    @Override
    public ExttsEvent awaitEvent(int timeoutMillis) throws NativeException {
        pollfd.set(ValueLayout.JAVA_INT, 0, phc.fd());
        pollfd.set(ValueLayout.JAVA_SHORT, 4, (short) (Libc.POLLIN | Libc.POLLPRI));
        pollfd.set(ValueLayout.JAVA_SHORT, 6, (short) 0);
        int n = Libc.poll(pollfd, 1, timeoutMillis);
        if (n < 0) {
            if (Libc.errno() == Libc.EINTR) return null;
            throw new NativeException("poll", Libc.errno(), name);
        }
        if (n == 0) return null;
        long got = Libc.read(phc.fd(), buf, EVENT_SIZE);
        if (got != EVENT_SIZE) throw new NativeException("read extts event", got < 0 ? Libc.errno() : Libc.EINVAL, name);
        long sec = buf.get(ValueLayout.JAVA_LONG, 0);
        long nsec = Integer.toUnsignedLong(buf.get(ValueLayout.JAVA_INT, 8));
        return new ExttsEvent(buf.get(ValueLayout.JAVA_INT, 16), sec * 1_000_000_000L + nsec);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ClockDevice clock() {
        return phc;
    }

    /** The device's file descriptor, for poll(2) over several sinks. */
    int fd() {
        return phc.fd();
    }

    /** The EXTTS channel configured (events from another channel are an error, as in linuxptp). */
    public int channel() {
        return channel;
    }

    @Override
    public void close() {
        try {
            request(0);
        } catch (NativeException ignored) {
            // the device may be gone; closing it is all that is left to do
        }
        phc.close();
        arena.close();
    }
}
