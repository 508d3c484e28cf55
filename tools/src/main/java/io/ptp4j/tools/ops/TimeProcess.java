package io.ptp4j.tools.ops;

import java.util.List;

/**
 * A running process that steers or serves time, found in /proc.
 *
 * @param ppid the parent's pid (status PPid), or -1 when it could not be read
 * @param kind "ptp4l", "phc2sys", "chronyd", "ntpd", "systemd-timesyncd", "timemaster", ...
 * @param ptp4j true for ptp4j's own tools (a JVM running io.ptp4j.tools.Main), false for linuxptp's or others
 * @param args the tool's own arguments (after the program name)
 * @param cwd the process's working directory (to resolve a relative -f), or null
 * @param parentName what the parent process is: its kind when it is a time daemon (so "timemaster"
 *     when linuxptp's or ptp4j's timemaster started it), else its comm
 * @param netns the target of /proc/PID/ns/net (e.g. "net:[4026531840]"), or null when unreadable
 */
public record TimeProcess(long pid, long ppid, String kind, boolean ptp4j, List<String> args, String cwd, String parentName, String netns) {
    public boolean underTimemaster() {
        return "timemaster".equals(parentName);
    }

    /** "ptp4l (pid 123)" or "ptp4j ptp4l (pid 123)". */
    public String label() {
        return (ptp4j ? "ptp4j " : "") + kind + " (pid " + pid + ")";
    }
}
