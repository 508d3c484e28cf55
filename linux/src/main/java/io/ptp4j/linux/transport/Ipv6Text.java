package io.ptp4j.linux.transport;

import java.nio.ByteBuffer;

/** IPv6 addresses as text, as inet_ntop and RFC 5952 write them (logs, pmc's protocolAddress). */
public final class Ipv6Text {
    private Ipv6Text() {}

    /** The 16 octets of an address. */
    public static String of(byte[] address) {
        ByteBuffer b = ByteBuffer.wrap(address);
        return of(b.getLong(0), b.getLong(8));
    }

    /** The address whose high and low 64 bits are given; RFC 5952 text: lower case, the longest run of two or more zero groups as "::". */
    public static String of(long hi, long lo) {
        int[] g = new int[8];
        for (int i = 0; i < 4; i++) {
            g[i] = (int) (hi >>> (48 - 16 * i)) & 0xffff;
            g[i + 4] = (int) (lo >>> (48 - 16 * i)) & 0xffff;
        }
        int bestStart = -1, bestLen = 1;
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) { i++; continue; }
            int j = i;
            while (j < 8 && g[j] == 0) j++;
            if (j - i > bestLen) { bestStart = i; bestLen = j - i; }
            i = j;
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                b.append("::");
                i += bestLen - 1;
                continue;
            }
            if (b.length() > 0 && b.charAt(b.length() - 1) != ':') b.append(':');
            b.append(Integer.toHexString(g[i]));
        }
        return b.toString();
    }
}
