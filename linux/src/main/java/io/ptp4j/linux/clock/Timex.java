package io.ptp4j.linux.clock;

import io.ptp4j.linux.Libc;
import io.ptp4j.linux.NativeException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * struct timex (208 bytes on x86_64) and clock_adjtime(2), as linuxptp's clockadj.c uses them:
 * frequency in ppm with a 16-bit fraction (ppb * 65.536), steps with ADJ_SETOFFSET | ADJ_NANO.
 */
final class Timex {
    static final int SIZE = 208;
    static final int ADJ_OFFSET = 0x0001, ADJ_FREQUENCY = 0x0002, ADJ_MAXERROR = 0x0004, ADJ_STATUS = 0x0010,
            ADJ_TAI = 0x0080, ADJ_SETOFFSET = 0x0100, ADJ_NANO = 0x2000;
    static final int STA_INS = 0x0010, STA_DEL = 0x0020;
    static final long OFF_MODES = 0, OFF_OFFSET = 8, OFF_FREQ = 16, OFF_MAXERROR = 24, OFF_STATUS = 40, OFF_CONSTANT = 48,
            OFF_TIME_SEC = 72, OFF_TIME_FRAC = 80;
    private static final long NS = 1_000_000_000L;

    private final MemorySegment tx = Arena.ofAuto().allocate(SIZE, 8);
    private final int clockId;
    private final String name;

    Timex(int clockId, String name) {
        this.clockId = clockId;
        this.name = name;
    }

    void setFrequency(double freqPpb) throws NativeException {
        adjust(ADJ_FREQUENCY, OFF_FREQ, (long) (freqPpb * 65.536), "ADJ_FREQUENCY");
    }

    double frequencyPpb() throws NativeException {
        tx.fill((byte) 0);
        call("read");
        return tx.get(ValueLayout.JAVA_LONG, OFF_FREQ) / 65.536;
    }

    /** ADJ_OFFSET | ADJ_NANO: hand an offset to the clock's phase control (linuxptp clockadj_set_phase). */
    void setPhase(long offsetNanos) throws NativeException {
        adjust(ADJ_OFFSET | ADJ_NANO, OFF_OFFSET, offsetNanos, "ADJ_OFFSET");
    }

    /** ADJ_STATUS: the status word (linuxptp sysclk_set_leap writes STA_INS, STA_DEL or 0). */
    void setStatus(int status) throws NativeException {
        modes(ADJ_STATUS);
        tx.set(ValueLayout.JAVA_INT, OFF_STATUS, status);
        call("ADJ_STATUS");
    }

    /** ADJ_STATUS | ADJ_MAXERROR with maxerror 0: clears STA_UNSYNC, keeps {@code leapBits} (sysclk_set_sync). */
    void setSynchronized(int leapBits) throws NativeException {
        modes(ADJ_STATUS | ADJ_MAXERROR); // maxerror stays 0
        tx.set(ValueLayout.JAVA_INT, OFF_STATUS, leapBits);
        call("ADJ_STATUS|ADJ_MAXERROR");
    }

    /** ADJ_TAI: the kernel's TAI - UTC offset, seconds, passed in the constant field (sysclk_set_tai_offset). */
    void setTaiOffset(int seconds) throws NativeException {
        adjust(ADJ_TAI, OFF_CONSTANT, seconds, "ADJ_TAI");
    }

    void step(long deltaNanos) throws NativeException {
        modes(ADJ_SETOFFSET | ADJ_NANO);
        // the kernel wants a normalised timespec: 0 <= nsec < 1e9, the sign in seconds
        tx.set(ValueLayout.JAVA_LONG, OFF_TIME_SEC, Math.floorDiv(deltaNanos, NS));
        tx.set(ValueLayout.JAVA_LONG, OFF_TIME_FRAC, Math.floorMod(deltaNanos, NS));
        call("ADJ_SETOFFSET");
    }

    /** Clears the struct and sets {@code modes}: the fields they name are set next, the others stay 0. */
    private void modes(int modes) {
        tx.fill((byte) 0);
        tx.set(ValueLayout.JAVA_INT, OFF_MODES, modes);
    }

    /** One clock_adjtime with {@code modes} and the 64-bit field at {@code offset} set to {@code value}. */
    private void adjust(int modes, long offset, long value, String what) throws NativeException {
        modes(modes);
        tx.set(ValueLayout.JAVA_LONG, offset, value);
        call(what);
    }

    private void call(String what) throws NativeException {
        if (Libc.clockAdjtime(clockId, tx) < 0) throw new NativeException("clock_adjtime(" + what + ")", Libc.errno(), name);
    }
}
