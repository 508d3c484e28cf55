package io.ptp4j.linux.clock;

import io.ptp4j.linux.MappedFile;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A {@link VirtualClock}'s parameters published in a small memory-mapped file, so that another
 * process (phc2sys reading ptp4l's virtual clock) can compute the same time without asking:
 * {@code time = base + (raw - raw0) + round((raw - raw0) * freqPpb / 1e9)}, raw being
 * CLOCK_MONOTONIC_RAW, which every process on the machine reads alike.
 *
 * <p>Layout (64 bytes, little-endian): 0 magic "PTP4JVC1"; 8 u32 version 1; 12 u32 reserved;
 * 16 u64 sequence (a seqlock: odd while the writer updates); 24 i64 base ns; 32 i64 raw0 ns;
 * 40 f64 freqPpb; 48 i64 writer pid; 56 reserved. One writer (the owning daemon's clock thread),
 * any number of read-only mappers. The writer deletes the file when it closes.
 */
public final class VirtualClockFile implements AutoCloseable {
    public static final int SIZE = 64;
    /** "PTP4JVC1" read as a little-endian long. */
    public static final long MAGIC = 0x314356344A505450L;
    public static final int VERSION = 1;
    static final long OFF_MAGIC = 0, OFF_VERSION = 8, OFF_SEQ = 16, OFF_BASE = 24, OFF_RAW0 = 32, OFF_FREQ = 40, OFF_PID = 48;
    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfDouble DOUBLE = ValueLayout.JAVA_DOUBLE.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle SEQ = LONG.varHandle();

    private final MappedFile file;
    private final MemorySegment seg;
    private final boolean owner;

    private VirtualClockFile(MappedFile file, boolean owner) {
        this.file = file;
        this.seg = file.segment();
        this.owner = owner;
    }

    /** Creates (or replaces) the file for writing; readable by all (mode 0644), like a pid file. */
    public static VirtualClockFile create(Path path) throws IOException {
        MappedFile.createParent(path);
        return new VirtualClockFile(MappedFile.map(path, true, (ch, arena) -> initialize(path, ch, arena),
                StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING), true);
    }

    /** Writes a fresh header into the new file at {@code path} and maps it for writing. */
    private static MemorySegment initialize(Path path, FileChannel ch, Arena arena) throws IOException {
        ch.write(java.nio.ByteBuffer.allocate(SIZE));
        MemorySegment seg = ch.map(FileChannel.MapMode.READ_WRITE, 0, SIZE, arena);
        seg.set(LONG, OFF_SEQ, 0L);
        seg.set(INT, OFF_VERSION, VERSION);
        seg.set(LONG, OFF_PID, ProcessHandle.current().pid());
        VarHandle.releaseFence();
        seg.set(LONG, OFF_MAGIC, MAGIC); // last: a reader never sees a half-made header
        try {
            Files.setPosixFilePermissions(path, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException | IOException e) {
            // a file system without POSIX modes: the umask decides
        }
        return seg;
    }

    /** Maps an existing file read-only; a clear error when it is missing, short or not ours. */
    public static VirtualClockFile open(Path path) throws IOException {
        return new VirtualClockFile(MappedFile.map(path, false, (ch, arena) -> {
            if (ch.size() < SIZE) throw new IOException(path + ": not a ptp4j virtual clock file (" + ch.size() + " bytes, expected " + SIZE + ")");
            MemorySegment seg = ch.map(FileChannel.MapMode.READ_ONLY, 0, SIZE, arena);
            if (seg.get(LONG, OFF_MAGIC) != MAGIC) throw new IOException(path + ": not a ptp4j virtual clock file (bad magic)");
            int v = seg.get(INT, OFF_VERSION);
            if (v != VERSION) throw new IOException(path + ": virtual clock file version " + v + ", this ptp4j reads " + VERSION);
            return seg;
        }, StandardOpenOption.READ), false);
    }

    public Path path() {
        return file.path();
    }

    /** The writer's process id (to tell a stale file from a live one). */
    public long writerPid() {
        return seg.get(LONG, OFF_PID);
    }

    /** Writer side: publishes new parameters (seqlock: odd sequence while writing). */
    public void publish(long baseNanos, long raw0Nanos, double freqPpb) {
        if (!owner) throw new IllegalStateException(file.path() + " is mapped read-only");
        long s = (long) SEQ.getOpaque(seg, OFF_SEQ);
        SEQ.setOpaque(seg, OFF_SEQ, s + 1);
        VarHandle.storeStoreFence();
        seg.set(LONG, OFF_BASE, baseNanos);
        seg.set(LONG, OFF_RAW0, raw0Nanos);
        seg.set(DOUBLE, OFF_FREQ, freqPpb);
        SEQ.setRelease(seg, OFF_SEQ, s + 2);
    }

    /** Reader side: the published time at raw instant {@code rawNanos} (CLOCK_MONOTONIC_RAW). */
    public long timeAt(long rawNanos) {
        for (int spins = 0; ; spins++) {
            long s1 = (long) SEQ.getAcquire(seg, OFF_SEQ);
            long base = seg.get(LONG, OFF_BASE), raw0 = seg.get(LONG, OFF_RAW0);
            double freq = seg.get(DOUBLE, OFF_FREQ);
            VarHandle.loadLoadFence();
            long s2 = (long) SEQ.getAcquire(seg, OFF_SEQ);
            if (s1 == s2 && (s1 & 1) == 0) return VirtualClock.timeAt(base, raw0, freq / 1e9, rawNanos);
            if (spins > 1000) Thread.onSpinWait();
        }
    }

    /** Reader side: the seqlock sequence (even when stable; it changes with every publication). */
    public long sequence() {
        return (long) SEQ.getAcquire(seg, OFF_SEQ);
    }

    /**
     * Reader side: the CLOCK_MONOTONIC_RAW instant at which the clock read {@code time} under the
     * parameters published now (the inverse of {@link #timeAt}, to within a nanosecond). Tests
     * use it to find when a reading was taken.
     */
    public long rawAt(long time) {
        for (;;) {
            long s1 = (long) SEQ.getAcquire(seg, OFF_SEQ);
            long base = seg.get(LONG, OFF_BASE), raw0 = seg.get(LONG, OFF_RAW0);
            double freq = seg.get(DOUBLE, OFF_FREQ);
            VarHandle.loadLoadFence();
            long s2 = (long) SEQ.getAcquire(seg, OFF_SEQ);
            if (s1 == s2 && (s1 & 1) == 0) return raw0 + Math.round((time - base) / (1 + freq / 1e9));
            Thread.onSpinWait();
        }
    }

    /** Reader side: the published frequency offset, ppb. */
    public double frequencyPpb() {
        for (;;) {
            long s1 = (long) SEQ.getAcquire(seg, OFF_SEQ);
            double freq = seg.get(DOUBLE, OFF_FREQ);
            VarHandle.loadLoadFence();
            if (s1 == (long) SEQ.getAcquire(seg, OFF_SEQ) && (s1 & 1) == 0) return freq;
        }
    }

    @Override
    public void close() {
        file.close(); // the owner's file goes too; a stale one is recognised by its pid
    }
}
