package io.ptp4j.tools.log;

import java.util.function.LongSupplier;

/**
 * Limits the lines a daemon logs for notices that a peer, broken or hostile, can repeat at will:
 * a new foreign master, a bad message, a message that fails authentication, a failed send. Per port and kind, at most {@code burst}
 * lines are logged in a window of {@code windowNanos}; the rest are counted, and once that window
 * is over one summary line says how many were left out. So a flood of spoofed identities costs a
 * few lines a minute instead of one line per packet (issue 13: 999,664 lines, 72 MB, in a
 * minute), while a single event is still logged at once. Metrics count every event, not this.
 *
 * <p>The summary is printed with the next event of any kind after the window ends (or by
 * {@link #flushDue}). No allocation per call; not thread-safe (the loop thread owns it).
 */
public final class LogRateLimit {
    /** The kinds of repeated notices, each with its own budget. */
    public enum Kind {
        NEW_FOREIGN_MASTER("new foreign master"),
        BAD_MESSAGE("bad message"),
        AUTH_FAILURE("auth: bad message"),
        PORT_ERROR("error");

        /** The words the summary line names them by. */
        public final String words;

        Kind(String words) {
            this.words = words;
        }
    }

    /** Where a summary goes: port (0 for the clock), kind, lines left out, over how long. */
    @FunctionalInterface
    public interface SummarySink {
        void suppressed(int port, Kind kind, long count, long overNanos);
    }

    /** The daemon's default: 10 lines per kind and port every 10 s. */
    public static final int DEFAULT_BURST = 10;
    public static final long DEFAULT_WINDOW_NANOS = 10_000_000_000L;

    private static final Kind[] KIND_VALUES = Kind.values();
    private static final int KINDS = KIND_VALUES.length;
    private final int maxPort;
    private final int burst;
    private final long windowNanos;
    private final LongSupplier clock;
    private final long[] windowStart;
    private final int[] logged;
    private final long[] suppressed;
    // earliest end of a window that has something to report; Long.MAX_VALUE when none
    private long nextDue = Long.MAX_VALUE;
    private long totalSuppressed;

    /**
     * @param maxPort     the highest port number (larger numbers share its budget)
     * @param clock       a monotonic time in ns (System::nanoTime in the daemon)
     */
    public LogRateLimit(int maxPort, int burst, long windowNanos, LongSupplier clock) {
        if (burst < 1 || windowNanos < 1) throw new IllegalArgumentException("burst and window must be positive");
        this.maxPort = Math.max(0, maxPort);
        this.burst = burst;
        this.windowNanos = windowNanos;
        this.clock = clock;
        int n = (this.maxPort + 1) * KINDS;
        windowStart = new long[n];
        logged = new int[n];
        suppressed = new long[n];
    }

    /** The daemon's limit: {@link #DEFAULT_BURST} per {@link #DEFAULT_WINDOW_NANOS}, System.nanoTime. */
    public static LogRateLimit daemonDefault(int maxPort) {
        return new LogRateLimit(maxPort, DEFAULT_BURST, DEFAULT_WINDOW_NANOS, System::nanoTime);
    }

    /**
     * Whether one more line of {@code kind} on {@code port} may be logged now; if not, it is
     * counted for the summary. Due summaries go to {@code sink} first, so they come before it.
     */
    public boolean allow(int port, Kind kind, SummarySink sink) {
        long now = clock.getAsLong();
        if (now >= nextDue) flush(now, sink);
        int i = index(port, kind);
        if (logged[i] == 0 || now - windowStart[i] >= windowNanos) {
            windowStart[i] = now;
            logged[i] = 0;
        }
        if (logged[i] < burst) {
            logged[i]++;
            return true;
        }
        if (suppressed[i]++ == 0) nextDue = Math.min(nextDue, windowStart[i] + windowNanos);
        totalSuppressed++;
        return false;
    }

    /** Prints the summaries of windows that are over; cheap when none is due. */
    public void flushDue(SummarySink sink) {
        if (nextDue == Long.MAX_VALUE) return;
        long now = clock.getAsLong();
        if (now >= nextDue) flush(now, sink);
    }

    /** Prints every pending summary now, windows over or not (the daemon stops). */
    public void flushAll(SummarySink sink) {
        long now = clock.getAsLong();
        for (int i = 0; i < suppressed.length; i++) {
            if (suppressed[i] == 0) continue;
            sink.suppressed(i / KINDS, KIND_VALUES[i % KINDS], suppressed[i], now - windowStart[i]);
            suppressed[i] = 0;
            logged[i] = 0;
        }
        nextDue = Long.MAX_VALUE;
    }

    /** Lines left out since this limit was made. */
    public long totalSuppressed() {
        return totalSuppressed;
    }

    private void flush(long now, SummarySink sink) {
        nextDue = Long.MAX_VALUE;
        for (int i = 0; i < suppressed.length; i++) {
            if (suppressed[i] == 0) continue;
            long end = windowStart[i] + windowNanos;
            if (now < end) {
                nextDue = Math.min(nextDue, end);
                continue;
            }
            sink.suppressed(i / KINDS, KIND_VALUES[i % KINDS], suppressed[i], now - windowStart[i]);
            suppressed[i] = 0;
            logged[i] = 0; // the next line opens a new window
        }
    }

    private int index(int port, Kind kind) {
        return Math.max(0, Math.min(port, maxPort)) * KINDS + kind.ordinal();
    }
}
