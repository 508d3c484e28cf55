package io.ptp4j.tools.doctor;

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
 * they are recognised by io.ptp4j.tools.Main in their cmdline and the tool name after it.
 */
public final class ProcScanner {
    static final Set<String> TIME_TOOLS = Set.of("ptp4l", "phc2sys", "timemaster", "ts2phc");
    private static final Set<String> OTHERS = Set.of("chronyd", "ntpd", "openntpd", "systemd-timesyn");
    static final String PTP4J_MAIN = "io.ptp4j.tools.Main";

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
    TimeProcess inspect(long pid) {
        Path dir = procRoot.resolve(Long.toString(pid));
        String comm = read(dir.resolve("comm"));
        if (comm == null) return null;
        List<String> argv = cmdline(dir);
        String kind = null;
        boolean ptp4j = false;
        List<String> args = List.of();
        if (TIME_TOOLS.contains(comm) || OTHERS.contains(comm)) {
            kind = comm.equals("systemd-timesyn") ? "systemd-timesyncd" : comm;
            args = argv.size() > 1 ? argv.subList(1, argv.size()) : List.of();
        } else {
            int main = argv.indexOf(PTP4J_MAIN);
            if (main >= 0 && main + 1 < argv.size()) {
                int at = main + 1;
                if (argv.get(at).equals("ptp4j") && at + 1 < argv.size()) at++;
                if (TIME_TOOLS.contains(argv.get(at))) {
                    kind = argv.get(at);
                    ptp4j = true;
                    args = argv.subList(at + 1, argv.size());
                }
            }
        }
        if (kind == null) return null;
        return new TimeProcess(pid, kind, ptp4j, List.copyOf(args), cwd(dir), parentName(dir), link(dir.resolve("ns").resolve("net")));
    }

    private String parentName(Path dir) {
        String status = read(dir.resolve("status"));
        if (status == null) return null;
        for (String line : status.split("\n")) {
            if (line.startsWith("PPid:")) {
                String ppid = line.substring(5).strip();
                return read(procRoot.resolve(ppid).resolve("comm"));
            }
        }
        return null;
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
