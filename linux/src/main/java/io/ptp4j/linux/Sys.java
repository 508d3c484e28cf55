package io.ptp4j.linux;

/**
 * The Linux system call numbers {@link Libc} passes to syscall(2), for x86_64 and aarch64
 * (arch/x86/entry/syscalls/syscall_64.tbl; include/uapi/asm-generic/unistd.h, which aarch64
 * uses). aarch64 has no open or unlink: openat and unlinkat with AT_FDCWD serve both.
 */
final class Sys {
    private Sys() {}

    private static final boolean X86_64 = switch (System.getProperty("os.arch")) {
        case "amd64", "x86_64" -> true;
        case "aarch64" -> false;
        default -> throw new ExceptionInInitializerError("ptp4j: no system call table for " + System.getProperty("os.arch"));
    };

    private static long nr(long x86_64, long aarch64) {
        return X86_64 ? x86_64 : aarch64;
    }

    static final long READ = nr(0, 63);
    /** poll: none on aarch64 (-1), where Libc calls libc's poll. */
    static final long POLL = nr(7, -1);
    static final long PPOLL = nr(271, 73);
    static final long WRITE = nr(1, 64);
    static final long CLOSE = nr(3, 57);
    static final long IOCTL = nr(16, 29);
    static final long SOCKET = nr(41, 198);
    static final long SENDTO = nr(44, 206);
    static final long RECVFROM = nr(45, 207);
    static final long SENDMSG = nr(46, 211);
    static final long RECVMSG = nr(47, 212);
    static final long BIND = nr(49, 200);
    static final long SETSOCKOPT = nr(54, 208);
    static final long GETSOCKOPT = nr(55, 209);
    static final long CLOCK_GETTIME = nr(228, 113);
    static final long OPENAT = nr(257, 56);
    static final long UNLINKAT = nr(263, 35);
    static final long EVENTFD2 = nr(290, 19);
    static final long INOTIFY_ADD_WATCH = nr(254, 27);
    static final long INOTIFY_INIT1 = nr(294, 26);
    static final long CLOCK_ADJTIME = nr(305, 266);
    static final long SETNS = nr(308, 268);
}
