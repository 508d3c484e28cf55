package io.ptp4j.sim;

import java.util.SplittableRandom;

/**
 * Background traffic on a plain switch's egress port, as the wait it causes a PTP frame: the
 * port is busy a fraction (its utilisation) of the time; a frame that finds it busy waits, as in
 * an M/M/1 queue, an exponential time with mean frame / (1 - utilisation). The utilisation holds
 * a level drawn between {@code low} and {@code high} for {@code hold}, then draws another, and
 * now and then a burst raises it to {@code burst} for {@code burstLength}. Frames are modelled,
 * not simulated one by one, so a loaded switch costs nothing per background frame.
 */
final class BackgroundLoad {
    final double low, high, burst;
    final long holdNanos, burstEveryNanos, burstLengthNanos, frameNanos;
    private final SplittableRandom random;
    private double level;
    private long levelUntil = Long.MIN_VALUE;
    private long burstStart = Long.MIN_VALUE, burstEnd = Long.MIN_VALUE;

    BackgroundLoad(double low, double high, long holdNanos, double burst, long burstEveryNanos, long burstLengthNanos,
                   long frameNanos, long seed) {
        this.low = low;
        this.high = high;
        this.holdNanos = Math.max(1, holdNanos);
        this.burst = burst;
        this.burstEveryNanos = burstEveryNanos;
        this.burstLengthNanos = burstLengthNanos;
        this.frameNanos = frameNanos;
        this.random = new SplittableRandom(seed);
    }

    /** The utilisation at time t (t never goes backwards). */
    double utilisation(long t) {
        while (t >= levelUntil) {
            level = low + random.nextDouble() * (high - low);
            levelUntil = levelUntil == Long.MIN_VALUE ? t + holdNanos : levelUntil + holdNanos;
        }
        if (burstEveryNanos > 0) {
            while (t >= burstEnd) {
                // bursts start at random, on average every burstEvery
                long gap = Math.round(-Math.log(1 - random.nextDouble()) * burstEveryNanos);
                burstStart = (burstEnd == Long.MIN_VALUE ? t : burstEnd) + gap;
                burstEnd = burstStart + burstLengthNanos;
            }
            if (t >= burstStart) return Math.max(level, burst);
        }
        return level;
    }

    /** The wait of a frame arriving at time t, ns. */
    long waitNanos(long t) {
        double u = Math.min(0.98, utilisation(t));
        if (random.nextDouble() >= u) return 0;
        return Math.round(-Math.log(1 - random.nextDouble()) * frameNanos / (1 - u));
    }
}
