package io.ptp4j.linux.transport;

import io.ptp4j.linux.Libc;
import io.ptp4j.linux.NativeException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * One socket with SO_TIMESTAMPING and everything its packets need preallocated: receive and
 * error-queue msghdrs, control buffers, a transmit buffer and a destination address. Receiving
 * parses the SCM_TIMESTAMPING control message; transmit stamps come from the error queue and are
 * matched to the send by the OPT_ID key (the kernel numbers each send from 0). Not thread-safe.
 */
final class TimestampSocket implements AutoCloseable {
    static final int BUF_SIZE = 2048;
    private static final int CONTROL_SIZE = 512;
    private static final int NAME_SIZE = 128;
    private static final long NS = 1_000_000_000L;

    final Arena arena = Arena.ofShared();
    final int fd;
    final String iface;
    /** Received bytes (with the Ethernet header for raw sockets). */
    final MemorySegment rxBuf = arena.allocate(BUF_SIZE, 16);
    /** Bytes to send; the transport fills it then calls {@link #send}. */
    final MemorySegment txBuf = arena.allocate(BUF_SIZE, 16);
    /** Sender address of the last receive (sockaddr_in, sockaddr_in6 or sockaddr_ll). */
    final MemorySegment rxName = arena.allocate(NAME_SIZE, 8);
    /** Destination address for the next send. */
    final MemorySegment txName = arena.allocate(NAME_SIZE, 8);
    /** A scratch area for socket options. */
    final MemorySegment scratch = arena.allocate(64, 8);

    private final MemorySegment rxIov = arena.allocate(Libc.IOVEC_SIZE, 8);
    private final MemorySegment rxMsg = arena.allocate(Libc.MSGHDR_SIZE, 8);
    private final MemorySegment rxControl = arena.allocate(CONTROL_SIZE, 8);
    private final MemorySegment errBuf = arena.allocate(256, 16);
    private final MemorySegment errIov = arena.allocate(Libc.IOVEC_SIZE, 8);
    private final MemorySegment errMsg = arena.allocate(Libc.MSGHDR_SIZE, 8);
    private final MemorySegment errControl = arena.allocate(CONTROL_SIZE, 8);
    private final MemorySegment pollFd = arena.allocate(Libc.POLLFD_SIZE, 8);
    /** sendmsg for untimestamped sends: one SO_TIMESTAMPING cmsg with value 0 (no TX stamp). */
    private final MemorySegment txIov = arena.allocate(Libc.IOVEC_SIZE, 8);
    private final MemorySegment txMsg = arena.allocate(Libc.MSGHDR_SIZE, 8);
    private final MemorySegment txNoStamp = arena.allocate(24, 8);

    private Timestamping timestamping;
    private int tsIndex;
    private long rxTimestampNanos = Long.MIN_VALUE;
    private long errTimestampNanos;
    private long errKey;
    /** OPT_ID key the kernel gives the next send (counts every send while TX stamping is on). */
    private long nextKey;
    private long lastEventKey = -1;

    TimestampSocket(int domain, int type, int protocol, String iface, String what) throws NativeException {
        this.iface = iface;
        int s = Libc.socket(domain, type | Libc.SOCK_CLOEXEC, protocol);
        if (s < 0) {
            arena.close();
            throw new NativeException("socket(" + what + ")", Libc.errno(), iface);
        }
        fd = s;
        initMsg(rxMsg, rxIov, rxBuf, BUF_SIZE, rxName);
        initMsg(errMsg, errIov, errBuf, 256, MemorySegment.NULL);
        pollFd.set(ValueLayout.JAVA_INT, 0, fd);
        initMsg(txMsg, txIov, txBuf, BUF_SIZE, txName);
        txNoStamp.set(ValueLayout.JAVA_LONG, 0, 16 + 4); // CMSG_LEN(sizeof(int))
        txNoStamp.set(ValueLayout.JAVA_INT, 8, Libc.SOL_SOCKET);
        txNoStamp.set(ValueLayout.JAVA_INT, 12, Libc.SO_TIMESTAMPING);
        txNoStamp.set(ValueLayout.JAVA_INT, 16, 0);
        txMsg.set(ValueLayout.ADDRESS, 32, txNoStamp);
        txMsg.set(ValueLayout.JAVA_LONG, 40, 24L); // CMSG_SPACE(sizeof(int))
    }

    private static void initMsg(MemorySegment msg, MemorySegment iov, MemorySegment buf, long bufLen, MemorySegment name) {
        iov.set(ValueLayout.ADDRESS, 0, buf);
        iov.set(ValueLayout.JAVA_LONG, 8, bufLen);
        msg.fill((byte) 0);
        msg.set(ValueLayout.ADDRESS, 0, name);
        msg.set(ValueLayout.ADDRESS, 16, iov);
        msg.set(ValueLayout.JAVA_LONG, 24, 1L);
    }

    /** Turns on SO_TIMESTAMPING with OPT_ID and OPT_TSONLY; resets the OPT_ID key count. */
    void enableTimestamping(Timestamping ts) throws NativeException {
        Libc.setIntOption(fd, Libc.SOL_SOCKET, Libc.SO_TIMESTAMPING, ts.socketFlags(), scratch, "SO_TIMESTAMPING " + iface);
        timestamping = ts;
        tsIndex = ts.timespecIndex();
        nextKey = 0;
        lastEventKey = -1;
    }

    void setInt(int level, int name, int value, String what) throws NativeException {
        Libc.setIntOption(fd, level, name, value, scratch, what + " " + iface);
    }

    void setOption(int level, int name, MemorySegment value, int len, String what) throws NativeException {
        if (Libc.setsockopt(fd, level, name, value, len) < 0) {
            throw new NativeException("setsockopt(" + what + ")", Libc.errno(), iface);
        }
    }

    /** SO_BINDTODEVICE to the socket's interface: only its packets are received. */
    void bindToDevice() throws NativeException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment name = a.allocateFrom(iface);
            setOption(Libc.SOL_SOCKET, Libc.SO_BINDTODEVICE, name, (int) name.byteSize(), "SO_BINDTODEVICE");
        }
    }

    void bind(MemorySegment addr, int len, String what) throws NativeException {
        if (Libc.bind(fd, addr, len) < 0) throw new NativeException("bind(" + what + ")", Libc.errno(), iface);
    }

    /**
     * Sends {@code length} bytes of {@link #txBuf} to {@link #txName} ({@code nameLen} bytes; 0
     * sends on a bound or connected socket). Records the OPT_ID key when {@code event}.
     */
    boolean send(int length, int nameLen, boolean event) {
        if (timestamping != null && !event) {
            // a general message on a timestamping socket (L2): ask for no TX stamp, so none piles up
            // in the error queue (a non-empty queue makes poll() report POLLERR at once) and the
            // OPT_ID key does not move (the kernel numbers only sends that request a stamp)
            txIov.set(ValueLayout.JAVA_LONG, 8, length);
            txMsg.set(ValueLayout.ADDRESS, 0, nameLen == 0 ? MemorySegment.NULL : txName);
            txMsg.set(ValueLayout.JAVA_INT, 8, nameLen);
            return Libc.sendmsg(fd, txMsg, 0) >= 0;
        }
        long n = Libc.sendto(fd, txBuf, length, 0, nameLen == 0 ? MemorySegment.NULL : txName, nameLen);
        if (n < 0) return false;
        if (timestamping != null) lastEventKey = nextKey++;
        return true;
    }

    /** Reads and drops whatever waits in the error queue (late or unwanted TX stamps). */
    void flushErrorQueue() throws NativeException {
        while (readErrQueue()) {
            // dropped
        }
    }

    /**
     * Receives one packet without blocking, with its timestamp in {@link #rxTimestampNanos()}.
     *
     * @return its length, or -1 when nothing is waiting
     */
    int receive() throws NativeException {
        rxMsg.set(ValueLayout.JAVA_INT, 8, NAME_SIZE);
        rxMsg.set(ValueLayout.ADDRESS, 32, rxControl);
        rxMsg.set(ValueLayout.JAVA_LONG, 40, CONTROL_SIZE);
        long n = Libc.recvmsg(fd, rxMsg, Libc.MSG_DONTWAIT);
        if (n < 0) {
            int err = Libc.errno();
            if (err == Libc.EAGAIN || err == Libc.EINTR) return -1;
            throw new NativeException("recvmsg", err, iface);
        }
        rxTimestampNanos = parseControl(rxControl, rxMsg.get(ValueLayout.JAVA_LONG, 40), false);
        return (int) Math.min(n, BUF_SIZE);
    }

    /** The ingress stamp of the last {@link #receive()}, or Long.MIN_VALUE when the kernel gave none. */
    long rxTimestampNanos() {
        return rxTimestampNanos;
    }

    private static long timespecOrMin(MemorySegment m, long off) {
        long sec = m.get(ValueLayout.JAVA_LONG, off);
        long nsec = m.get(ValueLayout.JAVA_LONG, off + 8);
        return sec == 0 && nsec == 0 ? Long.MIN_VALUE : sec * NS + nsec;
    }

    /**
     * The transmit stamp of the last event message sent, waiting up to {@code timeoutMillis} as
     * linuxptp's sk_receive(MSG_ERRQUEUE) does; stamps of earlier sends (general messages on a
     * shared raw socket) are read and dropped on the way.
     */
    long txTimestamp(int timeoutMillis) throws NativeException, TxTimestampTimeoutException {
        if (timestamping == null || lastEventKey < 0) {
            throw new NativeException("recvmsg(MSG_ERRQUEUE)", Libc.EINVAL, iface + " (no event message sent with timestamping on)");
        }
        long want = lastEventKey;
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (true) {
            while (readErrQueue()) {
                if (errKey == (want & 0xffffffffL)) {
                    lastEventKey = -1;
                    return errTimestampNanos;
                }
            }
            long leftMillis = (deadline - System.nanoTime() + 999_999) / 1_000_000;
            if (leftMillis <= 0 || !pollErr((int) leftMillis)) {
                throw new TxTimestampTimeoutException(iface, timeoutMillis);
            }
        }
    }

    private boolean pollErr(int timeoutMillis) throws NativeException {
        // interrupted: look at the queue again (the deadline still holds)
        return Libc.pollOne(pollFd, Libc.POLLPRI, timeoutMillis, "poll(tx timestamp)", iface) != 0;
    }

    /** Reads one error-queue message; false when the queue is empty. Sets errKey/errTimestampNanos. */
    private boolean readErrQueue() throws NativeException {
        errMsg.set(ValueLayout.ADDRESS, 32, errControl);
        errMsg.set(ValueLayout.JAVA_LONG, 40, CONTROL_SIZE);
        long n = Libc.recvmsg(fd, errMsg, Libc.MSG_ERRQUEUE | Libc.MSG_DONTWAIT);
        if (n < 0) {
            int err = Libc.errno();
            if (err == Libc.EAGAIN || err == Libc.EINTR) return false;
            throw new NativeException("recvmsg(MSG_ERRQUEUE)", err, iface);
        }
        errKey = -1;
        errTimestampNanos = parseControl(errControl, errMsg.get(ValueLayout.JAVA_LONG, 40), true);
        return true;
    }

    /**
     * Walks the control messages (struct cmsghdr: u64 len, int level, int type, data; 8-byte
     * aligned) and returns the SCM_TIMESTAMPING stamp of the kind asked for (Long.MIN_VALUE when
     * there is none); on the error queue it also sets errKey from the sock_extended_err.
     */
    private long parseControl(MemorySegment control, long controlLen, boolean errorQueue) {
        long stamp = Long.MIN_VALUE;
        for (long o = 0; o + 16 <= controlLen; ) {
            long len = control.get(ValueLayout.JAVA_LONG, o);
            if (len < 16) break;
            int level = control.get(ValueLayout.JAVA_INT, o + 8);
            int type = control.get(ValueLayout.JAVA_INT, o + 12);
            if (level == Libc.SOL_SOCKET && type == Libc.SCM_TIMESTAMPING && len >= 16 + 48) {
                stamp = timespecOrMin(control, o + 16 + 16L * tsIndex);
            } else if (errorQueue && isExtendedErr(level, type) && len >= 16 + 16) {
                // struct sock_extended_err: ee_errno ENOMSG, ee_origin SO_EE_ORIGIN_TIMESTAMPING (4), ee_data = key
                int eeErrno = control.get(ValueLayout.JAVA_INT, o + 16);
                int origin = control.get(ValueLayout.JAVA_BYTE, o + 20) & 0xff;
                if (eeErrno == Libc.ENOMSG && origin == 4) {
                    errKey = control.get(ValueLayout.JAVA_INT, o + 16 + 12) & 0xffffffffL;
                }
            }
            o += (len + 7) & ~7L;
        }
        return stamp;
    }

    private static boolean isExtendedErr(int level, int type) {
        return (level == Libc.SOL_IP && type == Libc.IP_RECVERR)
                || (level == Libc.SOL_IPV6 && type == Libc.IPV6_RECVERR)
                || (level == Libc.SOL_PACKET && type == Libc.PACKET_TX_TIMESTAMP);
    }

    @Override
    public void close() {
        Libc.close(fd);
        arena.close();
    }
}
