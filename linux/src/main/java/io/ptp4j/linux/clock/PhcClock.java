package io.ptp4j.linux.clock;

import io.ptp4j.linux.Libc;
import io.ptp4j.linux.NativeException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * A PTP hardware clock, /dev/ptpN (include/uapi/linux/ptp_clock.h): read and disciplined as a
 * dynamic POSIX clock whose id is made from the open file descriptor (FD_TO_CLOCKID), its limits
 * from PTP_CLOCK_GETCAPS, and its offset to the system clock measured with PTP_SYS_OFFSET,
 * PTP_SYS_OFFSET_EXTENDED or PTP_SYS_OFFSET_PRECISE for phc2sys. Not tested against a real PHC
 * on the development VM (it has none); its error paths are.
 */
public final class PhcClock extends AdjtimeClock {
    static final long PTP_CLOCK_GETCAPS = 0x80503d01L; // _IOR('=', 1, struct ptp_clock_caps /* 80 */)
    static final long PTP_SYS_OFFSET = 0x43403d05L; // _IOW('=', 5, struct ptp_sys_offset /* 832 */)
    static final long PTP_SYS_OFFSET_PRECISE = 0xc0403d08L; // _IOWR('=', 8, struct ptp_sys_offset_precise /* 64 */)
    static final long PTP_SYS_OFFSET_EXTENDED = 0xc4c03d09L; // _IOWR('=', 9, struct ptp_sys_offset_extended /* 1216 */)
    static final long PTP_ENABLE_PPS = 0x40043d04L; // _IOW('=', 4, int)
    static final long PTP_PIN_GETFUNC = 0xc0603d06L; // _IOWR('=', 6, struct ptp_pin_desc /* 96 */)
    static final int PIN_DESC_SIZE = 96;
    static final int PTP_MAX_SAMPLES = 25;
    private static final long NS = 1_000_000_000L;

    /** What PTP_CLOCK_GETCAPS says. */
    public record Caps(int maxAdjPpb, int nAlarm, int nExtTs, int nPerOut, boolean pps, int nPins,
            boolean crossTimestamping, boolean adjustPhase) {}

    /** One PHC-to-system measurement: offset = phc - system at {@code systemNanos}, read within {@code delayNanos}. */
    public record SysOffset(long offsetNanos, long delayNanos, long systemNanos) {}

    private final Arena arena = Arena.ofShared();
    private final MemorySegment ioBuf = arena.allocate(1216, 8);
    private final PosixTime time = new PosixTime();
    private final String path;
    private final int fd;
    private final int clockId;
    private final Caps caps;

    private PhcClock(String path, int fd) throws NativeException {
        super(new Timex(fdToClockId(fd), path));
        this.path = path;
        this.fd = fd;
        this.clockId = fdToClockId(fd);
        this.caps = readCaps();
    }

    /** FD_TO_CLOCKID: the dynamic clock id of an open /dev/ptpN (((~fd) << 3) | 3). */
    public static int fdToClockId(int fd) {
        return ((~fd) << 3) | 3;
    }

    /** Opens /dev/ptp{@code index}. */
    public static PhcClock open(int index) throws NativeException {
        return open("/dev/ptp" + index);
    }

    /** Opens a PHC character device read-write and reads its capabilities. */
    public static PhcClock open(String path) throws NativeException {
        int fd;
        try (Arena a = Arena.ofConfined()) {
            fd = Libc.open(a.allocateFrom(path), Libc.O_RDWR | Libc.O_CLOEXEC);
        }
        if (fd < 0) throw new NativeException("open", Libc.errno(), path);
        try {
            return new PhcClock(path, fd);
        } catch (NativeException | RuntimeException e) {
            Libc.close(fd);
            throw e;
        }
    }

    private Caps readCaps() throws NativeException {
        ioBuf.asSlice(0, 80).fill((byte) 0);
        ioctl(PTP_CLOCK_GETCAPS, "PTP_CLOCK_GETCAPS");
        return parseCaps(ioBuf);
    }

    private void ioctl(long request, String name) throws NativeException {
        if (Libc.ioctl(fd, request, ioBuf) < 0) throw new NativeException("ioctl(" + name + ")", Libc.errno(), path);
    }

    public Caps caps() {
        return caps;
    }

    /** The open character device (ioctls such as PTP_EXTTS_REQUEST2; read() returns external timestamps). */
    public int fd() {
        return fd;
    }

    /** The dynamic POSIX clock id (for clock_gettime/clock_adjtime). */
    public int clockId() {
        return clockId;
    }

    @Override
    public String name() {
        return path;
    }

    @Override
    public long nowNanos() throws NativeException {
        return time.nanosChecked(clockId, path);
    }

    @Override
    public double maxFrequencyPpb() {
        return caps.maxAdjPpb();
    }

    /** One programmable pin (struct ptp_pin_desc): func 0 none, 1 external timestamp, 2 periodic output, 3 physical sync. */
    public record Pin(int index, String name, int func, int chan) {}

    /** PTP_PIN_GETFUNC for pin {@code index}. */
    public Pin pin(int index) throws NativeException {
        ioBuf.asSlice(0, PIN_DESC_SIZE).fill((byte) 0);
        ioBuf.set(ValueLayout.JAVA_INT, 64, index);
        ioctl(PTP_PIN_GETFUNC, "PTP_PIN_GETFUNC");
        return parsePin(ioBuf);
    }

    /** Parses a filled struct ptp_pin_desc: name[64], index, func, chan. */
    static Pin parsePin(MemorySegment b) {
        byte[] name = b.asSlice(0, 64).toArray(ValueLayout.JAVA_BYTE);
        int n = 0;
        while (n < name.length && name[n] != 0) n++;
        return new Pin(b.get(ValueLayout.JAVA_INT, 64), new String(name, 0, n, java.nio.charset.StandardCharsets.UTF_8),
                b.get(ValueLayout.JAVA_INT, 68), b.get(ValueLayout.JAVA_INT, 72));
    }

    /** clock_adjtime ADJ_OFFSET | ADJ_NANO: the offset goes to the PHC's phase control (phc_ctl phase). */
    public void adjustPhase(long offsetNanos) throws NativeException {
        timex.setPhase(offsetNanos);
    }

    /** PTP_ENABLE_PPS: the PHC's pulse-per-second events into the kernel PPS subsystem (phc2sys -d -s). */
    public void enablePps(boolean on) throws NativeException {
        // the argument is passed by value, not by pointer
        if (Libc.ioctl(fd, PTP_ENABLE_PPS, MemorySegment.ofAddress(on ? 1 : 0)) < 0)
            throw new NativeException("ioctl(PTP_ENABLE_PPS)", Libc.errno(), path);
    }

    /** How phc2sys compares this PHC with the system clock, best first (linuxptp sysoff.c's order). */
    public enum SysOffsetMethod {
        /** PTP_SYS_OFFSET_PRECISE: a hardware cross-timestamp (PCIe PTM, ART). */
        PRECISE,
        /** PTP_SYS_OFFSET_EXTENDED: the driver reads the system clock right around its PHC read. */
        EXTENDED,
        /** PTP_SYS_OFFSET: the kernel reads sys, phc, sys, ... around the driver's gettime. */
        BASIC
    }

    /**
     * The first method the driver accepts (each tried up to three times while it answers EBUSY),
     * as linuxptp's sysoff_probe; a NativeException naming the last failure when none works.
     */
    public SysOffsetMethod probeSysOffset(int samples) throws NativeException {
        checkSamples(samples);
        NativeException last = null;
        for (SysOffsetMethod m : SysOffsetMethod.values()) {
            for (int tries = 0; tries < 3; tries++) {
                try {
                    sysOffset(m, samples);
                    return m;
                } catch (NativeException e) {
                    last = e;
                    if (e.errno() != EBUSY) break;
                }
            }
        }
        throw last;
    }

    static final int EBUSY = 16;

    /** One measurement by {@code method}: see {@link SysOffset}. */
    public SysOffset sysOffset(SysOffsetMethod method, int samples) throws NativeException {
        return switch (method) {
            case PRECISE -> sysOffsetPrecise();
            case EXTENDED -> sysOffsetExtended(samples);
            case BASIC -> sysOffset(samples);
        };
    }

    /**
     * PTP_SYS_OFFSET: {@code samples} (1..25) readings sys, phc, sys, ...; the one with the shortest
     * system-clock window wins (linuxptp sysoff.c). System time is CLOCK_REALTIME.
     */
    public SysOffset sysOffset(int samples) throws NativeException {
        checkSamples(samples);
        ioBuf.asSlice(0, SYS_OFFSET_SIZE).fill((byte) 0);
        ioBuf.set(ValueLayout.JAVA_INT, 0, samples);
        ioctl(PTP_SYS_OFFSET, "PTP_SYS_OFFSET");
        return parseSysOffset(ioBuf, samples);
    }

    /** PTP_SYS_OFFSET_EXTENDED: the driver stamps the system clock right around its PHC read. */
    public SysOffset sysOffsetExtended(int samples) throws NativeException {
        checkSamples(samples);
        ioBuf.asSlice(0, SYS_OFFSET_EXTENDED_SIZE).fill((byte) 0);
        ioBuf.set(ValueLayout.JAVA_INT, 0, samples); // clockid at 4 left 0: CLOCK_REALTIME
        ioctl(PTP_SYS_OFFSET_EXTENDED, "PTP_SYS_OFFSET_EXTENDED");
        return parseSysOffsetExtended(ioBuf, samples);
    }

    /** PTP_SYS_OFFSET_PRECISE: a hardware cross-timestamp (PCIe PTM, ART); delay is 0. */
    public SysOffset sysOffsetPrecise() throws NativeException {
        ioBuf.asSlice(0, SYS_OFFSET_PRECISE_SIZE).fill((byte) 0);
        ioctl(PTP_SYS_OFFSET_PRECISE, "PTP_SYS_OFFSET_PRECISE");
        return parseSysOffsetPrecise(ioBuf);
    }

    /** sizeof(struct ptp_sys_offset): n_samples, rsv[3], ts[2 * 25 + 1]. */
    static final int SYS_OFFSET_SIZE = 16 + 16 * (2 * PTP_MAX_SAMPLES + 1);
    /** sizeof(struct ptp_sys_offset_extended): n_samples, clockid, rsv[2], ts[25][3]. */
    static final int SYS_OFFSET_EXTENDED_SIZE = 16 + 48 * PTP_MAX_SAMPLES;
    /** sizeof(struct ptp_sys_offset_precise): device, sys_realtime, sys_monoraw, rsv[4]. */
    static final int SYS_OFFSET_PRECISE_SIZE = 64;

    /** struct ptp_clock_time at {@code off}: s64 sec, u32 nsec, u32 reserved. */
    static long ptpTime(MemorySegment buf, long off) {
        return buf.get(ValueLayout.JAVA_LONG, off) * NS + Integer.toUnsignedLong(buf.get(ValueLayout.JAVA_INT, off + 8));
    }

    /** Parses a filled struct ptp_sys_offset: ts[2k] sys, ts[2k+1] phc, ts[2k+2] sys (each reading shares its sys stamps). */
    static SysOffset parseSysOffset(MemorySegment buf, int samples) {
        return bestReading(buf, samples, 32);
    }

    /** Parses a filled struct ptp_sys_offset_extended: ts[k][0] sys before, [1] phc, [2] sys after. */
    static SysOffset parseSysOffsetExtended(MemorySegment buf, int samples) {
        return bestReading(buf, samples, 48);
    }

    /**
     * The reading with the shortest sys-to-sys window (linuxptp sysoff.c): reading k's sys
     * before, phc and sys after stamps stand at 16 + stride * k, + 16 and + 32.
     */
    private static SysOffset bestReading(MemorySegment buf, int samples, int stride) {
        long bestDelay = Long.MAX_VALUE, bestOffset = 0, bestSys = 0;
        for (int k = 0; k < samples; k++) {
            long base = 16 + (long) stride * k;
            long t1 = ptpTime(buf, base), phc = ptpTime(buf, base + 16), t2 = ptpTime(buf, base + 32);
            long delay = t2 - t1, sys = t1 + delay / 2;
            if (delay < bestDelay) {
                bestDelay = delay;
                bestOffset = phc - sys;
                bestSys = sys;
            }
        }
        return new SysOffset(bestOffset, bestDelay, bestSys);
    }

    /** Parses a filled struct ptp_sys_offset_precise: device at 0, sys_realtime at 16. */
    static SysOffset parseSysOffsetPrecise(MemorySegment buf) {
        long phc = ptpTime(buf, 0), sys = ptpTime(buf, 16);
        return new SysOffset(phc - sys, 0, sys);
    }

    /** Parses a filled struct ptp_clock_caps (max_adj, n_alarm, n_ext_ts, n_per_out, pps, n_pins, cross_timestamping, adjust_phase). */
    static Caps parseCaps(MemorySegment buf) {
        return new Caps(buf.get(ValueLayout.JAVA_INT, 0), buf.get(ValueLayout.JAVA_INT, 4), buf.get(ValueLayout.JAVA_INT, 8),
                buf.get(ValueLayout.JAVA_INT, 12), buf.get(ValueLayout.JAVA_INT, 16) != 0, buf.get(ValueLayout.JAVA_INT, 20),
                buf.get(ValueLayout.JAVA_INT, 24) != 0, buf.get(ValueLayout.JAVA_INT, 28) != 0);
    }

    private static void checkSamples(int samples) {
        if (samples < 1 || samples > PTP_MAX_SAMPLES) {
            throw new IllegalArgumentException("PHC offset samples must be 1.." + PTP_MAX_SAMPLES + ": " + samples);
        }
    }

    @Override
    public void close() {
        Libc.close(fd);
        arena.close();
    }
}
