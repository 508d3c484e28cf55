package io.ptp4j.core.wire;

import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * PortAddress (IEEE 1588-2019 5.3.6, 7.5.2.6 networkProtocol) of an address written as text in a
 * config file: UDP/IPv4 (1, 4 octets) for dotted quads, IEEE 802.3 (3, 6 octets) for a MAC,
 * UDP/IPv6 (2, 16 octets) for an IPv6 literal. Literals only: nothing is looked up.
 */
public final class PortAddresses {
    public static final int UDP_IPV4 = 1, UDP_IPV6 = 2, IEEE_802_3 = 3, UNKNOWN = 0xFFFE;

    private PortAddresses() {}

    public static int networkProtocol(String text) {
        if (mac(text) != null) return IEEE_802_3;
        InetAddress a = literal(text);
        if (a == null) return UNKNOWN;
        return a instanceof Inet6Address ? UDP_IPV6 : UDP_IPV4;
    }

    /** The address octets; none for text that is no literal address. */
    public static byte[] octets(String text) {
        byte[] m = mac(text);
        if (m != null) return m;
        InetAddress a = literal(text);
        return a == null ? new byte[0] : a.getAddress();
    }

    private static byte[] mac(String t) {
        String[] p = t.split("[:-]");
        if (p.length != 6) return null;
        byte[] b = new byte[6];
        for (int i = 0; i < 6; i++) {
            if (p[i].length() != 2) return null;
            try {
                b[i] = (byte) Integer.parseInt(p[i], 16);
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return b;
    }

    private static InetAddress literal(String t) {
        try {
            return InetAddress.ofLiteral(t);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
