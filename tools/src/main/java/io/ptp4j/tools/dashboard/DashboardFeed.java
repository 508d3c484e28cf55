package io.ptp4j.tools.dashboard;

import io.ptp4j.tools.json.Json;
import io.ptp4j.core.engine.EngineListener;
import io.ptp4j.core.port.PortEvent;
import io.ptp4j.core.port.PortState;
import io.ptp4j.core.servo.ServoState;
import java.util.Arrays;
import java.util.function.LongSupplier;

/**
 * What the live dashboard shows, kept from the engine's events: the last {@link #CAPACITY} servo
 * samples (time, offset, path delay, frequency) in a ring of primitive arrays, each port's state,
 * and the current grandmaster. The engine thread writes (no allocation); the HTTP thread reads a
 * JSON slice under the same lock, which is held for a few array stores.
 */
public final class DashboardFeed implements EngineListener {
    public static final int CAPACITY = 2048;

    private final String title;
    private final LongSupplier clockNanos;
    private final String[] iface;
    private final PortState[] state;
    private final double[] timeSeconds = new double[CAPACITY];
    private final long[] offsetNanos = new long[CAPACITY];
    private final long[] delayNanos = new long[CAPACITY];
    private final double[] freqPpb = new double[CAPACITY];
    private final byte[] servo = new byte[CAPACITY];
    private final long startNanos;
    private long seq; // number of samples ever recorded
    private int shownPorts;
    private String gmIdentity = "";
    private int gmClockClass = -1;

    /**
     * @param title what the page's heading names (e.g. "ptp4l on eth0", "demo: hw-client")
     * @param ifaces port names, port 1 first
     * @param clockNanos time of the samples (monotonic clock, or the simulator's virtual clock)
     */
    public DashboardFeed(String title, String[] ifaces, LongSupplier clockNanos) {
        this.title = title;
        this.iface = ifaces.clone();
        this.state = new PortState[ifaces.length];
        this.shownPorts = ifaces.length;
        this.clockNanos = clockNanos;
        this.startNanos = clockNanos.getAsLong();
    }

    @Override
    public synchronized void portStateChanged(int port, PortState from, PortState to, PortEvent event) {
        if (port >= 1 && port <= state.length) state[port - 1] = to;
    }

    @Override
    public synchronized void servoSample(int port, long offset, ServoState s, double freq, long pathDelay) {
        int i = (int) (seq % CAPACITY);
        timeSeconds[i] = (clockNanos.getAsLong() - startNanos) / 1e9;
        offsetNanos[i] = offset;
        delayNanos[i] = pathDelay;
        freqPpb[i] = freq;
        servo[i] = (byte) (s == null ? 0 : s.ordinal());
        seq++;
    }

    /** The current grandmaster (from the parent data set) and its clockClass. */
    public synchronized void setGrandmaster(String identity, int clockClass) {
        gmIdentity = identity == null ? "" : identity;
        gmClockClass = clockClass;
    }

    /** Shows only ports 1..n (a simulated node's real port count). */
    public synchronized void showPorts(int n) {
        shownPorts = Math.max(0, Math.min(n, iface.length));
    }

    public synchronized long samples() {
        return seq;
    }

    public String title() {
        return title;
    }

    /**
     * The state and the samples after {@code afterSeq} (at most CAPACITY) as one JSON object:
     * {"title","seq","gm","gmClockClass","ports":[{"port","iface","state"}],"samples":[[t,offsetNs,delayNs,freqPpb,servo]...]}.
     */
    public String json(long afterSeq) {
        StringBuilder sb = new StringBuilder(256);
        synchronized (this) {
            sb.append("{\"title\":");
            Json.string(sb, title);
            sb.append(",\"seq\":").append(seq).append(",\"gm\":");
            Json.string(sb, gmIdentity);
            sb.append(",\"gmClockClass\":").append(gmClockClass).append(",\"ports\":[");
            for (int p = 0; p < shownPorts; p++) {
                if (p > 0) sb.append(',');
                sb.append("{\"port\":").append(p + 1).append(",\"iface\":");
                Json.string(sb, iface[p]);
                sb.append(",\"state\":");
                Json.string(sb, state[p] == null ? "INITIALIZING" : state[p].name());
                sb.append('}');
            }
            sb.append("],\"samples\":[");
            long from = Math.max(Math.max(afterSeq, 0), seq - CAPACITY);
            for (long k = from; k < seq; k++) {
                int i = (int) (k % CAPACITY);
                if (k > from) sb.append(',');
                sb.append('[').append(Math.round(timeSeconds[i] * 1000) / 1000.0).append(',').append(offsetNanos[i]).append(',')
                        .append(delayNanos[i]).append(',');
                double f = freqPpb[i];
                sb.append(Double.isFinite(f) ? Math.round(f * 10) / 10.0 : 0).append(',').append(servo[i]).append(']');
            }
            sb.append("]}");
        }
        return sb.toString();
    }

    /** For tests: the port states as names. */
    synchronized String[] states() {
        return Arrays.stream(state).map(s -> s == null ? "INITIALIZING" : s.name()).toArray(String[]::new);
    }
}
