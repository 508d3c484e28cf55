package io.ptp4j.tools.phc2sys;

import io.ptp4j.linux.NativeException;
import io.ptp4j.linux.clock.PhcClock;

/**
 * Measures sink minus source (linuxptp phc2sys.c update_domain_clocks): with PTP_SYS_OFFSET_PRECISE,
 * _EXTENDED or plain PTP_SYS_OFFSET when one clock is a PHC and the other the system clock (the
 * first the driver accepts, probed once per clock, as sysoff_probe), else by reading sink, source,
 * sink {@code readings} times and keeping the quickest (clockadj_compare) — the path for virtual
 * clocks. Results land in the public fields; nothing is allocated per measurement except what a
 * PHC ioctl's record costs.
 */
final class OffsetMeter {
    /** sink - source, ns. */
    long offsetNanos;
    /** The sink's time of the measurement, ns. */
    long sinkTimeNanos;
    /** The read window, ns (0 for a hardware cross-timestamp). */
    long delayNanos;

    private final int readings;

    OffsetMeter(int readings) {
        this.readings = readings;
    }

    /** false when the driver was busy (EBUSY: skip this update, as linuxptp does). */
    boolean measure(Phc2sysClock src, Phc2sysClock dst) throws NativeException {
        try {
            if (dst.system && sysoffUsable(src)) {
                PhcClock.SysOffset r = src.phc.sysOffset(src.sysoffMethod, readings);
                offsetNanos = -r.offsetNanos(); // r: phc - sys; we want sys - phc
                sinkTimeNanos = r.systemNanos();
                delayNanos = r.delayNanos();
                return true;
            }
            if (src.system && sysoffUsable(dst)) {
                PhcClock.SysOffset r = dst.phc.sysOffset(dst.sysoffMethod, readings);
                offsetNanos = r.offsetNanos(); // phc - sys = sink - source
                sinkTimeNanos = r.systemNanos() + offsetNanos;
                delayNanos = r.delayNanos();
                return true;
            }
        } catch (NativeException e) {
            if (e.errno() == EBUSY) return false;
            throw e;
        }
        compare(src, dst);
        return true;
    }

    static final int EBUSY = 16;

    private boolean sysoffUsable(Phc2sysClock c) {
        if (c.phc == null) return false;
        if (!c.sysoffProbed) {
            c.sysoffProbed = true;
            if (readings <= 25) {
                try {
                    c.sysoffMethod = c.phc.probeSysOffset(readings);
                } catch (NativeException e) {
                    c.sysoffMethod = null; // none works: clock_gettime comparison
                }
            } else {
                System.err.println("warning: " + readings + " exceeds kernel max readings 25");
                System.err.println("falling back to clock_gettime method");
            }
        }
        return c.sysoffMethod != null;
    }

    /**
     * Reads both clocks for about {@code millis} ms so the JIT compiles the read path before the
     * first update: an interpreted read window is tens of microseconds, a compiled one about one,
     * and half of it bounds the measurement error. Nothing is adjusted.
     */
    void warmUp(Phc2sysClock src, Phc2sysClock dst, long millis) throws NativeException {
        if (src.phc != null || dst.phc != null) return; // ioctls and clock_gettime: nothing to compile that matters
        long end = System.nanoTime() + millis * 1_000_000L;
        long o = offsetNanos, t = sinkTimeNanos, d = delayNanos;
        while (System.nanoTime() < end) compare(src, dst);
        offsetNanos = o;
        sinkTimeNanos = t;
        delayNanos = d;
    }

    /** clockadj_compare: sink, source, sink; the quickest of {@code readings} wins. */
    void compare(Phc2sysClock src, Phc2sysClock dst) throws NativeException {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < readings; i++) {
            long d1 = dst.device.nowNanos();
            long s = src.device.nowNanos();
            long d2 = dst.device.nowNanos();
            long interval = d2 - d1;
            if (interval < best) {
                best = interval;
                offsetNanos = d1 - s + interval / 2;
                sinkTimeNanos = d2;
            }
        }
        delayNanos = best;
    }
}
