package io.ptp4j.time;

/**
 * The ClockBound shared-memory segment, protocol version 2 (aws/clock-bound docs/PROTOCOL.md,
 * "ClockBound Shared Memory Protocol Version 2"; clock-bound-shm/src/shm_header.rs and lib.rs).
 * Every field is in the CPU's native byte order; the offsets follow the C layout of ClockBound's
 * {@code ShmHeader} and {@code ClockErrorBound} structs:
 *
 * <pre>
 *  0 magic            2 x u32: 0x414D5A4E, 0x43420200
 *  8 segment size     u32 (80)
 * 12 version          u16 (2)
 * 14 generation       u16: odd while the writer updates, even after; 0 is "never written";
 *                     after 65535 it goes to 2, never 0
 * 16 as_of            timespec (i64 s, i64 ns), CLOCK_MONOTONIC_COARSE when the bound was computed
 * 32 void_after       timespec, CLOCK_MONOTONIC_COARSE after which the bound must not be used
 * 48 bound            i64 ns: |CLOCK_REALTIME - true time| at as_of, at most this
 * 56 disruption       u64 disruption marker
 * 64 max drift        u32 ppb: the bound grows at most this fast after as_of
 * 68 clock status     i32: 0 unknown, 1 synchronized, 2 free running, 3 disrupted
 * 72 disruption flag  u8: clock disruption support enabled (ptp4j writes 0)
 * 73 padding to 80
 * </pre>
 *
 * <p>PROTOCOL.md writes the magic as the bytes {@code 41 4D 5A 4E 43 42 02 00}; ClockBound's
 * reader and writer compare two native-endian u32 {@code 0x414D5A4E, 0x43420200}, so on x86_64
 * and arm64 (little-endian) the file begins {@code 4E 5A 4D 41 00 02 42 43}. ptp4j writes and
 * reads what ClockBound's code does, so that its C, Rust and Python clients accept the segment.
 */
public final class ClockBoundLayout {
    private ClockBoundLayout() {}

    /** Where ClockBound's daemon publishes, and ptp4j's ptp4l and phc2sys by default (clockbound_path). */
    public static final String DEFAULT_PATH = "/var/run/clockbound/shm0";

    public static final int MAGIC_0 = 0x414D5A4E;
    public static final int MAGIC_1 = 0x43420200;
    public static final int VERSION = 2;
    /** Header (16) plus ClockErrorBound (64). */
    public static final int SIZE = 80;

    public static final long OFF_MAGIC_0 = 0, OFF_MAGIC_1 = 4, OFF_SEGMENT_SIZE = 8, OFF_VERSION = 12, OFF_GENERATION = 14;
    public static final long OFF_AS_OF = 16, OFF_VOID_AFTER = 32, OFF_BOUND = 48, OFF_DISRUPTION_MARKER = 56;
    public static final long OFF_MAX_DRIFT = 64, OFF_CLOCK_STATUS = 68, OFF_DISRUPTION_SUPPORT = 72;

    /** ClockBound's readers refuse a drift this large (a sign of a broken writer). */
    public static final long MAX_DRIFT_LIMIT_PPB = 1_000_000_000L;

    /** The generation after {@code g}, skipping 0 on the wrap (ClockBound's ShmWriter::write). */
    public static int nextGeneration(int g) {
        int n = (g + 1) & 0xFFFF;
        return n == 0 ? 2 : n;
    }
}
