package io.ptp4j.tools.ptp4l;

import io.ptp4j.core.clock.ManagementAgent;
import io.ptp4j.core.engine.Driver;
import io.ptp4j.core.wire.DecodeException;
import io.ptp4j.linux.FileMode;
import io.ptp4j.linux.NativeException;
import io.ptp4j.linux.UnixDatagramSocket;
import io.ptp4j.linux.daemon.EventLoop;
import io.ptp4j.tools.config.PtpConfig;
import io.ptp4j.tools.log.Printer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * ptp4l's management sockets: uds_address (read-write: GET, SET, COMMAND and event
 * subscriptions) and linuxptp 4's uds_ro_address (read-only: GETs; SET and COMMAND answer
 * NOT_SUPPORTED), answered on the event loop's thread, and the forwarding of management
 * messages between them and the PTP ports.
 */
final class ManagementSocket {
    private ManagementSocket() {}

    /**
     * Binds the socket named by {@code key} (uds_address or uds_ro_address) and answers its
     * requests on the loop. The socket file gets uds_file_mode / uds_ro_file_mode. A socket that
     * cannot be bound is reported, not fatal: null.
     */
    static UnixDatagramSocket open(String prog, PtpConfig c, ManagementAgent agent, String key, boolean readWrite,
            EventLoop loop, Printer printer, PrintStream err) {
        String path = c.getString(key);
        if (path.isEmpty()) return null;
        try {
            Path parent = Path.of(path).getParent();
            if (parent != null) Files.createDirectories(parent);
            // answers and notifications wait at most 100 ms for a pmc to make room, never forever
            UnixDatagramSocket uds = UnixDatagramSocket.bind(path, true).boundedSends(100);
            int mode = c.getInt(readWrite ? "uds_file_mode" : "uds_ro_file_mode");
            try {
                Files.setPosixFilePermissions(Path.of(path), FileMode.permissions(mode));
            } catch (IOException | UnsupportedOperationException e) {
                printer.print(Printer.LOG_WARNING, "cannot set mode " + Integer.toOctalString(mode) + " on " + path + ": " + e.getMessage());
            }
            ByteBuffer in = ByteBuffer.allocate(UnixDatagramSocket.MAX_DATAGRAM);
            ManagementAgent.Sink reply = (buf, len) -> {
                try {
                    uds.reply(buf, 0, len);
                } catch (NativeException e) {
                    printer.print(Printer.LOG_ERR, "port 0 (" + path + "): " + e.getMessage());
                }
            };
            loop.watch(uds.fd(), () -> {
                try {
                    int n;
                    while ((n = uds.receive(in, 0, 0)) > 0) {
                        agent.handle(in, 0, n, readWrite, uds.lastSenderPath(), System.nanoTime(), reply);
                    }
                } catch (NativeException | DecodeException e) {
                    printer.print(Printer.LOG_INFO, "port 0 (" + path + "): bad management message: " + e.getMessage());
                }
            });
            return uds;
        } catch (IOException e) {
            err.println(prog + ": cannot open the management socket " + path + ": " + e.getMessage() + " (pmc will not reach this ptp4l)");
            return null;
        }
    }

    /** Management forwarding (pmc -b 1 and more): out of the PTP ports, and answers back to the last pmc on the socket. */
    static ManagementAgent.Forwarder forwarder(EventLoop loop, UnixDatagramSocket uds, Printer printer) {
        return new ManagementAgent.Forwarder() {
            @Override
            public void toPort(int port, ByteBuffer buf, int length) {
                loop.send(port, buf, 0, length, false, Driver.MULTICAST);
            }

            @Override
            public void toUnixSocket(ByteBuffer buf, int length) {
                if (uds == null) return;
                try {
                    uds.reply(buf, 0, length);
                } catch (NativeException e) {
                    printer.print(Printer.LOG_DEBUG, "port 0 (" + uds.path() + "): management forward: " + e.getMessage());
                }
            }
        };
    }
}
