package io.ptp4j.linux;

import java.io.IOException;

/** A libc call that failed: carries the call's name and errno, worded like perror(3). */
public class NativeException extends IOException {
    private final String call;
    private final int errno;

    public NativeException(String call, int errno) {
        this(call, errno, null);
    }

    /** A failure whose whole text is {@code message} (a check of ours, worded as linuxptp words it). */
    protected NativeException(int errno, String message) {
        super(message);
        this.call = message;
        this.errno = errno;
    }

    /** {@code context} (an interface, a path) is put between the call and the error text. */
    public NativeException(String call, int errno, String context) {
        super(call + (context == null ? "" : " " + context) + ": " + Libc.strerror(errno) + " (errno " + errno + ")");
        this.call = call;
        this.errno = errno;
    }

    /** The libc function that failed, e.g. "setsockopt(SO_TIMESTAMPING)". */
    public String call() {
        return call;
    }

    /** The errno value it set (ENOENT 2, EPERM 1, EOPNOTSUPP 95, ...). */
    public int errno() {
        return errno;
    }
}
