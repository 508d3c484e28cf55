package io.ptp4j.linux.transport;

import io.ptp4j.core.engine.Driver;
import io.ptp4j.linux.Buffers;
import io.ptp4j.linux.Libc;
import io.ptp4j.linux.NativeException;
import io.ptp4j.linux.ethtool.HardwareAddress;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * PTP over IEEE 802.3 Ethernet (IEEE 1588-2019 Annex E): one AF_PACKET SOCK_RAW socket bound to
 * the interface and ethertype 0x88F7, members of ptp_dst_mac (01:1B:19:00:00:00) and p2p_dst_mac
 * (01:80:C2:00:00:0E), as linuxptp raw.c. This class writes and strips the 14-byte Ethernet
 * header. Event and general messages share the socket, so the TX stamp of the last event message
 * is picked out of the error queue by its OPT_ID key. Unicast handles are 48-bit MAC addresses.
 */
public final class RawEthernetTransport extends SocketTransport {
    public static final int ETH_P_1588 = 0x88F7;
    static final int ETH_HLEN = 14;
    private static final int ETH_P_8021Q = 0x8100;
    private static final int PACKET_OUTGOING = 4;
    private static final int SOCKADDR_LL_SIZE = 20;
    private static final ValueLayout.OfShort BE_SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

    private final TimestampSocket sock;
    private final long ownMac;
    private long lastSource = NO_ADDRESS;

    /** Event and general messages share {@code sock}. */
    private RawEthernetTransport(String iface, TransportConfig config, TimestampSocket sock, long ownMac) {
        super(iface, config, sock, sock);
        this.sock = sock;
        this.ownMac = ownMac;
    }

    /** Opens the socket on {@code iface} (in the calling thread's network namespace). */
    public static RawEthernetTransport open(String iface, TransportConfig config) throws NativeException {
        int ifIndex = Libc.ifIndex(iface);
        long mac = HardwareAddress.of(iface);
        if (config.timestamping() == Timestamping.HARDWARE) HardwareTimestamps.enable(iface, true);
        int protoBe = Short.toUnsignedInt(Short.reverseBytes((short) ETH_P_1588));
        TimestampSocket sock = setUp(new TimestampSocket(Libc.AF_PACKET, Libc.SOCK_RAW, protoBe, iface, "AF_PACKET, SOCK_RAW"), s -> {
            MemorySegment ll = s.txName; // struct sockaddr_ll
            ll.fill((byte) 0);
            ll.set(ValueLayout.JAVA_SHORT, 0, (short) Libc.AF_PACKET);
            ll.set(BE_SHORT, 2, (short) ETH_P_1588);
            ll.set(ValueLayout.JAVA_INT, 4, ifIndex);
            s.bind(ll, SOCKADDR_LL_SIZE, "AF_PACKET, ethertype 0x88F7");
            // socket_priority: lets a qdisc (mqprio, taprio) give PTP its own traffic class (raw.c)
            if (config.socketPriority() > 0) s.setInt(Libc.SOL_SOCKET, Libc.SO_PRIORITY, config.socketPriority(), "SO_PRIORITY");
            addMembership(s, ifIndex, config.ptpDstMac());
            addMembership(s, ifIndex, config.p2pDstMac());
            s.enableTimestamping(config.timestamping());
        });
        return new RawEthernetTransport(iface, config, sock, mac);
    }

    private static void addMembership(TimestampSocket s, int ifIndex, long mac) throws NativeException {
        MemorySegment mr = s.scratch; // struct packet_mreq: ifindex, type, alen, address[8]
        mr.fill((byte) 0);
        mr.set(ValueLayout.JAVA_INT, 0, ifIndex);
        mr.set(ValueLayout.JAVA_SHORT, 4, (short) Libc.PACKET_MR_MULTICAST);
        mr.set(ValueLayout.JAVA_SHORT, 6, (short) 6);
        putMac(mr, 8, mac);
        s.setOption(Libc.SOL_PACKET, Libc.PACKET_ADD_MEMBERSHIP, mr, 16,
                "PACKET_ADD_MEMBERSHIP " + HardwareAddress.text(mac));
    }

    private static void putMac(MemorySegment m, long off, long mac) {
        for (int i = 0; i < 6; i++) m.set(ValueLayout.JAVA_BYTE, off + i, (byte) (mac >>> (40 - 8 * i)));
    }

    private static long getMac(MemorySegment m, long off) {
        long mac = 0;
        for (int i = 0; i < 6; i++) mac = (mac << 8) | (m.get(ValueLayout.JAVA_BYTE, off + i) & 0xff);
        return mac;
    }

    /** This interface's MAC address, the source of every frame sent. */
    public long macAddress() {
        return ownMac;
    }

    @Override
    public boolean send(boolean event, ByteBuffer buf, int offset, int length, long destination) {
        long dst;
        if (destination == Driver.MULTICAST) dst = config.ptpDstMac();
        else if (destination == Driver.PEER_MULTICAST) dst = config.p2pDstMac();
        else if (destination >= 0 && destination <= 0xffff_ffff_ffffL) dst = destination;
        else return false;
        if (length + ETH_HLEN > TimestampSocket.BUF_SIZE) return false;
        MemorySegment f = sock.txBuf;
        putMac(f, 0, dst);
        putMac(f, 6, ownMac);
        f.set(BE_SHORT, 12, (short) ETH_P_1588);
        Buffers.copyIn(buf, offset, f, ETH_HLEN, length);
        return sock.send(length + ETH_HLEN, 0, event);
    }

    @Override
    public int receive(boolean event, ByteBuffer into, int offset) throws NativeException {
        while (true) {
            int n = sock.receive();
            if (n < 0) return -1;
            if ((sock.rxName.get(ValueLayout.JAVA_BYTE, 10) & 0xff) == PACKET_OUTGOING) continue;
            int hdr = ETH_HLEN;
            int type = Short.toUnsignedInt(sock.rxBuf.get(BE_SHORT, 12));
            if (type == ETH_P_8021Q && n >= 18) {
                hdr += 4;
                type = Short.toUnsignedInt(sock.rxBuf.get(BE_SHORT, 16));
            }
            if (type != ETH_P_1588 || n < hdr) continue;
            lastSource = getMac(sock.rxBuf, 6);
            int len = Math.min(n - hdr, into.capacity() - offset);
            Buffers.copyOut(sock.rxBuf, hdr, into, offset, len);
            return len;
        }
    }

    @Override
    public long rxSource() {
        return lastSource;
    }

    @Override
    public long resolveUnicast(String address) {
        long mac = HardwareAddress.parse(address);
        return mac < 0 ? NO_ADDRESS : mac;
    }

    @Override
    public String addressText(long h) {
        if (h == Driver.MULTICAST) return HardwareAddress.text(config.ptpDstMac());
        if (h == Driver.PEER_MULTICAST) return HardwareAddress.text(config.p2pDstMac());
        return h < 0 ? "?" : HardwareAddress.text(h);
    }

}
