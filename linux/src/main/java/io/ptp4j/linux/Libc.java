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
    public static final int CLOCK_REALTIME = 0, CLOCK_MONOTONIC = 1, CLOCK_MONOTONIC_RAW = 4, CLOCK_MONOTONIC_COARSE = 6;
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
    // stub class and its method handles, milliseconds each) only when first called. New calls
    // follow the same pattern.

    // Every call that is not on a per-packet path and reports errno goes through ONE downcall
    // shape: syscall(2) with six long arguments and errno captured. The linker generates one
    // stub per shape (FunctionDescriptor and options), not per function, so the system calls a
    // tool makes cost one link instead of one each: pmc links three shapes instead of seven,
    // phc_ctl and hwstamp_ctl one (bench/tool-startup, docs/benchmarks.md). Pointers are passed
    // as addresses of native segments (addr()), the way the kernel takes them.
    private static final class MIfIndextoname {
        static final MethodHandle H = errnoCall("if_indextoname", FunctionDescriptor.of(P, I, P));
    }
    private static final class MSyscall {
        static final MethodHandle H = errnoCall("syscall", FunctionDescriptor.of(J, J, J, J, J, J, J, J),
                Linker.Option.firstVariadicArg(1));
    }
    private static final class MClockGetres {
        static final MethodHandle H = plainCall("clock_getres", FunctionDescriptor.of(I, I, P));
    }
    private static final class MClockGettime {
        static final MethodHandle H = plainCall("clock_gettime", FunctionDescriptor.of(I, I, P));
    }
    private static final class MIfNametoindex {
        static final MethodHandle H = errnoCall("if_nametoindex", FunctionDescriptor.of(I, P));
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
    // They share one shape too, syscall(2) without capture (the kernel's calls are the same;
    // a tool links one stub for all of them). poll has no system call of its own on aarch64,
    // where it stays libc's.
    // A command-line tool (pmc, phc_ctl, ...) makes a handful of calls and exits: linking the
    // non-capturing shape too would cost it a second stub (about 20 ms in the interpreter) to
    // save garbage it never accumulates. oneShape routes every call through the capturing one.
    private static volatile boolean oneShape;

    /** For short-lived tools: every system call through the one capturing syscall(2) shape. */
    public static void oneShape() {
        oneShape = true;
    }

    private static final class MSyscallPlain {
        static final MethodHandle H = plainCall("syscall", FunctionDescriptor.of(J, J, J, J, J, J, J, J),
                Linker.Option.firstVariadicArg(1));
    }
    private static final class MPollFast {
        static final MethodHandle H = plainCall("poll", FunctionDescriptor.of(I, P, J, I));
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

    /** AT_FDCWD: *at() system calls relative to the working directory. */
    private static final long AT_FDCWD = -100;

    /** syscall(2) with errno captured; unused arguments are 0. */
    private static long sys(long nr, long a, long b, long c, long d, long e, long f) {
        try {
            return (long) MSyscall.H.invokeExact(STATE.get(), nr, a, b, c, d, e, f);
        } catch (Throwable t) {
            throw fatal(t);
        }
    }

    /** The address the kernel is given for a segment: native memory only (a heap array has none). */
    private static long addr(MemorySegment s) {
        if (!s.isNative()) throw new IllegalArgumentException("a system call needs native memory, not " + s);
        return s.address();
    }

    public static int socket(int domain, int type, int protocol) {
        return (int) sys(Sys.SOCKET, domain, type, protocol, 0, 0, 0);
    }

    public static int bind(int fd, MemorySegment addr, int addrLen) {
        return (int) sys(Sys.BIND, fd, addr(addr), addrLen, 0, 0, 0);
    }

    public static int setsockopt(int fd, int level, int name, MemorySegment value, int len) {
        return (int) sys(Sys.SETSOCKOPT, fd, level, name, addr(value), len, 0);
    }

    public static int getsockopt(int fd, int level, int name, MemorySegment value, MemorySegment lenPtr) {
        return (int) sys(Sys.GETSOCKOPT, fd, level, name, addr(value), addr(lenPtr), 0);
    }

    public static long sendto(int fd, MemorySegment buf, long len, int flags, MemorySegment addr, int addrLen) {
        return packetSys(false, Sys.SENDTO, fd, addr(buf), len, flags, addr(addr), addrLen);
    }

    public static long sendmsg(int fd, MemorySegment msghdr, int flags) {
        return packetSys(false, Sys.SENDMSG, fd, addr(msghdr), flags, 0, 0, 0);
    }

    public static long recvmsg(int fd, MemorySegment msghdr, int flags) {
        return packetSys(true, Sys.RECVMSG, fd, addr(msghdr), flags, 0, 0, 0);
    }

    /**
     * A per-packet syscall(2): made without errno capture (no garbage) and, only when it failed,
     * made again with capture so that {@link #errno()} is exact; with {@code drain}, EAGAIN (the
     * usual end of a non-blocking drain) is reported at once instead.
     */
    private static long packetSys(boolean drain, long nr, long a, long b, long c, long d, long e, long f) {
        try {
            if (oneShape) return sys(nr, a, b, c, d, e, f);
            long r = (long) MSyscallPlain.H.invokeExact(nr, a, b, c, d, e, f);
            if (r >= 0) return r;
            if (drain) {
                int err = errnoNow();
                if (err == EAGAIN) {
                    setErrno(err);
                    return r;
                }
            }
            return sys(nr, a, b, c, d, e, f);
        } catch (Throwable t) {
            throw fatal(t);
        }
    }

    public static long recvfrom(int fd, MemorySegment buf, long len, int flags, MemorySegment addr, MemorySegment addrLen) {
        return sys(Sys.RECVFROM, fd, addr(buf), len, flags, addr(addr), addr(addrLen));
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
            if (oneShape && Sys.POLL >= 0) return (int) sys(Sys.POLL, addr(fds), nfds, timeoutMillis, 0, 0, 0);
            int r = Sys.POLL >= 0
                    ? (int) (long) MSyscallPlain.H.invokeExact(Sys.POLL, addr(fds), nfds, (long) timeoutMillis, 0L, 0L, 0L)
                    : (int) MPollFast.H.invokeExact(fds, nfds, timeoutMillis);
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
            if (oneShape) return (int) sys(Sys.PPOLL, addr(fds), nfds, addr(timeout), 0, 8, 0);
            int r = (int) (long) MSyscallPlain.H.invokeExact(Sys.PPOLL, addr(fds), nfds, addr(timeout), 0L, 8L, 0L); // sigsetsize 8
            if (r >= 0) return r;
            setErrno(errnoNow()); // EINTR in practice; the caller loops
            return r;
        } catch (Throwable t) {
            throw fatal(t);
        }
    }

    public static final int EFD_NONBLOCK = 0x800, EFD_CLOEXEC = 0x80000;

    public static int eventfd(int initval, int flags) {
        return (int) sys(Sys.EVENTFD2, initval, flags, 0, 0, 0, 0);
    }

    /** inotify(7): IN_NONBLOCK, IN_CLOEXEC; events IN_CLOSE_WRITE, IN_MOVED_TO, IN_CREATE. */
    public static final int IN_NONBLOCK = 0x800, IN_CLOEXEC = 0x80000;
    public static final int IN_CLOSE_WRITE = 0x8, IN_MOVED_TO = 0x80, IN_CREATE = 0x100;

    public static int inotifyInit1(int flags) {
        return (int) sys(Sys.INOTIFY_INIT1, flags, 0, 0, 0, 0, 0);
    }

    public static int inotifyAddWatch(int fd, MemorySegment path, int mask) {
        return (int) sys(Sys.INOTIFY_ADD_WATCH, fd, addr(path), mask, 0, 0, 0);
    }

    public static long read(int fd, MemorySegment buf, long len) {
        return sys(Sys.READ, fd, addr(buf), len, 0, 0, 0);
    }

    public static long write(int fd, MemorySegment buf, long len) {
        return sys(Sys.WRITE, fd, addr(buf), len, 0, 0, 0);
    }

    public static int close(int fd) {
        return (int) sys(Sys.CLOSE, fd, 0, 0, 0, 0, 0);
    }

    /** ioctl(fd, request, argp). */
    public static int ioctl(int fd, long request, MemorySegment arg) {
        return (int) sys(Sys.IOCTL, fd, request, addr(arg), 0, 0, 0);
    }

    /** open(path, flags) without O_CREAT (so no mode argument), as openat(AT_FDCWD, ...). */
    public static int open(MemorySegment path, int flags) {
        return (int) sys(Sys.OPENAT, AT_FDCWD, addr(path), flags, 0, 0, 0);
    }

    /** clock_gettime into {@code ts}; no errno capture (the hot path, ~40 ns). Returns 0 or -1. */
    /** clock_getres(2): the clock's resolution in ns, or -1 when the clock cannot say. */
    public static long clockGetresNanos(int clockId) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment ts = a.allocate(TIMESPEC_SIZE, 8);
            int r = (int) MClockGetres.H.invokeExact(clockId, ts);
            return r != 0 ? -1 : timespecNanos(ts, 0);
        } catch (Throwable t) {
            throw fatal(t);
        }
    }

    public static int clockGettime(int clockId, MemorySegment ts) {
        try {
            return (int) MClockGettime.H.invokeExact(clockId, ts);
        } catch (Throwable t) {
            throw fatal(t);
        }
    }

    /** clock_gettime with errno capture, for clocks that may fail (a PHC that went away). */
    public static int clockGettimeChecked(int clockId, MemorySegment ts) {
        return (int) sys(Sys.CLOCK_GETTIME, clockId, addr(ts), 0, 0, 0, 0);
    }

    public static int clockAdjtime(int clockId, MemorySegment timex) {
        return (int) sys(Sys.CLOCK_ADJTIME, clockId, addr(timex), 0, 0, 0, 0);
    }

    public static int setns(int fd, int nstype) {
        return (int) sys(Sys.SETNS, fd, nstype, 0, 0, 0, 0);
    }

    public static int ifNametoindex(MemorySegment name) {
        try {
            return (int) MIfNametoindex.H.invokeExact(STATE.get(), name);
        } catch (Throwable t) {
            throw fatal(t);
        }
    }

    public static int unlink(MemorySegment path) {
        return (int) sys(Sys.UNLINKAT, AT_FDCWD, addr(path), 0, 0, 0, 0);
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

    /** if_indextoname(3): the name of interface {@code index} in this thread's namespace, or null. */
    public static String ifIndexToName(int index) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment name = a.allocate(16); // IF_NAMESIZE
            MemorySegment r = (MemorySegment) MIfIndextoname.H.invokeExact(STATE.get(), index, name);
            return r.equals(MemorySegment.NULL) ? null : name.getString(0);
        } catch (Throwable t) {
            throw fatal(t);
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
