package io.ptp4j.core.capture;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Finds the PTP message in an Ethernet frame: raw PTP (ethertype 0x88F7, IEEE 1588 Annex E), or
 * UDP ports 319/320 over IPv4 (Annex C) or IPv6 (Annex D), with an optional 802.1Q tag.
 */
public final class Framing {
    private Framing() {}

    public static final int ETHERTYPE_PTP = 0x88F7;
    public static final int ETHERTYPE_IPV4 = 0x0800;
    public static final int ETHERTYPE_IPV6 = 0x86DD;
    public static final int ETHERTYPE_VLAN = 0x8100;
    public static final int PORT_EVENT = 319;
    public static final int PORT_GENERAL = 320;

    public enum Transport { L2, UDPv4, UDPv6 }

    /** Where the PTP message sits in a frame, and who sent it to whom. */
    public record Located(Transport transport, int offset, int length, String source, String destination) {}

    /** The PTP payload of {@code frame}, or null when the frame carries no PTP. */
    public static Located locate(byte[] frame) {
        if (frame.length < 14) return null;
        int off = 12;
        int ethertype = u16(frame, off);
        if (ethertype == ETHERTYPE_VLAN) {
            if (frame.length < 18) return null;
            off += 4;
            ethertype = u16(frame, off);
        }
        off += 2;
        return switch (ethertype) {
            case ETHERTYPE_PTP -> new Located(Transport.L2, off, frame.length - off, mac(frame, 6), mac(frame, 0));
            case ETHERTYPE_IPV4 -> ipv4(frame, off);
            case ETHERTYPE_IPV6 -> ipv6(frame, off);
            default -> null;
        };
    }

    private static Located ipv4(byte[] f, int ip) {
        if (f.length < ip + 20) return null;
        int ihl = (f[ip] & 0x0F) * 4;
        if ((f[ip] & 0xF0) != 0x40 || ihl < 20 || (f[ip + 9] & 0xFF) != 17) return null;
        int udp = ip + ihl;
        return udp(f, udp, Transport.UDPv4, addr(f, ip + 12, 4), addr(f, ip + 16, 4));
    }

    private static Located ipv6(byte[] f, int ip) {
        if (f.length < ip + 40 || (f[ip + 6] & 0xFF) != 17) return null;
        return udp(f, ip + 40, Transport.UDPv6, addr(f, ip + 8, 16), addr(f, ip + 24, 16));
    }

    private static Located udp(byte[] f, int udp, Transport t, String src, String dst) {
        if (f.length < udp + 8) return null;
        int dport = u16(f, udp + 2);
        int sport = u16(f, udp);
        if (dport != PORT_EVENT && dport != PORT_GENERAL && sport != PORT_EVENT && sport != PORT_GENERAL) return null;
        int udpLen = u16(f, udp + 4);
        int len = Math.min(udpLen - 8, f.length - udp - 8);
        if (len < 0) return null;
        return new Located(t, udp + 8, len, src, dst);
    }

    private static int u16(byte[] f, int off) {
        return (f[off] & 0xFF) << 8 | (f[off + 1] & 0xFF);
    }

    private static String mac(byte[] f, int off) {
        StringBuilder sb = new StringBuilder(17);
        for (int i = 0; i < 6; i++) {
            if (i > 0) sb.append(':');
            sb.append(Character.forDigit((f[off + i] >> 4) & 0xF, 16)).append(Character.forDigit(f[off + i] & 0xF, 16));
        }
        return sb.toString();
    }

    private static String addr(byte[] f, int off, int len) {
        byte[] a = new byte[len];
        System.arraycopy(f, off, a, 0, len);
        try {
            return InetAddress.getByAddress(a).getHostAddress();
        } catch (UnknownHostException e) {
            return "?";
        }
    }

    /** Wraps a PTP message in Ethernet + IPv4 + UDP (checksum 0) for captures the tests write. */
    public static byte[] udp4Frame(byte[] ptp, boolean event, byte[] srcIp, byte[] dstIp) {
        int total = 14 + 20 + 8 + ptp.length;
        byte[] f = new byte[total];
        byte[] dstMac = {0x01, 0x00, 0x5e, 0x00, 0x01, (byte) 0x81};
        System.arraycopy(dstMac, 0, f, 0, 6);
        byte[] srcMac = {0x02, 0x00, 0x00, 0x00, 0x00, 0x01};
        System.arraycopy(srcMac, 0, f, 6, 6);
        f[12] = 0x08;
        int ip = 14;
        f[ip] = 0x45;
        put16(f, ip + 2, 20 + 8 + ptp.length);
        f[ip + 8] = 1;
        f[ip + 9] = 17;
        System.arraycopy(srcIp, 0, f, ip + 12, 4);
        System.arraycopy(dstIp, 0, f, ip + 16, 4);
        int sum = 0;
        for (int i = 0; i < 20; i += 2) sum += ((f[ip + i] & 0xFF) << 8) | (f[ip + i + 1] & 0xFF);
        while ((sum >> 16) != 0) sum = (sum & 0xFFFF) + (sum >> 16);
        put16(f, ip + 10, ~sum & 0xFFFF);
        int udp = ip + 20;
        int port = event ? PORT_EVENT : PORT_GENERAL;
        put16(f, udp, port);
        put16(f, udp + 2, port);
        put16(f, udp + 4, 8 + ptp.length);
        System.arraycopy(ptp, 0, f, udp + 8, ptp.length);
        return f;
    }

    /** Wraps a PTP message in an Ethernet frame with ethertype 0x88F7. */
    public static byte[] l2Frame(byte[] ptp, boolean peerDelay) {
        byte[] f = new byte[14 + ptp.length];
        byte[] dst = peerDelay ? new byte[] {0x01, (byte) 0x80, (byte) 0xC2, 0, 0, 0x0E} : new byte[] {0x01, 0x1B, 0x19, 0, 0, 0};
        System.arraycopy(dst, 0, f, 0, 6);
        byte[] src = {0x02, 0x00, 0x00, 0x00, 0x00, 0x01};
        System.arraycopy(src, 0, f, 6, 6);
        put16(f, 12, ETHERTYPE_PTP);
        System.arraycopy(ptp, 0, f, 14, ptp.length);
        return f;
    }

    private static void put16(byte[] f, int off, int v) {
        f[off] = (byte) (v >> 8);
        f[off + 1] = (byte) v;
    }
}
