package io.ptp4j.tools.phc2sys;

import io.ptp4j.core.clock.ClockCheck;
import io.ptp4j.core.servo.LinRegServo;
import io.ptp4j.core.servo.PiServo;
import io.ptp4j.core.servo.ServoConfig;
import io.ptp4j.core.servo.ServoState;
import io.ptp4j.linux.NativeException;
import io.ptp4j.tools.config.PtpConfig;
import io.ptp4j.tools.log.CFormat;
import io.ptp4j.tools.log.Printer;
import io.ptp4j.tools.log.SummaryStats;
import io.ptp4j.tools.metrics.PtpMetrics;

/**
 * linuxptp phc2sys.c update_clock and update_clock_stats: adds the sync offset (-O, or ptp4l's
 * currentUtcOffset between a UTC and a TAI clock), feeds the servo, steps (s1) and sets the
 * frequency (s1, s2, s3), then logs
 * {@code "%s %s offset %9lld s%d freq %+7.0f delay %6lld"} or, with -u N, every N updates
 * {@code "%s rms %4.0f max %4.0f freq %+6.0f +/- %3.0f delay %5.0f +/- %3.0f"}. As in linuxptp,
 * "freq" is the servo's output, the negation of the frequency set on the clock.
 */
final class SinkUpdater {
    private final ServoConfig servoConfig;
    private final double intervalSeconds;
    private final boolean freeRunning;
    private final long statsMaxCount;
    private final Printer printer;
    private final PtpMetrics metrics;
    private final StringBuilder line = new StringBuilder(128);
    private final int sanityFreqLimit;
    /** clockcheck.c compares with CLOCK_MONOTONIC (linuxptp 4.4). */
    private final io.ptp4j.linux.clock.PosixTime mono = new io.ptp4j.linux.clock.PosixTime();
    private final String clockboundPath, sourceBoundPath;
    private final int clockboundMode;

    // -E ntpshm / -E refclock_sock: the offsets go to chronyd or ntpd, no clock is adjusted
    private final String ntpServo;
    private final int ntpshmSegment;
    private final String refclockSockAddress;
    private io.ptp4j.linux.ntpshm.NtpShmSegment shm;
    private io.ptp4j.linux.UnixDatagramSocket refclockSock;

    SinkUpdater(PtpConfig cfg, double intervalSeconds, long statsMaxCount, Printer printer, PtpMetrics metrics) {
        this.servoConfig = servoConfig(cfg);
        String servo = cfg.getEnum("clock_servo");
        this.ntpServo = servo.equals("ntpshm") || servo.equals("refclock_sock") ? servo : null;
        this.ntpshmSegment = cfg.getInt("ntpshm_segment");
        this.refclockSockAddress = cfg.getString("refclock_sock_address");
        this.intervalSeconds = intervalSeconds;
        this.freeRunning = cfg.getInt("free_running") == 1;
        // linuxptp: free_running and the ntpshm servo turn the check off
        this.sanityFreqLimit = freeRunning || servo.equals("ntpshm") ? 0 : cfg.getInt("sanity_freq_limit");
        this.statsMaxCount = statsMaxCount;
        this.printer = printer;
        this.metrics = metrics;
        // the system clock's bound goes to clockbound_path; the source's comes from ptp4l (-z)
        this.clockboundPath = freeRunning ? "" : cfg.getString("clockbound_path");
        this.clockboundMode = cfg.getInt("clockbound_file_mode");
        this.sourceBoundPath = cfg.getString("uds_address") + ".clockbound";
    }

    /** phc2sys disciplining CLOCK_REALTIME publishes its bound (docs/bounded-time.md); a failure is reported, not fatal. */
    private void boundAdd(Phc2sysClock c, double ppb) {
        if (clockboundPath.isEmpty() || !(c.device instanceof io.ptp4j.linux.clock.SystemClock)) return;
        if (!io.ptp4j.tools.bound.BoundPublishing.maySetTime()) return; // without CAP_SYS_TIME it does not discipline CLOCK_REALTIME
        try {
            io.ptp4j.linux.clockbound.ClockBoundWriter w = io.ptp4j.linux.clockbound.ClockBoundWriter.open(
                    java.nio.file.Path.of(clockboundPath), clockboundMode, false);
            c.bound = new io.ptp4j.tools.bound.SinkBound(java.nio.file.Path.of(sourceBoundPath), w, System::nanoTime, ppb);
            printer.print(Printer.LOG_INFO, "publishing " + c.name + "'s clock error bound to " + clockboundPath
                    + " (ClockBound protocol v2), from the source's bound in " + sourceBoundPath);
        } catch (java.io.IOException | RuntimeException e) {
            printer.print(Printer.LOG_WARNING, "cannot publish the clock error bound to " + clockboundPath + ": " + e.getMessage());
        }
    }

    static ServoConfig servoConfig(PtpConfig c) {
        return io.ptp4j.tools.config.ServoSettings.from(c, false);
    }

    /** servo_add: the servo starts from the clock's current frequency and its limit. */
    void servoAdd(Phc2sysClock c) throws NativeException {
        if (c.servo != null) return;
        if (ntpServo != null) {
            c.servo = measureOnlyServo(); // never adjusts: not even the kernel's leap bits
        } else {
            // linuxptp clears the kernel's leap bits when it starts disciplining the system clock
            if (c.device instanceof io.ptp4j.linux.clock.SystemClock sys) sys.setLeap(0);
            double ppb = c.device.frequencyPpb();
            double max = c.device.maxFrequencyPpb();
            c.servo = servoConfig.clockServo.equals("linreg") ? new LinRegServo(servoConfig, ppb, max)
                    : new PiServo(servoConfig, ppb, max);
        }
        c.servo.syncInterval(intervalSeconds);
        if (!freeRunning) boundAdd(c, c.device.frequencyPpb());
        if (sanityFreqLimit > 0 && c.sanityCheck == null) c.sanityCheck = new ClockCheck(sanityFreqLimit);
        if (statsMaxCount > 0 && c.offsetStats == null) {
            c.offsetStats = new SummaryStats();
            c.freqStats = new SummaryStats();
            c.delayStats = new SummaryStats();
        }
    }

    /**
     * linuxptp's ntpshm servo (NTP SHM segment -M / ntpshm_segment; reference = sink - offset,
     * receive = sink time) or refclock_sock servo (chronyd's SOCK refclock at refclock_sock_address):
     * the sink's offset to the source goes to the NTP daemon, which disciplines the clock itself.
     */
    private io.ptp4j.core.servo.Servo measureOnlyServo() throws NativeException {
        if (ntpServo.equals("ntpshm")) {
            if (shm == null) shm = io.ptp4j.linux.ntpshm.NtpShmSegment.attach(ntpshmSegment);
            return new io.ptp4j.tools.ptp4l.NtpShmServo(shm);
        }
        if (refclockSock == null) refclockSock = io.ptp4j.linux.UnixDatagramSocket.unbound().boundedSends(100);
        return new io.ptp4j.tools.ptp4l.RefclockSockServo(refclockSock, refclockSockAddress, m -> printer.print(Printer.LOG_ERR, m));
    }

    /** The NTP SHM segment and chrony socket, if any. */
    void close() {
        if (shm != null) shm.close();
        if (refclockSock != null) refclockSock.close();
    }

    /**
     * One update of sink {@code c} from a measurement.
     *
     * @param syncOffsetNanos what to add to the measured offset (get_sync_offset)
     * @param delayNanos the read window, or negative when there is none (PPS)
     * @param metricsPort the sink's number in the metrics (1..)
     */
    void update(Phc2sysClock c, String sourceLabel, long offsetNanos, long sinkTimeNanos, long delayNanos,
            long syncOffsetNanos, int metricsPort) throws NativeException {
        servoAdd(c);
        long offset = offsetNanos + syncOffsetNanos;
        ServoState state = ServoState.UNLOCKED;
        double ppb = 0.0; // linuxptp's sign: the clock is set to -ppb
        if (!freeRunning) {
            ClockCheck cc = c.sanityCheck;
            String insane = cc == null ? null : cc.sample(sinkTimeNanos, mono.monotonicNanos());
            if (insane != null) {
                printer.print(Printer.LOG_WARNING, insane);
                c.servo.reset();
            }
            double set = c.servo.sample(offset, sinkTimeNanos, 1.0);
            state = c.servo.state();
            c.servoState = state;
            try {
                switch (state) {
                    case UNLOCKED -> { }
                    case JUMP, LOCKED, LOCKED_STABLE -> {
                        if (state == ServoState.JUMP) {
                            c.device.step(-offset);
                            if (cc != null) cc.step(-offset);
                            if (metrics != null) metrics.clockStepped(-offset);
                        }
                        if (cc != null && cc.freqChanged(c.device.frequencyPpb())) printer.print(Printer.LOG_WARNING, ClockCheck.FREQUENCY_CHANGED);
                        c.device.adjustFrequency(set);
                        // sysclk_set_sync: the kernel clock counts as synchronized (STA_UNSYNC off)
                        if (c.device instanceof io.ptp4j.linux.clock.SystemClock sys) sys.setSynchronized();
                        if (cc != null) cc.setFreq(set);
                    }
                }
            } catch (NativeException e) {
                // servo_unlock: start over, and no report for this update (as linuxptp)
                printer.print(Printer.LOG_ERR, c.name + ": " + e.getMessage());
                c.servo.reset();
                c.servoState = ServoState.UNLOCKED;
                return;
            }
            if (state != ServoState.UNLOCKED) ppb = -set;
            else ppb = 0.0;
            if (c.bound != null) c.bound.sample(offset, delayNanos, state == ServoState.JUMP ? -offset : 0, c.device.frequencyPpb());
        }
        if (metrics != null) metrics.servoSample(metricsPort, offset, state, -ppb, Math.max(delayNanos, 0));
        if (c.offsetStats != null) {
            stats(c, offset, ppb, delayNanos);
            return;
        }
        if (!printer.enabled(Printer.LOG_INFO)) return;
        line.setLength(0);
        line.append(c.name).append(' ').append(sourceLabel).append(" offset ");
        CFormat.appendInt(line, offset, 9).append(" s").append(stateNumber(state)).append(" freq ");
        CFormat.appendFixed0(line, ppb, 7, true);
        if (delayNanos >= 0) CFormat.appendInt(line.append(" delay "), delayNanos, 6);
        printer.print(Printer.LOG_INFO, line);
    }

    /** enum servo_state's value: s0 unlocked, s1 jump, s2 locked, s3 locked stable. */
    static int stateNumber(ServoState s) {
        return switch (s) {
            case UNLOCKED -> 0;
            case JUMP -> 1;
            case LOCKED -> 2;
            case LOCKED_STABLE -> 3;
        };
    }

    private void stats(Phc2sysClock c, long offset, double ppb, long delay) {
        c.offsetStats.add(offset);
        c.freqStats.add(ppb);
        if (delay >= 0) c.delayStats.add(delay);
        if (c.offsetStats.count() < statsMaxCount) return;
        line.setLength(0);
        line.append(c.name).append(" rms ");
        CFormat.appendFixed0(line, c.offsetStats.rms(), 4, false).append(" max ");
        CFormat.appendFixed0(line, c.offsetStats.maxAbs(), 4, false).append(" freq ");
        CFormat.appendFixed0(line, c.freqStats.mean(), 6, true).append(" +/- ");
        CFormat.appendFixed0(line, c.freqStats.stddev(), 3, false);
        if (c.delayStats.count() > 0) {
            line.append(" delay ");
            CFormat.appendFixed0(line, c.delayStats.mean(), 5, false).append(" +/- ");
            CFormat.appendFixed0(line, c.delayStats.stddev(), 3, false);
        }
        printer.print(Printer.LOG_INFO, line);
        c.offsetStats.reset();
        c.freqStats.reset();
        c.delayStats.reset();
    }
}
