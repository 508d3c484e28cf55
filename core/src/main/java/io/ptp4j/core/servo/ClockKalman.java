package io.ptp4j.core.servo;

/**
 * A Kalman filter over a clock's offset from its master, its frequency error and the mean path
 * delay: x = [offset (ns), frequency (ppb = ns/s), delay (ns)]. The offset integrates the
 * frequency; the frequency wanders as a random walk (process noise {@code wander}, ppb²/s), the
 * delay barely moves. Frequency changes the servo makes are known inputs ({@link #control}), and
 * a step moves the offset ({@link #step}), so the estimate does not lag behind the servo's own
 * actions. Measurements are linear in x ({@link #update}): a Sync's transit t2 - t1 measures
 * offset + delay, a Delay_Req's t4 - t3 measures delay - offset, an offset alone [1, 0, 0].
 * Nothing is allocated after construction; plain doubles, no matrix library.
 */
final class ClockKalman {
    // state
    private double x0, x1, x2;
    // covariance (symmetric)
    private double p00, p01, p02, p11, p12, p22;
    private long time;
    private boolean started;
    private final double wander;
    private final double delayWander;

    /**
     * @param wanderPpb2PerSecond    frequency random walk, ppb² per second
     * @param delayWanderNs2PerSecond path delay random walk, ns² per second (0: the delay is fixed)
     */
    ClockKalman(double wanderPpb2PerSecond, double delayWanderNs2PerSecond) {
        this.wander = wanderPpb2PerSecond;
        this.delayWander = delayWanderNs2PerSecond;
    }

    /** Starts afresh at local time {@code t} with the given estimate and standard deviations. */
    void start(long t, double offset, double sdOffset, double freq, double sdFreq, double delay, double sdDelay) {
        time = t;
        x0 = offset;
        x1 = freq;
        x2 = delay;
        p00 = sdOffset * sdOffset;
        p11 = sdFreq * sdFreq;
        p22 = sdDelay * sdDelay;
        p01 = p02 = p12 = 0;
        started = true;
    }

    boolean started() {
        return started;
    }

    void reset() {
        started = false;
    }

    long time() {
        return time;
    }

    /** Moves the estimate forward to local time {@code t} (never backward). */
    void predict(long t) {
        if (!started || t <= time) return;
        double dt = (t - time) / 1e9;
        time = t;
        x0 += x1 * dt;
        // P = F P F' + Q with F = [[1, dt, 0], [0, 1, 0], [0, 0, 1]]
        double n00 = p00 + 2 * dt * p01 + dt * dt * p11;
        double n01 = p01 + dt * p11;
        double n02 = p02 + dt * p12;
        p00 = n00 + wander * dt * dt * dt / 3;
        p01 = n01 + wander * dt * dt / 2;
        p02 = n02;
        p11 += wander * dt;
        p22 += delayWander * dt;
    }

    /**
     * One measurement z = h0 * offset + h1 * frequency + h2 * delay with variance r.
     * @return the innovation (z minus its prediction), before the update
     */
    double update(double h0, double h1, double h2, double z, double r) {
        double ph0 = p00 * h0 + p01 * h1 + p02 * h2;
        double ph1 = p01 * h0 + p11 * h1 + p12 * h2;
        double ph2 = p02 * h0 + p12 * h1 + p22 * h2;
        double s = h0 * ph0 + h1 * ph1 + h2 * ph2 + r;
        double nu = z - (h0 * x0 + h1 * x1 + h2 * x2);
        if (!(s > 0)) return nu;
        double k0 = ph0 / s, k1 = ph1 / s, k2 = ph2 / s;
        x0 += k0 * nu;
        x1 += k1 * nu;
        x2 += k2 * nu;
        // P = P - K (H P); H P = ph' (P symmetric)
        p00 -= k0 * ph0;
        p01 -= k0 * ph1;
        p02 -= k0 * ph2;
        p11 -= k1 * ph1;
        p12 -= k1 * ph2;
        p22 -= k2 * ph2;
        return nu;
    }

    /** The predicted value of a measurement with coefficients h, and its variance (without r). */
    double predicted(double h0, double h1, double h2) {
        return h0 * x0 + h1 * x1 + h2 * x2;
    }

    double predictedVariance(double h0, double h1, double h2) {
        double ph0 = p00 * h0 + p01 * h1 + p02 * h2;
        double ph1 = p01 * h0 + p11 * h1 + p12 * h2;
        double ph2 = p02 * h0 + p12 * h1 + p22 * h2;
        return h0 * ph0 + h1 * ph1 + h2 * ph2;
    }

    /** The clock's frequency was changed by {@code deltaPpb} now: the offset grows that much faster. */
    void control(double deltaPpb) {
        x1 += deltaPpb;
    }

    /**
     * The clock was stepped by {@code deltaNanos}: the offset moves with it, and so do the local
     * timestamps of the samples to come.
     */
    void step(double deltaNanos) {
        x0 += deltaNanos;
        time += Math.round(deltaNanos);
    }

    double offset() {
        return x0;
    }

    double frequency() {
        return x1;
    }

    double delay() {
        return x2;
    }

    double offsetVariance() {
        return p00;
    }

    double frequencyVariance() {
        return p11;
    }

    double delayVariance() {
        return p22;
    }

    /**
     * Keeps the filter honest when the world does not follow its model (a frequency estimate
     * made from a few noisy samples, a clock that changed): when the normalised innovations stay
     * large over several samples, the offset and frequency uncertainty grow, so the next samples
     * correct the estimate instead of being outweighed by it.
     * @param nu the innovation of the last update, {@code s} its predicted variance
     */
    void guard(double nu, double s) {
        double chi = s > 0 ? Math.min(100, nu * nu / s) : 0;
        chiAverage += (chi - chiAverage) / 8;
        if (chiAverage > 6) {
            p00 += nu * nu;
            p11 = p11 * 4 + 1;
            p01 = p02 = p12 = 0;
            chiAverage = 1;
        }
    }

    private double chiAverage = 1;

    /** Fixes the delay at a known value (P2P: the port measures it). */
    void setDelay(double delay) {
        x2 = delay;
        p02 = p12 = p22 = 0;
    }
}
