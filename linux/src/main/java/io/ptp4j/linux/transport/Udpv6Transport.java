package io.ptp4j.linux.transport;

import io.ptp4j.core.engine.Driver;
import io.ptp4j.linux.Buffers;
import io.ptp4j.linux.Libc;
import io.ptp4j.linux.NativeException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * PTP over UDP/IPv6 (IEEE 1588-2019 Annex D): ports 319/320, primary group ff0X::181 (X =
 * udp6_scope, default 0xE: ff0e::181) and peer-delay group ff02::6b (linuxptp udp6.c). A 128-bit
 * address does not fit a handle, so unicast handles index a small table of peers seen or
 * configured (64 entries, oldest replaced), which keeps receive allocation-free.
 */
public final class Udpv6Transport extends SocketTransport {
    private static final ValueLayout.OfLong BE_LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfShort BE_SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final int SOCKADDR_IN6_SIZE = 28;
    private static final int IPV6_V6ONLY = 26;
    private static final int PEERS = 64;
    /** ff02::6b, the peer-delay group (link-local scope, fixed by Annex D). */
    public static final long PDELAY_HI = 0xff02000000000000L, PDELAY_LO = 0x6bL;

    private final int ifIndex;
    private final long primaryHi;
    private final long primaryLo;
    private final long pdelayHi, pdelayLo;
    private final long[] peerHi = new long[PEERS];
    private final long[] peerLo = new long[PEERS];
    private final int[] peerScope = new int[PEERS];
    private int peerCount;
    private int peerNext;
    private long lastSource = NO_ADDRESS;

    private Udpv6Transport(String iface, int ifIndex, TransportConfig config, TimestampSocket event, TimestampSocket general) {
        super(iface, config, event, general);
        this.ifIndex = ifIndex;
        this.primaryHi = primaryHi(config);
        this.primaryLo = config.groups().v6PrimaryLo();
        this.pdelayHi = config.groups().v6PdelayHi();
        this.pdelayLo = config.groups().v6PdelayLo();
    }

    /** Opens both sockets on {@code iface} (in the calling thread's network namespace). */
    public static Udpv6Transport open(String iface, TransportConfig config) throws NativeException {
        int ifIndex = Libc.ifIndex(iface);
        long primaryHi = primaryHi(config);
        TimestampSocket[] s = openUdpPair(iface, config, (port, dscp) -> openSocket(iface, ifIndex, port, config, primaryHi, dscp));
        return new Udpv6Transport(iface, ifIndex, config, s[0], s[1]);
    }

    /** ptp_dst_ipv6 with its second byte (flags and scope) replaced by udp6_scope, as linuxptp udp6.c does. */
    static long primaryHi(TransportConfig config) {
        return (config.groups().v6PrimaryHi() & ~(0xFFL << 48)) | ((long) config.udp6Scope() << 48);
    }

    private static TimestampSocket openSocket(String iface, int ifIndex, int port, TransportConfig config, long primaryHi,
            int dscp) throws NativeException {
        return setUp(new TimestampSocket(Libc.AF_INET6, Libc.SOCK_DGRAM, 0, iface, "AF_INET6, SOCK_DGRAM"), s -> {
            s.setInt(Libc.SOL_SOCKET, Libc.SO_REUSEADDR, 1, "SO_REUSEADDR");
            s.setInt(Libc.SOL_IPV6, IPV6_V6ONLY, 1, "IPV6_V6ONLY");
            writeSockaddr(s.txName, 0, 0, 0, port);
            s.bind(s.txName, SOCKADDR_IN6_SIZE, "[::]:" + port);
            s.bindToDevice();
            TransportConfig.IpGroups g = config.groups();
            joinGroup(s, primaryHi, g.v6PrimaryLo(), ifIndex, Ipv6Text.of(primaryHi, g.v6PrimaryLo()));
            joinGroup(s, g.v6PdelayHi(), g.v6PdelayLo(), ifIndex, Ipv6Text.of(g.v6PdelayHi(), g.v6PdelayLo()));
            s.setInt(Libc.SOL_IPV6, Libc.IPV6_MULTICAST_IF, ifIndex, "IPV6_MULTICAST_IF");
            s.setInt(Libc.SOL_IPV6, Libc.IPV6_MULTICAST_LOOP, 0, "IPV6_MULTICAST_LOOP");
            s.setInt(Libc.SOL_IPV6, Libc.IPV6_MULTICAST_HOPS, config.udpTtl(), "IPV6_MULTICAST_HOPS");
            if (dscp != 0) s.setInt(Libc.SOL_IPV6, Libc.IPV6_TCLASS, dscp << 2, "IPV6_TCLASS");
        });
    }

    private static void joinGroup(TimestampSocket s, long hi, long lo, int ifIndex, String text) throws NativeException {
        MemorySegment mreq = s.scratch; // struct ipv6_mreq: 16-byte group, int ifindex
        mreq.fill((byte) 0);
        mreq.set(BE_LONG, 0, hi);
        mreq.set(BE_LONG, 8, lo);
        mreq.set(ValueLayout.JAVA_INT, 16, ifIndex);
        s.setOption(Libc.SOL_IPV6, Libc.IPV6_ADD_MEMBERSHIP, mreq, 20, "IPV6_ADD_MEMBERSHIP " + text);
    }

    private static void writeSockaddr(MemorySegment sa, long hi, long lo, int scope, int port) {
        sa.set(ValueLayout.JAVA_SHORT, 0, (short) Libc.AF_INET6);
        sa.set(BE_SHORT, 2, (short) port);
        sa.set(ValueLayout.JAVA_INT, 4, 0);
        sa.set(BE_LONG, 8, hi);
        sa.set(BE_LONG, 16, lo);
        sa.set(ValueLayout.JAVA_INT, 24, scope);
    }

    @Override
    public boolean send(boolean isEvent, ByteBuffer buf, int offset, int length, long destination) {
        TimestampSocket s = isEvent ? event : general;
        int port = isEvent ? Udpv4Transport.EVENT_PORT : Udpv4Transport.GENERAL_PORT;
        if (destination == Driver.MULTICAST) writeSockaddr(s.txName, primaryHi, primaryLo, ifIndex, port);
        else if (destination == Driver.PEER_MULTICAST) writeSockaddr(s.txName, pdelayHi, pdelayLo, ifIndex, port);
        else if (destination >= 0 && destination < peerCount) {
            int i = (int) destination;
            writeSockaddr(s.txName, peerHi[i], peerLo[i], peerScope[i], port);
        } else return false;
        if (length > TimestampSocket.BUF_SIZE) return false;
        Buffers.copyIn(buf, offset, s.txBuf, length);
        return s.send(length, SOCKADDR_IN6_SIZE, isEvent);
    }

    @Override
    public int receive(boolean isEvent, ByteBuffer into, int offset) throws NativeException {
        int n = receiveDatagram(isEvent, into, offset);
        if (n >= 0) lastSource = NO_ADDRESS;
        return n;
    }

    @Override
    public long rxSource() {
        if (lastSource == NO_ADDRESS) {
            MemorySegment sa = last.rxName;
            lastSource = peer(sa.get(BE_LONG, 8), sa.get(BE_LONG, 16), sa.get(ValueLayout.JAVA_INT, 24));
        }
        return lastSource;
    }

    private int peer(long hi, long lo, int scope) {
        for (int i = 0; i < peerCount; i++) {
            if (peerHi[i] == hi && peerLo[i] == lo && peerScope[i] == scope) return i;
        }
        int i = peerCount < PEERS ? peerCount++ : peerNext;
        peerNext = (i + 1) % PEERS;
        peerHi[i] = hi;
        peerLo[i] = lo;
        peerScope[i] = scope;
        return i;
    }

    @Override
    public long resolveUnicast(String address) {
        String a = address.trim();
        if (!a.contains(":") || a.contains("%") || !a.matches("[0-9a-fA-F:.]+")) return NO_ADDRESS;
        try {
            InetAddress ia = InetAddress.getByName(a); // literal only: no DNS for a text of hex digits and colons
            if (!(ia instanceof Inet6Address)) return NO_ADDRESS;
            ByteBuffer b = ByteBuffer.wrap(ia.getAddress());
            long hi = b.getLong(0), lo = b.getLong(8);
            boolean linkLocal = (hi >>> 54) == (0xfe80L >>> 6);
            return peer(hi, lo, linkLocal ? ifIndex : 0);
        } catch (java.net.UnknownHostException e) {
            return NO_ADDRESS;
        }
    }

    @Override
    public String addressText(long h) {
        long hi, lo;
        if (h == Driver.MULTICAST) { hi = primaryHi; lo = primaryLo; }
        else if (h == Driver.PEER_MULTICAST) { hi = pdelayHi; lo = pdelayLo; }
        else if (h >= 0 && h < peerCount) { hi = peerHi[(int) h]; lo = peerLo[(int) h]; }
        else return "?";
        return Ipv6Text.of(hi, lo);
    }
}
