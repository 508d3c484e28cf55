package io.ptp4j.core.servo;

/**
 * The smallest of the last {@code length} samples. Queueing and interrupt latency only ever add to
 * a packet's measured transit time, so over a short window the fastest packet is the one whose
 * timestamps carry the least noise (the "lucky packet"). O(length) per sample, no allocation.
 */
public final class MovingMinimum implements DelayFilter {
    private final long[] ring;
    private int next;
    private int count;

    public MovingMinimum(int length) {
        if (length < 1) throw new IllegalArgumentException("window must be >= 1, got " + length);
        ring = new long[length];
    }

    @Override
    public long sample(long valueNanos) {
        ring[next] = valueNanos;
        next = (next + 1) % ring.length;
        if (count < ring.length) count++;
        return minimum();
    }

    public long minimum() {
        long min = Long.MAX_VALUE;
        for (int i = 0; i < count; i++) min = Math.min(min, ring[i]);
        return min;
    }

    public int count() {
        return count;
    }

    @Override
    public void reset() {
        count = 0;
        next = 0;
    }
}
