package io.ptp4j.tools.config;

import io.ptp4j.core.engine.FileLineException;

/**
 * A configuration error. {@link #getMessage()} names the file and line (when the error came from a
 * file) and carries linuxptp's wording plus the reason, e.g.
 * {@code ptp4l.conf:3: 300 is an out of range value for option priority1 at line 3 (must be in the range 0 to 255)}.
 * {@link #file()} is null and {@link #line()} 0 for a command-line option.
 */
public final class ConfigException extends FileLineException {
    public ConfigException(String file, int line, String detail) {
        super(file == null ? detail : file + ":" + line + ": " + detail, file, line, detail);
    }

    /** linuxptp's closing line for a file error, or null for a command-line error. */
    public String trailer() {
        return file() == null ? null : "failed to parse configuration file " + file();
    }
}
