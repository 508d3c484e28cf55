package io.ptp4j.tools.phc2sys;

import io.ptp4j.linux.clock.OscillatorErrorClock;
import io.ptp4j.linux.NativeException;
import io.ptp4j.linux.clock.PhcClock;
import io.ptp4j.linux.clock.SharedVirtualClock;
import io.ptp4j.linux.clock.SystemClock;
import io.ptp4j.linux.clock.VirtualClock;
import io.ptp4j.linux.ethtool.TsInfo;
import io.ptp4j.tools.config.PtpConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Turns a clock name from -s/-c/-a into a clock, as linuxptp's posix_clock_open: CLOCK_REALTIME;
 * a path (/dev/ptpN, a /dev/ptp symlink); an interface name (its PHC from ETHTOOL_GET_TS_INFO);
 * and ptp4j's own: {@code virtual} (a virtual clock phc2sys owns, starting at CLOCK_REALTIME plus
 * virtual_clock_offset ns with an oscillator error of virtual_clock_freq ppb) and
 * {@code virtual:PATH} (another process's virtual clock, read through its VirtualClockFile).
 */
public final class ClockResolver {
    /** Why a name did not resolve, worded as linuxptp's pr_err lines. */
    public static final class ClockException extends Exception {
        ClockException(String message) {
            super(message, null, false, false);
        }
    }

    private ClockResolver() {}

    public static Phc2sysClock open(String name, PtpConfig cfg) throws ClockException {
        if (name.equalsIgnoreCase("CLOCK_REALTIME")) return new Phc2sysClock(name, new SystemClock(), null, -1, true, true);
        if (name.equals("virtual")) return ownVirtual(name, cfg);
        if (name.startsWith("virtual:")) {
            String path = name.substring("virtual:".length());
            try {
                return new Phc2sysClock(name, SharedVirtualClock.open(Path.of(path)), null, -1, false, true);
            } catch (IOException e) {
                throw new ClockException("unknown clock " + name + ": " + (e instanceof java.nio.file.NoSuchFileException
                        ? path + ": No such file or directory (is ptp4l running with virtual_clock 1?)" : e.getMessage()));
            }
        }
        if (name.regionMatches(true, 0, "CLOCK_", 0, 6)) throw new ClockException(name + " is invalid clock");
        if (Files.exists(Path.of(name))) {
            int index = -1;
            try {
                Path real = Path.of(name).toRealPath();
                String r = real.toString();
                if (r.startsWith("/dev/ptp")) {
                    try {
                        index = Integer.parseInt(r.substring("/dev/ptp".length()));
                    } catch (NumberFormatException e) {
                        throw new ClockException("failed to parse PHC index from " + r);
                    }
                }
            } catch (IOException e) {
                throw new ClockException("unknown clock " + name + ": " + e.getMessage());
            }
            try {
                PhcClock phc = PhcClock.open(name);
                return new Phc2sysClock(name, phc, phc, index, false, false);
            } catch (NativeException e) {
                throw new ClockException("cannot open " + name + ": " + e.getMessage());
            }
        }
        TsInfo info;
        try {
            info = TsInfo.query(name);
        } catch (NativeException e) {
            throw new ClockException("unknown clock " + name + ": " + e.getMessage());
        }
        if (info.phcIndex() < 0) throw new ClockException("interface " + name + " does not have a PHC");
        String dev = "/dev/ptp" + info.phcIndex();
        try {
            PhcClock phc = PhcClock.open(dev);
            return new Phc2sysClock(name, phc, phc, info.phcIndex(), false, false);
        } catch (NativeException e) {
            throw new ClockException("cannot open " + dev + " for " + name + ": " + e.getMessage());
        }
    }

    /**
     * phc2sys's own virtual clock (not published: a config file shared with ptp4l would make both
     * write ptp4l's virtual_clock_file).
     */
    private static Phc2sysClock ownVirtual(String name, PtpConfig cfg) throws ClockException {
        VirtualClock v = VirtualClock.startingAtRealtime();
        v.step(cfg.getInt("virtual_clock_offset"));
        try {
            return new Phc2sysClock(name, new OscillatorErrorClock(v, cfg.getInt("virtual_clock_freq")), null, -1, false, true);
        } catch (NativeException e) {
            throw new ClockException(e.getMessage()); // a virtual clock never fails to adjust
        }
    }
}
