package io.ptp4j.core.bound;

import io.ptp4j.core.clock.PtpClock;
import io.ptp4j.core.engine.EngineListener;
import io.ptp4j.core.engine.ForwardingListener;
import io.ptp4j.core.port.FaultType;
import io.ptp4j.core.port.PortEvent;
import io.ptp4j.core.port.PortState;
import io.ptp4j.core.servo.ServoState;
import io.ptp4j.core.wire.DecodeException;
import java.util.function.LongSupplier;

/**
 * Feeds an {@link ErrorBoundEstimator} from an ordinary or boundary clock's events: it sits in
 * front of the clock's own listener (which sees every event unchanged), reads what it needs from
 * the clock's read-only getters (grandmaster identity and clockAccuracy, frequency), and hands the
 * new bound to a {@link Sink} after every event that changes it. The host also calls
 * {@link #tick(long)} at least once a second, so that readers always have a fresh {@code as_of}.
 * Runs on the engine's thread; no allocation per event.
 */
public final class EngineBoundFeed extends ForwardingListener {
    /** Receives each new bound (the daemon writes it to shared memory). The instance is reused. */
    @FunctionalInterface
    public interface Sink {
        void publish(ErrorBound bound);
    }

    /** The notice PtpClock gives when boundary_clock_jbod switches to another port's PHC. */
    static final String CLOCK_SWITCH_NOTICE = "switched the disciplined clock";

    private final LongSupplier monotonicNanos;
    private double[] asymmetryOverrideNanos = new double[0]; // per port; -1: the mean path delay
    private final Sink sink;
    private final ErrorBoundEstimator estimator = new ErrorBoundEstimator();
    private final ErrorBound published = new ErrorBound();
    private PtpClock clock;
    private long grandmaster = Long.MIN_VALUE;
    private long pendingStepNanos;
    private boolean referenceKnown;
    private final boolean announceUncertainty;
    private int uncertaintySet = -1; // what this feed last set SYNCHRONIZATION_UNCERTAIN_NP to (-1: nothing yet)

    /**
     * @param inner the clock's listener (logs, metrics), or null
     * @param monotonicNanos the time base of the bound: CLOCK_MONOTONIC in the daemon, virtual time in the simulator
     * @param sink where each new bound goes, or null
     * @param announceUncertainty whether this clock, when it is not the grandmaster, announces
     *        synchronizationUncertain while its own bound is not SYNCHRONIZED (see {@link #tick})
     */
    public EngineBoundFeed(EngineListener inner, LongSupplier monotonicNanos, Sink sink, boolean announceUncertainty) {
        super(inner == null ? new EngineListener() {} : inner);
        this.monotonicNanos = monotonicNanos;
        this.sink = sink;
        this.announceUncertainty = announceUncertainty;
    }

    /** The clock this feed listens to (it is built with the feed as its listener, hence after it). */
    public void attach(PtpClock clock) {
        this.clock = clock;
        estimator.measurementMemorySamples(Math.max(clock.config().pdvWindow, clock.config().luckyPacketWindow));
        estimator.frequency(monotonicNanos.getAsLong(), clock.frequencyPpb());
    }

    /**
     * bound_asymmetry_ns of port {@code port}: the operator's bound on that path's asymmetry error
     * (a calibrated link), or -1 for the mean path delay.
     */
    public void asymmetryOverrideNanos(int port, double nanos) {
        if (port > asymmetryOverrideNanos.length) {
            int old = asymmetryOverrideNanos.length;
            asymmetryOverrideNanos = java.util.Arrays.copyOf(asymmetryOverrideNanos, port);
            java.util.Arrays.fill(asymmetryOverrideNanos, old, port, -1);
        }
        asymmetryOverrideNanos[port - 1] = nanos;
    }

    /** bound_asymmetry_ns of port {@code port}, or -1 (the mean path delay). */
    public double asymmetryOverrideNanos(int port) {
        return port <= asymmetryOverrideNanos.length ? asymmetryOverrideNanos[port - 1] : -1;
    }

    /** The estimator, for its terms (docs, demo, tests). */
    public ErrorBoundEstimator estimator() {
        return estimator;
    }

    /** The last bound handed to the sink. */
    public ErrorBound published() {
        return published;
    }

    /**
     * Republishes: the host's periodic call (at least 1 Hz), and after each event.
     *
     * <p>A boundary clock measures against its master's clock, not the grandmaster's: while an
     * upstream boundary clock is still converging (or in holdover) its clients cannot see its own
     * error. IEEE 1588-2019 gives the Announce flag synchronizationUncertain (flagField, 13.3.2.8
     * Table 37) for exactly this. With announceUncertainty the feed
     * sets it (through SYNCHRONIZATION_UNCERTAIN_NP: 1 until this clock has settled, see
     * {@link ErrorBoundEstimator#settled}, 0 "pass the upstream value on" once it has) and a client
     * takes no measurement from a master that announces it. A value set through management is
     * left alone.
     */
    public void tick(long now) {
        if (clock == null) return;
        estimator.frequency(now, clock.frequencyPpb());
        checkGrandmaster(now);
        estimator.ownReference(clock.isGrandmaster() ? ClockAccuracy.nanos(clock.defaultDS().clockAccuracy()) : -1);
        published.copyFrom(estimator.publish(now));
        if (announceUncertainty) announceUncertainty();
        if (sink != null) sink.publish(published);
    }

    private void announceUncertainty() {
        int current = clock.syncUncertain();
        if (current != (uncertaintySet < 0 ? 0xFF : uncertaintySet)) return; // an operator's SET wins
        int want = clock.isGrandmaster() ? 0xFF : estimator.settled(published.asOfNanos()) ? 0 : 1;
        if (want != current) clock.setSyncUncertain(want);
        uncertaintySet = want;
    }

    /** The grandmaster's accuracy as this clock may use it: unknown when its master announces synchronizationUncertain. */
    private double referenceAccuracy() {
        if ((clock.timeProperties().flags() & SYNCHRONIZATION_UNCERTAIN) != 0) return -1;
        return ClockAccuracy.nanos(clock.parentDS().grandmasterClockAccuracy());
    }

    /** flagField octet 1 bit 6 (13.3.2.8 Table 37). */
    static final int SYNCHRONIZATION_UNCERTAIN = io.ptp4j.core.wire.PtpMessage.FLAG_SYNCHRONIZATION_UNCERTAIN;

    private void checkGrandmaster(long now) {
        long gm = clock.parentDS().grandmasterIdentity();
        if (gm != grandmaster) {
            if (grandmaster != Long.MIN_VALUE) estimator.referenceChanged(now);
            grandmaster = gm;
        }
    }

    @Override
    public void servoSample(int port, long offsetNanos, ServoState state, double freqPpb, long pathDelayNanos) {
        inner.servoSample(port, offsetNanos, state, freqPpb, pathDelayNanos);
        if (clock == null) return;
        long now = monotonicNanos.getAsLong();
        checkGrandmaster(now);
        double override = port <= asymmetryOverrideNanos.length ? asymmetryOverrideNanos[port - 1] : -1;
        double asymmetry = override >= 0 ? override : Math.abs(pathDelayNanos);
        double accuracy = referenceAccuracy();
        // samples taken while the master could not vouch for its time say nothing about true time
        if (accuracy >= 0 && !referenceKnown) estimator.restartWindow(now);
        referenceKnown = accuracy >= 0;
        // the frequency the servo set after this sample acts from now on: sample first
        estimator.sample(now, offsetNanos, state == ServoState.JUMP ? pendingStepNanos : 0, asymmetry, accuracy);
        pendingStepNanos = 0;
        tick(now);
    }

    @Override
    public void clockStepped(long deltaNanos) {
        inner.clockStepped(deltaNanos);
        if (clock == null) return;
        long now = monotonicNanos.getAsLong();
        estimator.stepped(now, deltaNanos);
        pendingStepNanos += deltaNanos;
    }

    // The engine calls these two overloads; the plain ones the base class passes on as they are.
    @Override
    public void portStateChanged(int port, PortState from, PortState to, PortEvent event, FaultType fault) {
        super.portStateChanged(port, from, to, event, fault);
        tick(monotonicNanos.getAsLong());
    }

    @Override
    public void portStateChanged(int port, PortState from, PortState to, PortEvent event) {
        super.portStateChanged(port, from, to, event);
        tick(monotonicNanos.getAsLong());
    }

    @Override
    public void notice(int port, int level, String text) {
        super.notice(port, level, text);
        noticed(text);
    }

    @Override
    public void notice(int port, String text) {
        super.notice(port, text);
        noticed(text);
    }

    private void noticed(String text) {
        if (clock == null) return;
        long now = monotonicNanos.getAsLong();
        if (text.startsWith(CLOCK_SWITCH_NOTICE)) estimator.invalidate(now);
        // holdover and clock switches change the frequency without a sample: tick reads it
        tick(now);
    }
}
