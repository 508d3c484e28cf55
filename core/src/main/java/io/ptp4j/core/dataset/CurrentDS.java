package io.ptp4j.core.dataset;

/** currentDS (IEEE 1588-2019 8.2.2): hops to the grandmaster and the last servo inputs. */
public final class CurrentDS {
    private int stepsRemoved;
    private long offsetFromMasterNanos;
    private long meanPathDelayNanos;

    public int stepsRemoved() {
        return stepsRemoved;
    }

    public long offsetFromMasterNanos() {
        return offsetFromMasterNanos;
    }

    public long meanPathDelayNanos() {
        return meanPathDelayNanos;
    }

    public void stepsRemoved(int v) {
        stepsRemoved = v;
    }

    public void offsetFromMasterNanos(long v) {
        offsetFromMasterNanos = v;
    }

    public void meanPathDelayNanos(long v) {
        meanPathDelayNanos = v;
    }
}
