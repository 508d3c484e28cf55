package io.ptp4j.tools.cli;

import java.io.PrintStream;

/**
 * A command line or configuration that stops the tool before it runs: the lines to print on
 * stderr (linuxptp's wording), whether to print the usage text after them, and the exit code
 * (255 for linuxptp's "return -1", 0 for -h and -v).
 */
public final class UsageException extends Exception {
    private final boolean showUsage;
    private final int exitCode;

    public UsageException(String message, boolean showUsage, int exitCode) {
        super(message, null, false, false);
        this.showUsage = showUsage;
        this.exitCode = exitCode;
    }

    public boolean showUsage() {
        return showUsage;
    }

    public int exitCode() {
        return exitCode;
    }

    /** -v: the version, printed on stdout, exit 0. */
    public static UsageException version() {
        return new UsageException(Version.TEXT, false, Exit.OK);
    }

    /** -h: the usage text on stderr, with the command's exit code for it (0; ts2phc's is 255, as linuxptp's). */
    public static UsageException help(int exitCode) {
        return new UsageException("", true, exitCode);
    }

    /**
     * Says what stopped the command: the version on stdout, or the message (when there is one)
     * and the usage text (when asked for) on stderr. Returns the exit code.
     */
    public int report(String prog, OptionTable options, PrintStream out, PrintStream err) {
        if (exitCode == Exit.OK && !showUsage) {
            out.println(getMessage());
            return exitCode;
        }
        if (!getMessage().isEmpty()) err.println(getMessage());
        if (showUsage) err.print(options.usage(prog));
        return exitCode;
    }
}
