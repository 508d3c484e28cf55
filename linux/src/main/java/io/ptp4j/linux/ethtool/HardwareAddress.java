package io.ptp4j.linux.ethtool;

import io.ptp4j.linux.NativeException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** An interface's MAC address (SIOCGIFHWADDR), as a 48-bit number, and its usual text. */
public final class HardwareAddress {
    private HardwareAddress() {}

    /** The MAC address of {@code iface} in the calling thread's network namespace. */
    public static long of(String iface) throws NativeException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment ifr = Ifreq.allocate(a, iface);
            Ifreq.ioctl(Ifreq.SIOCGIFHWADDR, ifr, "ioctl(SIOCGIFHWADDR)", iface);
            long mac = 0;
            for (int i = 0; i < 6; i++) mac = (mac << 8) | (ifr.get(ValueLayout.JAVA_BYTE, 18 + i) & 0xff);
            return mac;
        }
    }

    /** "01:1b:19:00:00:00" style text. */
    public static String text(long mac) {
        StringBuilder b = new StringBuilder(17);
        for (int i = 5; i >= 0; i--) {
            int v = (int) (mac >>> (8 * i)) & 0xff;
            if (b.length() > 0) b.append(':');
            b.append(Character.forDigit(v >>> 4, 16)).append(Character.forDigit(v & 15, 16));
        }
        return b.toString();
    }

    /** Parses "01:1B:19:00:00:00"; -1 when it is not six hex pairs separated by colons. */
    public static long parse(String text) {
        String[] p = text.trim().split(":", -1);
        if (p.length != 6) return -1;
        long mac = 0;
        for (String s : p) {
            if (s.length() != 2 || Character.digit(s.charAt(0), 16) < 0 || Character.digit(s.charAt(1), 16) < 0) return -1;
            mac = (mac << 8) | Integer.parseInt(s, 16);
        }
        return mac;
    }
}
