package io.ptp4j.tools.timemaster;

import java.util.List;

/**
 * What timemaster will do (timemaster.c struct script): files to write into the rundir and the
 * commands to run. Commands share a group when they must restart together (ptp4l and the phc2sys
 * reading its PHC); group {@link #NO_RESTART_GROUP} is the NTP daemon, which is never restarted.
 */
public record Script(List<ConfigFile> files, List<Command> commands, boolean restartGroups, boolean linuxptp44) {
    public static final int NO_RESTART_GROUP = 0;

    /** linuxptp 3.1.1's script. */
    public Script(List<ConfigFile> files, List<Command> commands, boolean restartGroups) {
        this(files, commands, restartGroups, false);
    }

    /** A generated file: absolute path and full text. */
    public record ConfigFile(String path, String content) {}

    /** One program to run: its restart group and argv (argv[0] looked up in PATH if it has no '/'). */
    public record Command(int group, List<String> argv) {
        /** The command line as linuxptp logs it: every word followed by a space. */
        public String text() {
            StringBuilder sb = new StringBuilder();
            for (String a : argv) sb.append(a).append(' ');
            return sb.toString();
        }
    }

    /** timemaster -n output (script_print): each file, (4.4: "virtual clocks:"), then "commands:" with "[group] argv". */
    public String dryRunText() {
        StringBuilder sb = new StringBuilder();
        for (ConfigFile f : files) sb.append(f.path).append(":\n\n").append(f.content).append('\n');
        if (linuxptp44) sb.append("virtual clocks:\n\n\n"); // 4.4's use_vclocks: none made by ptp4j
        sb.append("commands:\n\n");
        for (Command c : commands) sb.append('[').append(c.group).append("] ").append(c.text()).append('\n');
        return sb.toString();
    }
}
