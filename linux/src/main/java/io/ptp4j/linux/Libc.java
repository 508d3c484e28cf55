package io.ptp4j.linux;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * The libc functions ptp4j needs, as FFM downcalls (never JNI). Every call that can fail captures
 * errno into a per-thread segment right after the call, so {@link #errno()} is exact even though
 * the JVM itself may call libc in between. Calls do not allocate: arguments are ints, longs and
 * segments the caller preallocated. Constants are for Linux x86_64 / aarch64 (asm-generic values
 * where they differ are not supported).
 *
 * <p>Internal to ptp4j's linux module; public only because its subpackages use it.
 */
public final class Libc {
    private Libc() {}

    // ---- constants (include/uapi/linux/*.h, bits/socket.h) ----
    public static final int AF_UNIX = 1, AF_INET = 2, AF_INET6 = 10, AF_PACKET = 17;
    public static final int SOCK_STREAM = 1, SOCK_DGRAM = 2, SOCK_RAW = 3;
    public static final int SOCK_NONBLOCK = 0x800, SOCK_CLOEXEC = 0x80000;
    public static final int SOL_SOCKET = 1, SOL_IP = 0, SOL_IPV6 = 41, SOL_PACKET = 263;
    public static final int SO_REUSEADDR = 2, SO_BINDTODEVICE = 25, SO_TIMESTAMPING = 37, SO_PRIORITY = 12;
    public static final int SCM_TIMESTAMPING = 37;
    public static final int IP_TOS = 1, IP_RECVERR = 11, IP_MULTICAST_IF = 32, IP_MULTICAST_TTL = 33,
            IP_MULTICAST_LOOP = 34, IP_ADD_MEMBERSHIP = 35;
    public static final int IPV6_RECVERR = 25, IPV6_MULTICAST_IF = 17, IPV6_MULTICAST_HOPS = 18,
            IPV6_MULTICAST_LOOP = 19, IPV6_ADD_MEMBERSHIP = 20, IPV6_TCLASS = 67;
    public static final int PACKET_ADD_MEMBERSHIP = 1, PACKET_MR_MULTICAST = 0, PACKET_TX_TIMESTAMP = 16;
    public static final int MSG_DONTWAIT = 0x40, MSG_TRUNC = 0x20, MSG_ERRQUEUE = 0x2000;
    public static final short POLLIN = 0x1, POLLPRI = 0x2, POLLERR = 0x8;
    public static final int O_RDONLY = 0, O_RDWR = 2, O_CLOEXEC = 0x80000;
    public static final int CLONE_NEWNET = 0x40000000;
    public static final int CLOCK_REALTIME = 0, CLOCK_MONOTONIC = 1, CLOCK_MONOTONIC_RAW = 4;
    public static final int EINTR = 4, EAGAIN = 11, ENOENT = 2, ENODEV = 19, EINVAL = 22, ENOMSG = 42,
            EOPNOTSUPP = 95, ERANGE = 34, EPERM = 1, ENOTTY = 25;

    /** struct timespec: tv_sec at 0, tv_nsec at 8. */
    public static final long TIMESPEC_SIZE = 16;
    /** struct pollfd: fd int at 0, events short at 4, revents short at 6. */
    public static final long POLLFD_SIZE = 8;
    /** struct msghdr (x86_64): name 0, namelen 8, iov 16, iovlen 24, control 32, controllen 40, flags 48. */
    public static final long MSGHDR_SIZE = 56;
    /** struct iovec: base 0, len 8. */
    public static final long IOVEC_SIZE = 16;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LIBC = LINKER.defaultLookup();
    private static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");

    private static final ValueLayout.OfInt I = ValueLayout.JAVA_INT;
    private static final ValueLayout.OfLong J = ValueLayout.JAVA_LONG;
    private static final ValueLayout P = ValueLayout.ADDRESS;

    private static final ThreadLocal<MemorySegment> STATE =
            ThreadLocal.withInitial(() -> Arena.ofAuto().allocate(CAPTURE));

    private static MethodHandle errnoCall(String name, FunctionDescriptor fd, Linker.Option... extra) {
        Linker.Option[] opts = new Linker.Option[extra.length + 1];
        opts[0] = CAPTURE_ERRNO;
        System.arraycopy(extra, 0, opts, 1, extra.length);
        return LINKER.downcallHandle(LIBC.find(name).orElseThrow(), fd, opts);
    }

    private static MethodHandle plainCall(String name, FunctionDescriptor fd, Linker.Option... opts) {
        return LINKER.downcallHandle(LIBC.find(name).orElseThrow(), fd, opts);
    }

    // Each downcall handle lives in a holder class of its own, so that it is linked (a generated
    // stub class and its method handles, milliseconds each) only when first called: pmc or
    // phc_ctl link the handful they use, not all thirty. New calls follow the same pattern.
    private static final class MSocket {
        static final MethodHandle H = errnoCall("socket", FunctionDescriptor.of(I, I, I, I));
    }
    private static final class MBind {
        static final MethodHandle H = errnoCall("bind", FunctionDescriptor.of(I, I, P, I));
    }
    private static final class MSetsockopt {
        static final MethodHandle H = errnoCall("setsockopt", FunctionDescriptor.of(I, I, I, I, P, I));
    }
    private static final class MGetsockopt {
        static final MethodHandle H = errnoCall("getsockopt", FunctionDescriptor.of(I, I, I, I, P, P));
    }
    private static final class MSendto {
        static final MethodHandle H = errnoCall("sendto", FunctionDescriptor.of(J, I, P, J, I, P, I));
    }
    private static final class MSendmsg {
        static final MethodHandle H = errnoCall("sendmsg", FunctionDescriptor.of(J, I, P, I));
    }
    private static final class MRecvmsg {
        static final MethodHandle H = errnoCall("recvmsg", FunctionDescriptor.of(J, I, P, I));
    }
    private static final class MRecvfrom {
        static final MethodHandle H = errnoCall("recvfrom", FunctionDescriptor.of(J, I, P, J, I, P, P));
    }
    private static final class MPoll {
        static final MethodHandle H = errnoCall("poll", FunctionDescriptor.of(I, P, J, I));
    }
    private static final class MClose {
        static final MethodHandle H = errnoCall("close", FunctionDescriptor.of(I, I));
    }
    private static final class MIoctl {
        static final MethodHandle H = errnoCall("ioctl", FunctionDescriptor.of(I, I, J, P),
                Linker.Option.firstVariadicArg(2));
    }
    private static final class MOpen {
        static final MethodHandle H = errnoCall("open", FunctionDescriptor.of(I, P, I),
                Linker.Option.firstVariadicArg(2));
    }
    private static final class MClockGettime {
        static final MethodHandle H = plainCall("clock_gettime", FunctionDescriptor.of(I, I, P));
    }
    private static final class MClockGettimeE {
        static final MethodHandle H = errnoCall("clock_gettime", FunctionDescriptor.of(I, I, P));
    }
    private static final class MClockAdjtime {
        static final MethodHandle H = errnoCall("clock_adjtime", FunctionDescriptor.of(I, I, P));
    }
    private static final class MSetns {
        static final MethodHandle H = errnoCall("setns", FunctionDescriptor.of(I, I, I));
    }
    private static final class MIfNametoindex {
        static final MethodHandle H = errnoCall("if_nametoindex", FunctionDescriptor.of(I, P));
    }
    private static final class MUnlink {
        static final MethodHandle H = errnoCall("unlink", FunctionDescriptor.of(I, P));
    }
    private static final class MPpoll {
        static final MethodHandle H = errnoCall("ppoll", FunctionDescriptor.of(I, P, J, P, P));
    }
    private static final class MEventfd {
        static final MethodHandle H = errnoCall("eventfd", FunctionDescriptor.of(I, I, I));
    }
    private static final class MRead {
        static final MethodHandle H = errnoCall("read", FunctionDescriptor.of(J, I, P, J));
    }
    private static final class MWrite {
        static final MethodHandle H = errnoCall("write", FunctionDescriptor.of(J, I, P, J));
    }
    private static final class MInotifyInit1 {
        static final MethodHandle H = errnoCall("inotify_init1", FunctionDescriptor.of(I, I));
    }
    private static final class MInotifyAddWatch {
        static final MethodHandle H = errnoCall("inotify_add_watch", FunctionDescriptor.of(I, I, P, I));
    }
    private static final class MStrerror {
        static final MethodHandle H = plainCall("strerror", FunctionDescriptor.of(P, I));
    }

    // The per-packet calls without captureCallState: the JDK slices the capture segment on every
    // capturing call (40 bytes of garbage each, unless C2 happens to remove it), and a daemon at
    // 16 Hz must not make garbage. On success errno is not needed; on failure the thread's errno
    // is read at once through __errno_location() and, unless it is the expected EAGAIN/EINTR,
    // the call is made again with capture so the error reported is exact (nothing was sent or
    // received the first time, so repeating is harmless).
    private static final class MSendtoFast {
        static final MethodHandle H = plainCall("sendto", FunctionDescriptor.of(J, I, P, J, I, P, I));
    }
    private static final class MSendmsgFast {
        static final MethodHandle H = plainCall("sendmsg", FunctionDescriptor.of(J, I, P, I));
    }
    private static final class MRecvmsgFast {
        static final MethodHandle H = plainCall("recvmsg", FunctionDescriptor.of(J, I, P, I));
    }
    private static final class MPollFast {
        static final MethodHandle H = plainCall("poll", FunctionDescriptor.of(I, P, J, I));
    }
    private static final class MPpollFast {
        static final MethodHandle H = plainCall("ppoll", FunctionDescriptor.of(I, P, J, P, P));
    }
    private static final class MErrnoLocation {
        static final MethodHandle H = plainCall("__errno_location", FunctionDescriptor.of(P));
    }
    private static final ThreadLocal<MemorySegment> ERRNO_ADDRESS = ThreadLocal.withInitial(() -> {
        try {
            return ((MemorySegment) MErrnoLocation.H.invokeExact()).reinterpret(4);
        } catch (Throwable t) {
            throw fatal(t);
        }
    });

    /** This thread's errno as it is now (only meaningful right after a failed non-capturing call). */
    private static int errnoNow() {
        return ERRNO_ADDRESS.get().get(I, 0);
    }

    /** Makes {@link #errno()} answer {@code e}, as if a capturing call had failed with it. */
    private static void setErrno(int e) {
        ERRNO.set(STATE.get(), 0L, e);
    }

    /** errno left by the last failed call of this class on this thread. */
    public static int errno() {
        return (int) ERRNO.get(STATE.get(), 0L);
    }

    private static RuntimeException fatal(Throwable t) {
        if (t instanceof RuntimeException r) return r;
        if (t instanceof Error e) throw e;
        return new IllegalStateException(t);
    }

    public static int socket(int domain, int type, int protocol) {
        try {
            return (int) MSocket.H.invokeExact(STATE.get(), domain, type, protocol);
        } catch (Throwable t) {
            throw fatal(t);
        }
    }

    public static int bind(int fd, MemorySegment addr, int addrLen) {
        try {
            return (int) MBind.H.invokeExact(STATE.get(), fd, addr, addrLen);
        } catch (Throwable t) {
            throw fatal(t);
        }
    }

    public static int setsockopt(int fd, int level, int name, MemorySegment value, int len) {
        try {
            return (int) MSetsockopt.H.invokeExact(STATE.get(), fd, level, name, value, len);
        } catch (Throwable t) {
            throw fatal(t);
        }
    }

    public static int getsockopt(int fd, int level, int name, MemorySegment value, MemorySegment lenPtr) {
        try {
            return (int) MGetsockopt.H.invokeExact(STATE.get(), fd, level, name, value, lenPtr);
        } catch (Throwable t) {
            throw fatal(t);
        }
    }

    public static long sendto(int fd, MemorySegment buf, long len, int flags, MemorySegment addr, int addrLen) {
        try {
            long r = (long) MSendtoFast.H.invokeExact(fd, buf, len, flags, addr, addrLen);
            if (r >= 0) return r;
            return (long) MSendto.H.invokeExact(STATE.get(), fd, buf, len, flags, addr, addrLen);
        } catch (Throwable t) {
            throw fatal(t);
        }
    }

    public static long sendmsg(int fd, MemorySegment msghdr, int flags) {
        try {
            long r = (long) MSendmsgFast.H.invokeExact(fd, msghdr, flags);
            if (r >= 0) return r;
            return (long) MSendmsg.H.invokeExact(STATE.get(), fd, msghdr, flags);
        } catch (Throwable t) {
            throw fatal(t);
        }
    }

    public static long recvmsg(int fd, MemorySegment msghdr, int flags) {
        try {
            long r = (long) MRecvmsgFast.H.invokeExact(fd, msghdr, flags);
            if (r >= 0) return r;
            int e = errnoNow();
            if (e == EAGAIN) { // the usual end of a non-blocking drain
                setErrno(e);
                return r;
            }
            return (long) MRecvmsg.H.invokeExact(STATE.get(), fd, msghdr, flags);
        } catch (Throwable t) {
            throw fatal(t);
        }
    }

    public static long recvfrom(int fd, MemorySegment buf, long len, int flags, MemorySegment addr, MemorySegment addrLen) {
        try {
            return (long) MRecvfrom.H.invokeExact(STATE.get(), fd, buf, len, flags, addr, addrLen);
        } catch (Throwable t) {
            throw fatal(t);
        }
    }

    /**
     * poll(2) on the one struct pollfd at {@code pollFd} for {@code events}: its revents (0 when
     * the time ran out), or -1 when a signal interrupted the wait; other errors are thrown with
     * {@code what} and {@code where}.
     */
    public static int pollOne(MemorySegment pollFd, short events, int timeoutMillis, String what, String where) throws NativeException {
        pollFd.set(ValueLayout.JAVA_SHORT, 4, events);
        pollFd.set(ValueLayout.JAVA_SHORT, 6, (short) 0);
        int r = poll(pollFd, 1, timeoutMillis);
        if (r < 0) {
            int err = errno();
            if (err == EINTR) return -1;
            throw new NativeException(what, err, where);
        }
        return r == 0 ? 0 : pollFd.get(ValueLayout.JAVA_SHORT, 6) & 0xFFFF;
    }

    public static int poll(MemorySegment fds, long nfds, int timeoutMillis) {
        try {
            int r = (int) MPollFast.H.invokeExact(fds, nfds, timeoutMillis);
            if (r >= 0) return r;
            setErrno(errnoNow()); // EINTR in practice
            return r;
        } catch (Throwable t) {
            throw fatal(t);
        }
    }

    /** ppoll(fds, nfds, timeout, NULL): {@code timeout} is a timespec, or NULL to wait forever. */
    public static int ppoll(MemorySegment fds, long nfds, MemorySegment timeout) {
        try {
            int r = (int) MPpollFast.H.invokeExact(fds, nfds, timeout, MemorySegment.NULL);
            if (r >= 0) return r;
            setErrno(errnoNow()); // EINTR in practice; the caller loops
            return r;
        } catch (Throwable t) {
            throw fatal(t);
        }
    }

    public static final int EFD_NONBLOCK = 0x800, EFD_CLOEXEC = 0x80000;

    public static int eventfd(int initval, int flags) {
        try {
            return (int) MEventfd.H.invokeExact(STATE.get(), initval, flags);
        } catch (Throwable t) {
            throw fatal(t);
        }
    }

    /** inotify(7): IN_NONBLOCK, IN_CLOEXEC; events IN_CLOSE_WRITE, IN_MOVED_TO, IN_CREATE. */
    public static final int IN_NONBLOCK = 0x800, IN_CLOEXEC = 0x80000;
    public static final int IN_CLOSE_WRITE = 0x8, IN_MOVED_TO = 0x80, IN_CREATE = 0x100;

    public static int inotifyInit1(int flags) {
        try {
            return (int) MInotifyInit1.H.invokeExact(STATE.get(), flags);
        } catch (Throwable t) {
            throw fatal(t);
        }
    }

    public static int inotifyAddWatch(int fd, MemorySegment path, int mask) {
        try {
            return (int) MInotifyAddWatch.H.invokeExact(STATE.get(), fd, path, mask);
        } catch (Throwable t) {
            throw fatal(t);
        }
    }

    public static long read(int fd, MemorySegment buf, long len) {
        try {
            return (long) MRead.H.invokeExact(STATE.get(), fd, buf, len);
        } catch (Throwable t) {
            throw fatal(t);
        }
    }

    public static long write(int fd, MemorySegment buf, long len) {
        try {
            return (long) MWrite.H.invokeExact(STATE.get(), fd, buf, len);
        } catch (Throwable t) {
            throw fatal(t);
        }
    }

    public static int close(int fd) {
        try {
            return (int) MClose.H.invokeExact(STATE.get(), fd);
        } catch (Throwable t) {
            throw fatal(t);
        }
    }

    /** ioctl(fd, request, argp): variadic in C, called with the variadic convention. */
    public static int ioctl(int fd, long request, MemorySegment arg) {
        try {
            return (int) MIoctl.H.invokeExact(STATE.get(), fd, request, arg);
        } catch (Throwable t) {
            throw fatal(t);
        }
    }

    /** open(path, flags) without O_CREAT (so no mode argument). */
    public static int open(MemorySegment path, int flags) {
        try {
            return (int) MOpen.H.invokeExact(STATE.get(), path, flags);
        } catch (Throwable t) {
            throw fatal(t);
        }
    }

    /** clock_gettime into {@code ts}; no errno capture (the hot path, ~40 ns). Returns 0 or -1. */
    public static int clockGettime(int clockId, MemorySegment ts) {
        try {
            return (int) MClockGettime.H.invokeExact(clockId, ts);
        } catch (Throwable t) {
            throw fatal(t);
        }
    }

    /** clock_gettime with errno capture, for clocks that may fail (a PHC that went away). */
    public static int clockGettimeChecked(int clockId, MemorySegment ts) {
        try {
            return (int) MClockGettimeE.H.invokeExact(STATE.get(), clockId, ts);
        } catch (Throwable t) {
            throw fatal(t);
        }
    }

    public static int clockAdjtime(int clockId, MemorySegment timex) {
        try {
            return (int) MClockAdjtime.H.invokeExact(STATE.get(), clockId, timex);
        } catch (Throwable t) {
            throw fatal(t);
        }
    }

    public static int setns(int fd, int nstype) {
        try {
            return (int) MSetns.H.invokeExact(STATE.get(), fd, nstype);
        } catch (Throwable t) {
            throw fatal(t);
        }
    }

    public static int ifNametoindex(MemorySegment name) {
        try {
            return (int) MIfNametoindex.H.invokeExact(STATE.get(), name);
        } catch (Throwable t) {
            throw fatal(t);
        }
    }

    public static int unlink(MemorySegment path) {
        try {
            return (int) MUnlink.H.invokeExact(STATE.get(), path);
        } catch (Throwable t) {
            throw fatal(t);
        }
    }

    /** strerror(3) text for an errno value (not thread-safe in C for unknown values; good enough for messages). */
    public static String strerror(int errno) {
        try {
            MemorySegment p = (MemorySegment) MStrerror.H.invokeExact(errno);
            return p.equals(MemorySegment.NULL) ? "errno " + errno : p.reinterpret(1024).getString(0);
        } catch (Throwable t) {
            return "errno " + errno;
        }
    }

    // ---- small helpers (not for hot paths unless noted) ----

    /** Interface index of {@code name} in the calling thread's network namespace. */
    public static int ifIndex(String name) throws NativeException {
        try (Arena a = Arena.ofConfined()) {
            int idx = ifNametoindex(a.allocateFrom(name));
            if (idx == 0) throw new NativeException("if_nametoindex", errno(), name);
            return idx;
        }
    }

    /** Sets an int socket option, naming it in the error. */
    public static void setIntOption(int fd, int level, int name, int value, MemorySegment scratch, String what)
            throws NativeException {
        scratch.set(ValueLayout.JAVA_INT, 0, value);
        if (setsockopt(fd, level, name, scratch, 4) < 0) throw new NativeException("setsockopt(" + what + ")", errno());
    }

    /** Reads a timespec as nanoseconds since its clock's epoch. */
    public static long timespecNanos(MemorySegment ts, long offset) {
        return ts.get(ValueLayout.JAVA_LONG, offset) * 1_000_000_000L + ts.get(ValueLayout.JAVA_LONG, offset + 8);
    }

    /** Closes quietly (used on error and close paths). */
    public static void closeQuietly(int fd) {
        if (fd >= 0) close(fd);
    }
}
