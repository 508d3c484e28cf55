package io.ptp4j.core.clock;

/**
 * linuxptp's clockcheck.c (sanity_freq_limit; ptp4l and phc2sys -L): between samples at least
 * 100 ms apart, the disciplined clock's elapsed time, corrected by the frequencies set on it in
 * between, is compared with CLOCK_MONOTONIC's. A frequency offset beyond the limit means the
 * clock jumped or was retuned behind our back (another program, a broken driver): the caller
 * prints the warning and resets its servo. Also notices a frequency read back that differs from
 * the one set. Allocation-free; the caller supplies the monotonic time.
 */
public final class ClockCheck {
    public static final String FORWARD = "clockcheck: clock jumped forward or running faster than expected!";
    public static final String BACKWARD = "clockcheck: clock jumped backward or running slower than expected!";
    public static final String FREQUENCY_CHANGED = "clockcheck: clock frequency changed unexpectedly!";
    static final long MIN_INTERVAL_NANOS = 100_000_000L;
    static final int MAX_FREQ = 900_000_000;

    private final int freqLimitPpb;
    private boolean freqKnown;
    private int currentFreq;
    private int maxFreq;
    private int minFreq;
    private long lastTs;
    private long lastMonoTs;

    /** @param freqLimitPpb sanity_freq_limit (ppb), greater than 0 */
    public ClockCheck(int freqLimitPpb) {
        this.freqLimitPpb = freqLimitPpb;
        reset();
    }

    /** clockcheck_reset: a new master or a new servo; the next samples start afresh. */
    public void reset() {
        freqKnown = false;
        maxFreq = -MAX_FREQ;
        minFreq = MAX_FREQ;
        lastTs = 0;
    }

    /**
     * clockcheck_sample: the clock read {@code ts} at monotonic time {@code monoNanos}. Returns
     * null when all is well, else {@link #FORWARD} or {@link #BACKWARD} (reset the servo).
     */
    public String sample(long ts, long monoNanos) {
        if (!freqKnown) return null;
        long interval = ts - lastTs;
        if (interval >= 0 && interval < MIN_INTERVAL_NANOS) return null;
        long monoInterval = monoNanos - lastMonoTs;
        if (monoInterval < MIN_INTERVAL_NANOS) return null;
        String bad = null;
        if (lastTs != 0 && maxFreq <= MAX_FREQ) {
            double maxFoffset = 1e9 * (interval / (1.0 + minFreq / 1e9) / monoInterval - 1.0);
            double minFoffset = 1e9 * (interval / (1.0 + maxFreq / 1e9) / monoInterval - 1.0);
            if (minFoffset > freqLimitPpb) bad = FORWARD;
            else if (maxFoffset < -freqLimitPpb) bad = BACKWARD;
        }
        lastMonoTs = monoNanos;
        lastTs = ts;
        maxFreq = minFreq = currentFreq;
        return bad;
    }

    /** clockcheck_set_freq: the frequency just set on the clock, ppb (positive: faster). */
    public void setFreq(double ppb) {
        int f = (int) ppb;
        if (maxFreq < f) maxFreq = f;
        if (minFreq > f) minFreq = f;
        currentFreq = f;
        freqKnown = true;
    }

    /** clockcheck_freq: true when the frequency read back differs from the one set (1 ppb of rounding allowed). */
    public boolean freqChanged(double readPpb) {
        return freqKnown && Math.abs(currentFreq - (int) readPpb) > 1;
    }

    /** clockcheck_step: the caller stepped the clock itself by {@code stepNanos}. */
    public void step(long stepNanos) {
        if (lastTs != 0) lastTs += stepNanos;
    }
}
