package io.ptp4j.tools.obs;

import io.ptp4j.core.servo.ServoState;
import io.ptp4j.tools.log.ForwardingListener;
import io.ptp4j.tools.log.SummaryStats;
import io.ptp4j.tools.metrics.JsonEventLog;

/**
 * The JSON log with linuxptp's volume: when summary_interval spans several Syncs, servo samples
 * are folded into one "summary" object per window, as linuxptp prints one "rms .. max .." line
 * (clock.c: 2^(summary_interval - logSyncInterval) samples, fewer by the frequency-estimation
 * shift when free running); otherwise every sample is a "servoSample" object. Other events pass
 * through unchanged.
 */
public final class JsonSummaryLog extends ForwardingListener {
    private final JsonEventLog json;
    private final long maxCount;
    private final SummaryStats offset = new SummaryStats();
    private final SummaryStats freq = new SummaryStats();
    private final SummaryStats delay = new SummaryStats();

    public JsonSummaryLog(JsonEventLog json, int summaryInterval, int logSyncInterval, boolean freeRunning, int freqEstInterval) {
        super(json);
        this.json = json;
        int festShift = Math.max(0, Math.min(31, freqEstInterval - logSyncInterval));
        int shift = freeRunning ? summaryInterval - logSyncInterval - festShift : summaryInterval - logSyncInterval;
        this.maxCount = 1L << Math.max(0, Math.min(31, shift));
    }

    /** Servo samples per summary object; 1 means every sample is written. */
    public long samplesPerSummary() {
        return maxCount;
    }

    @Override
    public void servoSample(int port, long offsetNanos, ServoState state, double freqPpb, long pathDelayNanos) {
        if (maxCount <= 1) {
            json.servoSample(port, offsetNanos, state, freqPpb, pathDelayNanos);
            return;
        }
        offset.add(offsetNanos);
        freq.add(freqPpb);
        delay.add(pathDelayNanos);
        if (offset.count() < maxCount) return;
        json.summary(port, offset.rms(), offset.maxAbs(), freq.mean(), freq.stddev(), delay.mean(), delay.stddev(), offset.count());
        offset.reset();
        freq.reset();
        delay.reset();
    }
}
