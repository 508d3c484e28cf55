package io.ptp4j.core.clock;

import io.ptp4j.core.dataset.CurrentDS;
import io.ptp4j.core.engine.ClockConfig;
import io.ptp4j.core.engine.DelayMechanism;
import io.ptp4j.core.engine.Driver;
import io.ptp4j.core.engine.EngineListener;
import io.ptp4j.core.port.Port;
import io.ptp4j.core.port.PortEvent;
import io.ptp4j.core.port.PortState;
import io.ptp4j.core.servo.DelayFilter;
import io.ptp4j.core.servo.NullServo;
import io.ptp4j.core.servo.PdvEstimator;
import io.ptp4j.core.servo.Servo;
import io.ptp4j.core.servo.Servos;
import io.ptp4j.core.servo.ShadowServos;
import io.ptp4j.core.servo.ServoState;
import io.ptp4j.core.servo.TimestampProcessor;

/**
 * A clock's servo loop (linuxptp clock.c clock_synchronize, tsproc.c): t1..t4 from the slave port
 * become an offset and a mean path delay, the servo turns the offset into a frequency or a step,
 * and the {@link Driver} applies it. Also holdover when Syncs stop, and a new servo when
 * boundary_clock_jbod switches the disciplined clock.
 */
final class ServoLoop {
    private final ClockConfig cfg;
    private final Driver driver;
    private final EngineListener listener;
    private final CurrentDS currentDS;
    private final TimestampProcessor tsproc;
    /** pdv_window: the packet-delay-variation estimator in place of tsproc's offset (null: off). */
    private final PdvEstimator pdv;
    /** shadow_servos (null: none). */
    private final ShadowServos shadows;
    private Servo servo;
    private double freqPpb;
    private ServoState servoState = ServoState.UNLOCKED;
    private int stepWindowCounter;
    private long lastIngressNanos;

    ServoLoop(ClockConfig cfg, Driver driver, EngineListener listener, CurrentDS currentDS) {
        this.cfg = cfg;
        this.driver = driver;
        this.listener = listener;
        this.currentDS = currentDS;
        this.freqPpb = driver.currentFrequencyPpb();
        this.servo = newServo();
        this.tsproc = new TimestampProcessor(TimestampProcessor.Mode.parse(cfg.tsprocMode),
                DelayFilter.create(cfg.delayFilter, cfg.delayFilterLength), cfg.luckyPacketWindow, cfg.delayFilterLength);
        this.tsproc.luckyPackets(cfg.freeRunning);
        this.pdv = cfg.pdvWindow > 0 ? new PdvEstimator(cfg.pdvWindow, freqPpb) : null;
        this.shadows = ShadowServos.of(cfg.shadowServos, steeringServoName(), cfg.servo, freqPpb);
    }

    private String steeringServoName() {
        return cfg.freeRunning || cfg.externalServo != null ? "" : cfg.servo.clockServo;
    }

    private Servo newServo() {
        return cfg.freeRunning || "nullf".equals(cfg.servo.clockServo) ? new NullServo()
                : cfg.externalServo != null ? cfg.externalServo.get()
                : Servos.create(Servos.NAMES.contains(cfg.servo.clockServo) ? cfg.servo.clockServo : "pi", cfg.servo, freqPpb);
    }

    double frequencyPpb() {
        return freqPpb;
    }

    ServoState servoState() {
        return servoState;
    }

    long lastIngressNanos() {
        return lastIngressNanos;
    }

    /** A new master: its samples start a new estimate and a new servo run. */
    void masterChanged() {
        tsproc.reset(true);
        servo.reset();
        if (pdv != null) pdv.reset();
        if (shadows != null) shadows.reset();
    }

    /** The delay estimate starts afresh (delay_response_timeout). */
    void restartEstimate() {
        tsproc.reset(true);
        if (pdv != null) pdv.reset();
    }

    /** An E2E measurement's t3 and t4 (t4 corrected for asymmetry). */
    void delayMeasured(long t3, long t4) {
        tsproc.upTs(t3, t4);
        if (pdv != null) {
            pdv.upTs(t3, t4);
            if (pdv.delayValid()) currentDS.meanPathDelayNanos(pdv.delay());
        } else if (tsproc.updateDelay()) {
            currentDS.meanPathDelayNanos(tsproc.delay());
        }
    }

    void synchronize(Port p, long t1, long t2) {
        p.syncReceived();
        // step_window: the Syncs right after a step may carry stamps from before it settled (clock.c)
        if (stepWindowCounter > 0) {
            stepWindowCounter--;
            return;
        }
        lastIngressNanos = t2;
        tsproc.downTs(t1 + p.config().delayAsymmetryNanos, t2);
        if (p.config().delayMechanism == DelayMechanism.P2P) {
            if (p.peerDelay().valid()) tsproc.setDelay(p.peerDelay().delayNanos());
            else if (!assumeInitialDelay()) return;
        } else if (!tsproc.delayValid()) {
            assumeInitialDelay();
        }
        long offset;
        long reported;
        double weight;
        if (pdv != null) {
            pdv.downTs(t1 + p.config().delayAsymmetryNanos, t2);
            if (p.config().delayMechanism == DelayMechanism.P2P && p.peerDelay().valid()) pdv.setDelay(p.peerDelay().delayNanos());
            if (!pdv.updateOffset()) return;
            offset = pdv.offset();
            weight = pdv.weight();
            // reported (master offset, offsetFromMaster): the estimate, not this one packet's view
            reported = pdv.estimate();
            currentDS.meanPathDelayNanos(pdv.delay());
        } else {
            if (!tsproc.updateOffset()) return;
            offset = tsproc.offset();
            weight = tsproc.weight();
            reported = offset;
        }
        ServoState lastServoState = servoState;
        currentDS.offsetFromMasterNanos(reported);
        double interval = Math.pow(2, p.lastSyncLogInterval(p.config().logSyncInterval));
        servo.syncInterval(interval);
        if (shadows != null) shadows.sample(offset, t2, weight, freqPpb, interval);
        double ppb = servo.sample(offset, t2, weight);
        servoState = servo.state();
        // Once the frequency is locked t2 - t1 moves little over a window: the lucky-packet
        // estimate is safe. A step or an unlock goes back to the plain one.
        tsproc.luckyPackets(cfg.freeRunning || servoState == ServoState.LOCKED || servoState == ServoState.LOCKED_STABLE);
        switch (servoState) {
            case UNLOCKED -> { }
            case JUMP -> {
                stepWindowCounter = cfg.stepWindow;
                driver.stepClock(-offset);
                listener.clockStepped(-offset);
                freqPpb = ppb;
                driver.adjustFrequency(ppb);
                if (pdv != null) {
                    pdv.stepped(-offset);
                    pdv.frequencySet(ppb);
                }
                if (shadows != null) shadows.realStepped(-offset);
                // Delays measured before the frequency was corrected mix the old frequency error
                // into the path delay (t2 and t3 are up to two intervals apart): start the delay
                // filter afresh. linuxptp keeps the filter (tsproc_reset(tsp, 0)).
                tsproc.reset(true);
                p.restartDelayRequests();
            }
            case LOCKED, LOCKED_STABLE -> {
                freqPpb = ppb;
                driver.adjustFrequency(ppb);
                if (pdv != null) pdv.frequencySet(ppb);
            }
        }
        listener.servoSample(p.number(), reported, servoState, freqPpb, currentDS.meanPathDelayNanos());
        if (shadows != null) {
            for (int i = 0; i < shadows.size(); i++) {
                listener.shadowSample(p.number(), shadows.name(i), shadows.offset(i), shadows.state(i), shadows.frequency(i));
            }
        }
        p.inHoldover(false);
        if (p.config().msgIntervalRequest && p.intervalRequest().afterSample(lastServoState, servoState, cfg.servo.servoOffsetThreshold)) {
            servo.reset();
            servoState = servo.state();
            p.transition(PortEvent.SYNCHRONIZATION_FAULT, false);
        }
        if ((servoState == ServoState.LOCKED || servoState == ServoState.LOCKED_STABLE) && p.state() == PortState.UNCALIBRATED) {
            p.transition(PortEvent.MASTER_CLOCK_SELECTED, false);
        }
    }

    /** initial_delay (linuxptp 4 clock.c): the path delay to use until one is measured; false when 0. */
    private boolean assumeInitialDelay() {
        if (cfg.initialDelayNanos <= 0) return false;
        tsproc.setDelay(cfg.initialDelayNanos);
        currentDS.meanPathDelayNanos(cfg.initialDelayNanos);
        return true;
    }

    /**
     * The master's Syncs stopped. linuxptp keeps the last frequency, which includes the servo's
     * proportional reaction to the last (possibly outlying) sample; ptp4j holds the servo's
     * integral estimate of the oscillator error instead, so the clock drifts less in holdover.
     */
    void holdover(Port p) {
        if (!p.isSlaveLike() || cfg.freeRunning || p.inHoldover()) return;
        p.inHoldover(true);
        double hold = servo.holdoverFrequencyPpb(freqPpb);
        if (hold != freqPpb) {
            freqPpb = hold;
            driver.adjustFrequency(hold);
            if (pdv != null) pdv.frequencySet(hold);
        }
        listener.notice(p.number(), String.format("no sync from master, holding frequency %+.0f ppb", hold));
    }

    /**
     * boundary_clock_jbod: a port that starts to follow a master makes its own PHC the clock this
     * engine disciplines (linuxptp port.c calls clock_switch_phc() on UNCALIBRATED). A new servo
     * starts from that clock's current frequency, unlocked, as clock_switch_phc() does.
     */
    void switchClockTo(Port p) {
        if (!driver.switchClock(p.number())) return;
        freqPpb = driver.currentFrequencyPpb();
        servo = newServo();
        servoState = ServoState.UNLOCKED;
        tsproc.reset(true);
        if (pdv != null) pdv.reset();
        listener.notice(p.number(), "switched the disciplined clock to this port's (boundary_clock_jbod)");
    }
}
