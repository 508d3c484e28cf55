package io.ptp4j.linux.daemon;

import io.ptp4j.core.engine.Driver;
import io.ptp4j.core.engine.PtpNode;
import io.ptp4j.linux.Libc;
import io.ptp4j.linux.NativeException;
import io.ptp4j.linux.clock.ClockDevice;
import io.ptp4j.linux.clock.PosixTime;
import io.ptp4j.linux.transport.Transport;
import io.ptp4j.linux.transport.TxTimestampTimeoutException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;

/**
 * Runs one {@link PtpNode} over its ports' transports and a {@link ClockDevice}, on the calling
 * thread, as linuxptp's clock_poll() loop does: ppoll() on every socket with the time to the
 * node's next timer (CLOCK_MONOTONIC, nanosecond resolution), then hands packets, their
 * timestamps (converted into the clock's timescale) and timer ticks to the node.
 *
 * <p>As the node's {@link Driver}, it sends on the port's transport; for an event message it
 * waits for the transmit timestamp right away (up to tx_timestamp_timeout, as linuxptp's
 * sk_receive(MSG_ERRQUEUE) does) and delivers it through {@link PtpNode#onTxTimestamp} as soon as
 * the node's current call returns, so the node is never re-entered. Nothing on this path
 * allocates. {@link #stop()} may be called from any thread; everything else belongs to the loop's
 * thread.
 */
public final class EventLoop implements Driver, AutoCloseable {
    /** Errors the loop meets and survives; the daemon logs them. Called on the loop thread. */
    @FunctionalInterface
    public interface Listener {
        /** A failed send, a missing TX timestamp, a receive error; {@code port} 1-based, 0 for the clock. */
        void error(int port, String message);
    }

    /** linuxptp's default tx_timestamp_timeout (ms, config.c: 1). */
    public static final int DEFAULT_TX_TIMESTAMP_TIMEOUT_MILLIS = 1;
    private static final int RX_BUF = 2048;
    private static final int MAX_PENDING_TX = 32;
    /** Receive at most this many packets from one socket per wakeup, so timers are not starved. */
    private static final int RX_BURST = 64;

    private final Transport[] ports;
    private final ClockDevice clock;
    private final int txTimeoutMillis;
    private final Listener listener;
    private final PosixTime time = new PosixTime();
    private final ByteBuffer rx = ByteBuffer.allocate(RX_BUF);

    private final Arena arena = Arena.ofShared();
    /** Descriptors that are not PTP ports (the management Unix socket, a signal fd) at most. */
    public static final int MAX_WATCHED = 8;
    private int nfds;
    private final MemorySegment pollFds;
    private final int[] fdPort;
    private final boolean[] fdEvent;
    private final Runnable[] fdHandler;
    private final MemorySegment timeout = arena.allocate(Libc.TIMESPEC_SIZE, 8);
    private final MemorySegment wakeBuf = arena.allocate(8, 8);
    private final int wakeFd;

    private final int[] pendPort = new int[MAX_PENDING_TX];
    private final int[] pendType = new int[MAX_PENDING_TX];
    private final int[] pendSeq = new int[MAX_PENDING_TX];
    private final long[] pendTs = new long[MAX_PENDING_TX];
    private int pending;
    private long handlerFailures;

    private PtpNode node;
    private volatile boolean stopRequested;
    private boolean closed;

    /**
     * @param ports           the node's ports in portNumber order (ports[0] is port 1)
     * @param clock           the clock the node disciplines and whose timescale stamps are put in
     * @param txTimeoutMillis tx_timestamp_timeout
     * @param listener        told about errors (may be null)
     */
    public EventLoop(Transport[] ports, ClockDevice clock, int txTimeoutMillis, Listener listener) throws NativeException {
        if (txTimeoutMillis < 1) throw new IllegalArgumentException("tx_timestamp_timeout must be >= 1 ms: " + txTimeoutMillis);
        this.ports = ports.clone();
        this.clock = clock;
        this.txTimeoutMillis = txTimeoutMillis;
        this.listener = listener != null ? listener : (port, message) -> {};
        int n = 1;
        for (Transport t : ports) n += t.eventFd() == t.generalFd() ? 1 : 2;
        nfds = n;
        pollFds = arena.allocate(Libc.POLLFD_SIZE * (n + MAX_WATCHED), 8);
        fdPort = new int[n + MAX_WATCHED];
        fdEvent = new boolean[n + MAX_WATCHED];
        fdHandler = new Runnable[n + MAX_WATCHED];
        int w = Libc.eventfd(0, Libc.EFD_NONBLOCK | Libc.EFD_CLOEXEC);
        if (w < 0) {
            arena.close();
            throw new NativeException("eventfd", Libc.errno());
        }
        wakeFd = w;
        int i = 0;
        setFd(i++, wakeFd, 0, false);
        for (int p = 0; p < ports.length; p++) {
            setFd(i++, ports[p].eventFd(), p + 1, true);
            if (ports[p].generalFd() != ports[p].eventFd()) setFd(i++, ports[p].generalFd(), p + 1, false);
        }
    }

    private void setFd(int i, int fd, int port, boolean event) {
        pollFds.set(ValueLayout.JAVA_INT, Libc.POLLFD_SIZE * i, fd);
        pollFds.set(ValueLayout.JAVA_SHORT, Libc.POLLFD_SIZE * i + 4, Libc.POLLIN);
        fdPort[i] = port;
        fdEvent[i] = event;
    }

    /**
     * Adds a descriptor to the poll set, e.g. ptp4l's management Unix socket ({@link
     * io.ptp4j.linux.UnixDatagramSocket#fd()}): {@code onReadable} runs on the loop thread whenever
     * it is readable and must read what is waiting. Call before {@link #run} or from the loop thread.
     */
    public void watch(int fd, Runnable onReadable) {
        if (nfds - 1 - portFdCount() >= MAX_WATCHED) throw new IllegalStateException("more than " + MAX_WATCHED + " watched descriptors");
        int i = nfds++;
        setFd(i, fd, 0, false);
        fdHandler[i] = onReadable;
    }

    private int portFdCount() {
        int n = 0;
        for (Transport t : ports) n += t.eventFd() == t.generalFd() ? 1 : 2;
        return n;
    }

    /** CLOCK_MONOTONIC now: the time base of the node's timers. */
    public long monotonicNanos() {
        return time.monotonicNanos();
    }

    /**
     * Starts {@code node} and runs it until {@link #stop()}; returns then. A NativeException
     * from poll itself (not from one socket) ends the loop.
     */
    public void run(PtpNode node) throws NativeException {
        this.node = node;
        node.start(monotonicNanos());
        deliverTxTimestamps();
        while (!stopRequested) {
            runOnce();
        }
    }

    /** One wait-and-dispatch round (the node must have been started by {@link #run}). */
    private void runOnce() throws NativeException {
        long now = monotonicNanos();
        long next = node.nextTimerNanos();
        if (next <= now) {
            node.onTimer(now);
            deliverTxTimestamps();
            now = monotonicNanos();
            next = node.nextTimerNanos();
            if (next > now) return;
            // Still due right after it ran: a timer that does not rearm. Look at the sockets
            // anyway (a zero wait) so that it cannot starve them, then run it again.
            next = now;
        }
        MemorySegment to = MemorySegment.NULL;
        if (next != Long.MAX_VALUE) {
            long wait = next - now;
            timeout.set(ValueLayout.JAVA_LONG, 0, wait / 1_000_000_000L);
            timeout.set(ValueLayout.JAVA_LONG, 8, wait % 1_000_000_000L);
            to = timeout;
        }
        for (int i = 0; i < nfds; i++) pollFds.set(ValueLayout.JAVA_SHORT, Libc.POLLFD_SIZE * i + 6, (short) 0);
        int r = Libc.ppoll(pollFds, nfds, to);
        if (r < 0) {
            int err = Libc.errno();
            if (err == Libc.EINTR) return;
            throw new NativeException("ppoll", err);
        }
        if (r == 0) return; // the timer is due: the next round runs it
        for (int i = 0; i < nfds; i++) {
            short revents = pollFds.get(ValueLayout.JAVA_SHORT, Libc.POLLFD_SIZE * i + 6);
            if (revents == 0) continue;
            if (i == 0) {
                Libc.read(wakeFd, wakeBuf, 8);
                continue;
            }
            if (fdHandler[i] != null) {
                fdHandler[i].run();
                deliverTxTimestamps(); // the handler may have made the node send (a management answer)
            }
            else {
                if ((revents & Libc.POLLIN) != 0) drain(fdPort[i], fdEvent[i]);
                if ((revents & Libc.POLLERR) != 0) flushErrors(fdPort[i]);
            }
        }
    }

    private void drain(int port, boolean event) {
        Transport t = ports[port - 1];
        for (int k = 0; k < RX_BURST && !stopRequested; k++) {
            int len;
            try {
                len = t.receive(event, rx, 0);
            } catch (NativeException e) {
                listener.error(port, e.getMessage());
                return;
            }
            if (len < 0) return;
            long ts = t.rxTimestampNanos();
            if (ts != Long.MIN_VALUE) ts = convert(ts, port);
            try {
                node.onReceive(port, rx, 0, len, ts, t.rxSource(), monotonicNanos());
            } catch (RuntimeException e) {
                // One failing handler costs its message, never the daemon (issue 13). The engine's
                // own per-message isolation belongs in its receive path; this is the loop's last line.
                handlerFailures++;
                listener.error(port, "message dropped, its handler failed: " + e);
            }
            deliverTxTimestamps();
        }
    }

    /** Received messages dropped because the node threw while handling them. */
    public long handlerFailures() {
        return handlerFailures;
    }

    private void flushErrors(int port) {
        try {
            ports[port - 1].flushErrorQueue();
        } catch (NativeException e) {
            listener.error(port, e.getMessage());
        }
    }

    private long convert(long socketNanos, int port) {
        try {
            return clock.fromSocketTimestamp(socketNanos);
        } catch (NativeException e) {
            listener.error(port, e.getMessage());
            return Long.MIN_VALUE;
        }
    }

    private void deliverTxTimestamps() {
        // onTxTimestamp may itself send (a two-step Follow_Up): those stamps queue behind
        for (int i = 0; i < pending; i++) {
            node.onTxTimestamp(pendPort[i], pendType[i], pendSeq[i], pendTs[i], monotonicNanos());
        }
        pending = 0;
    }

    /** Asks the loop to return from {@link #run}; safe from any thread, wakes a waiting ppoll. */
    public void stop() {
        stopRequested = true;
        try (Arena a = Arena.ofConfined()) {
            MemorySegment one = a.allocate(8, 8);
            one.set(ValueLayout.JAVA_LONG, 0, 1L);
            Libc.write(wakeFd, one, 8);
        }
    }

    // ---- Driver ----

    @Override
    public boolean send(int port, ByteBuffer buf, int offset, int length, boolean event, long destination) {
        if (port < 1 || port > ports.length) return false;
        Transport t = ports[port - 1];
        if (!t.send(event, buf, offset, length, destination)) {
            listener.error(port, "sendto failed: " + Libc.strerror(Libc.errno())); // linuxptp udp.c's words
            return false;
        }
        if (!event || oneStep(t, buf, offset)) return true;
        long ts;
        try {
            ts = t.txTimestampNanos(txTimeoutMillis);
        } catch (TxTimestampTimeoutException e) {
            listener.error(port, e.getMessage());
            return false;
        } catch (NativeException e) {
            listener.error(port, e.getMessage());
            return false;
        }
        ts = convert(ts, port);
        if (pending == MAX_PENDING_TX) {
            listener.error(port, "more than " + MAX_PENDING_TX + " event messages in one step: TX timestamp dropped");
            return true;
        }
        pendPort[pending] = port;
        pendType[pending] = buf.get(offset) & 0x0F;
        pendSeq[pending] = buf.getShort(offset + 30) & 0xFFFF;
        pendTs[pending] = ts;
        pending++;
        return true;
    }

    /**
     * A one-step message the NIC stamps as it sends it: no transmit timestamp comes back (linuxptp
     * TRANS_ONESTEP). A Sync with onestep or p2p1step, a Pdelay_Resp with p2p1step.
     */
    private static boolean oneStep(Transport t, ByteBuffer buf, int offset) {
        if (!t.timestamping().oneStepSync() || (buf.get(offset + 6) & 0x02) != 0) return false;
        int type = buf.get(offset) & 0x0F;
        return type == 0x0 || (type == 0x3 && t.timestamping() == io.ptp4j.linux.transport.Timestamping.P2P1STEP);
    }

    @Override
    public long resolveUnicast(int port, String address) {
        if (port < 1 || port > ports.length) return Transport.NO_ADDRESS;
        return ports[port - 1].resolveUnicast(address);
    }

    @Override
    public long clockTimeNanos() {
        try {
            return clock.nowNanos();
        } catch (NativeException e) {
            listener.error(0, e.getMessage());
            return Long.MIN_VALUE;
        }
    }

    @Override
    public void adjustFrequency(double ppb) {
        try {
            clock.adjustFrequency(ppb);
        } catch (NativeException e) {
            listener.error(0, e.getMessage());
        }
    }

    @Override
    public double currentFrequencyPpb() {
        try {
            return clock.frequencyPpb();
        } catch (NativeException e) {
            listener.error(0, e.getMessage());
            return 0.0;
        }
    }

    @Override
    public void stepClock(long deltaNanos) {
        try {
            clock.step(deltaNanos);
        } catch (NativeException e) {
            listener.error(0, e.getMessage());
        }
    }

    /** kernel_leap: the clock arms the leap itself (linuxptp sysclk_set_leap); without CAP_SYS_TIME it says so and the loop goes on. */
    @Override
    public int armLeap(int leap) {
        if (!clock.carriesLeapSeconds()) return -1;
        try {
            clock.armLeap(leap);
            return 1;
        } catch (NativeException e) {
            listener.error(0, "failed to set the clock status: " + Libc.strerror(e.errno()));
            return 0;
        }
    }

    @Override
    public void setTaiOffset(int seconds) {
        try {
            clock.setTaiOffset(seconds);
        } catch (NativeException e) {
            listener.error(0, "failed to set TAI offset: " + Libc.strerror(e.errno()));
        }
    }

    @Override
    public boolean adjustPhase(long offsetNanos) {
        try {
            clock.adjustPhase(offsetNanos);
            return true;
        } catch (NativeException e) {
            listener.error(0, e.getMessage());
            return false;
        }
    }

    @Override
    public boolean switchClock(int port) {
        return clock.selectForPort(port);
    }

    /** Closes the loop's own descriptor (the transports and clock belong to the caller). */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        Libc.close(wakeFd);
        arena.close();
    }
}
