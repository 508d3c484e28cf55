package io.ptp4j.core.servo;

/** Moving average over the last {@code length} samples (linuxptp mave.c). */
public final class MovingAverage implements DelayFilter {
    private final long[] samples;
    private final int length;
    private int count;
    private int index;
    private long sum;

    public MovingAverage(int length) {
        this.length = length;
        this.samples = new long[length];
    }

    @Override
    public long sample(long value) {
        if (count < length) {
            count++;
        } else {
            sum -= samples[index];
        }
        samples[index] = value;
        sum += value;
        index = (index + 1) % length;
        return sum / count;
    }

    @Override
    public void reset() {
        count = 0;
        index = 0;
        sum = 0;
    }
}
