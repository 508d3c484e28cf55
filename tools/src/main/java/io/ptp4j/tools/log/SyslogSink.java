package io.ptp4j.tools.log;

/**
 * linuxptp's syslog output (unless -q): {@code syslog(level, "[%lld.%03ld] %s%s", ...)} to
 * /dev/log. Sending needs a Unix datagram socket from the linux module, which is not wired yet:
 * {@link #NOT_WIRED} drops lines and says so once; the integrator passes a real sender.
 */
public final class SyslogSink implements LogSink {
    /** Sends one formatted RFC 3164 datagram; implemented over AF_UNIX in the linux module. */
    @FunctionalInterface
    public interface DatagramSender {
        void send(CharSequence datagram);
    }

    /** A sender that sends nothing; {@link #wired()} reports false. */
    public static final DatagramSender NOT_WIRED = d -> {};

    private static final int LOG_DAEMON = 3 << 3;

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
        CFormat.appendInt(datagram, LOG_DAEMON | level, 0);
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
