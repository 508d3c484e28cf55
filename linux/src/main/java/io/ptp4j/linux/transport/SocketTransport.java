package io.ptp4j.linux.transport;

import io.ptp4j.linux.Buffers;
import io.ptp4j.linux.NativeException;
import java.nio.ByteBuffer;

/**
 * What the three transports share: the interface, the config, the event and general sockets
 * (one socket for both on L2), the last socket read, and the calls that only pass through to
 * them (descriptors, stamps, error queue, close). Subclasses frame, address and open.
 */
abstract class SocketTransport implements Transport {
    final String iface;
    final TransportConfig config;
    final TimestampSocket event;
    final TimestampSocket general;
    /** The socket of the last receive, whose stamp and sender address it keeps. */
    TimestampSocket last;

    SocketTransport(String iface, TransportConfig config, TimestampSocket event, TimestampSocket general) {
        this.iface = iface;
        this.config = config;
        this.event = event;
        this.general = general;
        this.last = event;
    }

    /** Socket options and bindings a transport applies to a new socket. */
    @FunctionalInterface
    interface Setup {
        void apply(TimestampSocket s) throws NativeException;
    }

    /** Applies {@code setup} to a new socket, which is closed again when that fails. */
    static TimestampSocket setUp(TimestampSocket s, Setup setup) throws NativeException {
        try {
            setup.apply(s);
            return s;
        } catch (NativeException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /** Opens one UDP socket of a transport on its port with its DSCP. */
    @FunctionalInterface
    interface UdpSocketOpener {
        TimestampSocket open(int port, int dscp) throws NativeException;
    }

    /**
     * A UDP transport's two sockets, as linuxptp udp.c/udp6.c open them: the event socket (port
     * 319) with timestamping on, then the general socket (320); the first is closed again when
     * the second cannot be had.
     */
    static TimestampSocket[] openUdpPair(String iface, TransportConfig config, UdpSocketOpener opener) throws NativeException {
        if (config.timestamping() == Timestamping.HARDWARE) HardwareTimestamps.enable(iface, false);
        TimestampSocket ev = opener.open(Udpv4Transport.EVENT_PORT, config.dscpEvent());
        try {
            ev.enableTimestamping(config.timestamping());
            return new TimestampSocket[] {ev, opener.open(Udpv4Transport.GENERAL_PORT, config.dscpGeneral())};
        } catch (NativeException | RuntimeException e) {
            ev.close();
            throw e;
        }
    }

    /** Receives one datagram from the event or general socket and copies it whole into {@code into}; -1 when none waits. */
    int receiveDatagram(boolean isEvent, ByteBuffer into, int offset) throws NativeException {
        TimestampSocket s = isEvent ? event : general;
        int n = s.receive();
        if (n < 0) return -1;
        last = s;
        n = Math.min(n, into.capacity() - offset);
        Buffers.copyOut(s.rxBuf, into, offset, n);
        return n;
    }

    @Override
    public String interfaceName() {
        return iface;
    }

    @Override
    public Timestamping timestamping() {
        return config.timestamping();
    }

    @Override
    public int eventFd() {
        return event.fd;
    }

    @Override
    public int generalFd() {
        return general.fd;
    }

    @Override
    public long rxTimestampNanos() {
        return last.rxTimestampNanos();
    }

    @Override
    public long txTimestampNanos(int timeoutMillis) throws NativeException, TxTimestampTimeoutException {
        return event.txTimestamp(timeoutMillis);
    }

    @Override
    public void flushErrorQueue() throws NativeException {
        event.flushErrorQueue();
    }

    @Override
    public void close() {
        event.close();
        if (general != event) general.close();
    }
}
