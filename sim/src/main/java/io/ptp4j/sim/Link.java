package io.ptp4j.sim;

import java.util.SplittableRandom;

/**
 * A full-duplex cable between two endpoints: a base delay per direction (the difference is the
 * path asymmetry), a random extra delay, loss, duplication. Reordering follows from the jitter.
 */
public final class Link {
    final Simulation sim;
    Endpoint a, b;
    long delayAtoB, delayBtoA;
    Noise jitter;
    double loss, duplication;
    /** Probability that a frame is late, and by how much (software stamps: a softirq that waited). */
    double lateProbability;
    Noise late = Noise.NONE;
    boolean up = true;
    private final SplittableRandom random;
    long frames, lost;

    Link(Simulation sim, long delayNanos, Noise jitter, long seed) {
        this.sim = sim;
        this.delayAtoB = delayNanos;
        this.delayBtoA = delayNanos;
        this.jitter = jitter;
        this.random = new SplittableRandom(seed);
    }

    /** Makes A->B longer than B->A by {@code asymmetryNanos} around the same mean. */
    public void asymmetry(long meanNanos, long asymmetryNanos) {
        delayAtoB = meanNanos + asymmetryNanos / 2;
        delayBtoA = meanNanos - asymmetryNanos / 2;
    }

    public void setUp(boolean up) {
        this.up = up;
    }

    public void loss(double probability) {
        this.loss = probability;
    }

    void send(Endpoint from, byte[] frame, int length, boolean event, boolean peerDelay) {
        if (!up) return;
        frames++;
        if (loss > 0 && random.nextDouble() < loss) {
            lost++;
            return;
        }
        Endpoint to = from == a ? b : a;
        long base = from == a ? delayAtoB : delayBtoA;
        int copies = duplication > 0 && random.nextDouble() < duplication ? 2 : 1;
        for (int i = 0; i < copies; i++) {
            long d = Math.max(0, base + Math.round(jitter.sample(random)));
            if (lateProbability > 0 && random.nextDouble() < lateProbability) d += Math.max(0, Math.round(late.sample(random)));
            byte[] copy = java.util.Arrays.copyOf(frame, length);
            sim.after(d, () -> to.deliver(copy, copy.length, event, peerDelay, this));
        }
    }
}
