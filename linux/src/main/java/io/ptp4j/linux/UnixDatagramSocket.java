package io.ptp4j.linux;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * An AF_UNIX datagram socket bound to a filesystem path: the transport of linuxptp's management
 * interface (ptp4l listens on /var/run/ptp4l, pmc binds /var/run/pmc.PID and sends to it; see
 * linuxptp uds.c). Buffers are preallocated per socket, so send and receive do not allocate
 * (except {@link #lastSenderPath()}, which builds a String). Not thread-safe.
 */
public final class UnixDatagramSocket implements AutoCloseable {
    /** sizeof(struct sockaddr_un): sun_family (2 bytes) + sun_path[108]. */
    static final int SOCKADDR_UN_SIZE = 110;
    static final int PATH_MAX_BYTES = 107;
    /** Largest datagram accepted; management messages are far smaller (linuxptp uses 1500). */
    public static final int MAX_DATAGRAM = 8192;

    private final Arena arena = Arena.ofShared();
    private final MemorySegment rxBuf = arena.allocate(MAX_DATAGRAM, 8);
    private final MemorySegment txBuf = arena.allocate(MAX_DATAGRAM, 8);
    private final MemorySegment srcAddr = arena.allocate(SOCKADDR_UN_SIZE, 8);
    private final MemorySegment srcLen = arena.allocate(4, 4);
    private final MemorySegment dstAddr = arena.allocate(SOCKADDR_UN_SIZE, 8);
    private final MemorySegment pollFd = arena.allocate(Libc.POLLFD_SIZE, 8);
    private String dstPath;
    /** -1: sends block while the receiver's queue is full (the default); n >= 0: wait at most n ms. */
    private int sendWaitMillis = -1;
    private int dstLen;
    private int lastSrcLen;
    private final String path;
    private int fd;

    private UnixDatagramSocket(String path) throws NativeException {
        this.path = path;
        fd = Libc.socket(Libc.AF_UNIX, Libc.SOCK_DGRAM | Libc.SOCK_CLOEXEC, 0);
        if (fd < 0) {
            arena.close();
            throw new NativeException("socket(AF_UNIX, SOCK_DGRAM)", Libc.errno());
        }
        pollFd.set(ValueLayout.JAVA_INT, 0, fd);
    }

    /**
     * Opens a socket bound to {@code path}. With {@code replaceStale} an existing file there is
     * removed first (what ptp4l does with its uds_address); otherwise a leftover file gives EADDRINUSE.
     */
    public static UnixDatagramSocket bind(String path, boolean replaceStale) throws NativeException {
        UnixDatagramSocket s = new UnixDatagramSocket(path);
        try (Arena a = Arena.ofConfined()) {
            MemorySegment addr = a.allocate(SOCKADDR_UN_SIZE, 8);
            int len = encode(addr, path);
            if (replaceStale) Libc.unlink(a.allocateFrom(path));
            if (Libc.bind(s.fd, addr, len) < 0) {
                int err = Libc.errno();
                s.closeFd();
                throw new NativeException("bind(AF_UNIX)", err, path);
            }
        } catch (IllegalArgumentException e) {
            s.closeFd();
            throw e;
        }
        return s;
    }

    /** Opens an unbound socket: it can send, but nobody can answer it. */
    public static UnixDatagramSocket unbound() throws NativeException {
        return new UnixDatagramSocket(null);
    }

    private static int encode(MemorySegment addr, String path) {
        byte[] b = path.getBytes(StandardCharsets.UTF_8);
        if (b.length == 0 || b.length > PATH_MAX_BYTES) {
            throw new IllegalArgumentException("unix socket path must be 1.." + PATH_MAX_BYTES + " bytes: '" + path + "'");
        }
        addr.fill((byte) 0);
        addr.set(ValueLayout.JAVA_SHORT, 0, (short) Libc.AF_UNIX);
        MemorySegment.copy(b, 0, addr, ValueLayout.JAVA_BYTE, 2, b.length);
        return 2 + b.length + 1;
    }

    /** The path this socket is bound to, or null. */
    public String path() {
        return path;
    }

    /** The file descriptor, for an external poll set. */
    public int fd() {
        return fd;
    }

    /**
     * Makes sends wait at most {@code maxWaitMillis} for room in the receiver's queue
     * (net.unix.max_dgram_qlen datagrams, 10 by default), then fail with EAGAIN: for a daemon,
     * which must not stall behind a peer that stopped reading (a stalled pmc, a subscriber that
     * went to sleep), yet should not drop answers a busy but live pmc reads a moment later.
     * Returns this.
     */
    public UnixDatagramSocket boundedSends(int maxWaitMillis) {
        if (maxWaitMillis < 0) throw new IllegalArgumentException("wait must be >= 0 ms: " + maxWaitMillis);
        this.sendWaitMillis = maxWaitMillis;
        return this;
    }

    /**
     * Sends {@code length} bytes of {@code buf} from {@code offset} to the socket at {@code toPath};
     * blocks while the receiver's queue is full, unless {@link #boundedSends} was set.
     */
    public void send(ByteBuffer buf, int offset, int length, String toPath) throws NativeException {
        if (!toPath.equals(dstPath)) {
            dstLen = encode(dstAddr, toPath);
            dstPath = toPath;
        }
        sendTo(buf, offset, length, dstAddr, dstLen, toPath);
    }

    /**
     * Sends like {@link #send} but never waits: a receiver whose queue is full fails the send at
     * once with EAGAIN (for reports that may be lost, never delayed: the slave event monitor).
     */
    public void sendNoWait(ByteBuffer buf, int offset, int length, String toPath) throws NativeException {
        if (!toPath.equals(dstPath)) {
            dstLen = encode(dstAddr, toPath);
            dstPath = toPath;
        }
        if (length > MAX_DATAGRAM) throw new IllegalArgumentException("datagram of " + length + " bytes > " + MAX_DATAGRAM);
        Buffers.copyIn(buf, offset, txBuf, length);
        if (Libc.sendto(fd, txBuf, length, Libc.MSG_DONTWAIT, dstAddr, dstLen) < 0)
            throw new NativeException("sendto(AF_UNIX)", Libc.errno(), toPath);
    }

    /** Answers whoever sent the last datagram received (it must be bound to a path). */
    public void reply(ByteBuffer buf, int offset, int length) throws NativeException {
        if (lastSrcLen <= 2) throw new NativeException("sendto(AF_UNIX) reply", Libc.EINVAL, "(sender has no path)");
        sendTo(buf, offset, length, srcAddr, lastSrcLen, null);
    }

    private void sendTo(ByteBuffer buf, int offset, int length, MemorySegment addr, int addrLen, String what)
            throws NativeException {
        if (length > MAX_DATAGRAM) throw new IllegalArgumentException("datagram of " + length + " bytes > " + MAX_DATAGRAM);
        Buffers.copyIn(buf, offset, txBuf, length);
        if (sendWaitMillis < 0) {
            if (Libc.sendto(fd, txBuf, length, 0, addr, addrLen) < 0)
                throw new NativeException("sendto(AF_UNIX)", Libc.errno(), what == null ? lastSenderPath() : what);
            return;
        }
        // bounded: retry a full queue every millisecond until the deadline (an unconnected
        // datagram socket cannot poll for room in the receiver's queue)
        long deadline = System.nanoTime() + sendWaitMillis * 1_000_000L;
        while (true) {
            if (Libc.sendto(fd, txBuf, length, Libc.MSG_DONTWAIT, addr, addrLen) >= 0) return;
            int err = Libc.errno();
            if (err != Libc.EAGAIN || System.nanoTime() >= deadline)
                throw new NativeException("sendto(AF_UNIX)", err, what == null ? lastSenderPath() : what);
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new NativeException("sendto(AF_UNIX)", Libc.EINTR, what == null ? lastSenderPath() : what);
            }
        }
    }

    /**
     * Receives one datagram into {@code into} at {@code offset} without blocking.
     *
     * @return its length, or -1 when none is waiting
     */
    public int receive(ByteBuffer into, int offset) throws NativeException {
        srcLen.set(ValueLayout.JAVA_INT, 0, SOCKADDR_UN_SIZE);
        long n = Libc.recvfrom(fd, rxBuf, MAX_DATAGRAM, Libc.MSG_DONTWAIT, srcAddr, srcLen);
        if (n < 0) {
            int err = Libc.errno();
            if (err == Libc.EAGAIN || err == Libc.EINTR) return -1;
            throw new NativeException("recvfrom(AF_UNIX)", err, path);
        }
        lastSrcLen = srcLen.get(ValueLayout.JAVA_INT, 0);
        int len = (int) Math.min(n, into.capacity() - offset);
        Buffers.copyOut(rxBuf, into, offset, len);
        return len;
    }

    /** Waits up to {@code timeoutMillis} (-1: forever) for a datagram, then receives it; -1 on timeout. */
    public int receive(ByteBuffer into, int offset, int timeoutMillis) throws NativeException {
        return poll(timeoutMillis) ? receive(into, offset) : -1;
    }

    /** Whether a datagram is waiting, after waiting up to {@code timeoutMillis} (-1: forever). */
    public boolean poll(int timeoutMillis) throws NativeException {
        int revents = Libc.pollOne(pollFd, Libc.POLLIN, timeoutMillis, "poll(AF_UNIX)", path);
        return revents > 0 && (revents & Libc.POLLIN) != 0;
    }

    /** The path the last received datagram came from, or "" when its sender was unbound. */
    public String lastSenderPath() {
        if (lastSrcLen <= 2) return "";
        byte[] b = srcAddr.asSlice(2, lastSrcLen - 2).toArray(ValueLayout.JAVA_BYTE);
        int n = 0;
        while (n < b.length && b[n] != 0) n++;
        return new String(b, 0, n, StandardCharsets.UTF_8);
    }

    private void closeFd() {
        if (fd >= 0) {
            Libc.close(fd);
            fd = -1;
        }
        arena.close();
    }

    /** Closes the socket and removes its path (as linuxptp does on exit). Idempotent. */
    @Override
    public void close() {
        if (fd < 0) return;
        closeFd();
        if (path != null) {
            try (Arena a = Arena.ofConfined()) {
                Libc.unlink(a.allocateFrom(path));
            }
        }
    }
}
