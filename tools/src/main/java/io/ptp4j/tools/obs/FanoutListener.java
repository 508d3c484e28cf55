package io.ptp4j.tools.obs;

import io.ptp4j.core.engine.EngineListener;
import io.ptp4j.core.port.PortEvent;
import io.ptp4j.core.port.PortState;
import io.ptp4j.core.servo.ServoState;
import io.ptp4j.core.wire.DecodeException;
import java.util.List;

/** Passes each engine event to several listeners in order (log, metrics, dashboard, JSON). */
public final class FanoutListener implements EngineListener {
    private final EngineListener[] targets;

    public FanoutListener(List<EngineListener> targets) {
        this.targets = targets.stream().filter(java.util.Objects::nonNull).toArray(EngineListener[]::new);
    }

    /** One listener stays itself; none becomes a no-op. */
    public static EngineListener of(List<EngineListener> targets) {
        List<EngineListener> l = targets.stream().filter(java.util.Objects::nonNull).toList();
        if (l.size() == 1) return l.get(0);
        return new FanoutListener(l);
    }

    @Override
    public void portStateChanged(int port, PortState from, PortState to, PortEvent event) {
        for (EngineListener t : targets) t.portStateChanged(port, from, to, event);
    }

    @Override
    public void servoSample(int port, long offsetNanos, ServoState state, double freqPpb, long pathDelayNanos) {
        for (EngineListener t : targets) t.servoSample(port, offsetNanos, state, freqPpb, pathDelayNanos);
    }

    @Override
    public void shadowSample(int port, String servo, long offsetNanos, ServoState state, double freqPpb) {
        for (EngineListener t : targets) t.shadowSample(port, servo, offsetNanos, state, freqPpb);
    }

    @Override
    public void peerDelay(int port, long peerDelayNanos, double neighborRateRatio) {
        for (EngineListener t : targets) t.peerDelay(port, peerDelayNanos, neighborRateRatio);
    }

    @Override
    public void notice(int port, String text) {
        for (EngineListener t : targets) t.notice(port, text);
    }

    @Override
    public void badPacket(int port, DecodeException error) {
        for (EngineListener t : targets) t.badPacket(port, error);
    }

    @Override
    public void clockStepped(long deltaNanos) {
        for (EngineListener t : targets) t.clockStepped(deltaNanos);
    }
}
