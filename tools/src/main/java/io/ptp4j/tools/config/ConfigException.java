package io.ptp4j.tools.config;

/**
 * A configuration error. {@link #getMessage()} names the file and line (when the error came from a
 * file) and carries linuxptp's wording plus the reason, e.g.
 * {@code ptp4l.conf:3: 300 is an out of range value for option priority1 at line 3 (must be in the range 0 to 255)}.
 */
public final class ConfigException extends Exception {
    private final String file;
    private final int line;
    private final String detail;

    public ConfigException(String file, int line, String detail) {
        super(file == null ? detail : file + ":" + line + ": " + detail);
        this.file = file;
        this.line = line;
        this.detail = detail;
    }

    /** The file, or null for a command-line option. */
    public String file() {
        return file;
    }

    /** The 1-based line, or 0 for a command-line option. */
    public int line() {
        return line;
    }

    /** The message without the file:line prefix. */
    public String detail() {
        return detail;
    }

    /** linuxptp's closing line for a file error, or null for a command-line error. */
    public String trailer() {
        return file == null ? null : "failed to parse configuration file " + file;
    }
}
