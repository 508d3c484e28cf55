package io.ptp4j.linux.clockbound;

import io.ptp4j.core.bound.BoundStatus;
import io.ptp4j.core.bound.ErrorBound;
import io.ptp4j.linux.Libc;
import io.ptp4j.linux.FileMode;
import io.ptp4j.linux.MappedFile;
import io.ptp4j.time.ClockBoundLayout;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Publishes a clock error bound in a ClockBound shared-memory segment, protocol version 2 (layout:
 * {@link ClockBoundLayout}), so that ClockBound's own C, Rust and Python clients and ptp4j-time
 * read it. One writer per file; any number of read-only mappers. It follows ClockBound's writer
 * (clock-bound-shm writer.rs): an existing valid segment is taken over as it is (readers keep
 * their mapping across a daemon restart), anything else is wiped to a header with version and
 * generation 0 ("not initialized") before the version is set; each update makes the generation
 * odd, writes the fields and makes it even again, skipping 0 when it wraps.
 *
 * <p>as_of and void_after are CLOCK_MONOTONIC_COARSE instants in the protocol. The bound refers to
 * the precise CLOCK_MONOTONIC instant it was computed at; it is written with as_of that instant
 * minus the coarse clock's resolution, so that a reader extrapolating from its own (coarse,
 * lagging) reading never extrapolates from a point later than the truth, and never sees as_of in
 * its future.
 */
public final class ClockBoundWriter implements AutoCloseable {
    private static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT;
    private static final ValueLayout.OfLong I64 = ValueLayout.JAVA_LONG;
    private static final VarHandle U16 = ValueLayout.JAVA_SHORT.varHandle();

    private final MappedFile file;
    private final MemorySegment seg;
    private final long coarseResolutionNanos;

    private ClockBoundWriter(MappedFile file, long coarseResolutionNanos) {
        this.file = file;
        this.seg = file.segment();
        this.coarseResolutionNanos = coarseResolutionNanos;
    }

    /**
     * Opens {@code path} for writing (making its directory), takes over a valid version 2 segment
     * or makes a fresh one, and gives the file {@code fileMode} (e.g. 0644: anyone may read).
     * With {@code deleteOnClose} the file goes away on {@link #close()} (a virtual clock's bound,
     * next to the daemon's socket); otherwise it stays, and readers see it age and go stale.
     */
    public static ClockBoundWriter open(Path path, int fileMode, boolean deleteOnClose) throws IOException {
        MappedFile.createParent(path);
        long res = Libc.clockGetresNanos(Libc.CLOCK_MONOTONIC_COARSE);
        long coarseResolutionNanos = res > 0 ? res : 10_000_000L; // HZ=100 at worst
        return new ClockBoundWriter(MappedFile.map(path, deleteOnClose, (ch, arena) -> {
            boolean reuse = usable(ch);
            if (!reuse) {
                ch.truncate(0);
                ByteBuffer b = ByteBuffer.allocate(ClockBoundLayout.SIZE).order(java.nio.ByteOrder.nativeOrder());
                b.putInt(0, ClockBoundLayout.MAGIC_0).putInt(4, ClockBoundLayout.MAGIC_1).putInt(8, ClockBoundLayout.SIZE);
                ch.write(b, 0); // version 0, generation 0: not initialized
                ch.force(true);
            }
            MemorySegment seg = ch.map(FileChannel.MapMode.READ_WRITE, 0, ClockBoundLayout.SIZE, arena);
            // the layout is defined from here on; the segment is usable once the generation leaves 0
            U16.setRelease(seg, ClockBoundLayout.OFF_VERSION, (short) ClockBoundLayout.VERSION);
            try {
                Files.setPosixFilePermissions(path, FileMode.permissions(fileMode));
            } catch (UnsupportedOperationException e) {
                // a file system without POSIX modes: the umask decides
            }
            return seg;
        }, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE), coarseResolutionNanos);
    }

    /** A version 2 segment already there (a restart): keep it, generation and all. */
    private static boolean usable(FileChannel ch) throws IOException {
        if (ch.size() < ClockBoundLayout.SIZE) return false;
        ByteBuffer b = ByteBuffer.allocate(16).order(java.nio.ByteOrder.nativeOrder());
        ch.read(b, 0);
        return b.getInt(0) == ClockBoundLayout.MAGIC_0 && b.getInt(4) == ClockBoundLayout.MAGIC_1
                && Integer.toUnsignedLong(b.getInt(8)) >= ClockBoundLayout.SIZE && b.getShort(12) == ClockBoundLayout.VERSION;
    }

    public Path path() {
        return file.path();
    }

    /** Writes {@code b} (times in CLOCK_MONOTONIC ns). No allocation; one writer thread. */
    public void publish(ErrorBound b) {
        int g = Short.toUnsignedInt((short) U16.getOpaque(seg, ClockBoundLayout.OFF_GENERATION));
        // a writer that died mid-update left an odd generation: stay odd (ClockBound does the same)
        int odd = (g & 1) == 0 ? ClockBoundLayout.nextGeneration(g) : g;
        U16.setOpaque(seg, ClockBoundLayout.OFF_GENERATION, (short) odd);
        VarHandle.storeStoreFence();
        long asOf = b.asOfNanos() - coarseResolutionNanos;
        long voidAfter = b.voidAfterNanos() - coarseResolutionNanos;
        boolean usable = b.status().trusted() && b.maxDriftPpb() < ClockBoundLayout.MAX_DRIFT_LIMIT_PPB;
        seg.set(I64, ClockBoundLayout.OFF_AS_OF, Math.floorDiv(asOf, 1_000_000_000L));
        seg.set(I64, ClockBoundLayout.OFF_AS_OF + 8, Math.floorMod(asOf, 1_000_000_000L));
        seg.set(I64, ClockBoundLayout.OFF_VOID_AFTER, Math.floorDiv(voidAfter, 1_000_000_000L));
        seg.set(I64, ClockBoundLayout.OFF_VOID_AFTER + 8, Math.floorMod(voidAfter, 1_000_000_000L));
        seg.set(I64, ClockBoundLayout.OFF_BOUND, usable ? b.boundNanos() : 0);
        seg.set(I64, ClockBoundLayout.OFF_DISRUPTION_MARKER, b.disruptionMarker());
        seg.set(U32, ClockBoundLayout.OFF_MAX_DRIFT, usable ? (int) b.maxDriftPpb() : 0);
        // a drift of 100 % or more bounds nothing: say so rather than write what readers refuse
        int status = usable || !b.status().trusted() ? b.status().code : BoundStatus.UNKNOWN.code;
        seg.set(U32, ClockBoundLayout.OFF_CLOCK_STATUS, status);
        seg.set(ValueLayout.JAVA_BYTE, ClockBoundLayout.OFF_DISRUPTION_SUPPORT, (byte) 0); // no VMClock behind ptp4j
        U16.setRelease(seg, ClockBoundLayout.OFF_GENERATION, (short) ClockBoundLayout.nextGeneration(odd));
    }

    /** The current generation (tests, diagnostics). */
    public int generation() {
        return Short.toUnsignedInt((short) U16.getAcquire(seg, ClockBoundLayout.OFF_GENERATION));
    }

    @Override
    public void close() {
        file.close(); // with deleteOnClose the file goes too; otherwise readers see it go stale
    }
}
