package io.ptp4j.core.servo;

import java.util.SplittableRandom;

/**
 * A servo test bench: an ideal master, a local clock with a frequency error, offsets measured
 * with Gaussian jitter once per sync interval, the servo's output applied exactly as a clock
 * would apply it. Reports the TRUE time error, not the servo's view of it.
 */
final class ClosedLoop {
    final Servo servo;
    final double intervalSeconds;
    final double jitterNanos;
    final SplittableRandom random;
    double freqErrorPpb;   // the oscillator's own error
    double adjustPpb;      // what the servo set
    double localMinusTrue; // true time error, ns
    long trueNanos = 1_000_000_000_000L;
    int steps;

    ClosedLoop(Servo servo, double intervalSeconds, double jitterNanos, double freqErrorPpb, double initialOffsetNanos, long seed) {
        this.servo = servo;
        this.intervalSeconds = intervalSeconds;
        this.jitterNanos = jitterNanos;
        this.freqErrorPpb = freqErrorPpb;
        this.localMinusTrue = initialOffsetNanos;
        this.random = new SplittableRandom(seed);
        servo.syncInterval(intervalSeconds);
    }

    /** Runs one sync interval; returns the true error after the servo acted. */
    double step() {
        double dtNanos = intervalSeconds * 1e9;
        localMinusTrue += dtNanos * (freqErrorPpb + adjustPpb) / 1e9;
        trueNanos += (long) dtNanos;
        long measured = Math.round(localMinusTrue + random.nextGaussian() * jitterNanos);
        long localTs = trueNanos + (long) localMinusTrue;
        double ppb = servo.sample(measured, localTs, 1.0);
        switch (servo.state()) {
            case JUMP -> {
                localMinusTrue -= measured;
                adjustPpb = ppb;
                steps++;
            }
            case LOCKED, LOCKED_STABLE -> adjustPpb = ppb;
            case UNLOCKED -> { }
        }
        return localMinusTrue;
    }

    /** Runs {@code settle} intervals, then returns the rms of the true error over {@code measure} more. */
    double rmsAfter(int settle, int measure) {
        for (int i = 0; i < settle; i++) step();
        double sum = 0;
        for (int i = 0; i < measure; i++) {
            double e = step();
            sum += e * e;
        }
        return Math.sqrt(sum / measure);
    }
}
