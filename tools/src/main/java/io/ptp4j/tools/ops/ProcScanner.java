package io.ptp4j.tools.ops;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Finds time daemons under a proc root (normally /proc; a fake tree in tests) from comm,
 * cmdline (NUL-separated argv), status (PPid) and the cwd link. ptp4j's tools run as "java", so
 * they are recognised by io.ptp4j.tools.Main in their cmdline and the tool name after it. The one
 * scanner of the tools: ptp4l's start-up warning ({@link TimeDaemonScanner}) and the doctor.
 */
public final class ProcScanner {
    private static final Set<String> TIME_TOOLS = Set.of("ptp4l", "phc2sys", "timemaster", "ts2phc");
    private static final Set<String> OTHERS = Set.of("chronyd", "ntpd", "openntpd", "systemd-timesyn");
    private static final String PTP4J_MAIN = "io.ptp4j.tools.Main";

    /** What a process is: its kind, whether it is ptp4j's, and its own arguments. */
    private record Identity(String kind, boolean ptp4j, List<String> args) {}

    private final Path procRoot;

    public ProcScanner(Path procRoot) {
        this.procRoot = procRoot;
    }

    public List<TimeProcess> scan(long selfPid) throws IOException {
        List<TimeProcess> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(procRoot)) {
            for (Path p : ds) {
                String dir = p.getFileName().toString();
                if (dir.isEmpty() || !dir.chars().allMatch(Character::isDigit)) continue;
                long pid = Long.parseLong(dir);
                if (pid == selfPid) continue;
                TimeProcess t = inspect(pid);
                if (t != null) out.add(t);
            }
        }
        out.sort(Comparator.comparingLong(TimeProcess::pid));
        return out;
    }

    /** The process as a TimeProcess, or null when it is not a time daemon (or exited meanwhile). */
    public TimeProcess inspect(long pid) {
        Path dir = procRoot.resolve(Long.toString(pid));
        Identity id = identify(dir);
        if (id == null) return null;
        long ppid = parentPid(pid);
        return new TimeProcess(pid, ppid, id.kind, id.ptp4j, List.copyOf(id.args), cwd(dir), parentName(ppid),
                link(dir.resolve("ns").resolve("net")));
    }

    /** The time daemon in {@code dir}, or null when it is none (or exited meanwhile). */
    private static Identity identify(Path dir) {
        String comm = read(dir.resolve("comm"));
        if (comm == null) return null;
        List<String> argv = cmdline(dir);
        if (TIME_TOOLS.contains(comm) || OTHERS.contains(comm)) {
            return new Identity(comm.equals("systemd-timesyn") ? "systemd-timesyncd" : comm, false,
                    argv.size() > 1 ? argv.subList(1, argv.size()) : List.of());
        }
        int main = argv.indexOf(PTP4J_MAIN);
        if (main < 0 || main + 1 >= argv.size()) return null;
        int at = main + 1;
        if (argv.get(at).equals("ptp4j") && at + 1 < argv.size()) at++;
        return TIME_TOOLS.contains(argv.get(at)) ? new Identity(argv.get(at), true, argv.subList(at + 1, argv.size())) : null;
    }

    /** The parent's pid (status PPid), or -1 when it cannot be read. */
    private long parentPid(long pid) {
        String status = read(procRoot.resolve(Long.toString(pid)).resolve("status"));
        if (status == null) return -1;
        for (String line : status.split("\n")) {
            if (line.startsWith("PPid:")) {
                try {
                    return Long.parseLong(line.substring(5).strip());
                } catch (NumberFormatException e) {
                    return -1;
                }
            }
        }
        return -1;
    }

    /** Process {@code ppid}'s kind when it is a time daemon (ptp4j's timemaster is "java" by comm), else its comm; null if unknown. */
    private String parentName(long ppid) {
        if (ppid < 0) return null;
        Path dir = procRoot.resolve(Long.toString(ppid));
        Identity parent = identify(dir);
        return parent != null ? parent.kind : read(dir.resolve("comm"));
    }

    /** The network namespace of this process (the doctor's own), for comparison. */
    public String selfNetns() {
        return link(procRoot.resolve("self").resolve("ns").resolve("net"));
    }

    private static String cwd(Path dir) {
        return link(dir.resolve("cwd"));
    }

    private static String link(Path link) {
        try {
            if (Files.isSymbolicLink(link)) return Files.readSymbolicLink(link).toString();
            if (Files.isRegularFile(link)) return Files.readString(link).strip(); // fake trees: a file naming it
        } catch (IOException | SecurityException e) {
            // another user's process: unknown
        }
        return null;
    }

    private static List<String> cmdline(Path dir) {
        try {
            String s = new String(Files.readAllBytes(dir.resolve("cmdline")), StandardCharsets.UTF_8);
            if (s.isEmpty()) return List.of();
            if (s.endsWith("\0")) s = s.substring(0, s.length() - 1);
            return Arrays.asList(s.split("\0", -1));
        } catch (IOException e) {
            return List.of();
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p).strip();
        } catch (IOException e) {
            return null;
        }
    }
}
