package io.ptp4j.core.engine;

import java.nio.ByteBuffer;

/**
 * The sans-IO surface of a PTP instance (ordinary, boundary or transparent clock). The caller owns
 * threads, sockets and time: it feeds packets, transmit timestamps and timer ticks in, and the
 * node answers through its {@link Driver}. All {@code now} arguments are a monotonic time in
 * nanoseconds used only for timers (announce, sync, delay request intervals, receipt timeouts).
 * Every call runs to completion on the caller's thread and does not allocate in steady state.
 */
public interface PtpNode {
    /** Brings ports from INITIALIZING to LISTENING (or as configured) and arms the first timers. */
    void start(long nowNanos);

    /**
     * One received PTP message (the bytes after UDP/Ethernet framing). {@code rxTimestampNanos}
     * is the ingress timestamp in the disciplined clock's timescale (hardware or software), or
     * Long.MIN_VALUE when none came. {@code source} is a driver-defined unicast address handle that
     * can be passed back to {@link Driver#send} to answer this sender. A malformed packet is
     * dropped, counted and reported to the listener; it never throws.
     */
    void onReceive(int port, ByteBuffer buf, int offset, int length, long rxTimestampNanos, long source, long nowNanos);

    /** The transmit timestamp of an event message this node sent on {@code port}. */
    void onTxTimestamp(int port, int messageTypeCode, int sequenceId, long txTimestampNanos, long nowNanos);

    /**
     * What rtnetlink said of port {@code port}'s link (linuxptp rtnl.c, port_link_status): whether
     * it is up and running (IFF_RUNNING), and for a bond or team the name of the interface that
     * timestamps for it (its active slave, linuxptp's ts_label), else null. A link that goes down
     * faults the port; one that comes back up clears the fault. No default: a layer in front of
     * the engine that forgot it would silently keep link faults from the ports
     * ({@link ForwardingNode} hands it on).
     */
    void onLinkStatus(int port, boolean up, String tsLabel, long nowNanos);

    /** Runs every timer due at or before {@code nowNanos}. */
    void onTimer(long nowNanos);

    /** When {@link #onTimer} next needs to run, or Long.MAX_VALUE when no timer is armed. */
    long nextTimerNanos();

    /**
     * Runs the timers from {@code fromNanos} to {@code untilNanos} as an event loop with nothing
     * else to do would: each when it falls due, then once at {@code untilNanos}.
     */
    default void runTimers(long fromNanos, long untilNanos) {
        long now = fromNanos;
        while (true) {
            long next = Math.max(nextTimerNanos(), now);
            if (next > untilNanos) break;
            now = next;
            onTimer(now);
        }
        onTimer(untilNanos);
    }
}
