package io.ptp4j.core.servo;

/** linuxptp's "nullf" servo: never adjusts; used by free_running clocks, which only measure. */
public final class NullServo implements Servo {
    @Override
    public double sample(long offsetNanos, long localTimeNanos, double weight) {
        return 0.0;
    }

    @Override
    public ServoState state() {
        return ServoState.UNLOCKED;
    }

    @Override
    public void syncInterval(double seconds) {}

    @Override
    public void reset() {}

    @Override
    public double maxFrequencyPpb() {
        return 0.0;
    }
}
