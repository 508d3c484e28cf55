package io.ptp4j.bench;

import io.ptp4j.core.bound.BoundStatus;
import io.ptp4j.core.bound.ErrorBound;
import io.ptp4j.linux.clockbound.ClockBoundWriter;
import io.ptp4j.time.BoundedClock;
import io.ptp4j.time.BoundedTime;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * ptp4j-time's {@code BoundedClock.now()} against reading the clock alone, in the same run:
 * clock_gettime(CLOCK_REALTIME) through FFM into a preallocated timespec (what a C ClockBound
 * client pays before its arithmetic), System.nanoTime() (the one clock read now() makes) and
 * Instant.now(). The segment is a real one, written by ptp4l's ClockBoundWriter in a temporary
 * directory and republished 8 times a second by a background thread, as ptp4l does at 8 Syncs a
 * second: now() takes its slow path (re-read the fields, measure CLOCK_REALTIME - CLOCK_MONOTONIC)
 * after each, and what that costs is in the figures. Target: now() <= 30 ns and 0 B/op (run with
 * -prof gc): see docs/benchmarks.md.
 * {@code nowEscaping} hands the whole record to a Blackhole, so it must be allocated: the cost of
 * keeping a BoundedTime object, for comparison.
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseSerialGC", "--enable-native-access=ALL-UNNAMED"})
public class BoundedClockBenchmark extends NanosPerOperation {
    private Path dir;
    private ClockBoundWriter writer;
    private BoundedClock clock;
    private final Arena arena = Arena.ofShared();
    private MemorySegment timespec;
    private Thread republisher;
    private volatile boolean stop;
    private static final MethodHandle CLOCK_GETTIME = Linker.nativeLinker().downcallHandle(
            Linker.nativeLinker().defaultLookup().find("clock_gettime").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS), Linker.Option.critical(false));

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        dir = Files.createTempDirectory("ptp4j-bench");
        Path shm = dir.resolve("shm0");
        writer = ClockBoundWriter.open(shm, 0644, true);
        long now = System.nanoTime();
        writer.publish(new ErrorBound().set(now, now + 10_000_000_000L, 1_000, 50, BoundStatus.SYNCHRONIZED, 0));
        clock = BoundedClock.open(shm);
        timespec = arena.allocate(16, 8);
        ErrorBound b = new ErrorBound();
        republisher = new Thread(() -> {
            while (!stop) {
                long t = System.nanoTime();
                writer.publish(b.set(t, t + 10_000_000_000L, 1_000, 50, BoundStatus.SYNCHRONIZED, 0));
                try {
                    Thread.sleep(125);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "ptp4l-like republisher");
        republisher.setDaemon(true);
        republisher.start();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        stop = true;
        republisher.join();
        clock.close();
        writer.close();
        arena.close();
        Files.deleteIfExists(dir);
    }

    /** The way an application uses it: read the fields, keep no object. */
    @Benchmark
    public long now() {
        BoundedTime t = clock.now();
        return t.earliestNanos() ^ t.latestNanos() ^ t.status().ordinal();
    }

    @Benchmark
    public void nowEscaping(Blackhole bh) {
        bh.consume(clock.now());
    }

    @Benchmark
    public long clockGettimeRealtime() throws Throwable {
        int r = (int) CLOCK_GETTIME.invokeExact(0, timespec);
        return timespec.get(ValueLayout.JAVA_LONG, 0) * 1_000_000_000L + timespec.get(ValueLayout.JAVA_LONG, 8) + r;
    }

    @Benchmark
    public long systemNanoTime() {
        return System.nanoTime();
    }

    @Benchmark
    public long instantNow() {
        Instant i = Instant.now();
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }
}
