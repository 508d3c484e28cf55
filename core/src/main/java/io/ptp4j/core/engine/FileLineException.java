package io.ptp4j.core.engine;

/**
 * Bad input read from a file: which file, which line, and what is wrong with it, kept apart
 * so a caller can print them its own way. Each subclass decides how {@link #getMessage()} puts
 * them together (a config file and an sa_file say it as linuxptp's parsers do).
 */
public abstract class FileLineException extends Exception {
    private final String file;
    private final int line;
    private final String detail;

    protected FileLineException(String message, String file, int line, String detail) {
        super(message);
        this.file = file;
        this.line = line;
        this.detail = detail;
    }

    /** The file, or null when the input came from elsewhere (a command-line option, the default sa_file name). */
    public String file() {
        return file;
    }

    /** The 1-based line, or 0 when the error is about the input as a whole. */
    public int line() {
        return line;
    }

    /** The words without file and line. */
    public String detail() {
        return detail;
    }
}
