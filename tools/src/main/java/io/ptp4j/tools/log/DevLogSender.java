package io.ptp4j.tools.log;

import io.ptp4j.linux.NativeException;
import io.ptp4j.linux.UnixDatagramSocket;
import java.nio.ByteBuffer;

/**
 * Sends syslog datagrams to /dev/log (or another AF_UNIX datagram path) like glibc's syslog()
 * without openlog: one datagram per line, dropped silently when no syslog daemon listens (as
 * glibc does without LOG_CONS); {@link #dropped()} counts them. ASCII is copied into a reused
 * buffer, so a successful send allocates nothing. Not thread-safe.
 */
public final class DevLogSender implements SyslogSink.DatagramSender, AutoCloseable {
    private final UnixDatagramSocket socket;
    private final String path;
    private final ByteBuffer buf = ByteBuffer.allocate(2048);
    private long dropped;

    public DevLogSender(String path) throws NativeException {
        this.socket = UnixDatagramSocket.unbound().boundedSends(100); // a stalled journald must not stall the daemon
        this.path = path;
    }

    /** The system logger socket. */
    public static DevLogSender devLog() throws NativeException {
        return new DevLogSender("/dev/log");
    }

    @Override
    public void send(CharSequence datagram) {
        int n = Math.min(datagram.length(), buf.capacity());
        for (int i = 0; i < n; i++) {
            char c = datagram.charAt(i);
            buf.put(i, c < 0x80 ? (byte) c : (byte) '?');
        }
        try {
            socket.send(buf, 0, n, path);
        } catch (NativeException e) {
            dropped++;
        }
    }

    /** Lines not delivered (no listener, buffer full). */
    public long dropped() {
        return dropped;
    }

    @Override
    public void close() {
        socket.close();
    }
}
