package io.ptp4j.tools.ops;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The other time daemons that would fight ptp4l for a clock, found by {@link ProcScanner}, with
 * what to do about each: ptp4l warns about them as it starts. ptp4j's own tools are seen too (they
 * run as "java"): another ptp4j ptp4l, or a ptp4j timemaster that starts ptp4l instances of its
 * own. ptp4j's phc2sys and ts2phc are ptp4l's companions, not conflicts.
 */
public final class TimeDaemonScanner {
    /** A running process that also steers a clock. */
    public record Conflict(long pid, String name, String warning) {}

    private static final String REALTIME = "also adjusts CLOCK_REALTIME: stop it or let timemaster manage it";

    /** linuxptp's and other daemons' kind -> what it does and what to do about it. */
    private static final Map<String, String> ADVICE = Map.of(
            "chronyd", REALTIME,
            "ntpd", REALTIME,
            "openntpd", REALTIME,
            "systemd-timesyncd", "also adjusts CLOCK_REALTIME: run 'timedatectl set-ntp false' to stop it",
            "ptp4l", "is linuxptp's ptp4l and may drive the same PHC: stop it before starting ptp4j's ptp4l",
            "phc2sys", "is linuxptp's phc2sys and adjusts clocks: stop it or run only one phc2sys",
            "timemaster", "is linuxptp's timemaster and starts its own ptp4l/chronyd: stop it first");

    /** ptp4j's own tools that conflict with a ptp4l starting beside them. */
    private static final Map<String, String> PTP4J_ADVICE = Map.of(
            "ptp4l", "also runs: fine on other interfaces, but no two ptp4l may drive the same PHC",
            "timemaster", "starts ptp4l instances of its own: let it run this one, or stop it first");

    private TimeDaemonScanner() {}

    /**
     * Scans procRoot (normally /proc), skipping selfPid; unreadable entries are ignored (processes
     * exit). Under a timemaster (linuxptp's or ptp4j's), it and the siblings it started (chronyd,
     * phc2sys, other ptp4l) are expected and skipped.
     */
    public static List<Conflict> scan(Path procRoot, long selfPid) throws IOException {
        ProcScanner procs = new ProcScanner(procRoot);
        TimeProcess self = procs.inspect(selfPid);
        long timemaster = self != null && self.underTimemaster() ? self.ppid() : -1;
        List<Conflict> out = new ArrayList<>();
        for (TimeProcess p : procs.scan(selfPid)) {
            if (timemaster > 0 && (p.pid() == timemaster || p.ppid() == timemaster)) continue;
            String advice = (p.ptp4j() ? PTP4J_ADVICE : ADVICE).get(p.kind());
            if (advice != null) out.add(new Conflict(p.pid(), p.kind(), p.label() + " " + advice));
        }
        return out;
    }

    /** Scans the real /proc, skipping this JVM. */
    public static List<Conflict> scan() throws IOException {
        return scan(Path.of("/proc"), ProcessHandle.current().pid());
    }
}
