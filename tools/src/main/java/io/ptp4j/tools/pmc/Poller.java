package io.ptp4j.tools.pmc;

import io.ptp4j.linux.Libc;
import io.ptp4j.linux.NativeException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** poll(2) over a few descriptors, for pmc's loop over stdin and its socket (as pmc.c does). */
public final class Poller {
    static final short POLLHUP = 0x10;

    private Poller() {}

    /**
     * Waits up to {@code timeoutMillis} (-1: forever) for any of {@code fds} (negative ones are
     * ignored) to be readable or hung up. Returns a bit mask: bit i set when fds[i] is readable,
     * bit (16 + i) when it hung up; 0 on timeout or EINTR.
     */
    public static int waitReadable(int[] fds, int timeoutMillis) throws NativeException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment p = a.allocate(Libc.POLLFD_SIZE * fds.length, 8);
            for (int i = 0; i < fds.length; i++) {
                p.set(ValueLayout.JAVA_INT, i * Libc.POLLFD_SIZE, fds[i]);
                p.set(ValueLayout.JAVA_SHORT, i * Libc.POLLFD_SIZE + 4, (short) (Libc.POLLIN | Libc.POLLPRI));
            }
            int r = Libc.poll(p, fds.length, timeoutMillis);
            if (r < 0) {
                int err = Libc.errno();
                if (err == Libc.EINTR) return 0;
                throw new NativeException("poll", err);
            }
            int mask = 0;
            for (int i = 0; i < fds.length; i++) {
                short rev = p.get(ValueLayout.JAVA_SHORT, i * Libc.POLLFD_SIZE + 6);
                if ((rev & (Libc.POLLIN | Libc.POLLPRI)) != 0) mask |= 1 << i;
                if ((rev & (POLLHUP | Libc.POLLERR)) != 0) mask |= 1 << (16 + i);
            }
            return mask;
        }
    }
}
