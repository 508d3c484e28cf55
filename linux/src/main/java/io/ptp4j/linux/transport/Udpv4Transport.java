package io.ptp4j.linux.transport;

import io.ptp4j.core.engine.Driver;
import io.ptp4j.linux.Buffers;
import io.ptp4j.linux.Libc;
import io.ptp4j.linux.NativeException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * PTP over UDP/IPv4 (IEEE 1588-2019 Annex C): event port 319, general port 320, the primary
 * group 224.0.1.129 and the peer-delay group 224.0.0.107, joined on the interface (linuxptp
 * udp.c). Unicast handles are the IPv4 address as an unsigned 32-bit number.
 */
public final class Udpv4Transport extends SocketTransport {
    public static final int EVENT_PORT = 319;
    public static final int GENERAL_PORT = 320;
    public static final int PRIMARY_GROUP = 0xE0000181; // 224.0.1.129
    public static final int PDELAY_GROUP = 0xE000006B; // 224.0.0.107
    private static final ValueLayout.OfInt BE_INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfShort BE_SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final int SOCKADDR_IN_SIZE = 16;

    private Udpv4Transport(String iface, TransportConfig config, TimestampSocket event, TimestampSocket general) {
        super(iface, config, event, general);
    }

    /** Opens both sockets on {@code iface} (in the calling thread's network namespace). */
    public static Udpv4Transport open(String iface, TransportConfig config) throws NativeException {
        int ifIndex = Libc.ifIndex(iface);
        TimestampSocket[] s = openUdpPair(iface, config, (port, dscp) -> openSocket(iface, ifIndex, port, config, dscp));
        return new Udpv4Transport(iface, config, s[0], s[1]);
    }

    private static TimestampSocket openSocket(String iface, int ifIndex, int port, TransportConfig config, int dscp)
            throws NativeException {
        return setUp(new TimestampSocket(Libc.AF_INET, Libc.SOCK_DGRAM, 0, iface, "AF_INET, SOCK_DGRAM"), s -> {
            s.setInt(Libc.SOL_SOCKET, Libc.SO_REUSEADDR, 1, "SO_REUSEADDR");
            writeSockaddr(s.txName, 0, port);
            s.bind(s.txName, SOCKADDR_IN_SIZE, "0.0.0.0:" + port);
            s.bindToDevice();
            TransportConfig.IpGroups g = config.groups();
            joinGroup(s, g.v4Primary(), ifIndex, TransportConfig.IpGroups.v4Text(g.v4Primary()));
            joinGroup(s, g.v4Pdelay(), ifIndex, TransportConfig.IpGroups.v4Text(g.v4Pdelay()));
            MemorySegment mreqn = s.scratch;
            mreqn.fill((byte) 0);
            mreqn.set(ValueLayout.JAVA_INT, 8, ifIndex);
            s.setOption(Libc.SOL_IP, Libc.IP_MULTICAST_IF, mreqn, 12, "IP_MULTICAST_IF");
            s.setInt(Libc.SOL_IP, Libc.IP_MULTICAST_LOOP, 0, "IP_MULTICAST_LOOP");
            s.setInt(Libc.SOL_IP, Libc.IP_MULTICAST_TTL, config.udpTtl(), "IP_MULTICAST_TTL");
            if (dscp != 0) s.setInt(Libc.SOL_IP, Libc.IP_TOS, dscp << 2, "IP_TOS");
        });
    }

    private static void joinGroup(TimestampSocket s, int group, int ifIndex, String text) throws NativeException {
        MemorySegment mreqn = s.scratch; // struct ip_mreqn: multiaddr, address, ifindex
        mreqn.fill((byte) 0);
        mreqn.set(BE_INT, 0, group);
        mreqn.set(ValueLayout.JAVA_INT, 8, ifIndex);
        s.setOption(Libc.SOL_IP, Libc.IP_ADD_MEMBERSHIP, mreqn, 12, "IP_ADD_MEMBERSHIP " + text);
    }

    private static void writeSockaddr(MemorySegment sa, int addr, int port) {
        sa.set(ValueLayout.JAVA_SHORT, 0, (short) Libc.AF_INET);
        sa.set(BE_SHORT, 2, (short) port);
        sa.set(BE_INT, 4, addr);
        sa.set(ValueLayout.JAVA_LONG, 8, 0L);
    }

    @Override
    public boolean send(boolean isEvent, ByteBuffer buf, int offset, int length, long destination) {
        TimestampSocket s = isEvent ? event : general;
        int addr;
        if (destination == Driver.MULTICAST) addr = config.groups().v4Primary();
        else if (destination == Driver.PEER_MULTICAST) addr = config.groups().v4Pdelay();
        else if (destination >= 0 && destination <= 0xffffffffL) addr = (int) destination;
        else return false;
        if (length > TimestampSocket.BUF_SIZE) return false;
        writeSockaddr(s.txName, addr, isEvent ? EVENT_PORT : GENERAL_PORT);
        Buffers.copyIn(buf, offset, s.txBuf, length);
        return s.send(length, SOCKADDR_IN_SIZE, isEvent);
    }

    @Override
    public int receive(boolean isEvent, ByteBuffer into, int offset) throws NativeException {
        return receiveDatagram(isEvent, into, offset);
    }

    @Override
    public long rxSource() {
        return last.rxName.get(BE_INT, 4) & 0xffffffffL;
    }

    @Override
    public long resolveUnicast(String address) {
        String[] p = address.trim().split("\\.", -1);
        if (p.length != 4) return NO_ADDRESS;
        long v = 0;
        for (String part : p) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)) return NO_ADDRESS;
            int b = Integer.parseInt(part);
            if (b > 255) return NO_ADDRESS;
            v = (v << 8) | b;
        }
        return v;
    }

    @Override
    public String addressText(long h) {
        if (h == Driver.MULTICAST) return TransportConfig.IpGroups.v4Text(config.groups().v4Primary());
        if (h == Driver.PEER_MULTICAST) return TransportConfig.IpGroups.v4Text(config.groups().v4Pdelay());
        if (h < 0 || h > 0xffffffffL) return "?";
        return ((h >>> 24) & 255) + "." + ((h >>> 16) & 255) + "." + ((h >>> 8) & 255) + "." + (h & 255);
    }

}
