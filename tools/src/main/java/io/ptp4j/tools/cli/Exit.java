package io.ptp4j.tools.cli;

/** The process exit codes the commands share (linuxptp's, where a command has a linuxptp twin). */
public final class Exit {
    /** Ran, or printed what -h or -v asked for. */
    public static final int OK = 0;
    /** A failure that linuxptp reports with {@code return 1} (ptp4l's daemon, timemaster). */
    public static final int FAILURE = 1;
    /** {@code ptp4j} without a command, or with an unknown one. */
    public static final int NO_COMMAND = 2;
    /** linuxptp's {@code return -1}: a bad command line, or a failure before the tool runs. */
    public static final int USAGE = 255;

    private Exit() {}
}
