package io.ptp4j.time;

/** Bounded time is not available; {@link #reason()} says why, the message says where and what to do. */
public final class BoundedTimeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public enum Reason {
        /** No segment at the path: nothing publishes there. */
        MISSING,
        /** The file is not a ClockBound segment (wrong magic, too short, inconsistent size). */
        MALFORMED,
        /** A ClockBound segment of a layout version this reader does not know. */
        WRONG_VERSION,
        /** The writer created the segment but has not published a bound yet. */
        NOT_INITIALIZED,
        /** void_after has passed: the writer stopped updating the segment. */
        STALE,
        /** The status is UNKNOWN or DISRUPTED: no interval can be vouched for (commitWait). */
        UNTRUSTED,
        /** commitWait would have to wait longer than the caller allowed. */
        WAIT_TOO_LONG,
        /** The segment could not be read (permissions, I/O). */
        IO
    }

    private final Reason reason;

    public BoundedTimeException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public BoundedTimeException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
