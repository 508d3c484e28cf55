package io.ptp4j.sim;

import io.ptp4j.core.bound.ErrorBound;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The seed's outage, as a workload: two database nodes stamp transactions that depend on each
 * other. A transaction T1 commits on one node; a message reaches the other node {@code latency}
 * later and starts T2 there, which read T1's writes and so must be ordered after it. With naive
 * timestamps (each node's clock) an ordering violation is T2's stamp not above T1's. With commit
 * wait on the bound (Spanner's rule): T1's stamp is its node's latest, and T1 becomes visible only
 * once that node's earliest is past the stamp; T2's stamp is its node's latest. Then
 * {@code ts1 < earliest1(t') <= true(t') < true(t' + latency) <= latest2 = ts2} whenever both
 * bounds hold true time: the count of violations must be 0, and the price is the wait.
 *
 * <p>Readings are taken at the simulated instant they happen, from each node's disciplined clock
 * and its last published bound (extrapolated as a reader does). A node whose status cannot vouch
 * for its interval refuses to commit (counted, not waited for).
 */
public final class OrderingWorkload {
    private final Simulation sim;
    private final SimNode a, b;
    private final double ratePerSecond;
    private final long latencyNanos, startNanos;
    private final SplittableRandom random;
    long pairs, naiveViolations, waitViolations, refused;
    private long[] waits = new long[1024];
    private int nWaits;
    private double waitSumNanos;
    private long maxWaitSinceMark;

    OrderingWorkload(Simulation sim, SimNode a, SimNode b, double ratePerSecond, long latencyNanos, long startNanos, long seed) {
        this.sim = sim;
        this.a = a;
        this.b = b;
        this.ratePerSecond = ratePerSecond;
        this.latencyNanos = latencyNanos;
        this.startNanos = startNanos;
        this.random = new SplittableRandom(seed);
    }

    void start() {
        sim.at(startNanos, this::arrival);
    }

    /** Transactions arrive as a Poisson process; each picks which node commits first. */
    private void arrival() {
        boolean aFirst = random.nextBoolean();
        transaction(aFirst ? a : b, aFirst ? b : a);
        long gap = Math.max(1, Math.round(-Math.log(1 - random.nextDouble()) / ratePerSecond * 1e9));
        sim.after(gap, this::arrival);
    }

    private void transaction(SimNode first, SimNode second) {
        pairs++;
        // naive: each node's clock
        long ts1Naive = first.readClockNanos();
        sim.after(latencyNanos, () -> {
            if (second.readClockNanos() <= ts1Naive) naiveViolations++;
        });
        // commit wait on the bound
        ErrorBound e1 = first.bound().published();
        if (!e1.status().trusted()) {
            refused++;
            return;
        }
        long now = sim.now();
        long ts1 = first.readClockNanos() + e1.boundAt(now);
        waitUntilPast(first, ts1, now);
    }

    /** Polls first's earliest until it passes ts1 (a first guess from the bound, then small steps). */
    private void waitUntilPast(SimNode first, long ts1, long began) {
        long now = sim.now();
        ErrorBound e = first.bound().published();
        long earliest = first.readClockNanos() - e.boundAt(now);
        if (!e.status().trusted()) {
            refused++;
            return;
        }
        if (earliest > ts1) {
            record(now - began);
            SimNode second = first == a ? b : a;
            sim.after(latencyNanos, () -> {
                ErrorBound e2 = second.bound().published();
                if (!e2.status().trusted()) {
                    refused++;
                    return;
                }
                long ts2 = second.readClockNanos() + e2.boundAt(sim.now());
                if (ts2 <= ts1) waitViolations++;
            });
            return;
        }
        // the clock gains ~1 ns per ns while the bound grows by maxDrift: the gap closes at about that rate
        long gap = ts1 - earliest + 1;
        long step = Math.max(1_000, (long) (gap / Math.max(0.5, 1 - e.maxDriftPpb() / 1e9)));
        sim.after(step, () -> waitUntilPast(first, ts1, began));
    }

    private void record(long wait) {
        if (nWaits == waits.length) waits = Arrays.copyOf(waits, waits.length * 2);
        waits[nWaits++] = wait;
        waitSumNanos += wait;
        maxWaitSinceMark = Math.max(maxWaitSinceMark, wait);
    }

    /** Sum of all waits so far, ns (a live display takes differences). */
    public double waitSumNanos() {
        return waitSumNanos;
    }

    /** The longest wait since the last call, ns (0 when none). */
    public long takeMaxWait() {
        long m = maxWaitSinceMark;
        maxWaitSinceMark = 0;
        return m;
    }

    /** What the workload saw so far. */
    public record Result(long pairs, long naiveViolations, long waitViolations, long refused, long committed, double meanWaitNanos,
                         double medianWaitNanos, double p99WaitNanos, double maxWaitNanos) {}

    public Result result() {
        long[] w = Arrays.copyOf(waits, nWaits);
        Arrays.sort(w);
        double mean = 0;
        for (long x : w) mean += x;
        mean = w.length == 0 ? Double.NaN : mean / w.length;
        return new Result(pairs, naiveViolations, waitViolations, refused, w.length, mean,
                w.length == 0 ? Double.NaN : w[w.length / 2], w.length == 0 ? Double.NaN : w[Math.min(w.length - 1, (int) (w.length * 0.99))],
                w.length == 0 ? Double.NaN : w[w.length - 1]);
    }
}
