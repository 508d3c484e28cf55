package io.ptp4j.testkit;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs Java code inside a named network namespace (/var/run/netns/NAME, made by `ip netns add`):
 * a fresh platform thread setns()es into it, runs the action, and ends. A socket created there
 * stays in that namespace for its whole life and can then be used from any thread, so one JVM can
 * own sockets on both ends of a veth pair. Needs CAP_SYS_ADMIN. Test support only (no production
 * code enters namespaces), so it binds its three libc calls itself rather than depend on linux.
 */
public final class Netns {
    private static final int O_RDONLY = 0, O_CLOEXEC = 0x80000, CLONE_NEWNET = 0x40000000;
    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final MethodHandle OPEN = call("open", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT),
            Linker.Option.firstVariadicArg(2));
    private static final MethodHandle SETNS = call("setns", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    private static final MethodHandle CLOSE = call("close", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));

    private Netns() {}

    private static MethodHandle call(String name, FunctionDescriptor fd, Linker.Option... extra) {
        Linker.Option[] opts = new Linker.Option[extra.length + 1];
        opts[0] = Linker.Option.captureCallState("errno");
        System.arraycopy(extra, 0, opts, 1, extra.length);
        return LINKER.downcallHandle(LINKER.defaultLookup().find(name).orElseThrow(), fd, opts);
    }

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
    private static void enter(String name) throws Throwable {
        String path = "/var/run/netns/" + name;
        try (Arena a = Arena.ofConfined()) {
            MemorySegment state = a.allocate(CAPTURE);
            int fd = (int) OPEN.invokeExact(state, a.allocateFrom(path), O_RDONLY | O_CLOEXEC);
            if (fd < 0) throw new IOException("open " + path + ": errno " + (int) ERRNO.get(state, 0L));
            try {
                if ((int) SETNS.invokeExact(state, fd, CLONE_NEWNET) < 0) {
                    throw new IOException("setns(CLONE_NEWNET) " + path + ": errno " + (int) ERRNO.get(state, 0L));
                }
            } finally {
                int ignored = (int) CLOSE.invokeExact(state, fd);
            }
        }
    }
}
