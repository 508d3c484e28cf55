package io.ptp4j.core.engine;

import java.nio.ByteBuffer;

/**
 * A {@link PtpNode} in front of another that hands every call on: the base of the layers a daemon
 * puts around its engine (counting, authentication, bound publishing, CMLDS renewals). A layer
 * overrides what it adds to and calls {@code super}; whatever it does not mention still reaches
 * the engine, link events included.
 */
public abstract class ForwardingNode implements PtpNode {
    protected final PtpNode inner;

    protected ForwardingNode(PtpNode inner) {
        this.inner = inner;
    }

    @Override
    public void start(long nowNanos) {
        inner.start(nowNanos);
    }

    @Override
    public void onReceive(int port, ByteBuffer buf, int offset, int length, long rxTimestampNanos, long source, long nowNanos) {
        inner.onReceive(port, buf, offset, length, rxTimestampNanos, source, nowNanos);
    }

    @Override
    public void onTxTimestamp(int port, int messageTypeCode, int sequenceId, long txTimestampNanos, long nowNanos) {
        inner.onTxTimestamp(port, messageTypeCode, sequenceId, txTimestampNanos, nowNanos);
    }

    @Override
    public void onLinkStatus(int port, boolean up, String tsLabel, long nowNanos) {
        inner.onLinkStatus(port, up, tsLabel, nowNanos);
    }

    @Override
    public void onTimer(long nowNanos) {
        inner.onTimer(nowNanos);
    }

    @Override
    public long nextTimerNanos() {
        return inner.nextTimerNanos();
    }
}
