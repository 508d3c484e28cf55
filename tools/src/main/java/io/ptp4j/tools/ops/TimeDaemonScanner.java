package io.ptp4j.tools.ops;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Finds other time daemons that would fight ptp4j for a clock, by reading /proc/PID/comm (the
 * kernel's 15-character task name). The proc root is a parameter so tests use a fake tree.
 */
public final class TimeDaemonScanner {
    /** A running process that also steers a clock. */
    public record Conflict(long pid, String name, String warning) {}

    /** comm name -> what it does and what to do about it. */
    private static final Map<String, String> ADVICE = Map.of(
            "chronyd", "also adjusts CLOCK_REALTIME: stop it or let timemaster manage it",
            "ntpd", "also adjusts CLOCK_REALTIME: stop it or let timemaster manage it",
            "openntpd", "also adjusts CLOCK_REALTIME: stop it or let timemaster manage it",
            "systemd-timesyn", "also adjusts CLOCK_REALTIME: run 'timedatectl set-ntp false' to stop it",
            "ptp4l", "is linuxptp's ptp4l and may drive the same PHC: stop it before starting ptp4j's ptp4l",
            "phc2sys", "is linuxptp's phc2sys and adjusts clocks: stop it or run only one phc2sys",
            "timemaster", "is linuxptp's timemaster and starts its own ptp4l/chronyd: stop it first");

    private TimeDaemonScanner() {}

    /**
     * Scans procRoot (normally /proc), skipping selfPid; unreadable entries are ignored (processes
     * exit). Under a timemaster (the parent's command line names it), the siblings it started
     * (chronyd, phc2sys) are expected and skipped.
     */
    public static List<Conflict> scan(Path procRoot, long selfPid) throws IOException {
        List<Conflict> out = new ArrayList<>();
        long parent = parentPid(procRoot.resolve(Long.toString(selfPid)));
        boolean underTimemaster = parent > 1 && readComm(procRoot.resolve(Long.toString(parent)).resolve("cmdline")) != null
                && readComm(procRoot.resolve(Long.toString(parent)).resolve("cmdline")).contains("timemaster");
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(procRoot)) {
            for (Path p : ds) {
                String dir = p.getFileName().toString();
                if (!dir.chars().allMatch(Character::isDigit)) continue;
                long pid = Long.parseLong(dir);
                if (pid == selfPid) continue;
                if (underTimemaster && parentPid(p) == parent) continue;
                String comm = readComm(p.resolve("comm"));
                if (comm == null) continue;
                String advice = ADVICE.get(comm);
                if (advice != null) out.add(new Conflict(pid, comm, warning(comm, pid, advice)));
            }
        }
        out.sort(Comparator.comparingLong(Conflict::pid));
        return out;
    }

    /** Scans the real /proc, skipping this JVM. */
    public static List<Conflict> scan() throws IOException {
        return scan(Path.of("/proc"), ProcessHandle.current().pid());
    }

    static String warning(String comm, long pid, String advice) {
        String name = comm.equals("systemd-timesyn") ? "systemd-timesyncd" : comm;
        return name + " (pid " + pid + ") " + advice;
    }

    /** Field 4 of /proc/PID/stat (after the parenthesized name, which may hold spaces); -1 if unreadable. */
    static long parentPid(Path procPid) {
        String stat = readComm(procPid.resolve("stat"));
        if (stat == null) return -1;
        int close = stat.lastIndexOf(')');
        String[] f = stat.substring(close + 1).strip().split(" ");
        try {
            return f.length > 1 ? Long.parseLong(f[1]) : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String readComm(Path comm) {
        try {
            return Files.readString(comm).strip();
        } catch (IOException e) {
            return null;
        }
    }
}
