package io.ptp4j.core.servo;

/**
 * Moving median over the last {@code length} samples (linuxptp mmedian.c): a circular buffer
 * plus an index array kept sorted by value; the median of an even count is the mean of the two
 * middle values. Insertion is O(length) and allocation-free.
 */
public final class MovingMedian implements DelayFilter {
    private final long[] samples;
    private final int[] order;
    private final int length;
    private int count;
    private int index;

    public MovingMedian(int length) {
        this.length = length;
        this.samples = new long[length];
        this.order = new int[length];
    }

    @Override
    public long sample(long value) {
        samples[index] = value;
        int i;
        if (count < length) {
            count++;
        } else {
            // Remove the index of the value being replaced from the sorted order.
            for (i = 0; i < count; i++) if (order[i] == index) break;
            for (; i + 1 < count; i++) order[i] = order[i + 1];
        }
        for (i = count - 1; i > 0; i--) {
            if (samples[order[i - 1]] <= value) break;
            order[i] = order[i - 1];
        }
        order[i] = index;
        index = (index + 1) % length;
        if ((count & 1) == 1) return samples[order[count / 2]];
        return (samples[order[count / 2 - 1]] + samples[order[count / 2]]) / 2;
    }

    @Override
    public void reset() {
        count = 0;
        index = 0;
    }
}
