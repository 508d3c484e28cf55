package io.ptp4j.linux.clock;

import static org.junit.jupiter.api.Assertions.*;

import io.ptp4j.testkit.CProgram;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PTP_SYS_OFFSET* results are parsed from the structs' bytes (no PHC here to fill them): the
 * sizes and field offsets are checked against linux/ptp_clock.h by a C program, and the parsers
 * against hand-built buffers (which sample wins, which sign the offset has).
 */
class PhcSysOffsetLayoutTest {
    static final long NS = 1_000_000_000L;

    static void time(MemorySegment b, long off, long nanos) {
        b.set(ValueLayout.JAVA_LONG, off, Math.floorDiv(nanos, NS));
        b.set(ValueLayout.JAVA_INT, off + 8, (int) Math.floorMod(nanos, NS));
    }

    @Test
    void basicPicksTheShortestWindowAndGivesPhcMinusSystem() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment b = a.allocate(PhcClock.SYS_OFFSET_SIZE, 8);
            long sys = 1_700_000_000L * NS, tai = sys + 37 * NS;
            // three samples: sys, phc, sys, phc, sys, phc, sys; the middle window is the shortest (100 ns)
            long[] ts = {sys, tai + 500, sys + 1_000, tai + 1_050 + 7, sys + 1_100, tai + 1_600, sys + 2_000};
            for (int i = 0; i < ts.length; i++) time(b, 16 + 16L * i, ts[i]);
            PhcClock.SysOffset r = PhcClock.parseSysOffset(b, 3);
            assertEquals(100, r.delayNanos());
            assertEquals(sys + 1_050, r.systemNanos());
            assertEquals(37 * NS + 7, r.offsetNanos()); // phc - sys at the window's middle
        }
    }

    @Test
    void extendedReadsTripletsOf48Bytes() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment b = a.allocate(PhcClock.SYS_OFFSET_EXTENDED_SIZE, 8);
            long sys = 5 * NS + 999_999_990L; // the nanoseconds roll over inside a window
            time(b, 16, sys);
            time(b, 32, sys + 20 - 3_000);
            time(b, 48, sys + 40);
            time(b, 64, sys + 1_000);
            time(b, 80, sys + 1_010);
            time(b, 96, sys + 1_030);
            PhcClock.SysOffset r = PhcClock.parseSysOffsetExtended(b, 2);
            assertEquals(30, r.delayNanos());
            assertEquals(sys + 1_015, r.systemNanos());
            assertEquals(-5, r.offsetNanos());
        }
    }

    @Test
    void preciseIsDeviceThenRealtime() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment b = a.allocate(PhcClock.SYS_OFFSET_PRECISE_SIZE, 8);
            time(b, 0, 100 * NS + 250);
            time(b, 16, 99 * NS + 999_999_000L);
            time(b, 32, 42); // sys_monoraw: not used
            PhcClock.SysOffset r = PhcClock.parseSysOffsetPrecise(b);
            assertEquals(1_250, r.offsetNanos());
            assertEquals(0, r.delayNanos());
        }
    }

    @Test
    void pinDescriptions() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment b = a.allocate(PhcClock.PIN_DESC_SIZE, 8);
            MemorySegment.copy("SDP0".getBytes(StandardCharsets.US_ASCII), 0, b, ValueLayout.JAVA_BYTE, 0, 4);
            b.set(ValueLayout.JAVA_INT, 64, 0);
            b.set(ValueLayout.JAVA_INT, 68, 2);
            b.set(ValueLayout.JAVA_INT, 72, 1);
            assertEquals(new PhcClock.Pin(0, "SDP0", 2, 1), PhcClock.parsePin(b));
        }
    }

    @Test
    void capsFieldsInOrder() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment b = a.allocate(80, 8);
            int[] v = {500_000_000, 1, 2, 3, 1, 4, 1, 0};
            for (int i = 0; i < v.length; i++) b.set(ValueLayout.JAVA_INT, 4L * i, v[i]);
            assertEquals(new PhcClock.Caps(500_000_000, 1, 2, 3, true, 4, true, false), PhcClock.parseCaps(b));
        }
    }

    /** A number the C program below prints: the value ptp4j uses, the radix it is printed in, and what it is. */
    record Printed(long expected, int radix, String what) {}

    static Printed dec(long expected, String what) {
        return new Printed(expected, 10, what);
    }

    static Printed hex(long expected, String what) {
        return new Printed(expected, 16, what);
    }

    /** The i-th printed value equals the i-th expected one. */
    static void assertPrinted(String[] v, Printed... expected) {
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i].expected(), Long.parseLong(v[i], expected[i].radix()), expected[i].what());
        }
    }

    @Test
    void structSizesAndOffsetsMatchTheHeader(@TempDir Path dir) throws Exception {
        String[] v = CProgram.values(dir, "linux/ptp_clock.h", """
                #include <stdio.h>
                #include <stddef.h>
                #include <sys/timex.h>
                #include <linux/ptp_clock.h>
                int main(void) {
                    printf("%zu %zu %zu %zu %zu %zu %zu %zu %zu %zu %d %lx %zu %zu %zu %zu %zu %x %zu %zu %zu %x %x %x %x %x %x\\n",
                        sizeof(struct ptp_sys_offset), offsetof(struct ptp_sys_offset, ts),
                        sizeof(struct ptp_sys_offset_extended), offsetof(struct ptp_sys_offset_extended, ts),
                        sizeof(struct ptp_sys_offset_precise), offsetof(struct ptp_sys_offset_precise, sys_realtime),
                        sizeof(struct ptp_clock_time), offsetof(struct ptp_clock_time, nsec),
                        offsetof(struct ptp_clock_caps, pps), offsetof(struct ptp_clock_caps, cross_timestamping),
                        PTP_MAX_SAMPLES, (unsigned long) PTP_PIN_GETFUNC, sizeof(struct ptp_pin_desc),
                        offsetof(struct ptp_pin_desc, index), offsetof(struct ptp_pin_desc, func), offsetof(struct ptp_pin_desc, chan),
                        offsetof(struct timex, offset), ADJ_OFFSET,
                        offsetof(struct timex, maxerror), offsetof(struct timex, status), offsetof(struct timex, constant),
                        ADJ_MAXERROR, ADJ_STATUS, ADJ_TAI, STA_INS, STA_DEL, STA_UNSYNC);
                    return 0;
                }
                """);
        assertPrinted(v, // in the order the program prints them
                dec(PhcClock.SYS_OFFSET_SIZE, "sizeof(struct ptp_sys_offset)"), dec(16, "ptp_sys_offset.ts"),
                dec(PhcClock.SYS_OFFSET_EXTENDED_SIZE, "sizeof(struct ptp_sys_offset_extended)"), dec(16, "ptp_sys_offset_extended.ts"),
                dec(PhcClock.SYS_OFFSET_PRECISE_SIZE, "sizeof(struct ptp_sys_offset_precise)"), dec(16, "ptp_sys_offset_precise.sys_realtime"),
                dec(16, "sizeof(struct ptp_clock_time)"), dec(8, "ptp_clock_time.nsec"),
                dec(16, "ptp_clock_caps.pps"), dec(24, "ptp_clock_caps.cross_timestamping"),
                dec(PhcClock.PTP_MAX_SAMPLES, "PTP_MAX_SAMPLES"), hex(PhcClock.PTP_PIN_GETFUNC, "PTP_PIN_GETFUNC"),
                dec(PhcClock.PIN_DESC_SIZE, "sizeof(struct ptp_pin_desc)"),
                dec(64, "ptp_pin_desc.index"), dec(68, "ptp_pin_desc.func"), dec(72, "ptp_pin_desc.chan"),
                dec(Timex.OFF_OFFSET, "timex.offset"), hex(Timex.ADJ_OFFSET, "ADJ_OFFSET"),
                dec(Timex.OFF_MAXERROR, "timex.maxerror"), dec(Timex.OFF_STATUS, "timex.status"), dec(Timex.OFF_CONSTANT, "timex.constant"),
                hex(Timex.ADJ_MAXERROR, "ADJ_MAXERROR"), hex(Timex.ADJ_STATUS, "ADJ_STATUS"), hex(Timex.ADJ_TAI, "ADJ_TAI"),
                hex(Timex.STA_INS, "STA_INS"), hex(Timex.STA_DEL, "STA_DEL"), hex(0x40, "STA_UNSYNC (cleared by setSynchronized's status word)"));
    }

    @Test
    void noPhcHereMeansAClearOpenError() {
        for (int i = 0; i < 16; i++) if (Files.exists(Path.of("/dev/ptp" + i))) return;
        var e = assertThrows(io.ptp4j.linux.NativeException.class, () -> PhcClock.open("/dev/ptp0"));
        assertTrue(e.getMessage().contains("/dev/ptp0") && e.getMessage().contains("No such file"), e.getMessage());
    }
}
