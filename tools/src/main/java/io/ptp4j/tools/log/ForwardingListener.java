package io.ptp4j.tools.log;

import io.ptp4j.core.engine.EngineListener;
import io.ptp4j.core.port.PortEvent;
import io.ptp4j.core.port.PortState;
import io.ptp4j.core.servo.ServoState;
import io.ptp4j.core.wire.DecodeException;

/** Passes every engine event on to another listener; subclasses add to the ones they care about. */
public class ForwardingListener implements EngineListener {
    protected final EngineListener inner;

    public ForwardingListener(EngineListener inner) {
        this.inner = inner;
    }

    @Override
    public void portStateChanged(int port, PortState from, PortState to, PortEvent event) {
        inner.portStateChanged(port, from, to, event);
    }

    @Override
    public void servoSample(int port, long offsetNanos, ServoState state, double freqPpb, long pathDelayNanos) {
        inner.servoSample(port, offsetNanos, state, freqPpb, pathDelayNanos);
    }

    @Override
    public void shadowSample(int port, String servo, long offsetNanos, ServoState state, double freqPpb) {
        inner.shadowSample(port, servo, offsetNanos, state, freqPpb);
    }

    @Override
    public void peerDelay(int port, long peerDelayNanos, double neighborRateRatio) {
        inner.peerDelay(port, peerDelayNanos, neighborRateRatio);
    }

    @Override
    public void notice(int port, String text) {
        inner.notice(port, text);
    }

    @Override
    public void badPacket(int port, DecodeException error) {
        inner.badPacket(port, error);
    }

    @Override
    public void clockStepped(long deltaNanos) {
        inner.clockStepped(deltaNanos);
    }
}
