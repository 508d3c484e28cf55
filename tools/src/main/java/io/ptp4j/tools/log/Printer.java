package io.ptp4j.tools.log;

import java.util.function.LongSupplier;

/**
 * linuxptp's print.c: a line is {@code progname[SEC.MS]: TAG MESSAGE} where SEC.MS is
 * CLOCK_MONOTONIC ({@code "%s[%lld.%03ld]: %s%s"}), TAG is message_tag followed by a space with
 * "{level}" replaced by the level digit, printed when level <= logging_level, to the verbose sink
 * (-m) and the syslog sink (unless -q). Allocates nothing per line.
 */
public final class Printer {
    public static final int LOG_ERR = 3;
    public static final int LOG_WARNING = 4;
    public static final int LOG_NOTICE = 5;
    public static final int LOG_INFO = 6;
    public static final int LOG_DEBUG = 7;

    private final String progname;
    private final LongSupplier monotonicNanos;
    private final StringBuilder line = new StringBuilder(256);
    private String tagBefore = "";
    private String tagAfter = "";
    private boolean tagHasLevel;
    private int level = LOG_INFO;
    private LogSink verbose;
    private LogSink syslog;

    /** monotonicNanos: System::nanoTime in production (HotSpot reads CLOCK_MONOTONIC on Linux). */
    public Printer(String progname, LongSupplier monotonicNanos) {
        this.progname = progname == null ? "" : progname;
        this.monotonicNanos = monotonicNanos;
    }

    /** logging_level / -l: lines above this level are dropped. */
    public Printer level(int logLevel) {
        this.level = logLevel;
        return this;
    }

    /** message_tag; "{level}" inside it becomes the level digit. Null for none. */
    public Printer tag(String messageTag) {
        if (messageTag == null) {
            tagBefore = tagAfter = "";
            tagHasLevel = false;
            return this;
        }
        String t = messageTag + " ";
        int at = t.indexOf("{level}");
        tagHasLevel = at >= 0;
        tagBefore = tagHasLevel ? t.substring(0, at) : t;
        tagAfter = tagHasLevel ? t.substring(at + "{level}".length()) : "";
        return this;
    }

    /** -m / verbose 1: the stdout/stderr sink; null turns it off. */
    public Printer verbose(LogSink sink) {
        this.verbose = sink;
        return this;
    }

    /** use_syslog 1 (no -q): the syslog sink; null turns it off. */
    public Printer syslog(LogSink sink) {
        this.syslog = sink;
        return this;
    }

    public boolean enabled(int lineLevel) {
        return lineLevel <= level && (verbose != null || syslog != null);
    }

    /** Prints one message at a syslog level. */
    public void print(int lineLevel, CharSequence message) {
        if (!enabled(lineLevel)) return;
        long nanos = monotonicNanos.getAsLong();
        line.setLength(0);
        line.append(progname).append('[');
        CFormat.appendInt(line, nanos / 1_000_000_000L, 0).append('.');
        CFormat.appendZeroPadded(line, nanos % 1_000_000_000L / 1_000_000L, 3).append("]: ");
        line.append(tagBefore);
        if (tagHasLevel) line.append((char) ('0' + lineLevel));
        line.append(tagAfter).append(message);
        if (verbose != null) verbose.write(lineLevel, line);
        if (syslog != null) syslog.write(lineLevel, line);
    }
}
