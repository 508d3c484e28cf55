package io.ptp4j.core.wire;

/** ClockIdentity helpers (IEEE 1588-2019 5.3.4, 7.5.2.2). A clockIdentity is kept as a long. */
public final class ClockIdentity {
    private ClockIdentity() {}

    /** linuxptp's text form, e.g. {@code 6e6886.fffe.d36905}. */
    public static String format(long id) {
        StringBuilder sb = new StringBuilder(18);
        for (int i = 0; i < 8; i++) {
            int b = (int) (id >>> (56 - 8 * i)) & 0xFF;
            if (i == 3 || i == 5) sb.append('.');
            sb.append(Character.forDigit(b >>> 4, 16)).append(Character.forDigit(b & 0xF, 16));
        }
        return sb.toString();
    }

    /** Parses {@code 6e6886.fffe.d36905} (dots optional); throws IllegalArgumentException naming the text. */
    public static long parse(String text) {
        String hex = text.replace(".", "");
        if (hex.length() != 16) throw new IllegalArgumentException("bad clock identity '" + text + "'");
        try {
            return Long.parseUnsignedLong(hex, 16);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad clock identity '" + text + "'");
        }
    }

    /** EUI-64 from a 48-bit MAC by inserting FF:FE in the middle, as linuxptp does. */
    public static long fromMac(byte[] mac) {
        if (mac.length != 6) throw new IllegalArgumentException("MAC must have 6 bytes");
        long id = 0;
        for (int i = 0; i < 3; i++) id = (id << 8) | (mac[i] & 0xFF);
        id = (id << 16) | 0xFFFE;
        for (int i = 3; i < 6; i++) id = (id << 8) | (mac[i] & 0xFF);
        return id;
    }
}
