package io.ptp4j.tools.ptp4l;

import io.ptp4j.core.clock.SlaveEventMonitor;
import io.ptp4j.linux.NativeException;
import io.ptp4j.linux.UnixDatagramSocket;
import io.ptp4j.tools.log.Printer;
import java.nio.ByteBuffer;

/**
 * slave_event_monitor's way out: each message the engine's {@link SlaveEventMonitor} finishes
 * goes as one datagram to the configured Unix socket path, from the read-write management
 * socket (uds_address) as linuxptp sends it from its UDS port, or from an unbound socket when
 * there is none.
 *
 * <p>Nobody listening (ENOENT, ECONNREFUSED) or a listener that stopped reading (EAGAIN: the
 * send never waits, where linuxptp's would block) loses the message and nothing else: the port
 * is not faulted. linuxptp says so at debug level for every message; ptp4j says it at debug level
 * once per run of failures, then how many were lost when a send succeeds again.
 */
final class SlaveEventMonitorSocket implements SlaveEventMonitor.Sink, AutoCloseable {
    private final UnixDatagramSocket socket;
    private final boolean own;
    private final String path;
    private final Printer printer;
    private long failed, failedInRun;

    private SlaveEventMonitorSocket(UnixDatagramSocket socket, boolean own, String path, Printer printer) {
        this.socket = socket;
        this.own = own;
        this.path = path;
        this.printer = printer;
    }

    /** Sends from {@code uds}, or from a socket of its own when {@code uds} is null. */
    static SlaveEventMonitorSocket open(UnixDatagramSocket uds, String path, Printer printer) throws NativeException {
        return uds != null ? new SlaveEventMonitorSocket(uds, false, path, printer)
                : new SlaveEventMonitorSocket(UnixDatagramSocket.unbound(), true, path, printer);
    }

    @Override
    public void send(ByteBuffer buf, int offset, int length) {
        try {
            socket.sendNoWait(buf, offset, length, path);
            if (failedInRun > 0) {
                printer.print(Printer.LOG_DEBUG, "slave event monitor " + path + ": " + failedInRun + " messages were not delivered");
                failedInRun = 0;
            }
        } catch (NativeException | IllegalArgumentException e) { // IllegalArgumentException: a path too long
            failed++;
            if (failedInRun++ == 0) {
                printer.print(Printer.LOG_DEBUG, "failed to send signaling message to slave event monitor: " + e.getMessage());
            }
        }
    }

    /** Messages not delivered since the start. */
    long failed() {
        return failed;
    }

    @Override
    public void close() {
        if (own) socket.close();
    }
}
