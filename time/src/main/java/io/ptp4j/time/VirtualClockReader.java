package io.ptp4j.time;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads a ptp4j virtual clock from the file its daemon publishes ({@code uds_address.vclock}):
 * {@code time = base + (raw - raw0) + round((raw - raw0) * freqPpb / 1e9)}, raw being
 * CLOCK_MONOTONIC_RAW. Layout (64 bytes, little-endian, see ptp4j-linux VirtualClockFile):
 * 0 magic "PTP4JVC1", 8 u32 version 1, 16 u64 seqlock sequence (odd while written), 24 i64 base,
 * 32 i64 raw0, 40 f64 freqPpb. Written again here so that this module depends on nothing.
 */
final class VirtualClockReader implements AutoCloseable {
    static final long MAGIC = 0x314356344A505450L; // "PTP4JVC1" read little-endian
    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfDouble DOUBLE = ValueLayout.JAVA_DOUBLE.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle SEQ = LONG.varHandle();
    private static final int CLOCK_MONOTONIC_RAW = 4;
    private static final MethodHandle CLOCK_GETTIME = Linker.nativeLinker().downcallHandle(
            Linker.nativeLinker().defaultLookup().find("clock_gettime").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS));
    private static final ThreadLocal<MemorySegment> TIMESPEC = ThreadLocal.withInitial(() -> Arena.ofAuto().allocate(16, 8));

    private final Arena arena;
    private final MemorySegment seg;

    private VirtualClockReader(Arena arena, MemorySegment seg) {
        this.arena = arena;
        this.seg = seg;
    }

    static VirtualClockReader open(Path file) {
        Arena arena = Arena.ofShared();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            if (ch.size() < 64) throw new IOException("not a ptp4j virtual clock file (" + ch.size() + " bytes)");
            MemorySegment seg = ch.map(FileChannel.MapMode.READ_ONLY, 0, 64, arena);
            if (seg.get(LONG, 0) != MAGIC || seg.get(INT, 8) != 1) throw new IOException("not a ptp4j virtual clock file (magic or version)");
            return new VirtualClockReader(arena, seg);
        } catch (NoSuchFileException e) {
            arena.close();
            throw new BoundedTimeException(BoundedTimeException.Reason.MISSING, "no ptp4j virtual clock at " + file
                    + " (ptp4l with virtual_clock 1 publishes it at uds_address.vclock)", e);
        } catch (IOException e) {
            arena.close();
            throw new BoundedTimeException(BoundedTimeException.Reason.MALFORMED, file + ": " + e.getMessage(), e);
        }
    }

    /** CLOCK_MONOTONIC_RAW, ns. */
    static long monotonicRawNanos() {
        MemorySegment ts = TIMESPEC.get();
        try {
            int r = (int) CLOCK_GETTIME.invokeExact(CLOCK_MONOTONIC_RAW, ts);
            if (r != 0) throw new IllegalStateException("clock_gettime(CLOCK_MONOTONIC_RAW) failed");
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
        return ts.get(ValueLayout.JAVA_LONG, 0) * 1_000_000_000L + ts.get(ValueLayout.JAVA_LONG, 8);
    }

    /** The virtual clock now, ns. */
    long nowNanos() {
        for (;;) {
            long s1 = (long) SEQ.getAcquire(seg, 16L);
            long base = seg.get(LONG, 24), raw0 = seg.get(LONG, 32);
            double freq = seg.get(DOUBLE, 40);
            VarHandle.loadLoadFence();
            long s2 = (long) SEQ.getAcquire(seg, 16L);
            if (s1 == s2 && (s1 & 1) == 0) {
                long dt = monotonicRawNanos() - raw0;
                return base + dt + Math.round(dt * (freq / 1e9));
            }
            Thread.onSpinWait();
        }
    }

    @Override
    public void close() {
        arena.close();
    }
}
