package io.ptp4j.core.clock;

import io.ptp4j.core.dataset.TimePropertiesDS;
import io.ptp4j.core.engine.ClockConfig;
import io.ptp4j.core.engine.Driver;
import io.ptp4j.core.engine.EngineListener;
import io.ptp4j.core.servo.Servo;
import io.ptp4j.core.wire.PtpMessage;

/**
 * UTC, TAI and leap seconds as linuxptp's clock.c handles them. As a slave
 * (clock_update_time_properties, clock_utc_correct): the grandmaster's UTC offset and leap
 * flags are followed; a clock that keeps UTC (the system clock, the virtual clock) under a
 * master that keeps TAI (ptpTimescale) is offset by currentUtcOffset; in the last second of a
 * leap day samples are suspended; the leap is armed in the clock itself (kernel_leap: the
 * kernel's STA_INS or STA_DEL, or the virtual clock's own) or else told to the servo. As a
 * grandmaster (clock_update_leap_status, and a leapfile): once the announced leap second is
 * over, the flag is cleared and the UTC offset moves on; with a leapfile the offset and the
 * flags come from the table.
 */
final class UtcCorrection {
    private static final long NS = 1_000_000_000L;
    private static final int LEAPS = PtpMessage.FLAG_LEAP61 | PtpMessage.FLAG_LEAP59;

    private final ClockConfig cfg;
    private final Driver driver;
    private final EngineListener listener;
    private final LeapTable table;
    /** linuxptp c->utc_offset: the UTC offset this clock believes in. */
    private int utcOffset;
    /** The leap armed in the clock or servo (+1, -1, 0). */
    private int leapSet;
    /** The TAI offset told to the kernel (0: none yet). */
    private int utcOffsetSet;
    private final int[] leapAndOffset = new int[2];
    private boolean expiryWarned;

    UtcCorrection(ClockConfig cfg, Driver driver, EngineListener listener) {
        this.cfg = cfg;
        this.driver = driver;
        this.listener = listener;
        this.utcOffset = cfg.utcOffset;
        this.table = cfg.leapUtcSeconds == null ? null : LeapTable.of(cfg.leapUtcSeconds, cfg.leapOffsets, cfg.leapExpiresUtcSeconds);
    }

    int utcOffset() {
        return utcOffset;
    }

    int leapSet() {
        return leapSet;
    }

    /** clock_update_time_properties: the parent's Announce says {@code offset}, {@code flags}, {@code source}. */
    void timeProperties(TimePropertiesDS tds, int offset, int flags, int source) {
        if (((flags ^ tds.flags()) & LEAPS) != 0) {
            String what = (flags & LEAPS) == 0 ? "no" : (flags & PtpMessage.FLAG_LEAP61) != 0 ? "insert" : "delete";
            listener.notice(0, EngineListener.LOG_INFO, "updating time properties to " + what + " leap second");
        }
        boolean traceable = (flags & PtpMessage.FLAG_UTC_OFFSET_VALID) != 0 && (flags & PtpMessage.FLAG_TIME_TRACEABLE) != 0;
        if ((traceable && offset != utcOffset) || offset > utcOffset) {
            listener.notice(0, EngineListener.LOG_INFO, "updating UTC offset to " + offset);
            utcOffset = offset;
        }
        tds.set(offset, flags, source);
    }

    /**
     * clock_utc_correct: {@code masterOffset} (local minus master, at local {@code ingress}) with
     * the UTC offset added where this clock keeps UTC and the master TAI; Long.MIN_VALUE when the
     * sample falls in the ambiguous last second of a leap day (skip it).
     */
    long correct(TimePropertiesDS tds, long ingress, long masterOffset, boolean servoUnlocked, Servo servo) {
        int flags = tds.flags();
        boolean ptpTimescale = (flags & PtpMessage.FLAG_PTP_TIMESCALE) != 0;
        if (!cfg.utcTimescale && ptpTimescale) return masterOffset;
        int offset = utcOffset;
        int leap = (flags & PtpMessage.FLAG_LEAP61) != 0 ? 1 : (flags & PtpMessage.FLAG_LEAP59) != 0 ? -1 : 0;
        if (leap != 0 || leapSet != 0) {
            // a clock about to be stepped is judged by the time it will be stepped to
            long ts = servoUnlocked ? ingress - masterOffset - (ptpTimescale ? offset * NS : 0) : ingress;
            if (LeapSecond.isUtcAmbiguous(ts)) {
                listener.notice(0, EngineListener.LOG_INFO, "clock update suspended due to leap second");
                return Long.MIN_VALUE;
            }
            leapAndOffset[0] = leap;
            leapAndOffset[1] = offset;
            int clockLeap = LeapSecond.status(ts, leapSet, leapAndOffset);
            offset = leapAndOffset[1];
            if (leapSet != clockLeap) {
                arm(clockLeap, servo);
                leapSet = clockLeap;
            }
        }
        boolean traceable = (flags & PtpMessage.FLAG_UTC_OFFSET_VALID) != 0 && (flags & PtpMessage.FLAG_TIME_TRACEABLE) != 0;
        if (traceable && cfg.utcTimescale && utcOffsetSet != offset) {
            driver.setTaiOffset(offset); // the kernel's TAI - UTC (CLOCK_REALTIME only; others ignore it)
            utcOffsetSet = offset;
        }
        return ptpTimescale ? masterOffset + offset * NS : masterOffset;
    }

    /** kernel_leap: the clock carries the leap (kernel or virtual clock); else the servo is told (linreg moves its reference). */
    private void arm(int leap, Servo servo) {
        int r = cfg.kernelLeap ? driver.armLeap(leap) : -1;
        if (r < 0) {
            servo.leap(leap);
        } else if (r > 0 && leap != 0) {
            listener.notice(0, EngineListener.LOG_NOTICE, "clock set to " + (leap > 0 ? "insert" : "delete") + " leap second at midnight (UTC)");
        }
    }

    /**
     * As grandmaster, before each Announce: the time properties this clock announces, brought up
     * to date at clock time {@code now}. With a leapfile the UTC offset and the leap flag of the
     * current UTC day come from it; without one, an announced leap second that is over is cleared
     * and the offset moves on (linuxptp clock_update_leap_status). True when {@code local} changed.
     */
    boolean grandmaster(TimePropertiesDS local, long now) {
        int flags = local.flags();
        boolean ptpTimescale = (flags & PtpMessage.FLAG_PTP_TIMESCALE) != 0;
        long seconds = Math.floorDiv(now, NS);
        if (table != null) {
            int off = local.currentUtcOffset();
            long utc = seconds - (ptpTimescale ? off : 0);
            off = table.offsetAt(utc);
            if (ptpTimescale) {
                utc = seconds - off;
                off = table.offsetAt(utc);
            }
            if (table.expired(utc) && !expiryWarned) {
                expiryWarned = true;
                listener.notice(0, EngineListener.LOG_WARNING, "leapfile expired: leap seconds it does not list will not be announced");
            }
            int leap = table.leapAtEndOfDay(utc);
            int f = (flags & ~LEAPS) | PtpMessage.FLAG_UTC_OFFSET_VALID | (leap > 0 ? PtpMessage.FLAG_LEAP61 : leap < 0 ? PtpMessage.FLAG_LEAP59 : 0);
            if (f == flags && off == local.currentUtcOffset()) return false;
            local.set(off, f, local.timeSource());
            utcOffset = off;
            return true;
        }
        int leap = (flags & PtpMessage.FLAG_LEAP61) != 0 ? 1 : (flags & PtpMessage.FLAG_LEAP59) != 0 ? -1 : 0;
        if (leap == 0) return false;
        leapAndOffset[0] = leap;
        leapAndOffset[1] = local.currentUtcOffset();
        long ts = now - (ptpTimescale ? local.currentUtcOffset() * NS : 0);
        if (LeapSecond.status(ts, leap, leapAndOffset) != 0) return false; // not over yet
        local.set(leapAndOffset[1], flags & ~LEAPS, local.timeSource());
        utcOffset = leapAndOffset[1];
        return true;
    }
}
