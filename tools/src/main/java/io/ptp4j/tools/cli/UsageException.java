package io.ptp4j.tools.cli;

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
}
