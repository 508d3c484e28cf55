package io.ptp4j.core.engine;

import java.nio.ByteBuffer;

/**
 * A {@link Driver} in front of another that hands every call on: the base of the layers a daemon
 * puts between its engine and the machine (counting what is sent, signing it). A layer overrides
 * what it adds to; every other call, the clock's leap, TAI offset, phase and switch included,
 * still reaches the machine. (A layer written against the interface alone silently took the
 * defaults of the calls it forgot: no leap second armed, no phase written.)
 */
public abstract class ForwardingDriver implements Driver {
    protected final Driver inner;

    protected ForwardingDriver(Driver inner) {
        this.inner = inner;
    }

    @Override
    public boolean send(int port, ByteBuffer buf, int offset, int length, boolean event, long destination) {
        return inner.send(port, buf, offset, length, event, destination);
    }

    @Override
    public long resolveUnicast(int port, String address) {
        return inner.resolveUnicast(port, address);
    }

    @Override
    public long clockTimeNanos() {
        return inner.clockTimeNanos();
    }

    @Override
    public void adjustFrequency(double ppb) {
        inner.adjustFrequency(ppb);
    }

    @Override
    public double currentFrequencyPpb() {
        return inner.currentFrequencyPpb();
    }

    @Override
    public void stepClock(long deltaNanos) {
        inner.stepClock(deltaNanos);
    }

    @Override
    public int armLeap(int leap) {
        return inner.armLeap(leap);
    }

    @Override
    public void setTaiOffset(int seconds) {
        inner.setTaiOffset(seconds);
    }

    @Override
    public boolean adjustPhase(long offsetNanos) {
        return inner.adjustPhase(offsetNanos);
    }

    @Override
    public boolean switchClock(int port) {
        return inner.switchClock(port);
    }
}
