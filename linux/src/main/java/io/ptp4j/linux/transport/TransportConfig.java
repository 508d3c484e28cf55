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
 */
public record TransportConfig(Timestamping timestamping, int udpTtl, int udp6Scope, long ptpDstMac, long p2pDstMac,
        int dscpEvent, int dscpGeneral) {
    public static final long DEFAULT_PTP_DST_MAC = 0x011B19000000L;
    public static final long DEFAULT_P2P_DST_MAC = 0x0180C200000EL;

    public TransportConfig {
        if (udpTtl < 1 || udpTtl > 255) throw new IllegalArgumentException("udp_ttl must be 1..255: " + udpTtl);
        if (udp6Scope < 0 || udp6Scope > 15) throw new IllegalArgumentException("udp6_scope must be 0x0..0xF: " + udp6Scope);
        if (dscpEvent < 0 || dscpEvent > 63) throw new IllegalArgumentException("dscp_event must be 0..63: " + dscpEvent);
        if (dscpGeneral < 0 || dscpGeneral > 63) throw new IllegalArgumentException("dscp_general must be 0..63: " + dscpGeneral);
    }

    /** linuxptp's defaults with hardware timestamping. */
    public static TransportConfig defaults() {
        return new TransportConfig(Timestamping.HARDWARE, 1, 0x0E, DEFAULT_PTP_DST_MAC, DEFAULT_P2P_DST_MAC, 0, 0);
    }

    /** linuxptp's defaults with software timestamping (ptp4l -S). */
    public static TransportConfig software() {
        return defaults().withTimestamping(Timestamping.SOFTWARE);
    }

    public TransportConfig withTimestamping(Timestamping ts) {
        return new TransportConfig(ts, udpTtl, udp6Scope, ptpDstMac, p2pDstMac, dscpEvent, dscpGeneral);
    }

    public TransportConfig withUdpTtl(int ttl) {
        return new TransportConfig(timestamping, ttl, udp6Scope, ptpDstMac, p2pDstMac, dscpEvent, dscpGeneral);
    }

    /** ptp_dst_mac and p2p_dst_mac, as 48-bit numbers. */
    public TransportConfig withMacs(long ptpDst, long p2pDst) {
        return new TransportConfig(timestamping, udpTtl, udp6Scope, ptpDst, p2pDst, dscpEvent, dscpGeneral);
    }

    public TransportConfig withDscp(int event, int general) {
        return new TransportConfig(timestamping, udpTtl, udp6Scope, ptpDstMac, p2pDstMac, event, general);
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

    public TransportConfig withUdp6Scope(int scope) {
        return new TransportConfig(timestamping, udpTtl, scope, ptpDstMac, p2pDstMac, dscpEvent, dscpGeneral);
    }
}
