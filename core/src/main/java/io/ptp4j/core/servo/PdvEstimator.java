package io.ptp4j.core.servo;

/**
 * Offset and path delay for networks with packet delay variation (switches that are not
 * PTP-aware, software timestamps): ptp4j's {@code pdv_window N}, in place of linuxptp's
 * tsproc and delay filter.
 *
 * <p>Queueing and interrupt latency only ever add to a packet's transit, and not equally in the
 * two directions. So each direction is judged on its own against its <em>floor</em>: a Kalman
 * filter ({@link ClockKalman}) over offset, frequency and mean path delay predicts every transit
 * (Sync: t2 - t1 = offset + delay; Delay_Req: t4 - t3 = delay - offset); how far a transit lands
 * above its prediction, compared with the lowest such excess among the last N packets of the same
 * direction, is how much the packet queued. A packet within a few noise widths of that floor
 * counts fully; one further above counts less, by the square of the distance (a packet 100 µs
 * late weighs next to nothing). The noise width is the spread of the fastest eighth of the
 * window, so the same rule fits hardware stamps (ns) and software stamps (µs). Because the
 * prediction follows the clock (the servo's frequency changes and steps are inputs), the window
 * can be long: the floor of a lightly loaded path shows up within it even when most packets wait.
 *
 * <p>Each Sync then gives the servo an offset, t2 - t1 minus the estimated delay, and its weight.
 * Nothing is allocated per packet.
 */
public final class PdvEstimator {
    /** Excess (in noise widths) up to which a packet counts fully. */
    static final double FULL_WEIGHT_WIDTHS = 5.0;
    /** Updates before the windows start to fill (the filter's first frequency estimate settles). */
    private static final int SETTLE = 8;
    /** What the filter knows at the start: nothing, to a millisecond and a thousand ppm. */
    private static final double DIFFUSE = 1e6;
    /** The noise of the packets before a window has told the floor's width (at first: 10 µs, safe). */
    private final NoiseGauge gauge = new NoiseGauge(10_000);
    /** Packets in the windows (both directions) before weights apply. */
    private static final int MIN_FILL = 32;

    private final ClockKalman kf = new ClockKalman(KalmanServo.WANDER, 1.0);
    private final Window down, up;
    private final double[] smallest;
    private long t1, t2, t3, t4;
    private boolean haveDown, haveUp;
    private boolean fixedDelay;
    private long peerDelay;
    private double freq;
    private int updates;
    /** The noise width of a packet at its floor, ns (0: not known yet). */
    private double width;
    private int syncs, delayReqs;
    /** Delay_Reqs sent before this local time (the last step) are not measured. */
    private long notBefore = Long.MIN_VALUE;
    private long offset;
    private double weight = 1.0;

    /**
     * One direction's last N packets: each one's local time and its transit less the phase the
     * servo's own steering had added by then, so that all can be judged against the current
     * estimate (a floor found with old estimates would carry their errors).
     */
    private static final class Window {
        final long[] time;
        final double[] value;
        final double[] excess;
        int next, count;

        Window(int n) {
            time = new long[n];
            value = new double[n];
            excess = new double[n];
        }

        void add(long t, double v) {
            time[next] = t;
            value[next] = v;
            next = (next + 1) % value.length;
            if (count < value.length) count++;
        }
    }

    // The phase the servo's frequency changes have added since the filter started, as a
    // function of local time: steered + relative * (t - steeredAt) / 1e9.
    private double steered;
    private long steeredAt;
    private double relative;

    /**
     * @param window         packets of each direction over which the floor is taken
     * @param initialFreqPpb the frequency currently set on the clock, ppb
     */
    public PdvEstimator(int window, double initialFreqPpb) {
        if (window < 1) throw new IllegalArgumentException("pdv_window must be >= 1, got " + window);
        down = new Window(window);
        up = new Window(window);
        smallest = new double[Math.max(8, window / 16)];
        freq = initialFreqPpb;
    }

    /** A Sync: master egress t1 (corrected), local ingress t2. */
    public void downTs(long remoteNanos, long localNanos) {
        t1 = remoteNanos;
        t2 = localNanos;
        haveDown = true;
    }

    /** A Delay_Req: local egress t3, master ingress t4 (corrected). */
    public void upTs(long localNanos, long remoteNanos) {
        t3 = localNanos;
        t4 = remoteNanos;
        haveUp = true;
        if (!kf.started()) return;
        // a Delay_Req sent before the clock was stepped carries a t3 of the old timescale
        if (localNanos < notBefore) return;
        delayReqs++;
        // t3 may lie before the filter's time (the Delay_Resp comes after later Syncs): the
        // measurement is delay - offset(t3) = delay - offset(now) + frequency * (now - t3)
        double back = 0;
        if (localNanos > kf.time()) kf.predict(localNanos);
        else back = (kf.time() - localNanos) / 1e9;
        measure(up, localNanos, -1, back, 1, (double) (t4 - t3));
    }

    /** The peer delay (P2P): the delay is measured by the port, not estimated here. */
    public void setDelay(long delayNanos) {
        fixedDelay = true;
        peerDelay = delayNanos;
        if (kf.started()) kf.setDelay(delayNanos);
    }

    /**
     * Takes the last Sync. Returns false until both directions (or a peer delay) have been seen;
     * then {@link #offset()} and {@link #weight()} are this Sync's.
     */
    public boolean updateOffset() {
        if (!haveDown) return false;
        long transit = t2 - t1;
        if (!kf.started()) {
            // offset, frequency and delay unknown: the first Syncs and Delay_Reqs tell them
            // (two of each at least; the frequency links measurements made at different times)
            kf.start(t2, transit - (fixedDelay ? peerDelay : 0), DIFFUSE, 0, DIFFUSE, fixedDelay ? peerDelay : 0, fixedDelay ? 0 : DIFFUSE);
            syncs = delayReqs = updates = 0;
            steered = relative = 0;
            steeredAt = t2;
        } else {
            kf.predict(t2);
            if (fixedDelay) kf.setDelay(peerDelay);
        }
        syncs++;
        weight = measure(down, t2, 1, 0, fixedDelay ? 0 : 1, fixedDelay ? transit - peerDelay : transit);
        offset = Math.round(transit - (fixedDelay ? peerDelay : kf.delay()));
        return syncs >= 2 && (fixedDelay || delayReqs >= 2);
    }

    /** One transit of a direction: its weight from the window, then the filter's update. */
    private double measure(Window win, long t, double h0, double h1, double h2, double z) {
        double excess = z - kf.predicted(h0, h1, h2);
        updates++;
        double w = 1.0;
        if (updates > SETTLE) {
            win.add(t, z - h0 * steeredPhase(t));
            if (down.count + up.count >= MIN_FILL) {
                // each direction's floor, and the noise width from both directions' packets
                // nearest their floors (the same width both ways: judged alike, the two
                // directions' noise cancels in the offset as it does without selection)
                double floorDown = rejudge(down, 1, fixedDelay ? 0 : 1);
                double floorUp = rejudge(up, -1, 1);
                // The width: the noise of the packets that count (robust, stable), but no more than
                // twice the spread of the packets nearest the floors: when most packets queued,
                // those that count would otherwise include queued ones and widen the width until
                // all count.
                int m = Math.min(smallest.length, Math.max(8, (down.count + up.count) / 32));
                width = Math.max(1.0, Math.min(gauge.sigma(), 2 * lowestAbove(m, floorDown, floorUp)));
                double floor = win == down ? floorDown : floorUp;
                double x = (excess - floor) / (FULL_WEIGHT_WIDTHS * width);
                if (x > 1) w = Math.max(1e-9, 1 / (x * x * x * x));
            }
        }
        double r = width > 0 ? width * width : gauge.variance();
        kf.update(h0, h1, h2, z, r / w);
        if (w >= 0.5) gauge.add(excess, w);
        return w;
    }

    /**
     * Every packet of a window against the current estimate (the offset then: the free-running
     * part, now less the frequency without steering times the age, plus the phase the steering
     * had added by then); returns the lowest excess, or NaN for an empty window.
     */
    private double rejudge(Window win, double h0, double h2) {
        if (win.count == 0) return Double.NaN;
        double now = kf.offset() - steeredPhase(kf.time());
        double freeFreq = kf.frequency() - relative;
        double floor = Double.POSITIVE_INFINITY;
        for (int i = 0; i < win.count; i++) {
            double then = now - freeFreq * (kf.time() - win.time[i]) / 1e9;
            double e = win.value[i] - h0 * then - h2 * kf.delay();
            win.excess[i] = e;
            floor = Math.min(floor, e);
        }
        return floor;
    }

    /** The m-th lowest distance above its own window's floor among both windows' packets. */
    private double lowestAbove(int m, double floorDown, double floorUp) {
        int kept = 0;
        for (int k = 0; k < 2; k++) {
            Window win = k == 0 ? down : up;
            double floor = k == 0 ? floorDown : floorUp;
            if (Double.isNaN(floor)) continue;
            for (int i = 0; i < win.count; i++) {
                double v = win.excess[i] - floor;
                if (kept == m && v >= smallest[m - 1]) continue;
                int j = kept < m ? kept++ : m - 1;
                while (j > 0 && smallest[j - 1] > v) {
                    smallest[j] = smallest[j - 1];
                    j--;
                }
                smallest[j] = v;
            }
        }
        return smallest[Math.min(kept, m) - 1];
    }

    /** This Sync's offset (t2 - t1 less the estimated delay), the servo's input with {@link #weight()}. */
    public long offset() {
        return offset;
    }

    /** The filter's estimate of the offset now, from every packet so far: what ptp4l reports. */
    public long estimate() {
        return Math.round(kf.offset());
    }

    public double weight() {
        return weight;
    }

    /** The estimated mean path delay, ns. */
    public long delay() {
        return fixedDelay ? peerDelay : Math.round(kf.delay());
    }

    public boolean delayValid() {
        return kf.started() && syncs >= 2 && (fixedDelay || delayReqs >= 2);
    }

    /** The servo set the clock's frequency to {@code ppb} (positive: faster) just now. */
    public void frequencySet(double ppb) {
        if (kf.started()) {
            kf.control(ppb - freq);
            long t = kf.time();
            steered = steeredPhase(t);
            steeredAt = t;
            relative += ppb - freq;
        }
        freq = ppb;
    }

    private double steeredPhase(long t) {
        return steered + relative * (t - steeredAt) / 1e9;
    }

    /** The clock was stepped by {@code deltaNanos}. */
    public void stepped(long deltaNanos) {
        if (!kf.started()) return;
        kf.step(deltaNanos);
        steered += deltaNanos;
        steeredAt += deltaNanos;
        notBefore = kf.time();
        // what the windows hold was measured while the filter was still learning: start them afresh
        updates = 0;
        down.count = down.next = 0;
        up.count = up.next = 0;
    }

    /** Forgets everything (a new master, a new clock). */
    public void reset() {
        kf.reset();
        haveDown = haveUp = false;
        syncs = delayReqs = 0;
        notBefore = Long.MIN_VALUE;
        gauge.reset();
        fixedDelay = false;
        updates = 0;
        down.count = down.next = 0;
        up.count = up.next = 0;
        width = 0;
        weight = 1.0;
    }
}
