package io.ptp4j.linux.rtnl;

import io.ptp4j.linux.Libc;
import io.ptp4j.linux.NativeException;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Watches the links of a ptp4l's ports through rtnetlink, as linuxptp's ports do (rtnl.c,
 * port.c FD_RTNL): one NETLINK_ROUTE socket in RTMGRP_LINK, an RTM_GETLINK query per port at
 * start, and for every RTM_NEWLINK of a port's interface: whether it is running, and the
 * interface that timestamps for it, its ts label (a bond's IFLA_BOND_ACTIVE_SLAVE, a team's
 * active port; otherwise the interface itself). The event loop polls {@link #fd()} and calls
 * {@link #drain} when it is readable. Link news is rare: this path may allocate.
 */
public final class LinkWatch implements AutoCloseable {
    /** What a port hears. */
    @FunctionalInterface
    public interface Listener {
        /** Port {@code port} (1-based): link {@code up}, timestamped by interface {@code tsLabel}. */
        void link(int port, boolean up, String tsLabel);
    }

    /** Resolves an active slave's index to its name (if_indextoname), replaceable in tests. */
    @FunctionalInterface
    interface Names {
        String of(int ifIndex);
    }

    private final NetlinkSocket socket;
    private final String[] names;
    private final int[] ifIndex;
    private final String[] label;
    private final ByteBuffer request = Netlink.buffer(64);
    private int seq;

    private LinkWatch(NetlinkSocket socket, List<String> interfaces, int[] ifIndex) {
        this.socket = socket;
        this.names = interfaces.toArray(new String[0]);
        this.ifIndex = ifIndex;
        this.label = names.clone();
    }

    /** Opens the socket for {@code interfaces} (port 1 first) in this thread's network namespace. */
    public static LinkWatch open(List<String> interfaces) throws NativeException {
        int[] idx = new int[interfaces.size()];
        for (int i = 0; i < idx.length; i++) idx[i] = Libc.ifIndex(interfaces.get(i));
        return new LinkWatch(NetlinkSocket.routeLinks(), interfaces, idx);
    }

    public int fd() {
        return socket.fd();
    }

    /** Asks the kernel for every port's link now (linuxptp rtnl_link_query); the answers come through {@link #drain}. */
    public void queryAll() throws NativeException {
        for (int index : ifIndex) {
            LinkMessages.getLink(request, index, ++seq);
            socket.send(request);
        }
    }

    /**
     * Reads what is waiting and tells {@code listener} of each port's news. A lost message
     * (ENOBUFS: the socket's buffer overflowed) queries every port again.
     */
    public void drain(Listener listener) throws NativeException {
        while (true) {
            int n;
            try {
                n = socket.receive();
            } catch (NativeException e) {
                if (e.errno() != 105) throw e; // ENOBUFS
                queryAll();
                continue;
            }
            if (n < 0) return;
            dispatch(socket.data(), n, listener, Libc::ifIndexToName, TeamActivePort::query);
        }
    }

    /** The port news in one datagram (tests feed it messages they built). */
    void dispatch(ByteBuffer data, int length, Listener listener, Names ifNames, java.util.function.IntUnaryOperator team) {
        LinkMessages.parse(data, length, (index, running, kind, slave) -> {
            for (int p = 0; p < ifIndex.length; p++) {
                if (ifIndex[p] != index) continue;
                int ts = "team".equals(kind) ? team.applyAsInt(index) : slave;
                String name = ts > 0 ? ifNames.of(ts) : null;
                if (name != null) label[p] = name;
                listener.link(p + 1, running, label[p]);
            }
        });
    }

    /** The interface now timestamping for port {@code port} (1-based). */
    public String tsLabel(int port) {
        return label[port - 1];
    }

    static LinkWatch forTest(List<String> interfaces, int[] ifIndex) {
        return new LinkWatch(null, interfaces, ifIndex);
    }

    @Override
    public void close() {
        if (socket != null) socket.close();
    }
}
