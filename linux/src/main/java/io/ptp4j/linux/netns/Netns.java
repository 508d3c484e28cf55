package io.ptp4j.linux.netns;

import io.ptp4j.linux.Libc;
import io.ptp4j.linux.NativeException;
import java.lang.foreign.Arena;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs Java code inside a named network namespace (/var/run/netns/NAME, made by `ip netns add`):
 * a fresh platform thread setns()es into it, runs the action, and ends. A socket created there
 * stays in that namespace for its whole life and can then be used from any thread, so one JVM can
 * own sockets on both ends of a veth pair. Needs CAP_SYS_ADMIN.
 */
public final class Netns {
    private Netns() {}

    /** Calls {@code action} on a platform thread that is inside namespace {@code name}. */
    public static <T> T call(String name, Callable<T> action) throws Exception {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = Thread.ofPlatform().name("netns-" + name).unstarted(() -> {
            try {
                enter(name);
                result.set(action.call());
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        t.start();
        t.join();
        Throwable e = failure.get();
        if (e instanceof Exception ex) throw ex;
        if (e instanceof Error er) throw er;
        return result.get();
    }

    /** Moves the calling thread into namespace {@code name}; the thread should end after its work there. */
    private static void enter(String name) throws NativeException {
        String path = "/var/run/netns/" + name;
        try (Arena a = Arena.ofConfined()) {
            int fd = Libc.open(a.allocateFrom(path), Libc.O_RDONLY | Libc.O_CLOEXEC);
            if (fd < 0) throw new NativeException("open", Libc.errno(), path);
            try {
                if (Libc.setns(fd, Libc.CLONE_NEWNET) < 0) throw new NativeException("setns(CLONE_NEWNET)", Libc.errno(), path);
            } finally {
                Libc.close(fd);
            }
        }
    }
}
