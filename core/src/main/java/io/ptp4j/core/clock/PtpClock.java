package io.ptp4j.core.clock;

import io.ptp4j.core.bmca.BmcDataset;
import io.ptp4j.core.bmca.DatasetComparison;
import io.ptp4j.core.bmca.StateDecision;
import io.ptp4j.core.dataset.AlternateTimeOffsets;
import io.ptp4j.core.dataset.CurrentDS;
import io.ptp4j.core.dataset.DefaultDS;
import io.ptp4j.core.dataset.ParentDS;
import io.ptp4j.core.dataset.TimePropertiesDS;
import io.ptp4j.core.engine.ClockConfig;
import io.ptp4j.core.engine.Driver;
import io.ptp4j.core.engine.EngineListener;
import io.ptp4j.core.engine.PtpNode;
import io.ptp4j.core.port.Port;
import io.ptp4j.core.port.PortEvent;
import io.ptp4j.core.port.PortHost;
import io.ptp4j.core.port.PortState;
import io.ptp4j.core.servo.ServoState;
import io.ptp4j.core.wire.ClockIdentity;
import io.ptp4j.core.wire.DecodeException;
import io.ptp4j.core.wire.MessageType;
import io.ptp4j.core.wire.PtpMessage;
import io.ptp4j.core.wire.TlvCursor;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;

/**
 * An ordinary or boundary clock (IEEE 1588-2019 clauses 9 and 11; linuxptp clock.c): the data
 * sets, the best master clock algorithm over all {@link Port}s, and the servo loop that
 * disciplines the clock through the {@link Driver}. A packet's way: {@link #onReceive} decodes it
 * and hands it to its port; the port's delay mechanism and Sync/Follow_Up matching produce t1..t4;
 * {@link #synchronize} turns them into an offset, the servo into a frequency or step. Sans-IO:
 * it reads no clock and owns no socket; nothing is allocated per message in steady state.
 */
public final class PtpClock implements PtpNode, PortHost {
    private final ClockConfig cfg;
    private final Driver driver;
    private final EngineListener listener;
    private final Port[] ports;
    private final DatasetComparison cmp;
    private final SplittableRandom random;
    private final PtpMessage rx = new PtpMessage();
    private final TlvCursor tlvs = new TlvCursor();

    private final DefaultDS defaultDS;
    private final CurrentDS currentDS = new CurrentDS();
    private final ParentDS parentDS = new ParentDS();
    private final TimePropertiesDS timeProperties;
    /** What this clock announces as grandmaster (linuxptp c->utc_offset, time_flags, time_source). */
    private final TimePropertiesDS localTimeProperties;
    // SYNCHRONIZATION_UNCERTAIN_NP (linuxptp local_sync_uncertain): 0 false, 1 true, 0xFF don't care.
    private int syncUncertain = 0xFF;
    private final PathTrace pathTrace = new PathTrace();

    // D0 as the BMCA compares it, and the best foreign data set (Ebest) with the port that heard it.
    private final BmcDataset d0 = new BmcDataset();
    private final BmcDataset best = new BmcDataset();
    private int bestPort;
    private boolean bestIsLocal = true;
    private long bestId = Long.MIN_VALUE;

    private ManagementHook managementHook;
    private SlaveEventMonitor slaveEventMonitor; // slave_event_monitor: null when off

    private final FollowUpInformation followUpInfo = new FollowUpInformation();
    private final AlternateTimeOffsets alternateTimeOffsets = new AlternateTimeOffsets();

    private final ServoLoop servoLoop;
    private final UtcCorrection utc;
    private long nowNanos;
    // The earliest deadline over all ports, kept so that callers asking after every packet do
    // not scan every port's timers (a grandmaster may have hundreds of ports).
    private long nextDeadline = Long.MAX_VALUE;
    private boolean timersDirty = true;

    public PtpClock(ClockConfig config, Driver driver, EngineListener listener) {
        this.cfg = config.copy();
        this.driver = driver;
        this.listener = listener == null ? new EngineListener() {} : listener;
        this.cmp = DatasetComparison.named(cfg.datasetComparison);
        this.random = new SplittableRandom(cfg.randomSeed ^ cfg.clockIdentity);
        this.defaultDS = new DefaultDS(cfg);
        defaultDS.describe(d0);
        this.localTimeProperties = new TimePropertiesDS(cfg.utcOffset, cfg.ptpTimescale ? PtpMessage.FLAG_PTP_TIMESCALE : 0, cfg.timeSource);
        this.timeProperties = new TimePropertiesDS(cfg.utcOffset, 0, cfg.timeSource);
        this.ports = new Port[cfg.numberPorts];
        for (int i = 0; i < ports.length; i++) ports[i] = new Port(i + 1, cfg, this);
        this.utc = new UtcCorrection(cfg, driver, this.listener);
        this.servoLoop = new ServoLoop(cfg, driver, this.listener, currentDS, timeProperties, utc);
        becomeGrandmaster();
    }

    // ---- PtpNode ------------------------------------------------------------------------------

    @Override
    public void start(long now) {
        nowNanos = now;
        for (Port p : ports) p.start();
    }

    @Override
    public void onReceive(int portNumber, ByteBuffer buf, int offset, int length, long rxTs, long source, long now) {
        nowNanos = now;
        if (portNumber < 1 || portNumber > ports.length) return;
        Port p = ports[portNumber - 1];
        MessageType type;
        try {
            rx.wrap(buf, offset, length);
            type = rx.validate(tlvs);
        } catch (DecodeException e) {
            p.badPacket(e);
            return;
        }
        p.receive(rx, type, rxTs, source, buf, offset, length);
        p.applyPendingFault();
    }

    @Override
    public void onTxTimestamp(int portNumber, int typeCode, int sequenceId, long txTs, long now) {
        nowNanos = now;
        if (portNumber < 1 || portNumber > ports.length) return;
        Port p = ports[portNumber - 1];
        p.txTimestamp(typeCode, sequenceId, txTs);
        p.applyPendingFault();
    }

    @Override
    public void onLinkStatus(int portNumber, boolean up, String tsLabel, long now) {
        nowNanos = now;
        if (portNumber < 1 || portNumber > ports.length) return;
        ports[portNumber - 1].linkStatus(up, tsLabel);
    }

    @Override
    public void onTimer(long now) {
        nowNanos = now;
        if (now < nextTimerNanos()) return;
        timersDirty = true;
        for (Port p : ports) {
            p.runTimers(now);
            p.applyPendingFault();
        }
    }

    @Override
    public long nextTimerNanos() {
        if (timersDirty) {
            long next = Long.MAX_VALUE;
            for (Port p : ports) next = Math.min(next, p.nextDeadline());
            nextDeadline = next;
            timersDirty = false;
        }
        return nextDeadline;
    }

    // ---- what management, metrics and tests read ---------------------------------------------

    @Override
    public ClockConfig config() {
        return cfg;
    }

    public int numberPorts() {
        return ports.length;
    }

    public Port port(int portNumber) {
        return ports[portNumber - 1];
    }

    public PortState portState(int portNumber) {
        return ports[portNumber - 1].state();
    }

    @Override
    public DefaultDS defaultDS() {
        return defaultDS;
    }

    @Override
    public CurrentDS currentDS() {
        return currentDS;
    }

    @Override
    public ParentDS parentDS() {
        return parentDS;
    }

    @Override
    public TimePropertiesDS timeProperties() {
        return timeProperties;
    }

    /** GRANDMASTER_SETTINGS_NP's time properties: what this clock announces as grandmaster. */
    public TimePropertiesDS localTimeProperties() {
        return localTimeProperties;
    }

    public double frequencyPpb() {
        return servoLoop.frequencyPpb();
    }

    public ServoState servoState() {
        return servoLoop.servoState();
    }

    /** The ingress time of the last Sync used (TIME_STATUS_NP ingress_time). */
    @Override
    public long lastIngressNanos() {
        return servoLoop.lastIngressNanos();
    }

    /** Whether this clock is its own grandmaster (no better foreign master selected). */
    @Override
    public boolean isGrandmaster() {
        return bestIsLocal;
    }

    public int syncUncertain() {
        return syncUncertain;
    }

    /** Where management messages from the network go (null: they are dropped). */
    public void managementHook(ManagementHook hook) {
        this.managementHook = hook;
    }

    /** slave_event_monitor (linuxptp monitor.c): every Sync and Delay_Resp a slave port takes goes to {@code sink} (null: off). */
    public void slaveEventMonitor(SlaveEventMonitor.Sink sink) {
        this.slaveEventMonitor = sink == null ? null : new SlaveEventMonitor(cfg, sink);
    }

    @Override
    public void monitorDelay(Port port, int seq, long t3, long correction, long receive) {
        if (slaveEventMonitor != null) slaveEventMonitor.delay(parentDS.parentClockIdentity(), parentDS.parentPortNumber(), seq, t3, correction, receive);
    }

    // ---- management SET and COMMAND (linuxptp clock_management_set, port_management_set/command) --

    /** PRIORITY1: a new defaultDS.priority1, then a state decision (it may win or lose the BMCA now). */
    public void setPriority1(int priority1) {
        defaultDS.priority1(priority1);
        defaultDsChanged();
    }

    public void setPriority2(int priority2) {
        defaultDS.priority2(priority2);
        defaultDsChanged();
    }

    /** GRANDMASTER_SETTINGS_NP: the clock quality and time properties this clock announces as grandmaster. */
    public void setGrandmasterSettings(int clockClass, int clockAccuracy, int offsetScaledLogVariance, int utcOffset,
            int timeFlags, int timeSource) {
        defaultDS.clockQuality(clockClass, clockAccuracy, offsetScaledLogVariance);
        localTimeProperties.set(utcOffset, timeFlags, timeSource);
        defaultDsChanged();
    }

    /** SYNCHRONIZATION_UNCERTAIN_NP; false for a value other than 0, 1 or 0xFF. */
    public boolean setSyncUncertain(int value) {
        if (value != 0 && value != 1 && value != 0xFF) return false;
        syncUncertain = value;
        return true;
    }

    private void defaultDsChanged() {
        defaultDS.describe(d0);
        if (bestIsLocal) becomeGrandmaster();
        stateDecision();
    }

    // ---- best master clock algorithm (9.3; linuxptp handle_state_decision_event) -----------

    /** Picks Ebest over all ports, updates the data sets and decides each port's state. */
    @Override
    public void stateDecision() {
        BmcDataset ebest = null;
        int ebestPort = 0;
        for (Port p : ports) {
            BmcDataset erbest = p.foreignMasters().computeBest(cmp, nowNanos);
            if (erbest != null && (ebest == null || cmp.compare(erbest, ebest) > 0)) {
                ebest = erbest;
                ebestPort = p.number();
            }
        }
        boolean local = ebest == null || cmp.compare(d0, ebest) > 0;
        long newBestId = local ? cfg.clockIdentity : ebest.identity;
        boolean changed = newBestId != bestId || (!local && (ebestPort != bestPort || ebest.senderClock != best.senderClock
                || ebest.senderPort != best.senderPort));
        if (changed) {
            if (local && !bestIsLocal) followUpInfo.tookOverAsGrandmaster(currentDS.offsetFromMasterNanos());
            else followUpInfo.masterChanged();
            servoLoop.masterChanged();
            if (local) listener.notice(0, "selected local clock " + ClockIdentity.format(newBestId) + " as best master");
            else listener.notice(0, "selected best master clock " + ClockIdentity.format(newBestId));
        }
        bestId = newBestId;
        bestIsLocal = local;
        if (local) {
            bestPort = 0;
        } else {
            best.copyFrom(ebest);
            bestPort = ebestPort;
        }
        for (Port p : ports) {
            // linuxptp decides for FAULTY and DISABLED ports too (bmc_state_decision): they take
            // no recommendation (fsm.c), but "assuming the grand master role" is printed for them
            if (p.state() == PortState.INITIALIZING) continue;
            BmcDataset erbest = p.foreignMasters().best();
            if (p.config().bmcaNoop && erbest == null) continue; // linuxptp bmc.c: nothing heard, nothing to decide
            PortState rs = StateDecision.decide(d0, local ? null : best, erbest, !local && bestPort == p.number(), p.state(), cmp);
            if (rs == PortState.GRAND_MASTER) {
                listener.notice(p.number(), "assuming the grand master role");
                becomeGrandmaster();
            } else if (rs == PortState.SLAVE) {
                parentDS.follow(best);
                currentDS.stepsRemoved(best.stepsRemoved + 1);
            }
            PortEvent ev = PortEvent.recommending(rs);
            if (ev != PortEvent.NONE) p.transition(ev, changed);
        }
        for (Port p : ports) {
            p.selectionChanged();
            p.applyPendingFault();
        }
    }

    /** 9.3.5 Table 31: this clock is the grandmaster and announces its own data sets. */
    private void becomeGrandmaster() {
        parentDS.selfAsGrandmaster(defaultDS);
        currentDS.stepsRemoved(0);
        timeProperties.copyFrom(localTimeProperties);
        pathTrace.clear();
    }

    /**
     * timePropertiesDS flags as announced (linuxptp clock_time_properties): SYNCHRONIZATION_UNCERTAIN_NP
     * 1 sets synchronizationUncertain, 0xFF (don't care) clears it, 0 passes the upstream value on.
     */
    @Override
    public int announcedTimeFlags() {
        int flags = timeProperties.flags();
        return switch (syncUncertain) {
            case 1 -> flags | PtpMessage.FLAG_SYNCHRONIZATION_UNCERTAIN;
            case 0 -> flags;
            default -> flags & ~PtpMessage.FLAG_SYNCHRONIZATION_UNCERTAIN;
        };
    }

    @Override
    public void synchronize(Port p, int seq, long origin, long correction, long t2) {
        if (slaveEventMonitor != null) slaveEventMonitor.sync(parentDS.parentClockIdentity(), parentDS.parentPortNumber(), seq, origin, correction, t2);
        servoLoop.synchronize(p, origin + correction, t2);
    }

    /** clock_update_leap_status, before a master port's Announce: a grandmaster's leap second and UTC offset move on. */
    @Override
    public void announcing() {
        if (bestIsLocal && utc.grandmaster(localTimeProperties, driver.clockTimeNanos())) timeProperties.copyFrom(localTimeProperties);
    }

    @Override
    public void checkTimestamp(long rxTimestamp) {
        servoLoop.checkTimestamp(rxTimestamp, nowNanos);
    }

    @Override
    public void holdover(Port p) {
        servoLoop.holdover(p);
    }

    // ---- PortHost: what the ports ask of their clock -------------------------------------------

    @Override
    public Driver driver() {
        return driver;
    }

    @Override
    public EngineListener listener() {
        return listener;
    }

    @Override
    public long now() {
        return nowNanos;
    }

    @Override
    public SplittableRandom random() {
        return random;
    }

    @Override
    public void timerArmed(long old, long when) {
        if (old == nextDeadline) timersDirty = true;
        else if (when < nextDeadline) nextDeadline = when;
    }

    @Override
    public void timersReset() {
        timersDirty = true;
    }

    @Override
    public boolean isParentPort(int portNumber) {
        return !bestIsLocal && bestPort == portNumber;
    }

    @Override
    public void appendPathTrace(PtpMessage announce) {
        pathTrace.append(announce, cfg.clockIdentity);
    }

    @Override
    public boolean pathTraceHolds(PtpMessage announce, long clockIdentity) {
        return pathTrace.holds(announce, clockIdentity, tlvs);
    }

    @Override
    public void appendFollowUpInformation(PtpMessage followUp) {
        followUpInfo.appendTo(followUp, bestIsLocal);
    }

    @Override
    public void followUpInformation(Port port, PtpMessage followUp, int value) {
        followUpInfo.received(followUp, value);
    }

    /** 802.1AS follow_up information: received, reported in TIME_STATUS_NP, sent on. */
    public FollowUpInformation followUpInformation() {
        return followUpInfo;
    }

    @Override
    public void appendAlternateTimeOffsets(PtpMessage announce) {
        alternateTimeOffsets.appendTo(announce);
    }

    /** ALTERNATE_TIME_OFFSET_*: the alternate timescales this clock announces. */
    public AlternateTimeOffsets alternateTimeOffsets() {
        return alternateTimeOffsets;
    }

    @Override
    public void announceFromParent(Port port, PtpMessage announce) {
        if (cfg.pathTraceEnabled) pathTrace.keep(announce, tlvs);
        utc.timeProperties(timeProperties, announce.currentUtcOffset(), announce.flags() & 0xFF, announce.timeSource());
    }

    @Override
    public void adoptSyncSender(Port port, long sender, int senderPort) {
        if (!bestIsLocal && bestPort == port.number() && parentDS.isParent(sender, senderPort)) return;
        bestIsLocal = false;
        bestPort = port.number();
        bestId = sender;
        parentDS.followSyncSender(sender, senderPort);
        currentDS.stepsRemoved(1);
        listener.notice(0, "selected best master clock " + ClockIdentity.format(sender));
    }

    @Override
    public void delayMeasured(Port port, long t3, long t4) {
        servoLoop.delayMeasured(t3, t4);
    }

    @Override
    public void peerDelayMeasured(Port port, long peerDelayNanos) {
        if (!port.isSlaveLike()) return;
        currentDS.meanPathDelayNanos(peerDelayNanos);
        followUpInfo.neighborRateRatio(port.peerDelay().neighborRateRatio()); // linuxptp clock_peer_delay: c->nrr
    }

    @Override
    public void delayResponseTimeout(Port port) {
        servoLoop.restartEstimate();
    }

    @Override
    public void enteredUncalibrated(Port port) {
        if (cfg.boundaryClockJbod) servoLoop.switchClockTo(port);
    }

    @Override
    public void tsLabelChanged(Port port) {
        servoLoop.followPhc(port);
    }

    @Override
    public void management(Port port, ByteBuffer buf, int offset, int length, long source) {
        if (managementHook != null) managementHook.onManagement(port.number(), buf, offset, length, source);
    }
}
