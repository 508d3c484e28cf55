package io.ptp4j.time;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Writes ClockBound v2 segments field by field for the reader's tests (the daemon's writer lives in ptp4j-linux). */
final class TestSegments implements AutoCloseable {
    private static final VarHandle GEN = ValueLayout.JAVA_SHORT.varHandle();
    final Arena arena = Arena.ofShared();
    final MemorySegment seg;

    TestSegments(Path path) throws IOException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ch.write(java.nio.ByteBuffer.allocate(ClockBoundLayout.SIZE));
            seg = ch.map(FileChannel.MapMode.READ_WRITE, 0, ClockBoundLayout.SIZE, arena);
        }
        seg.set(ValueLayout.JAVA_INT, 0, ClockBoundLayout.MAGIC_0);
        seg.set(ValueLayout.JAVA_INT, 4, ClockBoundLayout.MAGIC_1);
        seg.set(ValueLayout.JAVA_INT, 8, ClockBoundLayout.SIZE);
        seg.set(ValueLayout.JAVA_SHORT, 12, (short) ClockBoundLayout.VERSION);
    }

    /** One seqlock update: odd generation, the fields, the next even generation. */
    void write(long asOf, long voidAfter, long bound, long marker, long driftPpb, int status) {
        int g = Short.toUnsignedInt((short) GEN.getAcquire(seg, 14L));
        int odd = (g & 1) == 0 ? ClockBoundLayout.nextGeneration(g) : g;
        GEN.setRelease(seg, 14L, (short) odd);
        VarHandle.storeStoreFence();
        seg.set(ValueLayout.JAVA_LONG, 16, asOf / 1_000_000_000L);
        seg.set(ValueLayout.JAVA_LONG, 24, asOf % 1_000_000_000L);
        seg.set(ValueLayout.JAVA_LONG, 32, voidAfter / 1_000_000_000L);
        seg.set(ValueLayout.JAVA_LONG, 40, voidAfter % 1_000_000_000L);
        seg.set(ValueLayout.JAVA_LONG, 48, bound);
        seg.set(ValueLayout.JAVA_LONG, 56, marker);
        seg.set(ValueLayout.JAVA_INT, 64, (int) driftPpb);
        seg.set(ValueLayout.JAVA_INT, 68, status);
        GEN.setRelease(seg, 14L, (short) ClockBoundLayout.nextGeneration(odd));
    }

    void set16(long offset, int value) {
        seg.set(ValueLayout.JAVA_SHORT, offset, (short) value);
    }

    void set32(long offset, int value) {
        seg.set(ValueLayout.JAVA_INT, offset, value);
    }

    @Override
    public void close() {
        arena.close();
    }
}
