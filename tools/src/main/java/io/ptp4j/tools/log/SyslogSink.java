package io.ptp4j.tools.log;

/**
 * linuxptp's syslog output (unless -q): {@code syslog(level, "[%lld.%03ld] %s%s", ...)} to
 * /dev/log via {@link DevLogSender} (the linux module's AF_UNIX datagram socket). The datagram is
 * "&lt;PRI&gt;ident: [sec.ms] message" with facility LOG_USER (linuxptp calls no openlog); unlike glibc it carries no
 * "Mmm dd hh:mm:ss" header (journald and rsyslog stamp it on arrival). {@link #NOT_WIRED} drops.
 */
public final class SyslogSink implements LogSink {
    /** Sends one formatted RFC 3164 datagram; implemented over AF_UNIX in the linux module. */
    @FunctionalInterface
    public interface DatagramSender {
        void send(CharSequence datagram);
    }

    /** A sender that sends nothing; {@link #wired()} reports false. */
    public static final DatagramSender NOT_WIRED = d -> {};

    private static final int LOG_USER = 1 << 3; // linuxptp never calls openlog(), so glibc uses LOG_USER

    private final String ident;
    private final DatagramSender sender;
    private final StringBuilder datagram = new StringBuilder(256);

    public SyslogSink(String ident, DatagramSender sender) {
        this.ident = ident;
        this.sender = sender;
    }

    /** False until a real /dev/log sender is passed. */
    public boolean wired() {
        return sender != NOT_WIRED;
    }

    /**
     * The syslog body is the part of the line after the program name (linuxptp logs "[sec.ms] msg"
     * to syslog and lets syslog add ident and pid).
     */
    @Override
    public void write(int level, CharSequence line) {
        datagram.setLength(0);
        datagram.append('<');
        CFormat.appendInt(datagram, LOG_USER | level, 0);
        datagram.append('>').append(ident).append(": ");
        int start = 0;
        for (int i = 0; i < line.length(); i++) if (line.charAt(i) == '[') { start = i; break; }
        datagram.append(line, start, line.length());
        // print.c: "[%lld.%03ld] %s%s" -- no colon after the bracket in syslog
        int colon = indexOf(datagram, "]: ");
        if (colon >= 0) datagram.deleteCharAt(colon + 1);
        sender.send(datagram);
    }

    /** The last datagram built (for tests). */
    CharSequence lastDatagram() {
        return datagram;
    }

    private static int indexOf(StringBuilder sb, String s) {
        return sb.indexOf(s);
    }
}
