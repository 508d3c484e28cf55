package io.ptp4j.tools.obs;

import io.ptp4j.core.clock.PtpClock;
import io.ptp4j.core.engine.EngineListener;
import io.ptp4j.core.port.PortEvent;
import io.ptp4j.core.port.PortState;
import io.ptp4j.core.wire.ClockIdentity;
import io.ptp4j.tools.dashboard.DashboardFeed;
import io.ptp4j.tools.metrics.PtpMetrics;

/**
 * Copies the parent data set's grandmaster (identity, clockClass) into the metrics and the
 * dashboard whenever the BMCA may have changed it: after a port state change or a notice such as
 * "selected best master clock". The clock is set once the engine exists.
 */
public final class GrandmasterWatch implements EngineListener {
    private final PtpMetrics metrics;
    private final DashboardFeed feed;
    private volatile PtpClock clock;
    private long lastIdentity = -1;
    private int lastClass = -2;

    public GrandmasterWatch(PtpMetrics metrics, DashboardFeed feed) {
        this.metrics = metrics;
        this.feed = feed;
    }

    public void setClock(PtpClock clock) {
        this.clock = clock;
        refresh();
    }

    @Override
    public void portStateChanged(int port, PortState from, PortState to, PortEvent event) {
        refresh();
    }

    @Override
    public void notice(int port, String text) {
        refresh();
    }

    /** Reads the clock's parent data set; formats only when it changed, so this rarely allocates. */
    public void refresh() {
        PtpClock c = clock;
        if (c == null) return;
        long id = c.parentDS().grandmasterIdentity();
        int cls = c.parentDS().grandmasterClockClass();
        if (id == lastIdentity && cls == lastClass) return;
        lastIdentity = id;
        lastClass = cls;
        String text = ClockIdentity.format(id);
        if (metrics != null) metrics.setGrandmaster(text, cls);
        if (feed != null) feed.setGrandmaster(text, cls);
    }
}
