package io.ptp4j.tools.obs;

import io.ptp4j.core.engine.EngineListener;
import io.ptp4j.sim.ScenarioRun;
import io.ptp4j.sim.SimNode;
import io.ptp4j.tools.dashboard.DashboardFeed;
import io.ptp4j.tools.dashboard.DashboardServer;
import io.ptp4j.tools.metrics.MetricsServer;
import io.ptp4j.tools.metrics.PtpMetrics;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Metrics and dashboard for a simulated network ({@code ptp4j sim}, {@code ptp4j demo}): one
 * {@link PtpMetrics} per node (process "sim", iface = node name, "name.2" for its port 2, ...)
 * behind one /metrics, and the dashboard for one chosen node. Message counters come from a tap
 * on each {@link SimNode}. Use: {@link #listener} inside the run's listener factory, then
 * {@link #attach} once the run exists.
 */
public final class SimObservability implements AutoCloseable {
    static final int MAX_PORTS = 8;

    private final Map<String, PtpMetrics> metrics = new LinkedHashMap<>();
    private final Map<String, GrandmasterWatch> watches = new LinkedHashMap<>();
    private final String dashboardNode;
    private final DashboardFeed feed;
    private final boolean metricsOn;
    private MetricsServer metricsServer;
    private DashboardServer dashboardServer;

    /**
     * @param dashboardNode the node the dashboard shows
     * @param virtualNanos the simulation's clock (dashboard time axis)
     */
    public SimObservability(int metricsPort, int dashboardPort, String dashboardNode, String title, LongSupplier virtualNanos)
            throws IOException {
        this.metricsOn = metricsPort > 0;
        this.dashboardNode = dashboardNode;
        this.feed = dashboardPort > 0 ? new DashboardFeed(title, ports(dashboardNode), virtualNanos) : null;
        try {
            if (metricsOn) metricsServer = MetricsServer.start(MetricsServer.DEFAULT_BIND, metricsPort);
            if (feed != null) dashboardServer = DashboardServer.start(DashboardServer.DEFAULT_BIND, dashboardPort, feed);
        } catch (IOException e) {
            close();
            throw new IOException("cannot serve the " + (metricsServer == null && metricsOn ? "metrics on port " + metricsPort
                    : "dashboard on port " + dashboardPort) + ": " + e.getMessage(), e);
        }
    }

    private static String[] ports(String node) {
        String[] p = new String[MAX_PORTS];
        for (int i = 0; i < p.length; i++) p[i] = i == 0 ? node : node + "." + (i + 1);
        return p;
    }

    /** The listener for node {@code name}: {@code log} (may be null) plus this node's metrics and dashboard. */
    public EngineListener listener(String name, EngineListener log) {
        List<EngineListener> l = new ArrayList<>();
        l.add(log);
        PtpMetrics m = null;
        if (metricsOn) {
            m = new PtpMetrics("sim", MAX_PORTS);
            String[] names = ports(name);
            m.setInterface(1, names[0]);
            metrics.put(name, m);
            metricsServer.add(m);
            l.add(m);
        }
        DashboardFeed f = name.equals(dashboardNode) ? feed : null;
        l.add(f);
        if (m != null || f != null) {
            GrandmasterWatch gm = new GrandmasterWatch(m, f);
            watches.put(name, gm);
            l.add(gm);
        }
        return FanoutListener.of(l);
    }

    /** Connects the nodes' engines (grandmaster) and frames (message counters) once the run is built. */
    public void attach(ScenarioRun run) {
        for (SimNode n : run.nodes()) {
            if (feed != null && n.name().equals(dashboardNode)) feed.showPorts(n.isTransparent() ? 0 : n.engine().numberPorts());
            GrandmasterWatch gm = watches.get(n.name());
            if (gm != null && n.engine() != null) gm.setClock(n.engine());
            PtpMetrics m = metrics.get(n.name());
            if (m == null) continue;
            String[] names = ports(n.name());
            boolean[] named = new boolean[MAX_PORTS + 1];
            named[1] = true;
            n.tap((port, tx, frame, length) -> {
                if (port >= 1 && port <= MAX_PORTS && !named[port]) {
                    named[port] = true;
                    m.setInterface(port, names[port - 1]);
                }
                if (tx) {
                    if (length > 0) m.messageSent(port, frame[0] & 0x0F);
                } else {
                    CountingNode.countReceived(m, port, ByteBuffer.wrap(frame, 0, length), 0, length);
                }
            });
        }
    }

    public int metricsPort() {
        return metricsServer == null ? 0 : metricsServer.port();
    }

    public int dashboardPort() {
        return dashboardServer == null ? 0 : dashboardServer.port();
    }

    public boolean enabled() {
        return metricsOn || feed != null;
    }

    @Override
    public void close() {
        if (metricsServer != null) metricsServer.close();
        if (dashboardServer != null) dashboardServer.close();
    }
}
