package io.ptp4j.tools.phc2sys;

import io.ptp4j.tools.log.Printer;
import java.util.function.LongSupplier;

/**
 * linuxptp's clockcheck.c (sanity_freq_limit, phc2sys -L): between updates at least 100 ms apart,
 * the sink's elapsed time divided by its frequency correction is compared with CLOCK_MONOTONIC_RAW;
 * a frequency offset beyond the limit means someone else stepped or retuned the clock, and the
 * servo starts over. Also notices a frequency that changed behind phc2sys's back.
 */
final class ClockCheck {
    static final long MIN_INTERVAL_NANOS = 100_000_000L;
    static final int MAX_FREQ = 900_000_000;

    private final int freqLimitPpb;
    private final LongSupplier monotonicRawNanos;
    private final Printer printer;
    private boolean freqKnown;
    private int currentFreq;
    private int maxFreq;
    private int minFreq;
    private long lastTs;
    private long lastMonoTs;

    ClockCheck(int freqLimitPpb, LongSupplier monotonicRawNanos, Printer printer) {
        this.freqLimitPpb = freqLimitPpb;
        this.monotonicRawNanos = monotonicRawNanos;
        this.printer = printer;
        reset();
    }

    void reset() {
        freqKnown = false;
        maxFreq = -MAX_FREQ;
        minFreq = MAX_FREQ;
        lastTs = 0;
    }

    /** clockcheck_sample: true when the clock misbehaved since the last sample (reset the servo). */
    boolean sample(long ts) {
        if (!freqKnown) return false;
        long interval = ts - lastTs;
        if (interval >= 0 && interval < MIN_INTERVAL_NANOS) return false;
        long mono = monotonicRawNanos.getAsLong();
        long monoInterval = mono - lastMonoTs;
        if (monoInterval < MIN_INTERVAL_NANOS) return false;
        boolean bad = false;
        if (lastTs != 0 && maxFreq <= MAX_FREQ) {
            double maxFoffset = 1e9 * (interval / (1.0 + minFreq / 1e9) / monoInterval - 1.0);
            double minFoffset = 1e9 * (interval / (1.0 + maxFreq / 1e9) / monoInterval - 1.0);
            if (minFoffset > freqLimitPpb) {
                printer.print(Printer.LOG_WARNING, "clockcheck: clock jumped forward or running faster than expected!");
                bad = true;
            } else if (maxFoffset < -freqLimitPpb) {
                printer.print(Printer.LOG_WARNING, "clockcheck: clock jumped backward or running slower than expected!");
                bad = true;
            }
        }
        lastMonoTs = mono;
        lastTs = ts;
        maxFreq = minFreq = currentFreq;
        return bad;
    }

    /** clockcheck_set_freq: the frequency phc2sys just set, ppb. */
    void setFreq(double ppb) {
        int f = (int) ppb;
        if (maxFreq < f) maxFreq = f;
        if (minFreq > f) minFreq = f;
        currentFreq = f;
        freqKnown = true;
    }

    /** clockcheck_freq: the clock's frequency read back differs from what was set (1 ppb of rounding allowed). */
    boolean freqChanged(double readPpb) {
        if (freqKnown && Math.abs(currentFreq - (int) readPpb) > 1) {
            printer.print(Printer.LOG_WARNING, "clockcheck: clock frequency changed unexpectedly!");
            return true;
        }
        return false;
    }

    /** clockcheck_step: phc2sys stepped the clock itself. */
    void step(long stepNanos) {
        if (lastTs != 0) lastTs += stepNanos;
    }
}
