package io.ptp4j.core.engine;

import io.ptp4j.core.port.PortEvent;
import io.ptp4j.core.port.PortState;
import io.ptp4j.core.servo.ServoState;
import io.ptp4j.core.wire.DecodeException;

/**
 * What the engine reports, for logs (linuxptp's lines), metrics and dashboards. Every method has a
 * no-op default. Called on the engine's thread; implementations must not block.
 */
public interface EngineListener {
    /** linuxptp: {@code port 1 (eth0): LISTENING to UNCALIBRATED on RS_SLAVE}. */
    default void portStateChanged(int port, PortState from, PortState to, PortEvent event) {}

    /**
     * One servo sample on the slave port: linuxptp's
     * {@code master offset -12 s2 freq +345 path delay 2300}.
     */
    default void servoSample(int port, long offsetNanos, ServoState state, double freqPpb, long pathDelayNanos) {}

    /**
     * A shadow servo's view of the same sample (shadow_servos): the offset the clock would show
     * had {@code servo} steered it, its state and the frequency it would have set.
     */
    default void shadowSample(int port, String servo, long offsetNanos, ServoState state, double freqPpb) {}

    /** A peer-delay measurement (P2P), linuxptp logs it only at debug level. */
    default void peerDelay(int port, long peerDelayNanos, double neighborRateRatio) {}

    /**
     * Any other line linuxptp prints, already worded as linuxptp words it, e.g. "new foreign master
     * 6e6886.fffe.d36905-1" (port-scoped, {@code port >= 1}) or "selected best master clock
     * 6e6886.fffe.d36905" ({@code port == 0}: no port prefix).
     */
    default void notice(int port, String text) {}

    /** A packet dropped because it did not decode; the engine has already counted it. */
    default void badPacket(int port, DecodeException error) {}

    /** The clock was stepped by the servo (s1), by {@code deltaNanos}. */
    default void clockStepped(long deltaNanos) {}
}
