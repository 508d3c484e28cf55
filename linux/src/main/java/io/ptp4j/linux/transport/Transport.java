package io.ptp4j.linux.transport;

import io.ptp4j.linux.NativeException;
import java.nio.ByteBuffer;

/**
 * A PTP network transport on one interface (linuxptp transport.h): UDPv4 (Annex C of IEEE
 * 1588-2019), UDPv6 (Annex D) or IEEE 802.3 Ethernet (Annex E). Event messages (Sync, Delay_Req,
 * Pdelay_Req, Pdelay_Resp) go through the timestamping "event" socket; the others through the
 * "general" socket, which may be the same socket (L2). Destinations are long handles: {@link
 * io.ptp4j.core.engine.Driver#MULTICAST}, {@link io.ptp4j.core.engine.Driver#PEER_MULTICAST},
 * or a unicast handle from {@link #rxSource()} or {@link #resolveUnicast}. Nothing on the
 * send/receive path allocates. Not thread-safe: one event loop owns it.
 */
public interface Transport extends AutoCloseable {
    /** A handle that names no address. */
    long NO_ADDRESS = -3;

    /** The interface name given at open. */
    String interfaceName();

    /** Which kind of timestamps this transport asked the kernel for. */
    Timestamping timestamping();

    /** File descriptor of the event socket, for poll(). */
    int eventFd();

    /** File descriptor of the general socket (equal to {@link #eventFd()} when there is one socket). */
    int generalFd();

    /**
     * Sends a PTP message ({@code length} bytes of {@code buf} from absolute {@code offset}).
     *
     * @return false when the kernel refused it (errno left for {@link io.ptp4j.linux.Libc#errno()})
     */
    boolean send(boolean event, ByteBuffer buf, int offset, int length, long destination);

    /**
     * Receives one PTP message without blocking from the event ({@code event}) or general socket,
     * copying its PTP payload (framing removed) into {@code into} at absolute {@code offset}.
     *
     * @return the payload length, or -1 when nothing is waiting
     */
    int receive(boolean event, ByteBuffer into, int offset) throws NativeException;

    /** Ingress timestamp of the last receive, ns (CLOCK_REALTIME for software), or Long.MIN_VALUE. */
    long rxTimestampNanos();

    /** Handle of the last receive's sender, usable as a send destination. */
    long rxSource();

    /**
     * Egress timestamp of the last event message sent, waiting up to {@code timeoutMillis}
     * (linuxptp's tx_timestamp_timeout) for the kernel to hand it over.
     */
    long txTimestampNanos(int timeoutMillis) throws NativeException, TxTimestampTimeoutException;

    /**
     * Drops stamps waiting in the event socket's error queue (one that came after its timeout):
     * the event loop calls it when poll() reports POLLERR, which would otherwise repeat at once.
     */
    default void flushErrorQueue() throws NativeException {}

    /** A handle for an address written as text (192.0.2.1, 2001:db8::1, 02:00:00:00:00:01), or {@link #NO_ADDRESS}. */
    long resolveUnicast(String address);

    /** The address a handle stands for, as text (for logs; allocates). */
    String addressText(long handle);

    @Override
    void close();
}
