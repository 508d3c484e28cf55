package io.ptp4j.linux.clock;

import io.ptp4j.linux.Libc;
import io.ptp4j.linux.NativeException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * A kernel PPS source, /dev/ppsN (linux/pps.h), read with PPS_FETCH as phc2sys -d does: each
 * fetch waits (up to a timeout) for the next assert edge and returns its CLOCK_REALTIME stamp.
 * Not tested against a real PPS device here (there is none); the struct layout is checked against
 * the header and the error paths are tested.
 */
public final class PpsDevice implements AutoCloseable {
    /** _IOWR('p', 0xa4, struct pps_fdata *): the size field is that of a pointer (8). */
    static final long PPS_FETCH = 0xc00870a4L;
    /** sizeof(struct pps_fdata): info (assert_sequence, clear_sequence, assert_tu, clear_tu, current_mode) + timeout. */
    static final int FDATA_SIZE = 64;
    static final long OFF_ASSERT_TU = 8, OFF_TIMEOUT = 48;
    static final int PPS_TIME_INVALID = 1;

    private final Arena arena = Arena.ofShared();
    private final MemorySegment buf = arena.allocate(FDATA_SIZE, 8);
    private final String path;
    private final int fd;

    private PpsDevice(String path, int fd) {
        this.path = path;
        this.fd = fd;
    }

    /** Opens a PPS device read-only. */
    public static PpsDevice open(String path) throws NativeException {
        int fd;
        try (Arena a = Arena.ofConfined()) {
            fd = Libc.open(a.allocateFrom(path), Libc.O_RDONLY | Libc.O_CLOEXEC);
        }
        if (fd < 0) throw new NativeException("open", Libc.errno(), path);
        return new PpsDevice(path, fd);
    }

    public String path() {
        return path;
    }

    /** PPS_FETCH: the CLOCK_REALTIME time of the next assert edge, ns (waits up to timeoutSeconds). */
    public long fetchAssertNanos(int timeoutSeconds) throws NativeException {
        buf.fill((byte) 0);
        buf.set(ValueLayout.JAVA_LONG, OFF_TIMEOUT, timeoutSeconds);
        buf.set(ValueLayout.JAVA_INT, OFF_TIMEOUT + 12, ~PPS_TIME_INVALID);
        if (Libc.ioctl(fd, PPS_FETCH, buf) < 0) throw new NativeException("ioctl(PPS_FETCH)", Libc.errno(), path);
        return assertNanos(buf);
    }

    /** The assert_tu of a filled struct pps_fdata, ns. */
    static long assertNanos(MemorySegment fdata) {
        return fdata.get(ValueLayout.JAVA_LONG, OFF_ASSERT_TU) * 1_000_000_000L + fdata.get(ValueLayout.JAVA_INT, OFF_ASSERT_TU + 8);
    }

    @Override
    public void close() {
        Libc.close(fd);
        arena.close();
    }
}
