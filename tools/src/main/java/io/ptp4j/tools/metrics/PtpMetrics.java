package io.ptp4j.tools.metrics;

import io.ptp4j.core.engine.EngineListener;
import io.ptp4j.core.port.PortEvent;
import io.ptp4j.core.port.PortState;
import io.ptp4j.core.servo.ServoState;
import io.ptp4j.core.wire.DecodeException;
import io.ptp4j.core.wire.MessageType;
import java.util.List;

/**
 * Gauges and counters of one PTP process (ptp4l, phc2sys or a simulated node), fed by the engine's
 * events and by the daemon's rx/tx calls. Every update writes primitive fields of arrays allocated
 * once, so the engine thread never allocates; a scrape reads them from another thread and may see
 * one sample's fields half-updated, which a monitoring system tolerates.
 *
 * <p>Ports are numbered as in linuxptp (1..n); slot 0 holds samples of a process without ports
 * (phc2sys).
 */
public final class PtpMetrics implements EngineListener {
    private static final int TYPES = 16;
    private static final io.ptp4j.core.auth.AuthResult[] AUTH_RESULTS = io.ptp4j.core.auth.AuthResult.values();
    private static final int RX = 0;
    private static final int TX = 1;

    private final String process;
    private final int maxPorts;
    private final int windowSamples;
    private final String[] iface;
    private final boolean[] seen;
    private final long[] offsetNanos;
    private final long[] pathDelayNanos;
    private final double[] freqPpb;
    private final int[] servoState;
    private final int[] portState;
    private final long[] samples;
    private final long[] stateChanges;
    private final long[] peerDelayNanos;
    private final double[] neighborRateRatio;
    private final long[] badPackets;
    private final long[] newForeignMasters;
    private final long[] authRejected;
    private final long[] txTimestampTimeouts;
    private final long[] messages;
    // correctionField of the last Sync (+ its Follow_Up) received: non-zero means a transparent clock on the path
    private final long[] lastSyncCorrectionNanos;
    private final long[] pendingSyncCorrectionNanos;
    private final long[] correctedSyncs;
    // summary window, linuxptp's "rms N max N" over summary_interval: the running window and the
    // last completed one
    private final double[] windowSumSquares;
    private final long[] windowMaxAbs;
    private final int[] windowCount;
    private final double[] lastRmsNanos;
    private final long[] lastMaxAbsNanos;
    private final boolean[] windowDone;

    private volatile String gmIdentity = "";
    private volatile int gmClockClass = -1;
    private long clockSteps;
    private long lastStepNanos;

    /**
     * @param process the {@code process} label: ptp4l, phc2sys or sim
     * @param maxPorts the highest port number this process reports
     * @param windowSamples samples per rms/max summary window (linuxptp summary_interval)
     */
    public PtpMetrics(String process, int maxPorts, int windowSamples) {
        if (maxPorts < 0 || windowSamples < 1) throw new IllegalArgumentException("maxPorts >= 0, windowSamples >= 1");
        this.process = process;
        this.maxPorts = maxPorts;
        this.windowSamples = windowSamples;
        int n = maxPorts + 1;
        iface = new String[n];
        java.util.Arrays.fill(iface, "");
        seen = new boolean[n];
        offsetNanos = new long[n];
        pathDelayNanos = new long[n];
        freqPpb = new double[n];
        servoState = new int[n];
        portState = new int[n];
        samples = new long[n];
        stateChanges = new long[n];
        peerDelayNanos = new long[n];
        neighborRateRatio = new double[n];
        badPackets = new long[n];
        newForeignMasters = new long[n];
        authRejected = new long[n * AUTH_RESULTS.length];
        txTimestampTimeouts = new long[n];
        messages = new long[n * TYPES * 2];
        lastSyncCorrectionNanos = new long[n];
        pendingSyncCorrectionNanos = new long[n];
        correctedSyncs = new long[n];
        windowSumSquares = new double[n];
        windowMaxAbs = new long[n];
        windowCount = new int[n];
        lastRmsNanos = new double[n];
        lastMaxAbsNanos = new long[n];
        windowDone = new boolean[n];
    }

    public PtpMetrics(String process, int maxPorts) {
        this(process, maxPorts, 16);
    }

    public String process() {
        return process;
    }

    /** Names the interface of a port (the {@code iface} label) and exposes the port. */
    public void setInterface(int port, String name) {
        int p = slot(port);
        iface[p] = name == null ? "" : name;
        seen[p] = true;
    }

    /** The current grandmaster, from the parent data set (clockIdentity as linuxptp prints it). */
    public void setGrandmaster(String identity, int clockClass) {
        gmIdentity = identity == null ? "" : identity;
        gmClockClass = clockClass;
    }

    /** The daemon received a message of this messageType (4-bit code, Table 36) on a port. */
    public void messageReceived(int port, int messageType) {
        seen[slot(port)] = true;
        messages[msgIndex(port, messageType, RX)]++;
    }

    /** The daemon sent a message of this messageType on a port. */
    public void messageSent(int port, int messageType) {
        seen[slot(port)] = true;
        messages[msgIndex(port, messageType, TX)]++;
    }

    /**
     * A Sync arrived with this correctionField (ns, the 2^-16 fraction dropped). A transparent clock
     * adds its residence time to the Sync (one-step) or to the Follow_Up (two-step), so for a
     * two-step Sync the total is known only with its Follow_Up (IEEE 1588-2019 10.2.2, 11.4.2).
     */
    public void syncReceived(int port, long correctionNanos, boolean twoStep) {
        int p = slot(port);
        seen[p] = true;
        if (twoStep) pendingSyncCorrectionNanos[p] = correctionNanos;
        else syncCorrection(p, correctionNanos);
    }

    /** The Follow_Up of a two-step Sync: the path's correction is the Sync's plus this one's. */
    public void followUpReceived(int port, long correctionNanos) {
        int p = slot(port);
        syncCorrection(p, pendingSyncCorrectionNanos[p] + correctionNanos);
        pendingSyncCorrectionNanos[p] = 0;
    }

    private void syncCorrection(int p, long totalNanos) {
        lastSyncCorrectionNanos[p] = totalNanos;
        if (totalNanos != 0) correctedSyncs[p]++;
    }

    /** linuxptp's "timed out while polling for tx timestamp". */
    public void txTimestampTimeout(int port) {
        txTimestampTimeouts[slot(port)]++;
    }

    @Override
    public void portStateChanged(int port, PortState from, PortState to, PortEvent event) {
        int p = slot(port);
        seen[p] = true;
        portState[p] = to == null ? 0 : to.code;
        stateChanges[p]++;
    }

    @Override
    public void servoSample(int port, long offset, ServoState state, double freq, long pathDelay) {
        int p = slot(port);
        seen[p] = true;
        offsetNanos[p] = offset;
        servoState[p] = state == null ? 0 : state.ordinal();
        freqPpb[p] = freq;
        pathDelayNanos[p] = pathDelay;
        samples[p]++;
        long abs = offset == Long.MIN_VALUE ? Long.MAX_VALUE : Math.abs(offset);
        windowSumSquares[p] += (double) offset * offset;
        if (abs > windowMaxAbs[p]) windowMaxAbs[p] = abs;
        if (++windowCount[p] >= windowSamples) {
            lastRmsNanos[p] = Math.sqrt(windowSumSquares[p] / windowCount[p]);
            lastMaxAbsNanos[p] = windowMaxAbs[p];
            windowSumSquares[p] = 0;
            windowMaxAbs[p] = 0;
            windowCount[p] = 0;
            windowDone[p] = true;
        }
    }

    // shadow_servos: the last would-be offset and frequency of each shadow (a few names, fixed at start)
    private final String[] shadowNames = new String[8];
    private final int[] shadowPorts = new int[8];
    private final long[] shadowOffsets = new long[8];
    private final double[] shadowFreqs = new double[8];
    private int shadows;

    @Override
    public void shadowSample(int port, String servo, long offset, ServoState state, double freq) {
        int i = 0;
        while (i < shadows && !(shadowNames[i].equals(servo) && shadowPorts[i] == port)) i++;
        if (i == shadows) {
            if (shadows == shadowNames.length) return;
            shadowNames[i] = servo;
            shadowPorts[i] = port;
            shadows++;
        }
        shadowOffsets[i] = offset;
        shadowFreqs[i] = freq;
    }

    @Override
    public void peerDelay(int port, long peerDelay, double ratio) {
        int p = slot(port);
        seen[p] = true;
        peerDelayNanos[p] = peerDelay;
        neighborRateRatio[p] = ratio;
    }

    @Override
    public void badPacket(int port, DecodeException error) {
        badPackets[slot(port)]++;
    }

    /** A received message dropped because it failed authentication, and why. */
    public void authRejected(int port, io.ptp4j.core.auth.AuthResult why) {
        int p = slot(port);
        seen[p] = true;
        authRejected[p * AUTH_RESULTS.length + why.ordinal()]++;
    }

    public long authRejectedCount(int port, io.ptp4j.core.auth.AuthResult why) {
        return authRejected[slot(port) * AUTH_RESULTS.length + why.ordinal()];
    }

    /** Counts "new foreign master" notices: every one, also those the log leaves out (LogRateLimit). */
    @Override
    public void notice(int port, String text) {
        if (port >= 1 && text.startsWith("new foreign master")) newForeignMasters[slot(port)]++;
    }

    @Override
    public void clockStepped(long deltaNanos) {
        clockSteps++;
        lastStepNanos = deltaNanos;
    }

    // --- reading, for exposition and tests

    public long offsetNanos(int port) { return offsetNanos[slot(port)]; }
    public long pathDelayNanos(int port) { return pathDelayNanos[slot(port)]; }
    public double freqPpb(int port) { return freqPpb[slot(port)]; }
    public long clockSteps() { return clockSteps; }
    public long messages(int port, int messageType, boolean tx) { return messages[msgIndex(port, messageType, tx ? TX : RX)]; }
    public long txTimestampTimeouts(int port) { return txTimestampTimeouts[slot(port)]; }
    public long newForeignMasters(int port) { return newForeignMasters[slot(port)]; }
    public long badPackets(int port) { return badPackets[slot(port)]; }
    public long lastSyncCorrectionNanos(int port) { return lastSyncCorrectionNanos[slot(port)]; }
    public int portStateCode(int port) { return portState[slot(port)]; }
    public int servoStateOrdinal(int port) { return servoState[slot(port)]; }
    public String grandmasterIdentity() { return gmIdentity; }
    public int grandmasterClockClass() { return gmClockClass; }

    /** rms of the offset over the last completed window, or over the running one before the first completes. */
    public double offsetRmsNanos(int port) {
        int p = slot(port);
        if (!windowDone[p] && windowCount[p] > 0)
            return Math.sqrt(windowSumSquares[p] / windowCount[p]);
        return lastRmsNanos[p];
    }

    public long offsetMaxAbsNanos(int port) {
        int p = slot(port);
        if (!windowDone[p] && windowCount[p] > 0) return windowMaxAbs[p];
        return lastMaxAbsNanos[p];
    }

    /** openshift linuxptp-daemon's interface_role codes: 0 passive, 1 slave, 2 master, 3 faulty, 4 unknown, 5 listening. */
    static int interfaceRole(int portStateCode) {
        PortState s = PortState.ofCode(portStateCode);
        if (s == null) return 4;
        return switch (s) {
            case PASSIVE -> 0;
            case SLAVE, UNCALIBRATED -> 1;
            case MASTER, PRE_MASTER, GRAND_MASTER -> 2;
            case FAULTY, DISABLED -> 3;
            case LISTENING, INITIALIZING -> 5;
        };
    }

    private int slot(int port) {
        return port < 0 ? 0 : Math.min(port, maxPorts);
    }

    private int msgIndex(int port, int type, int dir) {
        return ((slot(port) * TYPES) + (type & 0xF)) * 2 + dir;
    }

    private String[] shadowLabels(int i) {
        int p = slot(shadowPorts[i]);
        return new String[] {"process", process, "iface", iface[p], "port", Integer.toString(p), "servo", shadowNames[i]};
    }

    private String[] portLabels(int p) {
        return new String[] {"process", process, "iface", iface[p], "port", Integer.toString(p)};
    }

    // --- exposition

    /** Writes all families of all sources; each family's samples from every source follow its one HELP/TYPE. */
    public static String expose(List<PtpMetrics> sources, boolean openMetrics) {
        StringBuilder sb = new StringBuilder(4096);
        MetricsWriter w = new MetricsWriter(sb, openMetrics);
        w.gauge("ptp4j_offset_ns", "Last offset from master (time error) in nanoseconds");
        for (PtpMetrics m : sources) m.eachSampledPort(p -> w.sample(m.offsetNanos[p], m.portLabels(p)));
        w.gauge("ptp4j_max_offset_ns", "Largest absolute offset from master in the last summary window, nanoseconds");
        for (PtpMetrics m : sources) m.eachSampledPort(p -> w.sample(m.offsetMaxAbsNanos(p), m.portLabels(p)));
        w.gauge("ptp4j_offset_rms_ns", "Root mean square of the offset from master in the last summary window, nanoseconds");
        for (PtpMetrics m : sources) m.eachSampledPort(p -> w.sample(m.offsetRmsNanos(p), m.portLabels(p)));
        w.gauge("ptp4j_delay_ns", "Mean path delay to the master in nanoseconds");
        for (PtpMetrics m : sources) m.eachSampledPort(p -> w.sample(m.pathDelayNanos[p], m.portLabels(p)));
        w.gauge("ptp4j_frequency_adjustment_ppb", "Frequency adjustment the servo applies, parts per billion");
        for (PtpMetrics m : sources) m.eachSampledPort(p -> w.sample(m.freqPpb[p], m.portLabels(p)));
        w.gauge("ptp4j_servo_state", "Servo state: 0 unlocked (s0), 1 jump (s1), 2 locked (s2), 3 locked stable (s3)");
        for (PtpMetrics m : sources) m.eachSampledPort(p -> w.sample(m.servoState[p], m.portLabels(p)));
        w.counter("ptp4j_servo_samples", "Servo samples (offset measurements) taken");
        for (PtpMetrics m : sources) m.eachSampledPort(p -> w.sample(m.samples[p], m.portLabels(p)));
        w.gauge("ptp4j_shadow_offset_ns", "Offset the clock would show had this shadow servo steered it (shadow_servos), nanoseconds");
        for (PtpMetrics m : sources) for (int i = 0; i < m.shadows; i++) w.sample(m.shadowOffsets[i], m.shadowLabels(i));
        w.gauge("ptp4j_shadow_frequency_ppb", "Frequency this shadow servo would have set (shadow_servos), parts per billion");
        for (PtpMetrics m : sources) for (int i = 0; i < m.shadows; i++) w.sample(m.shadowFreqs[i], m.shadowLabels(i));
        w.gauge("ptp4j_peer_delay_ns", "Peer delay measured by the P2P mechanism, nanoseconds");
        for (PtpMetrics m : sources) m.eachPort(p -> w.sample(m.peerDelayNanos[p], m.portLabels(p)));
        w.gauge("ptp4j_port_state", "portState code (IEEE 1588-2019 Table 20): 1 INITIALIZING .. 6 MASTER, 7 PASSIVE, 8 UNCALIBRATED, 9 SLAVE");
        for (PtpMetrics m : sources) m.eachPort(p -> w.sample(m.portState[p], m.portLabels(p)));
        w.gauge("ptp4j_interface_role", "Port role as openshift linuxptp-daemon encodes it: 0 passive, 1 slave, 2 master, 3 faulty, 4 unknown, 5 listening");
        for (PtpMetrics m : sources) m.eachPort(p -> w.sample(interfaceRole(m.portState[p]), m.portLabels(p)));
        w.counter("ptp4j_port_state_changes", "Port state transitions");
        for (PtpMetrics m : sources) m.eachPort(p -> w.sample(m.stateChanges[p], m.portLabels(p)));
        w.counter("ptp4j_messages", "PTP messages by messageType and direction");
        for (PtpMetrics m : sources) m.eachPort(p -> {
            for (int t = 0; t < TYPES; t++) {
                for (int d = RX; d <= TX; d++) {
                    long n = m.messages[((p * TYPES) + t) * 2 + d];
                    MessageType type = MessageType.ofCode(t);
                    if (n == 0 && type == null) continue;
                    w.sample(n, "process", m.process, "iface", m.iface[p], "port", Integer.toString(p),
                            "type", type == null ? "RESERVED_" + t : type.name(), "direction", d == RX ? "rx" : "tx");
                }
            }
        });
        w.counter("ptp4j_tx_timestamp_timeouts", "Transmit timestamps the kernel did not deliver in time (tx_timestamp_timeout)");
        for (PtpMetrics m : sources) m.eachPort(p -> w.sample(m.txTimestampTimeouts[p], m.portLabels(p)));
        w.counter("ptp4j_bad_packets", "Received packets dropped because they did not decode");
        for (PtpMetrics m : sources) m.eachPort(p -> w.sample(m.badPackets[p], m.portLabels(p)));
        w.counter("ptp4j_new_foreign_masters", "Announce senders heard for the first time (the new foreign master notice), each counted even when the log leaves it out");
        for (PtpMetrics m : sources) m.eachPort(p -> w.sample(m.newForeignMasters[p], m.portLabels(p)));
        w.counter("ptp4j_auth_rejected", "Received messages dropped because they failed authentication (sa_file, spp), by reason");
        for (PtpMetrics m : sources) m.eachPort(p -> {
            for (io.ptp4j.core.auth.AuthResult r : AUTH_RESULTS) {
                long n = m.authRejected[p * AUTH_RESULTS.length + r.ordinal()];
                if (n > 0) w.sample(n, "process", m.process, "iface", m.iface[p], "port", Integer.toString(p), "reason", r.name());
            }
        });
        w.gauge("ptp4j_sync_correction_ns", "correctionField of the last Sync plus its Follow_Up, ns: non-zero when a transparent clock is on the path");
        for (PtpMetrics m : sources) m.eachPort(p -> w.sample(m.lastSyncCorrectionNanos[p], m.portLabels(p)));
        w.counter("ptp4j_corrected_syncs", "Syncs received whose correctionField (Sync plus Follow_Up) was non-zero");
        for (PtpMetrics m : sources) m.eachPort(p -> w.sample(m.correctedSyncs[p], m.portLabels(p)));
        w.counter("ptp4j_clock_steps", "Times the servo stepped the clock (s1)");
        for (PtpMetrics m : sources) w.sample(m.clockSteps, "process", m.process);
        w.gauge("ptp4j_last_step_ns", "Size of the last clock step in nanoseconds");
        for (PtpMetrics m : sources) w.sample(m.lastStepNanos, "process", m.process);
        w.gauge("ptp4j_grandmaster_clock_class", "clockClass of the current grandmaster, -1 when unknown");
        for (PtpMetrics m : sources) w.sample(m.gmClockClass, "process", m.process, "gm_identity", m.gmIdentity);
        w.finish();
        return sb.toString();
    }

    private void eachPort(java.util.function.IntConsumer c) {
        for (int p = 0; p <= maxPorts; p++) if (seen[p]) c.accept(p);
    }

    private void eachSampledPort(java.util.function.IntConsumer c) {
        for (int p = 0; p <= maxPorts; p++) if (samples[p] > 0) c.accept(p);
    }
}
