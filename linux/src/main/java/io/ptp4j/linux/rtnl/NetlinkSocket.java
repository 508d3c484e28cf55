package io.ptp4j.linux.rtnl;

import io.ptp4j.linux.Libc;
import io.ptp4j.linux.NativeException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A netlink socket (linuxptp rtnl.c nl_open): AF_NETLINK, SOCK_RAW, bound to the kernel's
 * multicast {@code groups}; non-blocking, so the event loop polls it. Messages are read into and
 * written from one native buffer, seen as a host-order ByteBuffer. Not thread-safe.
 */
public final class NetlinkSocket implements AutoCloseable {
    /** Large enough for any link message (linuxptp starts with 4096 and grows on MSG_TRUNC). */
    private static final int BUFFER = 64 * 1024;
    private static final int SOCKADDR_NL = 12;

    private final Arena arena = Arena.ofShared();
    private final int fd;
    private final MemorySegment buf = arena.allocate(BUFFER, 8);
    private final ByteBuffer view = buf.asByteBuffer().order(ByteOrder.nativeOrder());
    private final MemorySegment kernel = arena.allocate(SOCKADDR_NL, 4);
    private boolean closed;

    private NetlinkSocket(int fd) {
        this.fd = fd;
        kernel.set(ValueLayout.JAVA_SHORT, 0, (short) Netlink.AF_NETLINK); // pid 0, groups 0: the kernel
    }

    /** NETLINK_ROUTE bound to RTMGRP_LINK: every link change in this network namespace. */
    public static NetlinkSocket routeLinks() throws NativeException {
        return open(Netlink.NETLINK_ROUTE, Netlink.RTMGRP_LINK);
    }

    static NetlinkSocket open(int protocol, int groups) throws NativeException {
        int fd = Libc.socket(Netlink.AF_NETLINK, Libc.SOCK_RAW | Libc.SOCK_NONBLOCK | Libc.SOCK_CLOEXEC, protocol);
        if (fd < 0) throw new NativeException("failed to open netlink socket: socket", Libc.errno());
        NetlinkSocket s = new NetlinkSocket(fd);
        try (Arena a = Arena.ofConfined()) {
            MemorySegment sa = a.allocate(SOCKADDR_NL, 4);
            sa.set(ValueLayout.JAVA_SHORT, 0, (short) Netlink.AF_NETLINK);
            sa.set(ValueLayout.JAVA_INT, 8, groups);
            if (Libc.bind(fd, sa, SOCKADDR_NL) < 0) {
                int e = Libc.errno();
                s.close();
                throw new NativeException("failed to bind netlink socket: bind", e);
            }
        }
        return s;
    }

    public int fd() {
        return fd;
    }

    /** Sends {@code request} (position to limit) to the kernel. */
    public void send(ByteBuffer request) throws NativeException {
        int len = request.remaining();
        MemorySegment.copy(MemorySegment.ofBuffer(request), 0, buf, 0, len);
        if (Libc.sendto(fd, buf, len, 0, kernel, SOCKADDR_NL) < 0) throw new NativeException("rtnl: sendto", Libc.errno());
    }

    /**
     * Receives one datagram without blocking: its length (the bytes are in {@link #data()} from
     * 0), or -1 when nothing is waiting.
     */
    public int receive() throws NativeException {
        long n = Libc.recvfrom(fd, buf, BUFFER, 0, MemorySegment.NULL, MemorySegment.NULL);
        if (n < 0) {
            int e = Libc.errno();
            if (e == Libc.EAGAIN || e == Libc.EINTR) return -1;
            throw new NativeException("rtnl: recvmsg", e);
        }
        return (int) n;
    }

    /** The last datagram received (host byte order). */
    public ByteBuffer data() {
        return view;
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        Libc.close(fd);
        arena.close();
    }
}
