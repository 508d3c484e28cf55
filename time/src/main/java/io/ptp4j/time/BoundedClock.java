package io.ptp4j.time;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.LockSupport;

/**
 * Bounded time from a ClockBound segment (protocol version 2, see {@link ClockBoundLayout}), as
 * ptp4j's ptp4l and phc2sys publish it (or AWS ClockBound's daemon): {@link #now()} gives
 * [earliest, latest] around CLOCK_REALTIME that holds true time, and a status.
 *
 * <pre>{@code
 * try (BoundedClock clock = BoundedClock.open()) {      // /var/run/clockbound/shm0
 *     BoundedTime t = clock.now();
 *     if (t.trusted()) clock.commitWait(t.latestNanos()); // returns once t.latest is certainly past
 * }
 * }</pre>
 *
 * <p>Cost: one acquire read of the segment's generation, {@link System#nanoTime()} and a few
 * multiplications; the result record is the only object and the JIT removes it when it does not
 * escape (bench/run BoundedClockBenchmark -prof gc). Safe for any number of threads.
 *
 * <p>How CLOCK_REALTIME is read without a system call: CLOCK_REALTIME and CLOCK_MONOTONIC are the
 * same kernel clock, slewed alike by clock_adjtime, apart from an offset that changes only when
 * the clock is stepped (or set, or at a leap second). The offset is measured when the segment's
 * generation changes, bracketed by two monotonic reads (half the bracket is added to the bound).
 * ptp4j's ptp4l publishes right after each step it makes; until the new generation is seen, this
 * reads the clock as it ran before the step, which is what the previous bound was about.
 */
public final class BoundedClock implements AutoCloseable {
    /**
     * ClockBound's readers trust a SYNCHRONIZED status this long after as_of and report FREE_RUNNING
     * afterwards (clock-bound-shm lib.rs, CLOCKBOUND_RESTART_GRACE_PERIOD).
     */
    static final long GRACE_NANOS = 5_000_000_000L;
    /**
     * as_of may lie this far after the reader's monotonic reading before that is an error
     * (ClockBound's "causality blur": CLOCK_MONOTONIC_COARSE granularity seen through the vDSO).
     */
    static final long CAUSALITY_BLUR_NANOS = 1_000;
    private static final ValueLayout.OfShort U16 = ValueLayout.JAVA_SHORT;
    private static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT;
    private static final ValueLayout.OfLong I64 = ValueLayout.JAVA_LONG;
    private static final VarHandle GENERATION = U16.varHandle();

    private final Path path;
    private final Arena arena;
    private final MemorySegment seg;
    private final VirtualClockReader virtual; // null: CLOCK_REALTIME
    private volatile Snapshot snap;

    /** What one consistent read of the segment says, with the realtime calibration; never changed. */
    private record Snapshot(int generation, long asOf, long voidAfter, long bound, double driftPerNano, long graceEnd,
                            ClockStatus status, long realtimeOffset, long calibrationUncertainty, ClockBoundSegment fields) {}

    private BoundedClock(Path path, Arena arena, MemorySegment seg, VirtualClockReader virtual) {
        this.path = path;
        this.arena = arena;
        this.seg = seg;
        this.virtual = virtual;
    }

    /** The segment at {@link ClockBoundLayout#DEFAULT_PATH}, about CLOCK_REALTIME. */
    public static BoundedClock open() {
        return open(Path.of(ClockBoundLayout.DEFAULT_PATH));
    }

    /** The segment at {@code segment}, about CLOCK_REALTIME. */
    public static BoundedClock open(Path segment) {
        return open(segment, null);
    }

    /**
     * The segment a ptp4j daemon disciplining a virtual clock publishes next to its socket
     * ({@code uds_address.clockbound}), about that virtual clock ({@code uds_address.vclock}): for
     * tests and demos without privileges. Reads CLOCK_MONOTONIC_RAW through FFM, so it needs
     * native access (--enable-native-access).
     */
    public static BoundedClock openVirtual(Path segment, Path virtualClockFile) {
        return open(segment, VirtualClockReader.open(virtualClockFile));
    }

    private static BoundedClock open(Path segment, VirtualClockReader virtual) {
        Arena arena = Arena.ofShared();
        try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < 16) throw malformed(segment, "is " + size + " bytes, shorter than the 16-byte header");
            MemorySegment seg = ch.map(FileChannel.MapMode.READ_ONLY, 0, Math.min(size, ClockBoundLayout.SIZE), arena);
            validateHeader(segment, seg, size);
            BoundedClock c = new BoundedClock(segment, arena, seg, virtual);
            c.snap = c.read(System.nanoTime(), null);
            return c;
        } catch (NoSuchFileException e) {
            arena.close();
            if (virtual != null) virtual.close();
            throw new BoundedTimeException(BoundedTimeException.Reason.MISSING, "no ClockBound segment at " + segment
                    + ": nothing publishes a clock error bound there (ptp4j's ptp4l writes clockbound_path, by default "
                    + ClockBoundLayout.DEFAULT_PATH + ", when it disciplines CLOCK_REALTIME; or run AWS ClockBound)", e);
        } catch (AccessDeniedException e) {
            arena.close();
            if (virtual != null) virtual.close();
            throw new BoundedTimeException(BoundedTimeException.Reason.IO, "cannot read the ClockBound segment " + segment
                    + ": permission denied (clockbound_file_mode sets who may read it)", e);
        } catch (IOException e) {
            arena.close();
            if (virtual != null) virtual.close();
            throw new BoundedTimeException(BoundedTimeException.Reason.IO, "cannot read the ClockBound segment " + segment + ": " + e, e);
        } catch (RuntimeException e) {
            arena.close();
            if (virtual != null) virtual.close();
            throw e;
        }
    }

    private static void validateHeader(Path p, MemorySegment seg, long fileSize) {
        int m0 = seg.get(U32, ClockBoundLayout.OFF_MAGIC_0), m1 = seg.get(U32, ClockBoundLayout.OFF_MAGIC_1);
        if (m0 != ClockBoundLayout.MAGIC_0 || m1 != ClockBoundLayout.MAGIC_1) {
            throw malformed(p, String.format("is not a ClockBound segment: magic %08x %08x, expected %08x %08x", m0, m1,
                    ClockBoundLayout.MAGIC_0, ClockBoundLayout.MAGIC_1));
        }
        int version = Short.toUnsignedInt((short) GENERATION.getAcquire(seg, ClockBoundLayout.OFF_VERSION));
        int generation = Short.toUnsignedInt((short) GENERATION.getAcquire(seg, ClockBoundLayout.OFF_GENERATION));
        if (version == 0 || generation == 0) {
            throw new BoundedTimeException(BoundedTimeException.Reason.NOT_INITIALIZED, "the ClockBound segment " + p
                    + " is not initialized yet (version " + version + ", generation " + generation + "): its writer has not published a bound");
        }
        if (version != ClockBoundLayout.VERSION) {
            throw new BoundedTimeException(BoundedTimeException.Reason.WRONG_VERSION, "the ClockBound segment " + p + " has layout version "
                    + version + "; this reader (ptp4j-time) reads version " + ClockBoundLayout.VERSION + " (ClockBound 2.x)");
        }
        long segsize = Integer.toUnsignedLong(seg.get(U32, ClockBoundLayout.OFF_SEGMENT_SIZE));
        if (segsize < ClockBoundLayout.SIZE || fileSize < ClockBoundLayout.SIZE) {
            throw malformed(p, "is malformed: segment size " + segsize + ", file " + fileSize + " bytes, version 2 needs "
                    + ClockBoundLayout.SIZE);
        }
    }

    private static BoundedTimeException malformed(Path p, String what) {
        return new BoundedTimeException(BoundedTimeException.Reason.MALFORMED, "the ClockBound segment " + p + " " + what);
    }

    /** The segment's path. */
    public Path path() {
        return path;
    }

    /**
     * [earliest, latest] now, and the status. Throws {@link BoundedTimeException} (STALE) when
     * void_after has passed: the writer stopped updating the segment.
     */
    public BoundedTime now() {
        Snapshot s = snap;
        int g = Short.toUnsignedInt((short) GENERATION.getAcquire(seg, ClockBoundLayout.OFF_GENERATION));
        long mono = System.nanoTime();
        if (g != s.generation || mono >= s.voidAfter) s = refresh(mono, s);
        long t = virtual == null ? mono + s.realtimeOffset : virtual.nowNanos();
        long elapsed = Math.max(0, mono - s.asOf);
        long b = s.bound + (long) Math.ceil(elapsed * s.driftPerNano) + s.calibrationUncertainty;
        ClockStatus st = s.status == ClockStatus.SYNCHRONIZED && mono >= s.graceEnd ? ClockStatus.FREE_RUNNING : s.status;
        return new BoundedTime(t - b, t + b, st);
    }

    /**
     * Returns once {@code epochNanos} is certainly in the past (the earliest possible true time is
     * after it): Spanner's commit wait. Returns how long it waited, ns. Throws
     * {@link BoundedTimeException} (UNTRUSTED) when the bound's status cannot vouch for any interval.
     */
    public long commitWait(long epochNanos) {
        return commitWait(epochNanos, Long.MAX_VALUE);
    }

    /** {@link #commitWait(long)} for a timestamp taken with {@link #now()}: waits until its latest is past. */
    public long commitWait(BoundedTime t) {
        return commitWait(t.latestNanos());
    }

    /**
     * {@link #commitWait(long)}, but throws (WAIT_TOO_LONG) instead of waiting longer than
     * {@code maxWait} (e.g. when holdover has widened the bound to seconds).
     */
    public long commitWait(long epochNanos, Duration maxWait) {
        return commitWait(epochNanos, maxWait.toNanos());
    }

    private long commitWait(long epochNanos, long maxWaitNanos) {
        long start = System.nanoTime();
        for (;;) {
            BoundedTime n = now();
            if (!n.trusted()) {
                throw new BoundedTimeException(BoundedTimeException.Reason.UNTRUSTED, "commit wait needs a trusted bound; "
                        + path + " says " + n.status());
            }
            long waited = System.nanoTime() - start;
            if (n.earliestNanos() > epochNanos) return waited;
            long remaining = epochNanos - n.earliestNanos() + 1;
            if (waited + remaining > maxWaitNanos) {
                throw new BoundedTimeException(BoundedTimeException.Reason.WAIT_TOO_LONG, "commit wait would take " + (waited + remaining)
                        + " ns, more than the " + maxWaitNanos + " ns allowed (the bound is " + n.widthNanos() / 2 + " ns, " + n.status() + ")");
            }
            // park for most of it (the bound grows while we wait, so wake early), spin the rest
            if (remaining > 200_000) LockSupport.parkNanos(remaining - 100_000);
            else Thread.onSpinWait();
        }
    }

    /** The segment's fields as they are now, stale or not (diagnostics, tools that judge it themselves). */
    public ClockBoundSegment segment() {
        Snapshot s = snap;
        int g = Short.toUnsignedInt((short) GENERATION.getAcquire(seg, ClockBoundLayout.OFF_GENERATION));
        if (g != s.generation) {
            s = read(System.nanoTime(), s);
            snap = s;
        }
        return s.fields;
    }

    /** The slow path: the generation changed (or void_after passed): read the segment again. */
    private Snapshot refresh(long mono, Snapshot old) {
        Snapshot s = read(mono, old);
        snap = s;
        if (mono >= s.voidAfter) {
            throw new BoundedTimeException(BoundedTimeException.Reason.STALE, String.format(
                    "the ClockBound segment %s is stale: void_after passed %.3f s ago, its writer stopped updating it (generation %d)",
                    path, (mono - s.voidAfter) / 1e9, s.generation));
        }
        return s;
    }

    /**
     * A consistent read (seqlock: an even generation, the same before and after the fields). While
     * the writer is mid-update (odd), the previous snapshot is kept when there is one, as
     * ClockBound's reader does.
     */
    private Snapshot read(long mono, Snapshot old) {
        for (int tries = 0; ; tries++) {
            int g1 = Short.toUnsignedInt((short) GENERATION.getAcquire(seg, ClockBoundLayout.OFF_GENERATION));
            int version = Short.toUnsignedInt(seg.get(U16, ClockBoundLayout.OFF_VERSION));
            long asOfS = seg.get(I64, ClockBoundLayout.OFF_AS_OF), asOfNs = seg.get(I64, ClockBoundLayout.OFF_AS_OF + 8);
            long vaS = seg.get(I64, ClockBoundLayout.OFF_VOID_AFTER), vaNs = seg.get(I64, ClockBoundLayout.OFF_VOID_AFTER + 8);
            long bound = seg.get(I64, ClockBoundLayout.OFF_BOUND);
            long marker = seg.get(I64, ClockBoundLayout.OFF_DISRUPTION_MARKER);
            long drift = Integer.toUnsignedLong(seg.get(U32, ClockBoundLayout.OFF_MAX_DRIFT));
            int status = seg.get(U32, ClockBoundLayout.OFF_CLOCK_STATUS);
            boolean support = seg.get(ValueLayout.JAVA_BYTE, ClockBoundLayout.OFF_DISRUPTION_SUPPORT) != 0;
            VarHandle.acquireFence();
            int g2 = Short.toUnsignedInt((short) GENERATION.getAcquire(seg, ClockBoundLayout.OFF_GENERATION));
            if (g1 != g2 || (g1 & 1) != 0 || g1 == 0) {
                if (old != null && tries > 100) return old;
                if (tries > 1_000_000) {
                    throw new BoundedTimeException(BoundedTimeException.Reason.NOT_INITIALIZED, "no consistent read of " + path
                            + " in a million tries (generation " + g1 + "): its writer died mid-update?");
                }
                Thread.onSpinWait();
                continue;
            }
            if (version != ClockBoundLayout.VERSION) validateHeader(path, seg, ClockBoundLayout.SIZE);
            if (drift >= ClockBoundLayout.MAX_DRIFT_LIMIT_PPB) throw malformed(path, "is malformed: max drift " + drift + " ppb");
            long asOf = asOfS * 1_000_000_000L + asOfNs, voidAfter = vaS * 1_000_000_000L + vaNs;
            if (mono < asOf - CAUSALITY_BLUR_NANOS) {
                throw malformed(path, "is inconsistent: as_of is " + (asOf - mono) + " ns in this machine's CLOCK_MONOTONIC future");
            }
            long offset = 0, uncertainty = 0;
            if (virtual == null) {
                long[] cal = calibrate();
                offset = cal[0];
                uncertainty = cal[1];
            }
            ClockBoundSegment fields = new ClockBoundSegment(version, g1, asOf, voidAfter, bound, marker, drift, status, support);
            return new Snapshot(g1, asOf, voidAfter, bound, drift / 1e9, asOf + GRACE_NANOS, ClockStatus.of(status), offset, uncertainty, fields);
        }
    }

    /**
     * CLOCK_REALTIME - CLOCK_MONOTONIC: the narrowest of five brackets of {@link Instant#now()}
     * (CLOCK_REALTIME, ns) between two {@link System#nanoTime()} (CLOCK_MONOTONIC). Returns the
     * offset and its uncertainty (half the bracket, rounded up).
     */
    static long[] calibrate() {
        long best = Long.MAX_VALUE, offset = 0;
        for (int i = 0; i < 5; i++) {
            long m1 = System.nanoTime();
            Instant r = Instant.now();
            long m2 = System.nanoTime();
            long gap = m2 - m1;
            if (gap < best) {
                best = gap;
                offset = r.getEpochSecond() * 1_000_000_000L + r.getNano() - (m1 + gap / 2);
            }
        }
        return new long[] {offset, (best + 1) / 2 + 1};
    }

    @Override
    public void close() {
        arena.close();
        if (virtual != null) virtual.close();
    }
}
