package io.ptp4j.core.servo;

/** linuxptp's "nullf" servo: never adjusts; used by free_running clocks, which only measure. */
public final class NullServo extends MeasureOnlyServo {
    @Override
    protected void measured(long offsetNanos, long localTimeNanos) {}
}
