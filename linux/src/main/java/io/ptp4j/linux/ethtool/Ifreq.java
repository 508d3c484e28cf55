package io.ptp4j.linux.ethtool;

import io.ptp4j.linux.Libc;
import io.ptp4j.linux.NativeException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;

/** struct ifreq (40 bytes: ifr_name[16], then a union; ifr_data is a pointer at 16) and its ioctls. */
final class Ifreq {
    static final int SIZE = 40;
    static final int IFNAMSIZ = 16;
    static final long SIOCGIFHWADDR = 0x8927;
    static final long SIOCETHTOOL = 0x8946;
    static final long SIOCSHWTSTAMP = 0x89b0;
    static final long SIOCGHWTSTAMP = 0x89b1;

    private Ifreq() {}

    static MemorySegment allocate(Arena a, String iface) {
        byte[] b = iface.getBytes(StandardCharsets.US_ASCII);
        if (b.length == 0 || b.length >= IFNAMSIZ) {
            throw new IllegalArgumentException("interface name must be 1.." + (IFNAMSIZ - 1) + " characters: '" + iface + "'");
        }
        MemorySegment ifr = a.allocate(SIZE, 8);
        MemorySegment.copy(b, 0, ifr, ValueLayout.JAVA_BYTE, 0, b.length);
        return ifr;
    }

    /** Runs an ioctl on a throwaway AF_INET datagram socket (of the calling thread's namespace). */
    static int ioctl(long request, MemorySegment ifr, String call, String iface) throws NativeException {
        int fd = Libc.socket(Libc.AF_INET, Libc.SOCK_DGRAM | Libc.SOCK_CLOEXEC, 0);
        if (fd < 0) throw new NativeException("socket(AF_INET)", Libc.errno());
        try {
            int r = Libc.ioctl(fd, request, ifr);
            if (r < 0) throw new NativeException(call, Libc.errno(), iface);
            return r;
        } finally {
            Libc.close(fd);
        }
    }
}
