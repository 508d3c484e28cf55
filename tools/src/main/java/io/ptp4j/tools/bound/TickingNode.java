package io.ptp4j.tools.bound;

import io.ptp4j.core.bound.EngineBoundFeed;
import io.ptp4j.core.engine.ForwardingNode;
import io.ptp4j.core.engine.PtpNode;

/**
 * A node that also republishes the clock error bound once a second: ClockBound readers trust a
 * bound only while its as_of is recent (5 s) and its void_after ahead, so the bound is written
 * again even when no Sync comes (holdover, no master). Runs on the event loop's thread, as the
 * engine does, so the feed needs no lock.
 */
final class TickingNode extends ForwardingNode {
    static final long TICK_NANOS = 1_000_000_000L;
    private final EngineBoundFeed feed;
    private long nextTick = Long.MAX_VALUE;

    TickingNode(PtpNode inner, EngineBoundFeed feed) {
        super(inner);
        this.feed = feed;
    }

    @Override
    public void start(long nowNanos) {
        inner.start(nowNanos);
        feed.tick(nowNanos);
        nextTick = nowNanos + TICK_NANOS;
    }

    @Override
    public void onTimer(long nowNanos) {
        if (nowNanos >= nextTick) {
            feed.tick(nowNanos);
            nextTick = nowNanos + TICK_NANOS;
        }
        if (inner.nextTimerNanos() <= nowNanos) inner.onTimer(nowNanos);
    }

    @Override
    public long nextTimerNanos() {
        return Math.min(inner.nextTimerNanos(), nextTick);
    }
}
