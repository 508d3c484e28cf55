package io.ptp4j.core.servo;

/**
 * Turns the four timestamps of a delay measurement into path delay and offset (linuxptp
 * tsproc.c; IEEE 1588-2019 11.3 and 11.4). t1 = master's Sync egress, t2 = local Sync ingress
 * (both already corrected by correctionField and asymmetry by the caller), t3 = local Delay_Req
 * egress, t4 = master's Delay_Req ingress. All values are nanoseconds; nothing is allocated.
 *
 * <p>Modes: {@code filter} (offset uses the filtered delay), {@code raw} (the raw delay of the
 * latest exchange), and the {@code _weight} variants that also give the servo a sample weight of
 * filtered/raw delay, so that samples that crossed a congested path count less.
 */
public final class TimestampProcessor {
    public enum Mode {
        FILTER, RAW, FILTER_WEIGHT, RAW_WEIGHT;

        /** linuxptp's config names: filter, raw, filter_weight, raw_weight. */
        public static Mode parse(String name) {
            return switch (name) {
                case "filter" -> FILTER;
                case "raw" -> RAW;
                case "filter_weight" -> FILTER_WEIGHT;
                case "raw_weight" -> RAW_WEIGHT;
                default -> throw new IllegalArgumentException("unknown tsproc_mode '" + name + "'");
            };
        }
    }

    private final Mode mode;
    private final DelayFilter delayFilter;
    private double clockRateRatio = 1.0;
    private long t1, t2, t3, t4;
    private boolean down, up;
    private long filteredDelay;
    private boolean filteredDelayValid;
    private long rawDelay;
    private long offset;
    private double weight = 1.0;
    // ptp4j's lucky-packet filter (lucky_packet_window): the fastest Sync (t2 - t1) of the last N
    // and the fastest Delay_Req (t4 - t3) of the last delay_filter_length, null when off.
    private final MovingMinimum fastestSync;
    private final MovingMinimum fastestDelayReq;
    private boolean luckyActive;

    public TimestampProcessor(Mode mode, DelayFilter delayFilter) {
        this(mode, delayFilter, 0, 1);
    }

    /**
     * @param luckyWindow      0: linuxptp's behaviour; N &gt; 0: offset and delay from the fastest
     *                         of the last N Syncs and the fastest of the last {@code delayWindow}
     *                         Delay_Reqs, each direction on its own, whenever
     *                         {@link #luckyPackets(boolean)} turns it on
     */
    public TimestampProcessor(Mode mode, DelayFilter delayFilter, int luckyWindow, int delayWindow) {
        this.mode = mode;
        this.delayFilter = delayFilter;
        this.fastestSync = luckyWindow > 0 ? new MovingMinimum(luckyWindow) : null;
        this.fastestDelayReq = luckyWindow > 0 ? new MovingMinimum(Math.max(1, delayWindow)) : null;
    }

    /**
     * Turns the lucky-packet estimate on or off (the caller turns it on once the clock's frequency
     * is locked, when t2 - t1 drifts too little over the window to matter). Both windows keep
     * filling while it is off.
     */
    public void luckyPackets(boolean on) {
        luckyActive = on && fastestSync != null;
    }

    /** The Sync direction: master egress t1, local ingress t2. */
    public void downTs(long remoteNanos, long localNanos) {
        t1 = remoteNanos;
        t2 = localNanos;
        down = true;
        if (fastestSync != null) fastestSync.sample(t2 - t1);
    }

    /** The Delay_Req direction: local egress t3, master ingress t4. */
    public void upTs(long localNanos, long remoteNanos) {
        t3 = localNanos;
        t4 = remoteNanos;
        up = true;
        if (fastestDelayReq != null) fastestDelayReq.sample(t4 - t3);
    }

    /** Neighbor/master rate ratio applied to the local interval t2 - t3. */
    public void clockRateRatio(double ratio) {
        clockRateRatio = ratio;
    }

    /** Sets the delay directly (P2P: the peer delay measured by the port). */
    public void setDelay(long delayNanos) {
        filteredDelay = delayNanos;
        filteredDelayValid = true;
    }

    private long computeRawDelay() {
        long t23 = t2 - t3;
        if (clockRateRatio != 1.0) t23 = Math.round(t23 * clockRateRatio);
        return (t23 + (t4 - t1)) / 2;
    }

    /**
     * Runs the delay filter over a new exchange. Returns false when t2 or t3 are missing.
     * Afterwards {@link #delay()} is the delay this mode reports.
     */
    public boolean updateDelay() {
        if (!down || !up) return false;
        rawDelay = computeRawDelay();
        filteredDelay = delayFilter.sample(rawDelay);
        // Queueing and interrupt latency only ever lengthen a transit, and not equally both ways
        // (on veth/macvlan the Sync direction waits for a workqueue, the Delay_Req direction does
        // not): the fastest packet of each direction, taken on its own, removes that noise and the
        // bias its asymmetry puts into the mean. Mean path delay = (fastest ms + fastest sm) / 2.
        if (luckyActive) filteredDelay = (fastestSync.minimum() + fastestDelayReq.minimum()) / 2;
        filteredDelayValid = true;
        return true;
    }

    /** The delay the current mode uses: filtered or raw, ns. */
    public long delay() {
        return (mode == Mode.FILTER || mode == Mode.FILTER_WEIGHT) ? filteredDelay : rawDelay;
    }

    public long filteredDelay() {
        return filteredDelay;
    }

    public boolean delayValid() {
        return filteredDelayValid;
    }

    /**
     * Computes offset = t2 - t1 - delay. Returns false when the timestamps it needs are missing;
     * then {@link #offset()} and {@link #weight()} keep their old values.
     */
    public boolean updateOffset() {
        if (!down) return false;
        long delay;
        long raw = 0;
        switch (mode) {
            case FILTER -> {
                if (!filteredDelayValid) return false;
                delay = filteredDelay;
            }
            case RAW, RAW_WEIGHT -> {
                if (!up) return false;
                raw = computeRawDelay();
                delay = raw;
            }
            default -> { // FILTER_WEIGHT
                if (!up || !filteredDelayValid) return false;
                raw = computeRawDelay();
                delay = filteredDelay;
            }
        }
        offset = luckyActive && mode == Mode.FILTER && fastestDelayReq.count() > 0
                ? (fastestSync.minimum() - fastestDelayReq.minimum()) / 2
                : t2 - t1 - delay;
        boolean weighting = mode == Mode.FILTER_WEIGHT || mode == Mode.RAW_WEIGHT;
        if (weighting && filteredDelay > 0 && raw > 0) {
            weight = Math.min(1.0, (double) filteredDelay / raw);
        } else {
            weight = 1.0;
        }
        return true;
    }

    public long offset() {
        return offset;
    }

    public double weight() {
        return weight;
    }

    /** Forgets the timestamps; {@code full} also forgets the filter and the rate ratio. */
    public void reset(boolean full) {
        down = false;
        up = false;
        if (full) {
            clockRateRatio = 1.0;
            delayFilter.reset();
            filteredDelayValid = false;
            if (fastestSync != null) {
                fastestSync.reset();
                fastestDelayReq.reset();
            }
        }
    }
}
