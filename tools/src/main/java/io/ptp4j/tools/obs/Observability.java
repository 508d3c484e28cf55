package io.ptp4j.tools.obs;

import io.ptp4j.core.clock.PtpClock;
import io.ptp4j.core.engine.Driver;
import io.ptp4j.core.engine.EngineListener;
import io.ptp4j.core.engine.PtpNode;
import io.ptp4j.tools.dashboard.DashboardFeed;
import io.ptp4j.tools.dashboard.DashboardServer;
import io.ptp4j.tools.metrics.MetricsServer;
import io.ptp4j.tools.metrics.PtpMetrics;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The opt-in observability of one PTP instance (ptp4l, or a simulated node): Prometheus metrics
 * on {@code metricsPort}, the live dashboard on {@code dashboardPort} (0: off). Wraps the engine's
 * listener, driver and node so that events, sent and received messages reach them; with both
 * ports 0 every wrap returns its argument unchanged and nothing is started.
 */
public final class Observability implements AutoCloseable {
    private final PtpMetrics metrics;
    private final DashboardFeed feed;
    private final GrandmasterWatch gm;
    private MetricsServer metricsServer;
    private DashboardServer dashboardServer;

    private Observability(PtpMetrics metrics, DashboardFeed feed) {
        this.metrics = metrics;
        this.feed = feed;
        this.gm = metrics == null && feed == null ? null : new GrandmasterWatch(metrics, feed);
    }

    /**
     * @param process the metrics' process label (ptp4l, sim)
     * @param title the dashboard's heading
     * @param ifaces port names, port 1 first
     * @param clockNanos the time of dashboard samples
     * @throws IOException when a port cannot be bound (the message names it)
     */
    public static Observability start(String process, String title, String[] ifaces, int metricsPort, int dashboardPort,
            LongSupplier clockNanos) throws IOException {
        return start(process, title, ifaces, metricsPort, dashboardPort, clockNanos, 16);
    }

    /** @param windowSamples servo samples per rms/max window (linuxptp: 2^(summary_interval - logSyncInterval)) */
    public static Observability start(String process, String title, String[] ifaces, int metricsPort, int dashboardPort,
            LongSupplier clockNanos, int windowSamples) throws IOException {
        String bind = MetricsServer.DEFAULT_BIND;
        PtpMetrics m = metricsPort > 0 ? new PtpMetrics(process, ifaces.length, windowSamples) : null;
        if (m != null) for (int i = 0; i < ifaces.length; i++) m.setInterface(i + 1, ifaces[i]);
        DashboardFeed f = dashboardPort > 0 ? new DashboardFeed(title, ifaces, clockNanos) : null;
        Observability o = new Observability(m, f);
        try {
            if (m != null) o.metricsServer = bindOrSay("metrics", metricsPort, () -> MetricsServer.start(bind, metricsPort, m));
            if (f != null) o.dashboardServer = bindOrSay("dashboard", dashboardPort, () -> DashboardServer.start(bind, dashboardPort, f));
        } catch (IOException e) {
            o.close();
            throw e;
        }
        return o;
    }

    private interface Binder<T> {
        T bind() throws IOException;
    }

    private static <T> T bindOrSay(String what, int port, Binder<T> b) throws IOException {
        try {
            return b.bind();
        } catch (IOException e) {
            throw new IOException("cannot serve the " + what + " on port " + port + ": " + e.getMessage(), e);
        }
    }

    public boolean enabled() {
        return gm != null;
    }

    /** The engine listener: {@code log} (may be null) first, then metrics, dashboard, grandmaster. */
    /** linuxptp's summary window in servo samples: 2^(summary_interval - logSyncInterval), at least 1, at most 2^16. */
    public static int windowSamples(int summaryInterval, int logSyncInterval) {
        return 1 << Math.max(0, Math.min(16, summaryInterval - logSyncInterval));
    }

    public EngineListener listener(EngineListener log) {
        List<EngineListener> l = new ArrayList<>();
        l.add(log);
        l.add(metrics);
        l.add(feed);
        l.add(gm);
        return FanoutListener.of(l);
    }

    /** The driver the engine should send through (counts sent messages when metrics are on). */
    public Driver driver(Driver d) {
        return metrics == null ? d : new CountingDriver(d, metrics);
    }

    /** The node the event loop should feed (counts received messages when metrics are on). */
    public PtpNode node(PtpNode n) {
        return metrics == null ? n : new CountingNode(n, metrics);
    }

    /** Where the grandmaster is read from, once the engine exists (null for a transparent clock). */
    public void watch(PtpClock clock) {
        if (gm != null && clock != null) gm.setClock(clock);
    }

    /** A transmit timestamp did not come back in time (linuxptp's tx_timestamp_timeout). */
    public void txTimestampTimeout(int port) {
        if (metrics != null) metrics.txTimestampTimeout(port);
    }

    public PtpMetrics metrics() {
        return metrics;
    }

    public DashboardFeed feed() {
        return feed;
    }

    public int metricsPort() {
        return metricsServer == null ? 0 : metricsServer.port();
    }

    public int dashboardPort() {
        return dashboardServer == null ? 0 : dashboardServer.port();
    }

    @Override
    public void close() {
        if (metricsServer != null) metricsServer.close();
        if (dashboardServer != null) dashboardServer.close();
    }
}
