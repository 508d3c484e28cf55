package io.ptp4j.linux.transport;

/**
 * The ptp4l options a transport needs, with linuxptp 3.1.1's defaults in {@link #defaults()}.
 *
 * @param timestamping         time_stamping (software with -S)
 * @param udpTtl               udp_ttl: IP TTL / hop limit of multicast messages (default 1)
 * @param udp6Scope            udp6_scope: the scope nibble of ff0X::181 (default 0x0E, global)
 * @param ptpDstMac            ptp_dst_mac for L2, as a 48-bit number (default 01:1B:19:00:00:00)
 * @param p2pDstMac            p2p_dst_mac for L2 (default 01:80:C2:00:00:0E)
 * @param dscpEvent            dscp_event (default 0)
 * @param dscpGeneral          dscp_general (default 0)
 * @param groups               ptp_dst_ipv4, p2p_dst_ipv4, ptp_dst_ipv6, p2p_dst_ipv6
 * @param socketPriority       socket_priority: SO_PRIORITY of the L2 socket for qdisc shaping (0: left alone; UDP ignores it, as linuxptp does)
 * @param hwtsFilter           hwts_filter: how SIOCSHWTSTAMP is used with hardware stamps (default normal)
 */
public record TransportConfig(Timestamping timestamping, int udpTtl, int udp6Scope, long ptpDstMac, long p2pDstMac,
        int dscpEvent, int dscpGeneral, IpGroups groups, int socketPriority, HardwareTimestamps.FilterMode hwtsFilter) {
    /**
     * The UDP multicast groups (linuxptp 4 udp.c, udp6.c). The IPv6 primary group's scope nibble
     * is udp6_scope's, whatever ptp_dst_ipv6 says, as linuxptp overwrites it.
     */
    public record IpGroups(int v4Primary, int v4Pdelay, long v6PrimaryHi, long v6PrimaryLo, long v6PdelayHi, long v6PdelayLo) {
        /** 224.0.1.129, 224.0.0.107, ff0e::181, ff02::6b. */
        public static final IpGroups DEFAULT = new IpGroups(0xE0000181, 0xE000006B, 0xff0e000000000000L, 0x181L, 0xff02000000000000L, 0x6bL);

        /** From the four keys' text; IllegalArgumentException names the key and the value. */
        public static IpGroups parse(String ptpDstIpv4, String p2pDstIpv4, String ptpDstIpv6, String p2pDstIpv6) {
            int a = ipv4("ptp_dst_ipv4", ptpDstIpv4), b = ipv4("p2p_dst_ipv4", p2pDstIpv4);
            byte[] c = ipv6("ptp_dst_ipv6", ptpDstIpv6), d = ipv6("p2p_dst_ipv6", p2pDstIpv6);
            return new IpGroups(a, b, word(c, 0), word(c, 8), word(d, 0), word(d, 8));
        }

        private static int ipv4(String key, String text) {
            try {
                byte[] b = java.net.Inet4Address.ofLiteral(text.trim()).getAddress();
                return (b[0] & 0xFF) << 24 | (b[1] & 0xFF) << 16 | (b[2] & 0xFF) << 8 | (b[3] & 0xFF);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("invalid " + key + " " + text);
            }
        }

        private static byte[] ipv6(String key, String text) {
            try {
                return java.net.Inet6Address.ofLiteral(text.trim()).getAddress();
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("invalid " + key + " " + text);
            }
        }

        private static long word(byte[] b, int at) {
            long v = 0;
            for (int i = 0; i < 8; i++) v = v << 8 | (b[at + i] & 0xFF);
            return v;
        }

        /** Dotted text of an IPv4 group. */
        public static String v4Text(int a) {
            return (a >>> 24) + "." + (a >>> 16 & 0xFF) + "." + (a >>> 8 & 0xFF) + "." + (a & 0xFF);
        }
    }

    public static final long DEFAULT_PTP_DST_MAC = 0x011B19000000L;
    public static final long DEFAULT_P2P_DST_MAC = 0x0180C200000EL;

    public TransportConfig {
        if (udpTtl < 1 || udpTtl > 255) throw new IllegalArgumentException("udp_ttl must be 1..255: " + udpTtl);
        if (udp6Scope < 0 || udp6Scope > 15) throw new IllegalArgumentException("udp6_scope must be 0x0..0xF: " + udp6Scope);
        if (dscpEvent < 0 || dscpEvent > 63) throw new IllegalArgumentException("dscp_event must be 0..63: " + dscpEvent);
        if (dscpGeneral < 0 || dscpGeneral > 63) throw new IllegalArgumentException("dscp_general must be 0..63: " + dscpGeneral);
        if (socketPriority < 0 || socketPriority > 15) throw new IllegalArgumentException("socket_priority must be 0..15: " + socketPriority);
    }

    /** linuxptp's defaults with hardware timestamping. */
    public static TransportConfig defaults() {
        return new TransportConfig(Timestamping.HARDWARE, 1, 0x0E, DEFAULT_PTP_DST_MAC, DEFAULT_P2P_DST_MAC, 0, 0, IpGroups.DEFAULT, 0, HardwareTimestamps.FilterMode.NORMAL);
    }

    /** linuxptp's defaults with software timestamping (ptp4l -S). */
    public static TransportConfig software() {
        return defaults().withTimestamping(Timestamping.SOFTWARE);
    }

    public TransportConfig withTimestamping(Timestamping ts) {
        return new TransportConfig(ts, udpTtl, udp6Scope, ptpDstMac, p2pDstMac, dscpEvent, dscpGeneral, groups, socketPriority, hwtsFilter);
    }

    public TransportConfig withUdpTtl(int ttl) {
        return new TransportConfig(timestamping, ttl, udp6Scope, ptpDstMac, p2pDstMac, dscpEvent, dscpGeneral, groups, socketPriority, hwtsFilter);
    }

    /** ptp_dst_mac and p2p_dst_mac, as 48-bit numbers. */
    public TransportConfig withMacs(long ptpDst, long p2pDst) {
        return new TransportConfig(timestamping, udpTtl, udp6Scope, ptpDst, p2pDst, dscpEvent, dscpGeneral, groups, socketPriority, hwtsFilter);
    }

    public TransportConfig withDscp(int event, int general) {
        return new TransportConfig(timestamping, udpTtl, udp6Scope, ptpDstMac, p2pDstMac, event, general, groups, socketPriority, hwtsFilter);
    }

    /** Parses "01:1B:19:00:00:00" into a 48-bit number; IllegalArgumentException names what is wrong. */
    public static long parseMac(String text) {
        String[] p = text.trim().split(":", -1);
        if (p.length != 6) throw new IllegalArgumentException("'" + text + "' is not a MAC address (six hex bytes separated by ':')");
        long v = 0;
        for (String b : p) {
            if (b.length() != 2 || !b.chars().allMatch(ch -> Character.digit(ch, 16) >= 0))
                throw new IllegalArgumentException("'" + text + "' is not a MAC address (six hex bytes separated by ':')");
            v = (v << 8) | Integer.parseInt(b, 16);
        }
        return v;
    }

    public TransportConfig withGroups(IpGroups g) {
        return new TransportConfig(timestamping, udpTtl, udp6Scope, ptpDstMac, p2pDstMac, dscpEvent, dscpGeneral, g, socketPriority, hwtsFilter);
    }

    public TransportConfig withSocketPriority(int priority) {
        return new TransportConfig(timestamping, udpTtl, udp6Scope, ptpDstMac, p2pDstMac, dscpEvent, dscpGeneral, groups, priority, hwtsFilter);
    }

    public TransportConfig withHwtsFilter(HardwareTimestamps.FilterMode mode) {
        return new TransportConfig(timestamping, udpTtl, udp6Scope, ptpDstMac, p2pDstMac, dscpEvent, dscpGeneral, groups, socketPriority, mode);
    }

    public TransportConfig withUdp6Scope(int scope) {
        return new TransportConfig(timestamping, udpTtl, scope, ptpDstMac, p2pDstMac, dscpEvent, dscpGeneral, groups, socketPriority, hwtsFilter);
    }
}
