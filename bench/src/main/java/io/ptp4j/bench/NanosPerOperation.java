package io.ptp4j.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The one measurement method of ptp4j's JMH benchmarks, so that their figures in
 * docs/benchmarks.md are taken alike: average nanoseconds per operation, 3 warm-up and 5 measured
 * one-second iterations in one fork on the serial collector (its allocation figures under
 * {@code -prof gc} are then the program's own). JMH reads these annotations from the superclass; a
 * benchmark that needs more (native access) declares its own {@code @Fork}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseSerialGC"})
public abstract class NanosPerOperation {
}
