package io.ptp4j.core.clock;

import io.ptp4j.core.bmca.BmcDataset;
import io.ptp4j.core.bmca.DatasetComparison;
import io.ptp4j.core.bmca.ForeignMasterRecords;
import io.ptp4j.core.bmca.StateDecision;
import io.ptp4j.core.engine.Driver;
import io.ptp4j.core.engine.EngineConfig;
import io.ptp4j.core.engine.EngineConfig.DelayMechanism;
import io.ptp4j.core.engine.EngineListener;
import io.ptp4j.core.engine.PtpNode;
import io.ptp4j.core.port.Fsm;
import io.ptp4j.core.port.PortEvent;
import io.ptp4j.core.port.PortState;
import io.ptp4j.core.servo.DelayFilter;
import io.ptp4j.core.servo.LinRegServo;
import io.ptp4j.core.servo.NullServo;
import io.ptp4j.core.servo.PiServo;
import io.ptp4j.core.servo.Servo;
import io.ptp4j.core.servo.ServoState;
import io.ptp4j.core.servo.TimestampProcessor;
import io.ptp4j.core.wire.ClockIdentity;
import io.ptp4j.core.wire.DecodeException;
import io.ptp4j.core.wire.MessageIntervalRequestTlv;
import io.ptp4j.core.wire.MessageType;
import io.ptp4j.core.wire.PortIdentity;
import io.ptp4j.core.wire.PtpMessage;
import io.ptp4j.core.wire.TlvCursor;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;

/**
 * An ordinary or boundary clock (IEEE 1588-2019 clauses 9 and 11; linuxptp clock.c and port.c):
 * the BMCA over all ports, the port state machines, E2E and P2P delay measurement, and the servo
 * loop that disciplines the clock through the {@link Driver}. Sans-IO: it reads no clock and owns
 * no socket; all time comes in as arguments. Nothing is allocated per message in steady state.
 */
public final class PtpClock implements PtpNode {
    private static final long NS = 1_000_000_000L;

    private final EngineConfig cfg;
    private final Driver driver;
    private final EngineListener listener;
    private final Port[] ports;
    private final DatasetComparison cmp;
    private final SplittableRandom random;
    private final PtpMessage rx = new PtpMessage();
    private final PtpMessage out = new PtpMessage();
    private final TlvCursor tlvs = new TlvCursor();

    // defaultDS as a BMCA data set (D0).
    private final BmcDataset d0 = new BmcDataset();
    // The best foreign data set (Ebest) as last selected, and which port heard it (0: local).
    private final BmcDataset best = new BmcDataset();
    private int bestPort;
    private boolean bestIsLocal = true;
    private long bestId = Long.MIN_VALUE;

    // parentDS, currentDS and timePropertiesDS (8.2.2-8.2.4).
    private long parentClock;
    private int parentPortNumber;
    private long gmIdentity;
    private int gmPriority1, gmPriority2, gmClockClass, gmClockAccuracy, gmVariance;
    private int stepsRemoved;
    private int currentUtcOffset;
    private int timeFlags;
    private int timeSource;
    // What this clock announces when it is the grandmaster (linuxptp c->utc_offset, c->time_flags,
    // c->time_source); GRANDMASTER_SETTINGS_NP reads and sets them.
    private int localUtcOffset;
    private int localTimeFlags;
    private int localTimeSource;
    // SYNCHRONIZATION_UNCERTAIN_NP (linuxptp local_sync_uncertain): 0 false, 1 true, 0xFF don't care.
    private int syncUncertain = 0xFF;

    /** Receives management messages that arrive on a PTP port (linuxptp answers those too). */
    @FunctionalInterface
    public interface ManagementHook {
        void onManagement(int portNumber, ByteBuffer buf, int offset, int length, long source);
    }

    private ManagementHook managementHook;

    // 16.2 path trace: the clocks the parent's Announce passed through (its pathSequence).
    private final long[] pathTrace = new long[PATH_TRACE_MAX];
    private int pathTraceLength;
    private static final int PATH_TRACE_MAX = 179; // what fits in a 1500-byte frame with the Announce body
    // 802.1AS follow_up information a relay forwards.
    private double masterRateRatio = 1.0;
    private int gmTimeBaseIndicator;

    private Servo servo;
    private final TimestampProcessor tsproc;
    private long offsetFromMaster;
    private long meanPathDelay;
    private double freqPpb;
    private ServoState servoState = ServoState.UNLOCKED;
    private int stepWindowCounter;
    private long lastIngressNanos;
    private long nowNanos;

    public PtpClock(EngineConfig cfg, Driver driver, EngineListener listener) {
        this.cfg = cfg;
        this.driver = driver;
        this.listener = listener == null ? new EngineListener() {} : listener;
        this.cmp = DatasetComparison.named(cfg.datasetComparison);
        this.random = new SplittableRandom(cfg.randomSeed ^ cfg.clockIdentity);
        this.ports = new Port[cfg.numberPorts];
        for (int i = 0; i < ports.length; i++) {
            ports[i] = new Port(i + 1, cfg.clockIdentity, cfg.delayFilterLength);
            ports[i].pc = cfg.portConfig(i + 1); // a port section's values (linuxptp reads these per port)
        }
        d0.priority1 = cfg.priority1;
        d0.identity = cfg.clockIdentity;
        // A slaveOnly/clientOnly clock announces itself as class 255 so it never wins (linuxptp clock.c).
        // An 802.1AS clock that is not gmCapable does the same (clock.c).
        d0.clockClass = cfg.clientOnly || !cfg.gmCapable ? 255 : cfg.clockClass;
        d0.clockAccuracy = cfg.clockAccuracy;
        d0.offsetScaledLogVariance = cfg.offsetScaledLogVariance;
        d0.priority2 = cfg.priority2;
        d0.stepsRemoved = 0;
        d0.senderClock = cfg.clockIdentity;
        d0.receiverClock = cfg.clockIdentity;
        d0.localPriority = cfg.localPriority;
        localUtcOffset = cfg.utcOffset;
        localTimeSource = cfg.timeSource;
        localTimeFlags = cfg.ptpTimescale ? PtpMessage.FLAG_PTP_TIMESCALE : 0;
        for (Port p : ports) p.neighborPropDelayThreshNanos = cfg.neighborPropDelayThreshNanos;
        for (Port p : ports) initialIntervals(p);
        this.freqPpb = driver.currentFrequencyPpb();
        this.servo = newServo();
        this.tsproc = new TimestampProcessor(TimestampProcessor.Mode.parse(cfg.tsprocMode),
                DelayFilter.create(cfg.delayFilter, cfg.delayFilterLength), cfg.luckyPacketWindow, cfg.delayFilterLength);
        this.tsproc.luckyPackets(cfg.freeRunning);
        becomeGrandmaster();
    }

    private Servo newServo() {
        return cfg.freeRunning || "nullf".equals(cfg.servo.clockServo) ? new NullServo()
                : cfg.externalServo != null ? cfg.externalServo.get()
                : "linreg".equals(cfg.servo.clockServo) ? new LinRegServo(cfg.servo, freqPpb, cfg.servo.maxFrequency)
                : new PiServo(cfg.servo, freqPpb, cfg.servo.maxFrequency);
    }

    /**
     * boundary_clock_jbod: a port that starts to follow a master makes its own PHC the clock this
     * engine disciplines (linuxptp port.c calls clock_switch_phc() on UNCALIBRATED). A new servo
     * starts from that clock's current frequency, unlocked, as clock_switch_phc() does.
     */
    private void switchClockTo(Port p) {
        if (!driver.switchClock(p.number)) return;
        freqPpb = driver.currentFrequencyPpb();
        servo = newServo();
        servoState = ServoState.UNLOCKED;
        tsproc.reset(true);
        listener.notice(p.number, "switched the disciplined clock to this port's (boundary_clock_jbod)");
    }

    // ---- PtpNode ------------------------------------------------------------------------------

    @Override
    public void start(long now) {
        nowNanos = now;
        for (Port p : ports) {
            p.logMinDelayReqInterval = p.pc.logMinDelayReqInterval;
            transition(p, PortEvent.INIT_COMPLETE, false);
            setUpUnicastClient(p);
        }
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
            p.badPackets++;
            listener.badPacket(portNumber, e);
            return;
        }
        p.rxMessages++;
        p.rxByType[type.code]++;
        if (!p.active()) return;
        // Other domains and other transportSpecific (majorSdoId) values are not ours (7.1, 13.3.2.1).
        if (rx.domainNumber() != cfg.domainNumber) return;
        if (!p.pc.ignoreTransportSpecific && rx.majorSdoId() != p.pc.transportSpecific) return;
        // ingressLatency: the stamp was taken that long after the message crossed the reference plane
        if (rxTs != Long.MIN_VALUE) rxTs -= p.pc.ingressLatencyNanos;
        if (rx.sourceClockIdentity() == cfg.clockIdentity) return; // our own multicast looped back
        switch (type) {
            case ANNOUNCE -> onAnnounce(p, source);
            case SYNC -> onSync(p, rxTs, source);
            case FOLLOW_UP -> onFollowUp(p);
            case DELAY_REQ -> onDelayReq(p, rxTs, source);
            case DELAY_RESP -> onDelayResp(p);
            case PDELAY_REQ -> onPdelayReq(p, rxTs, source);
            case PDELAY_RESP -> onPdelayResp(p, rxTs);
            case PDELAY_RESP_FOLLOW_UP -> onPdelayRespFollowUp(p);
            case SIGNALING -> onSignaling(p, source);
            case MANAGEMENT -> {
                if (managementHook != null) managementHook.onManagement(portNumber, buf, offset, length, source);
            }
            default -> { }
        }
    }

    @Override
    public void onTxTimestamp(int portNumber, int typeCode, int sequenceId, long txTs, long now) {
        nowNanos = now;
        if (portNumber < 1 || portNumber > ports.length) return;
        Port p = ports[portNumber - 1];
        if (txTs != Long.MIN_VALUE) txTs += p.pc.egressLatencyNanos; // egressLatency: the message leaves that long after its stamp
        if (typeCode == MessageType.SYNC.code) {
            // Stamps come back in send order; a stamp that never came leaves its entry behind.
            while (p.syncRingSize > 0) {
                int i = p.syncRingHead;
                p.syncRingHead = (i + 1) % p.syncRingSeq.length;
                p.syncRingSize--;
                if (p.syncRingSeq[i] == sequenceId) {
                    if (cfg.twoStepFlag) sendFollowUp(p, txTs, sequenceId, p.syncRingDest[i]);
                    break;
                }
            }
        } else if (typeCode == MessageType.DELAY_REQ.code && p.delayReqPending && sequenceId == p.delayReqSeq) {
            p.delayReqT3 = txTs;
        } else if (typeCode == MessageType.PDELAY_REQ.code && sequenceId == p.pdelayReqSeq) {
            p.pdT1 = txTs;
        } else if (typeCode == MessageType.PDELAY_RESP.code && p.pdRespPending && sequenceId == p.pdRespSeq) {
            sendPdelayRespFollowUp(p, txTs);
        }
    }

    @Override
    public void onTimer(long now) {
        nowNanos = now;
        if (now < nextTimerNanos()) return;
        timersDirty = true;
        for (Port p : ports) {
            for (int t = 0; t < Port.TIMERS; t++) {
                if (p.deadline[t] <= now) {
                    p.deadline[t] = Long.MAX_VALUE;
                    fire(p, t);
                }
            }
        }
    }

    // The earliest deadline over all ports, kept so that callers asking after every packet do
    // not scan every port's timers (a grandmaster may have hundreds of ports).
    private long nextDeadline = Long.MAX_VALUE;
    private boolean timersDirty = true;

    @Override
    public long nextTimerNanos() {
        if (timersDirty) {
            long next = Long.MAX_VALUE;
            for (Port p : ports) for (long d : p.deadline) if (d < next) next = d;
            nextDeadline = next;
            timersDirty = false;
        }
        return nextDeadline;
    }

    // ---- views for management, metrics and tests ----------------------------------------------

    public PortState portState(int portNumber) {
        return ports[portNumber - 1].state;
    }

    public int numberPorts() {
        return ports.length;
    }

    public long clockIdentity() {
        return cfg.clockIdentity;
    }

    public long grandmasterIdentity() {
        return gmIdentity;
    }

    public int grandmasterClockClass() {
        return gmClockClass;
    }

    public int grandmasterClockAccuracy() {
        return gmClockAccuracy;
    }

    public int grandmasterVariance() {
        return gmVariance;
    }

    public int grandmasterPriority1() {
        return gmPriority1;
    }

    public int grandmasterPriority2() {
        return gmPriority2;
    }

    public int timeSource() {
        return timeSource;
    }

    /** parentDS.parentPortIdentity without allocating (per-sample paths). */
    public long parentClockIdentity() {
        return parentClock;
    }

    public int parentPortNumber() {
        return parentPortNumber;
    }

    public PortIdentity parentPortIdentity() {
        return new PortIdentity(parentClock, parentPortNumber);
    }

    public int stepsRemoved() {
        return stepsRemoved;
    }

    public long offsetFromMasterNanos() {
        return offsetFromMaster;
    }

    public long meanPathDelayNanos() {
        return meanPathDelay;
    }

    public double frequencyPpb() {
        return freqPpb;
    }

    public ServoState servoState() {
        return servoState;
    }

    public long peerDelayNanos(int portNumber) {
        return ports[portNumber - 1].peerDelayNanos;
    }

    public long badPackets(int portNumber) {
        return ports[portNumber - 1].badPackets;
    }

    public long rxMessages(int portNumber) {
        return ports[portNumber - 1].rxMessages;
    }

    public long txMessages(int portNumber) {
        return ports[portNumber - 1].txMessages;
    }

    /** Messages of type {@code typeCode} (0..15) received on a port (PORT_STATS_NP). */
    public long rxMessages(int portNumber, int typeCode) {
        return ports[portNumber - 1].rxByType[typeCode];
    }

    /** Messages of type {@code typeCode} (0..15) sent on a port (PORT_STATS_NP). */
    public long txMessages(int portNumber, int typeCode) {
        return ports[portNumber - 1].txByType[typeCode];
    }

    public int currentUtcOffset() {
        return currentUtcOffset;
    }

    public int timeFlags() {
        return timeFlags;
    }

    public long lastIngressNanos() {
        return lastIngressNanos;
    }

    public EngineConfig config() {
        return cfg;
    }

    /** defaultDS as the BMCA sees it (8.2.1): what management SETs change. */
    public int priority1() {
        return d0.priority1;
    }

    public int priority2() {
        return d0.priority2;
    }

    public int clockClass() {
        return d0.clockClass;
    }

    public int clockAccuracy() {
        return d0.clockAccuracy;
    }

    public int offsetScaledLogVariance() {
        return d0.offsetScaledLogVariance;
    }

    public int localUtcOffset() {
        return localUtcOffset;
    }

    public int localTimeFlags() {
        return localTimeFlags;
    }

    public int localTimeSource() {
        return localTimeSource;
    }

    public int syncUncertain() {
        return syncUncertain;
    }

    /**
     * 802.1AS 10.2.4.1 asCapable, as linuxptp's port_capable(): on a gPTP port (follow_up_info with
     * peer-to-peer delay) the link is fit for time only while the peer delay is measured and at or
     * below neighborPropDelayThresh and at or above min_neighbor_prop_delay, the neighbor rate
     * ratio is known, and at most allowedLostResponses (3) Pdelay responses in a row went missing.
     * Other ports are always capable.
     */
    public boolean asCapable(int portNumber) {
        return asCapable(ports[portNumber - 1]);
    }

    private boolean asCapable(Port p) {
        // asCapable true (linuxptp ALWAYS_CAPABLE, the automotive profile): never computed.
        if (p.pc.alwaysAsCapable || !p.pc.followUpInfo || p.pc.delayMechanism != DelayMechanism.P2P) return true;
        return p.peerDelayValid && p.neighborRateRatioValid && p.pdelayMissing <= p.pc.allowedLostResponses
                && p.peerDelayNanos <= p.neighborPropDelayThreshNanos && p.peerDelayNanos >= p.pc.minNeighborPropDelayNanos;
    }

    public long neighborPropDelayThreshNanos(int portNumber) {
        return ports[portNumber - 1].neighborPropDelayThreshNanos;
    }

    /** Whether this clock is its own grandmaster (no better foreign master selected). */
    public boolean isGrandmaster() {
        return bestIsLocal;
    }

    /** Where management messages from the network go (null: they are dropped). */
    public void managementHook(ManagementHook hook) {
        this.managementHook = hook;
    }

    // ---- management SET and COMMAND (linuxptp clock_management_set, port_management_set/command) --

    /** PRIORITY1: a new defaultDS.priority1, then a state decision (it may win or lose the BMCA now). */
    public void setPriority1(int priority1) {
        cfg.priority1 = priority1;
        d0.priority1 = priority1;
        defaultDsChanged();
    }

    public void setPriority2(int priority2) {
        cfg.priority2 = priority2;
        d0.priority2 = priority2;
        defaultDsChanged();
    }

    /** GRANDMASTER_SETTINGS_NP: the clock quality and time properties this clock announces as grandmaster. */
    public void setGrandmasterSettings(int clockClass, int clockAccuracy, int offsetScaledLogVariance, int utcOffset,
            int timeFlags, int timeSource) {
        cfg.clockClass = clockClass;
        cfg.clockAccuracy = clockAccuracy;
        cfg.offsetScaledLogVariance = offsetScaledLogVariance;
        d0.clockClass = clockClass;
        d0.clockAccuracy = clockAccuracy;
        d0.offsetScaledLogVariance = offsetScaledLogVariance;
        localUtcOffset = utcOffset;
        localTimeFlags = timeFlags & 0xFF;
        localTimeSource = timeSource;
        defaultDsChanged();
    }

    /** SYNCHRONIZATION_UNCERTAIN_NP; false for a value other than 0, 1 or 0xFF. */
    public boolean setSyncUncertain(int value) {
        if (value != 0 && value != 1 && value != 0xFF) return false;
        syncUncertain = value;
        return true;
    }

    /** PORT_DATA_SET_NP: the port's neighborPropDelayThresh (asCapable is not settable, as in linuxptp). */
    public void setNeighborPropDelayThresh(int portNumber, long nanos) {
        ports[portNumber - 1].neighborPropDelayThreshNanos = nanos;
    }

    /** ENABLE_PORT / DISABLE_PORT (15.5.3.3.13-14): DESIGNATED_ENABLED / DESIGNATED_DISABLED events. */
    public void setPortEnabled(int portNumber, boolean enabled) {
        Port p = ports[portNumber - 1];
        if (enabled) {
            if (p.state != PortState.DISABLED) return;
            transition(p, PortEvent.DESIGNATED_ENABLED, false);
            transition(p, PortEvent.INIT_COMPLETE, false);
        } else {
            if (p.state == PortState.DISABLED) return;
            transition(p, PortEvent.DESIGNATED_DISABLED, false);
            // A disabled port forgets its foreign masters (linuxptp port_disable), so the BMCA drops them.
            p.foreign.clear();
            stateDecision();
        }
    }

    /**
     * timePropertiesDS flags as announced (linuxptp clock_time_properties): SYNCHRONIZATION_UNCERTAIN_NP
     * 1 sets synchronizationUncertain, 0xFF (don't care) clears it, 0 passes the upstream value on.
     */
    int announcedTimeFlags() {
        return switch (syncUncertain) {
            case 1 -> timeFlags | PtpMessage.FLAG_SYNCHRONIZATION_UNCERTAIN;
            case 0 -> timeFlags;
            default -> timeFlags & ~PtpMessage.FLAG_SYNCHRONIZATION_UNCERTAIN;
        };
    }

    private void defaultDsChanged() {
        if (bestIsLocal) becomeGrandmaster();
        stateDecision();
    }

    // ---- timers -------------------------------------------------------------------------------

    private static long interval(int log) {
        return log >= 0 ? NS << Math.min(log, 30) : NS >> Math.min(-log, 30);
    }

    private void arm(Port p, int timer, long delay) {
        long old = p.deadline[timer];
        long when = nowNanos + delay;
        p.deadline[timer] = when;
        if (old == nextDeadline) timersDirty = true;
        else if (when < nextDeadline) nextDeadline = when;
    }

    /** announceReceiptTimeout intervals plus a random part of one (linuxptp set_tmo_random). */
    private void armAnnounceReceipt(Port p) {
        if (p.pc.inhibitAnnounce) return; // linuxptp: the timeout only clears itself, no event
        long iv = interval(p.logAnnounceInterval);
        arm(p, Port.T_ANNOUNCE_RX, p.pc.announceReceiptTimeout * iv + (long) (random.nextDouble() * iv));
    }

    /** 9.5.11.2: Delay_Req at a random time in [0, 2 * 2^logMinDelayReqInterval]. */
    private void armDelayReq(Port p) {
        if (p.pc.inhibitDelayReq) return;
        long iv = interval(p.logMinDelayReqInterval);
        arm(p, Port.T_DELAY_REQ, (long) (random.nextDouble() * 2 * iv));
    }

    private void fire(Port p, int timer) {
        switch (timer) {
            case Port.T_ANNOUNCE_TX -> {
                if (asCapable(p)) sendAnnounce(p); // 802.1AS: nothing but Pdelay on a port that is not asCapable
                arm(p, Port.T_ANNOUNCE_TX, interval(p.logAnnounceInterval));
            }
            case Port.T_SYNC_TX -> {
                if (asCapable(p)) sendSync(p);
                arm(p, Port.T_SYNC_TX, interval(p.logSyncInterval));
            }
            case Port.T_DELAY_REQ -> {
                if (p.isSlaveLike() && p.pc.delayMechanism == DelayMechanism.E2E) {
                    sendDelayReq(p);
                    armDelayReq(p);
                    // delay_response_timeout: that many Delay_Reqs in a row without an answer is a
                    // synchronization fault (linuxptp port.c, FD_DELAY_TIMER)
                    if (p.pc.delayResponseTimeout > 0 && p.state == PortState.SLAVE
                            && ++p.delayResponseCounter >= p.pc.delayResponseTimeout) {
                        p.delayResponseCounter = 0;
                        tsproc.reset(true);
                        listener.notice(p.number, "delay response timeout");
                        transition(p, PortEvent.SYNCHRONIZATION_FAULT, false);
                    }
                }
            }
            case Port.T_PDELAY_REQ -> {
                sendPdelayReq(p);
                arm(p, Port.T_PDELAY_REQ, interval(p.logPdelayReqInterval));
            }
            case Port.T_QUALIFICATION -> transition(p, PortEvent.QUALIFICATION_TIMEOUT_EXPIRES, false);
            case Port.T_ANNOUNCE_RX -> announceReceiptTimeout(p);
            case Port.T_SYNC_LOSS -> holdover(p);
            case Port.T_SYNC_RX -> {
                // port.c FD_SYNC_RX_TIMER: as an announce receipt timeout (none with inhibit_announce)
                if (!p.pc.inhibitAnnounce) announceReceiptTimeout(p);
            }
            case Port.T_UNICAST_REQ -> {
                unicastClientTimer(p);
                arm(p, Port.T_UNICAST_REQ, interval(p.logQueryInterval));
            }
            case Port.T_UNICAST_TX -> unicastServiceTimer(p);
            default -> { }
        }
    }

    /**
     * The master's Syncs stopped. linuxptp keeps the last frequency, which includes the servo's
     * proportional reaction to the last (possibly outlying) sample; ptp4j holds the servo's
     * integral estimate of the oscillator error instead, so the clock drifts less in holdover.
     */
    private void holdover(Port p) {
        if (!p.isSlaveLike() || cfg.freeRunning || p.inHoldover) return;
        p.inHoldover = true;
        double hold = servo.holdoverFrequencyPpb(freqPpb);
        if (hold != freqPpb) {
            freqPpb = hold;
            driver.adjustFrequency(hold);
        }
        listener.notice(p.number, String.format("no sync from master, holding frequency %+.0f ppb", hold));
    }

    private void announceReceiptTimeout(Port p) {
        // 9.2.6.11: the master is gone; forget it. Other foreign masters stay, and a LISTENING port
        // keeps counting the ones it is qualifying (linuxptp clears only p->best).
        if (!bestIsLocal && bestPort == p.number) p.foreign.remove(parentClock, parentPortNumber);
        if (cfg.clientOnly && p.state == PortState.LISTENING) {
            armAnnounceReceipt(p);
            return;
        }
        transition(p, PortEvent.ANNOUNCE_RECEIPT_TIMEOUT_EXPIRES, false);
        stateDecision();
    }

    // ---- state machine ------------------------------------------------------------------------

    private void transition(Port p, PortEvent event, boolean masterChanged) {
        PortState from = p.state;
        PortState to = p.pc.bmcaNoop ? Fsm.designated(from, event, p.pc.serverOnly)
                : Fsm.next(from, event, masterChanged, cfg.clientOnly);
        if (to == from) return;
        p.state = to;
        listener.portStateChanged(p.number, from, to, event);
        enter(p, from);
    }

    /** What a port starts doing when it enters its new state (9.2.5, linuxptp port_state_update). */
    private void enter(Port p, PortState from) {
        long delayTimer = p.deadline[Port.T_PDELAY_REQ];
        long unicastReq = p.deadline[Port.T_UNICAST_REQ], unicastTx = p.deadline[Port.T_UNICAST_TX];
        p.disarmAll();
        p.deadline[Port.T_UNICAST_REQ] = unicastReq;
        p.deadline[Port.T_UNICAST_TX] = unicastTx;
        timersDirty = true;
        switch (p.state) {
            case LISTENING, PASSIVE -> armAnnounceReceipt(p);
            case PRE_MASTER -> {
                // 9.2.6.10: qualify for (stepsRemoved + 1) announce intervals before acting as master.
                arm(p, Port.T_QUALIFICATION, (stepsRemoved + 1L) * interval(p.pc.logAnnounceInterval));
            }
            case MASTER, GRAND_MASTER -> {
                // inhibit_multicast_service: only granted unicast clients are served.
                if (!p.pc.inhibitMulticastService) {
                    if (!p.pc.inhibitAnnounce) arm(p, Port.T_ANNOUNCE_TX, 0);
                    arm(p, Port.T_SYNC_TX, 0);
                }
            }
            case UNCALIBRATED, SLAVE -> {
                armAnnounceReceipt(p);
                if (p.pc.delayMechanism == DelayMechanism.E2E) armDelayReq(p);
                if (p.state == PortState.UNCALIBRATED && from != PortState.SLAVE) {
                    p.syncPending = false;
                    p.delayReqPending = false;
                }
                if (p.state == PortState.UNCALIBRATED && cfg.boundaryClockJbod) switchClockTo(p);
            }
            default -> { }
        }
        if (p.pc.delayMechanism == DelayMechanism.P2P && p.active() && !p.pc.inhibitDelayReq) {
            p.deadline[Port.T_PDELAY_REQ] = delayTimer != Long.MAX_VALUE ? delayTimer : nowNanos;
        }
    }

    // ---- BMCA ---------------------------------------------------------------------------------

    /** linuxptp handle_state_decision_event: pick Ebest, update the data sets, decide each port. */
    private void stateDecision() {
        BmcDataset ebest = null;
        int ebestPort = 0;
        for (Port p : ports) {
            BmcDataset erbest = p.foreign.computeBest(cmp, nowNanos);
            if (erbest != null && (ebest == null || cmp.compare(erbest, ebest) > 0)) {
                ebest = erbest;
                ebestPort = p.number;
            }
        }
        boolean local = ebest == null || cmp.compare(d0, ebest) > 0;
        long newBestId = local ? cfg.clockIdentity : ebest.identity;
        boolean changed = newBestId != bestId || (!local && (ebestPort != bestPort || ebest.senderClock != best.senderClock
                || ebest.senderPort != best.senderPort));
        if (changed) {
            tsproc.reset(true);
            servo.reset();
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
            if (!p.active()) continue;
            BmcDataset erbest = p.foreign.best();
            if (p.pc.bmcaNoop && erbest == null) continue; // linuxptp bmc.c: nothing heard, nothing to decide
            PortState rs = StateDecision.decide(d0, local ? null : best, erbest, !local && bestPort == p.number, p.state, cmp);
            PortEvent ev;
            switch (rs) {
                case GRAND_MASTER -> {
                    listener.notice(p.number, "assuming the grand master role");
                    becomeGrandmaster();
                    ev = PortEvent.RS_GRAND_MASTER;
                }
                case MASTER -> ev = PortEvent.RS_MASTER;
                case PASSIVE -> ev = PortEvent.RS_PASSIVE;
                case SLAVE -> {
                    becomeSlaveOf(best);
                    ev = PortEvent.RS_SLAVE;
                }
                default -> ev = PortEvent.NONE;
            }
            if (ev != PortEvent.NONE) transition(p, ev, changed);
        }
        for (Port p : ports) if (p.unicastMasters != null) unicastSelectionChanged(p);
    }

    private void becomeGrandmaster() {
        parentClock = cfg.clockIdentity;
        parentPortNumber = 0;
        gmIdentity = cfg.clockIdentity;
        gmPriority1 = cfg.priority1;
        gmPriority2 = cfg.priority2;
        gmClockClass = d0.clockClass;
        gmClockAccuracy = cfg.clockAccuracy;
        gmVariance = cfg.offsetScaledLogVariance;
        stepsRemoved = 0;
        currentUtcOffset = localUtcOffset;
        timeSource = localTimeSource;
        timeFlags = localTimeFlags;
        pathTraceLength = 0;
    }

    private void becomeSlaveOf(BmcDataset d) {
        parentClock = d.senderClock;
        parentPortNumber = d.senderPort;
        gmIdentity = d.identity;
        gmPriority1 = d.priority1;
        gmPriority2 = d.priority2;
        gmClockClass = d.clockClass;
        gmClockAccuracy = d.clockAccuracy;
        gmVariance = d.offsetScaledLogVariance;
        stepsRemoved = d.stepsRemoved + 1;
    }

    private boolean fromParent(Port p) {
        return !bestIsLocal && p.number == bestPort && rx.sourceClockIdentity() == parentClock
                && rx.sourcePortNumber() == parentPortNumber;
    }

    private void onAnnounce(Port p, long source) {
        if (p.pc.serverOnly || !asCapable(p)) return; // masterOnly/serverOnly: never follows another master
        BmcDataset d = p.scratch;
        d.priority1 = rx.grandmasterPriority1();
        d.identity = rx.grandmasterIdentity();
        d.clockClass = rx.grandmasterClockClass();
        d.clockAccuracy = rx.grandmasterClockAccuracy();
        d.offsetScaledLogVariance = rx.grandmasterOffsetScaledLogVariance();
        d.priority2 = rx.grandmasterPriority2();
        d.stepsRemoved = rx.stepsRemoved();
        d.senderClock = rx.sourceClockIdentity();
        d.senderPort = rx.sourcePortNumber();
        // G.8275.x: the port's localPriority, not anything the sender says (port.c)
        d.localPriority = cfg.portLocalPriority == null ? 128 : cfg.portLocalPriority[p.number - 1];
        // 9.3.2.5: an Announce that went through too many hops (maxStepsRemoved, 255 by default) is
        // not qualified; nor is a master worse than clock_class_threshold (linuxptp process_announce).
        if (d.stepsRemoved >= cfg.maxStepsRemoved) return;
        if (d.clockClass > cfg.clockClassThreshold) {
            if (p.lastClassThresholdNoticeNanos == Long.MIN_VALUE || nowNanos - p.lastClassThresholdNoticeNanos >= 60 * NS) {
                p.lastClassThresholdNoticeNanos = nowNanos;
                listener.notice(p.number, "Master clock quality received is greater than configured, ignoring master!");
            }
            return;
        }
        if (cfg.pathTraceEnabled && pathTraceHolds(cfg.clockIdentity, false)) return; // 16.2.3: a loop

        ForeignMasterRecords.AddResult r = p.foreign.add(d, rx.logMessageInterval(), nowNanos);
        if (r == ForeignMasterRecords.AddResult.NEW_FOREIGN_MASTER) {
            listener.notice(p.number, "new foreign master " + rx.sourcePortIdentity());
        }
        if (fromParent(p) && cfg.pathTraceEnabled) pathTraceHolds(0, true);
        if (fromParent(p)) {
            boolean wasTimescale = (timeFlags & PtpMessage.FLAG_PTP_TIMESCALE) != 0;
            currentUtcOffset = rx.currentUtcOffset();
            timeSource = rx.timeSource();
            timeFlags = rx.flags() & 0xFF;
            if (p.isSlaveLike()) armAnnounceReceipt(p);
            if (wasTimescale && (timeFlags & PtpMessage.FLAG_PTP_TIMESCALE) == 0) {
                listener.notice(0, "foreign master not using PTP timescale");
            }
        }
        if (r == ForeignMasterRecords.AddResult.CHANGED) {
            boolean wasLocal = bestIsLocal;
            stateDecision();
            if (wasLocal && !bestIsLocal && (rx.flags() & PtpMessage.FLAG_PTP_TIMESCALE) == 0 && fromParent(p)) {
                listener.notice(0, "foreign master not using PTP timescale");
            }
        }
    }

    /**
     * Looks through the received Announce's PATH_TRACE TLV: whether it holds {@code id}, and with
     * {@code keep} stores its pathSequence as the path this clock extends.
     */
    private boolean pathTraceHolds(long id, boolean keep) {
        try {
            tlvs.reset(rx);
            while (tlvs.next()) {
                if (tlvs.type() != io.ptp4j.core.wire.TlvType.PATH_TRACE) continue;
                int n = io.ptp4j.core.wire.PathTraceTlv.count(tlvs.length());
                if (keep) pathTraceLength = 0;
                for (int i = 0; i < n; i++) {
                    long c = io.ptp4j.core.wire.PathTraceTlv.clockIdentity(rx, tlvs.valueOffset(), i);
                    if (!keep && c == id) return true;
                    if (keep && pathTraceLength < PATH_TRACE_MAX - 1) pathTrace[pathTraceLength++] = c;
                }
            }
        } catch (DecodeException e) {
            return false; // validate() already checked the TLVs
        }
        return false;
    }

    // ---- Sync / Follow_Up / Delay_Req / Delay_Resp (E2E, 11.3) ---------------------------------

    private void onSync(Port p, long t2, long source) {
        if (p.isSlaveLike() && p.pc.bmcaNoop && p.pc.ignoreSourceId) adoptSyncSender(p);
        if (!p.isSlaveLike() || !syncFromParent(p) || t2 == Long.MIN_VALUE || !asCapable(p)) return;
        p.masterAddress = source;
        p.lastSyncLogInterval = rx.logMessageInterval();
        // Holdover starts when the master's Syncs stop: 4 intervals, and at least 2 s so that
        // ordinary loss (30 % of 8 Sync/s) never triggers it.
        int log = p.lastSyncLogInterval;
        arm(p, Port.T_SYNC_LOSS, Math.max(2 * NS, 4 * interval(log != 0x7F && log > -10 && log < 10 ? log : p.pc.logSyncInterval)));
        long corr = rx.correctionField() >> 16;
        if (rx.flag(PtpMessage.FLAG_TWO_STEP) || cfg.assumeTwoStep) {
            if (p.followUpPending && p.pendingFollowUpSeq == rx.sequenceId()) {
                p.followUpPending = false;
                p.syncPending = false;
                synchronize(p, p.pendingFollowUpT1 + corr, t2);
                return;
            }
            p.syncPending = true;
            p.pendingSyncSeq = rx.sequenceId();
            p.pendingSyncT2 = t2;
            p.pendingSyncCorrection = corr;
        } else {
            p.syncPending = false;
            synchronize(p, rx.bodyTimestampAsNanos() + corr, t2);
        }
    }

    private void onFollowUp(Port p) {
        if (!p.isSlaveLike() || !syncFromParent(p)) return;
        if (!p.syncPending || rx.sequenceId() != p.pendingSyncSeq) {
            // It overtook its Sync: keep it for the Sync with the same sequenceId (linuxptp does too).
            p.followUpPending = true;
            p.pendingFollowUpSeq = rx.sequenceId();
            p.pendingFollowUpT1 = rx.bodyTimestampAsNanos() + (rx.correctionField() >> 16);
            return;
        }
        p.syncPending = false;
        long t1 = rx.bodyTimestampAsNanos() + (rx.correctionField() >> 16) + p.pendingSyncCorrection;
        synchronize(p, t1, p.pendingSyncT2);
    }

    private void onDelayReq(Port p, long t4, long source) {
        if (!(p.state == PortState.MASTER || p.state == PortState.GRAND_MASTER) || p.pc.delayMechanism != DelayMechanism.E2E) return;
        if (t4 == Long.MIN_VALUE) return;
        boolean unicast = rx.flag(PtpMessage.FLAG_UNICAST);
        out.wrap(p.tx, 0, p.tx.capacity()).initHeader(MessageType.DELAY_RESP, cfg.minorVersion)
                .majorSdoId(p.pc.transportSpecific).domainNumber(cfg.domainNumber)
                .sourcePort(cfg.clockIdentity, p.number).sequenceId(rx.sequenceId())
                .correctionField(rx.correctionField()).logMessageInterval(p.pc.logMinDelayReqInterval)
                .flag(PtpMessage.FLAG_UNICAST, unicast)
                .timestampFromNanos(PtpMessage.OFF_BODY, t4)
                .requestingPort(rx.sourceClockIdentity(), rx.sourcePortNumber());
        send(p, p.tx, out.messageLength(), false, unicast ? source : Driver.MULTICAST);
    }

    private void onDelayResp(Port p) {
        if (!p.isSlaveLike() || !p.delayReqPending || !syncFromParent(p)) return;
        if (rx.requestingClockIdentity() != cfg.clockIdentity || rx.requestingPortNumber() != p.number
                || rx.sequenceId() != p.delayReqSeq || p.delayReqT3 == Long.MIN_VALUE) return;
        p.delayReqPending = false;
        p.delayResponseCounter = 0;
        long t4 = rx.bodyTimestampAsNanos() - (rx.correctionField() >> 16);
        // 11.3.2 asymmetry: the master-to-slave direction is longer by delayAsymmetry.
        tsproc.upTs(p.delayReqT3, t4 - p.pc.delayAsymmetryNanos);
        if (tsproc.updateDelay()) meanPathDelay = tsproc.delay();
        int log = rx.logMessageInterval();
        if (log != 0x7F && log > -10 && log < 10) p.logMinDelayReqInterval = log;
    }

    private void sendDelayReq(Port p) {
        p.delayReqSeq = (p.delayReqSeq + 1) & 0xFFFF;
        out.wrap(p.tx, 0, p.tx.capacity()).initHeader(MessageType.DELAY_REQ, cfg.minorVersion)
                .majorSdoId(p.pc.transportSpecific).domainNumber(cfg.domainNumber)
                .sourcePort(cfg.clockIdentity, p.number).sequenceId(p.delayReqSeq).logMessageInterval(0x7F);
        long dest = delayReqDestination(p);
        out.flag(PtpMessage.FLAG_UNICAST, dest != Driver.MULTICAST);
        p.delayReqPending = true;
        p.delayReqT3 = Long.MIN_VALUE;
        send(p, p.tx, out.messageLength(), true, dest);
    }

    private void sendSync(Port p) {
        p.syncSeq = (p.syncSeq + 1) & 0xFFFF;
        sendSync(p, p.syncSeq, Driver.MULTICAST, p.logSyncInterval);
    }

    /** A Sync to {@code dest}; unicast ones carry logMessageInterval 0x7F (7.7.2.1, as linuxptp). */
    private void sendSync(Port p, int seq, long dest, int logInterval) {
        boolean unicast = dest != Driver.MULTICAST;
        p.lastSyncSentSeq = seq;
        out.wrap(p.tx, 0, p.tx.capacity()).initHeader(MessageType.SYNC, cfg.minorVersion)
                .majorSdoId(p.pc.transportSpecific).domainNumber(cfg.domainNumber)
                .sourcePort(cfg.clockIdentity, p.number).sequenceId(seq).logMessageInterval(unicast ? 0x7F : logInterval)
                .flag(PtpMessage.FLAG_TWO_STEP, cfg.twoStepFlag).flag(PtpMessage.FLAG_UNICAST, unicast);
        if (!cfg.twoStepFlag) out.timestampFromNanos(PtpMessage.OFF_BODY, driver.clockTimeNanos());
        p.pushSync(seq, dest);
        send(p, p.tx, out.messageLength(), true, dest);
    }

    private void sendFollowUp(Port p, long t1, int seq, long dest) {
        boolean unicast = dest != Driver.MULTICAST;
        out.wrap(p.tx2, 0, p.tx2.capacity()).initHeader(MessageType.FOLLOW_UP, cfg.minorVersion)
                .majorSdoId(p.pc.transportSpecific).domainNumber(cfg.domainNumber)
                .sourcePort(cfg.clockIdentity, p.number).sequenceId(seq)
                .logMessageInterval(unicast ? 0 : p.logSyncInterval).flag(PtpMessage.FLAG_UNICAST, unicast)
                .timestampFromNanos(PtpMessage.OFF_BODY, t1);
        if (p.pc.followUpInfo) {
            // 802.1AS 11.4.4.3: a grandmaster's rate offset and GM changes are all zero; a relay
            // passes on the rate ratio it measured to its master (cumulativeScaledRateOffset,
            // (ratio - 1) * 2^41).
            int rateOffset = bestIsLocal ? 0 : (int) Math.round((masterRateRatio - 1.0) * 2199023255552.0);
            io.ptp4j.core.wire.FollowUpInfoTlv.append(out, rateOffset, gmTimeBaseIndicator, 0, 0L, 0);
        }
        send(p, p.tx2, out.messageLength(), false, dest);
    }

    private void sendAnnounce(Port p) {
        p.announceSeq = (p.announceSeq + 1) & 0xFFFF;
        sendAnnounce(p, p.announceSeq, Driver.MULTICAST, p.logAnnounceInterval);
    }

    private void sendAnnounce(Port p, int seq, long dest, int logInterval) {
        out.wrap(p.tx, 0, p.tx.capacity()).initHeader(MessageType.ANNOUNCE, cfg.minorVersion)
                .majorSdoId(p.pc.transportSpecific).domainNumber(cfg.domainNumber)
                .sourcePort(cfg.clockIdentity, p.number).sequenceId(seq).logMessageInterval(logInterval)
                .flags(announcedTimeFlags()).flag(PtpMessage.FLAG_UNICAST, dest != Driver.MULTICAST)
                .currentUtcOffset(currentUtcOffset).grandmasterPriority1(gmPriority1)
                .grandmasterClockQuality(gmClockClass, gmClockAccuracy, gmVariance).grandmasterPriority2(gmPriority2)
                .grandmasterIdentity(gmIdentity).stepsRemoved(stepsRemoved).timeSource(timeSource);
        if (cfg.pathTraceEnabled) {
            // 16.2 / 802.1AS 10.3.8.23: the path so far, then this clock.
            int v = io.ptp4j.core.wire.TlvCursor.append(out, io.ptp4j.core.wire.TlvType.PATH_TRACE, 8 * (pathTraceLength + 1));
            for (int i = 0; i < pathTraceLength; i++) out.buffer().putLong(out.baseOffset() + v + 8 * i, pathTrace[i]);
            out.buffer().putLong(out.baseOffset() + v + 8 * pathTraceLength, cfg.clockIdentity);
        }
        send(p, p.tx, out.messageLength(), false, dest);
    }

    // ---- Pdelay (P2P, 11.4) -------------------------------------------------------------------

    private void sendPdelayReq(Port p) {
        if (p.pdelayOutstanding) p.pdelayMissing++; // the last request got no complete answer
        p.pdelayOutstanding = true;
        p.pdelayReqSeq = (p.pdelayReqSeq + 1) & 0xFFFF;
        p.pdT1 = Long.MIN_VALUE;
        p.pdRespWaitingFollowUp = false;
        out.wrap(p.tx, 0, p.tx.capacity()).initHeader(MessageType.PDELAY_REQ, cfg.minorVersion)
                .majorSdoId(p.pc.transportSpecific).domainNumber(cfg.domainNumber)
                .sourcePort(cfg.clockIdentity, p.number).sequenceId(p.pdelayReqSeq).logMessageInterval(0x7F);
        send(p, p.tx, out.messageLength(), true, Driver.PEER_MULTICAST);
    }

    private void onPdelayReq(Port p, long t2, long source) {
        if (p.pc.delayMechanism != DelayMechanism.P2P || t2 == Long.MIN_VALUE) return;
        p.pdRespToClock = rx.sourceClockIdentity();
        p.pdRespToPort = rx.sourcePortNumber();
        p.pdRespSeq = rx.sequenceId();
        p.pdRespCorrection = rx.correctionField();
        p.pdRespSource = source;
        p.pdRespPending = true;
        // Two-step responder: t2 in the Pdelay_Resp, t3 in the Pdelay_Resp_Follow_Up (11.4.2).
        out.wrap(p.tx, 0, p.tx.capacity()).initHeader(MessageType.PDELAY_RESP, cfg.minorVersion)
                .majorSdoId(p.pc.transportSpecific).domainNumber(cfg.domainNumber)
                .sourcePort(cfg.clockIdentity, p.number).sequenceId(p.pdRespSeq).logMessageInterval(0x7F)
                .flag(PtpMessage.FLAG_TWO_STEP, true)
                .timestampFromNanos(PtpMessage.OFF_BODY, t2)
                .requestingPort(p.pdRespToClock, p.pdRespToPort);
        send(p, p.tx, out.messageLength(), true, Driver.PEER_MULTICAST);
    }

    private void sendPdelayRespFollowUp(Port p, long t3) {
        p.pdRespPending = false;
        out.wrap(p.tx2, 0, p.tx2.capacity()).initHeader(MessageType.PDELAY_RESP_FOLLOW_UP, cfg.minorVersion)
                .majorSdoId(p.pc.transportSpecific).domainNumber(cfg.domainNumber)
                .sourcePort(cfg.clockIdentity, p.number).sequenceId(p.pdRespSeq).logMessageInterval(0x7F)
                .correctionField(p.pdRespCorrection)
                .timestampFromNanos(PtpMessage.OFF_BODY, t3)
                .requestingPort(p.pdRespToClock, p.pdRespToPort);
        send(p, p.tx2, out.messageLength(), false, Driver.PEER_MULTICAST);
    }

    private boolean answersOurPdelayReq(Port p) {
        return rx.requestingClockIdentity() == cfg.clockIdentity && rx.requestingPortNumber() == p.number
                && rx.sequenceId() == p.pdelayReqSeq && p.pdT1 != Long.MIN_VALUE;
    }

    private void onPdelayResp(Port p, long t4) {
        if (p.pc.delayMechanism != DelayMechanism.P2P || !answersOurPdelayReq(p) || t4 == Long.MIN_VALUE) return;
        p.pdT4 = t4;
        p.pdT2 = rx.bodyTimestampAsNanos();
        p.pdCorrection = rx.correctionField() >> 16;
        if (rx.flag(PtpMessage.FLAG_TWO_STEP)) {
            p.pdRespWaitingFollowUp = true;
        } else {
            // One-step responder: the turnaround time is in the correctionField.
            peerDelay(p, p.pdT2, p.pdT2);
        }
    }

    private void onPdelayRespFollowUp(Port p) {
        if (!p.pdRespWaitingFollowUp || !answersOurPdelayReq(p)) return;
        p.pdRespWaitingFollowUp = false;
        p.pdCorrection += rx.correctionField() >> 16;
        peerDelay(p, p.pdT2, rx.bodyTimestampAsNanos());
    }

    /** 11.4.2: meanLinkDelay = ((t4 - t1) * r - (t3 - t2) - corrections) / 2. */
    private void peerDelay(Port p, long t2, long t3) {
        if (p.prevT3 != Long.MIN_VALUE && p.pdT4 > p.prevT4 && t3 > p.prevT3) {
            p.neighborRateRatio = (double) (t3 - p.prevT3) / (double) (p.pdT4 - p.prevT4);
            p.neighborRateRatioValid = true;
        }
        p.prevT3 = t3;
        p.prevT4 = p.pdT4;
        long raw = Math.round(((p.pdT4 - p.pdT1) * p.neighborRateRatio - (t3 - t2) - p.pdCorrection) / 2.0);
        p.peerDelayNanos = p.peerDelayFilter.sample(raw);
        p.peerDelayValid = true;
        p.pdelayOutstanding = false;
        p.pdelayMissing = 0;
        listener.peerDelay(p.number, p.peerDelayNanos, p.neighborRateRatio);
        if (p.isSlaveLike()) meanPathDelay = p.peerDelayNanos;
    }

    // ---- the servo loop (clock.c clock_synchronize) --------------------------------------------

    private void synchronize(Port p, long t1, long t2) {
        // syncReceiptTimeout: that many sync intervals without one more Sync is a timeout (port.c
        // port_synchronize re-arms FD_SYNC_RX_TIMER with the port's logSyncInterval)
        if (p.pc.syncReceiptTimeout > 0) arm(p, Port.T_SYNC_RX, p.pc.syncReceiptTimeout * interval(p.logSyncInterval));
        // step_window: the Syncs right after a step may carry stamps from before it settled (clock.c)
        if (stepWindowCounter > 0) {
            stepWindowCounter--;
            return;
        }
        lastIngressNanos = t2;
        tsproc.downTs(t1 + p.pc.delayAsymmetryNanos, t2);
        if (p.pc.delayMechanism == DelayMechanism.P2P) {
            if (p.peerDelayValid) tsproc.setDelay(p.peerDelayNanos);
            else if (!assumeInitialDelay()) return;
        } else if (!tsproc.delayValid()) {
            assumeInitialDelay();
        }
        if (!tsproc.updateOffset()) return;
        ServoState lastServoState = servoState;
        long offset = tsproc.offset();
        offsetFromMaster = offset;
        int log = p.lastSyncLogInterval;
        servo.syncInterval(log != 0x7F && log > -10 && log < 10 ? Math.pow(2, log) : Math.pow(2, p.pc.logSyncInterval));
        double ppb = servo.sample(offset, t2, tsproc.weight());
        servoState = servo.state();
        // Once the frequency is locked t2 - t1 moves little over a window: the lucky-packet
        // estimate is safe. A step or an unlock goes back to the plain one.
        tsproc.luckyPackets(cfg.freeRunning || servoState == ServoState.LOCKED || servoState == ServoState.LOCKED_STABLE);
        switch (servoState) {
            case UNLOCKED -> { }
            case JUMP -> {
                stepWindowCounter = cfg.stepWindow;
                driver.stepClock(-offset);
                listener.clockStepped(-offset);
                freqPpb = ppb;
                driver.adjustFrequency(ppb);
                // Delays measured before the frequency was corrected mix the old frequency error
                // into the path delay (t2 and t3 are up to two intervals apart): start the delay
                // filter afresh. linuxptp keeps the filter (tsproc_reset(tsp, 0)).
                tsproc.reset(true);
                p.delayReqPending = false;
                armDelayReq(p);
            }
            case LOCKED, LOCKED_STABLE -> {
                freqPpb = ppb;
                driver.adjustFrequency(ppb);
            }
        }
        listener.servoSample(p.number, offset, servoState, freqPpb, meanPathDelay);
        p.inHoldover = false;
        if (p.pc.msgIntervalRequest) messageIntervalRequest(p, lastServoState);
        if ((servoState == ServoState.LOCKED || servoState == ServoState.LOCKED_STABLE) && p.state == PortState.UNCALIBRATED) {
            transition(p, PortEvent.MASTER_CLOCK_SELECTED, false);
        }
    }

    // ---- automotive profile (linuxptp port.c, port_signaling.c; 802.1AS 10.6.4.3) ----------------

    /** linuxptp check_source_identity: with ignore_source_id any sender's Sync, Follow_Up, Delay_Resp counts. */
    private boolean syncFromParent(Port p) {
        return p.pc.ignoreSourceId || fromParent(p);
    }

    /**
     * A designated slave (BMCA noop) under a master with inhibit_announce hears no Announce: the
     * sender of the Syncs it follows becomes parentDS.parentPortIdentity and grandmasterIdentity
     * (stepsRemoved 1), so PARENT_DATA_SET and TIME_STATUS_NP name the master. linuxptp leaves its
     * own identity there (gmPresent false). An Announce-qualified master takes precedence.
     */
    private void adoptSyncSender(Port p) {
        if (p.foreign.best() != null) return;
        long sender = rx.sourceClockIdentity();
        int senderPort = rx.sourcePortNumber();
        if (!bestIsLocal && bestPort == p.number && parentClock == sender && parentPortNumber == senderPort) return;
        bestIsLocal = false;
        bestPort = p.number;
        bestId = sender;
        parentClock = sender;
        parentPortNumber = senderPort;
        gmIdentity = sender;
        stepsRemoved = 1;
        listener.notice(0, "selected best master clock " + ClockIdentity.format(sender));
    }

    /** initial_delay (linuxptp 4 clock.c): the path delay to use until one is measured; false when 0. */
    private boolean assumeInitialDelay() {
        if (cfg.initialDelayNanos <= 0) return false;
        tsproc.setDelay(cfg.initialDelayNanos);
        meanPathDelay = cfg.initialDelayNanos;
        return true;
    }

    /**
     * msg_interval_request (linuxptp message_interval_request): when the servo becomes LOCKED_STABLE
     * the slave adopts operLogPdelayReqInterval and asks its master for operLogSyncInterval; when it
     * falls back to UNLOCKED it asks for the initial Sync interval again. A stable servo that still
     * sees another Sync interval restarts (the master most likely restarted).
     */
    private void messageIntervalRequest(Port p, ServoState last) {
        int syncLog = p.lastSyncLogInterval;
        if (servoState == ServoState.UNLOCKED) {
            if (cfg.servo.servoOffsetThreshold != 0 && syncLog != p.pc.logSyncInterval) {
                p.logPdelayReqInterval = p.pc.logMinPdelayReqInterval;
                p.logSyncInterval = p.pc.logSyncInterval;
                sendIntervalRequest(p, MessageIntervalRequestTlv.SET_INITIAL);
            }
        } else if (servoState == ServoState.LOCKED_STABLE) {
            if (last == ServoState.LOCKED) {
                p.logPdelayReqInterval = p.pc.operLogPdelayReqInterval;
                p.logSyncInterval = p.pc.operLogSyncInterval;
                sendIntervalRequest(p, p.pc.operLogSyncInterval);
            } else if (syncLog != p.pc.operLogSyncInterval) {
                servo.reset();
                servoState = servo.state();
                transition(p, PortEvent.SYNCHRONIZATION_FAULT, false);
            }
        }
    }

    /** A Signaling message to all ports (wildcard target) with one message interval request TLV. */
    private void sendIntervalRequest(Port p, int timeSyncInterval) {
        if (!asCapable(p)) return;
        p.signalingSeq = (p.signalingSeq + 1) & 0xFFFF;
        out.wrap(p.tx2, 0, p.tx2.capacity()).initHeader(MessageType.SIGNALING, cfg.minorVersion)
                .majorSdoId(p.pc.transportSpecific).domainNumber(cfg.domainNumber)
                .sourcePort(cfg.clockIdentity, p.number).sequenceId(p.signalingSeq).logMessageInterval(0x7F)
                .targetPort(-1L, 0xFFFF);
        MessageIntervalRequestTlv.append(out, MessageIntervalRequestTlv.NO_CHANGE, timeSyncInterval,
                MessageIntervalRequestTlv.NO_CHANGE);
        p.intervalRequestsSent++;
        send(p, p.tx2, out.messageLength(), false, Driver.MULTICAST);
    }

    /** linuxptp process_interval_request: the port's intervals change from the next message on. */
    private void intervalRequested(Port p, int v) {
        p.logAnnounceInterval = MessageIntervalRequestTlv.apply(p.logAnnounceInterval,
                MessageIntervalRequestTlv.announceInterval(rx, v), p.pc.logAnnounceInterval);
        p.logSyncInterval = MessageIntervalRequestTlv.apply(p.logSyncInterval,
                MessageIntervalRequestTlv.timeSyncInterval(rx, v), p.pc.logSyncInterval);
        p.logPdelayReqInterval = MessageIntervalRequestTlv.apply(p.logPdelayReqInterval,
                MessageIntervalRequestTlv.linkDelayInterval(rx, v), p.pc.logMinPdelayReqInterval);
    }

    /** linuxptp port_initialize: the configured intervals, until a message interval request changes them. */
    private void initialIntervals(Port p) {
        p.logSyncInterval = p.pc.logSyncInterval;
        p.logAnnounceInterval = p.pc.logAnnounceInterval;
        p.logPdelayReqInterval = p.pc.logMinPdelayReqInterval;
    }

    /** The port's current log2 Announce interval (portDS.logAnnounceInterval). */
    public int currentLogAnnounceInterval(int portNumber) {
        return ports[portNumber - 1].logAnnounceInterval;
    }

    /** The port's current log2 Sync interval (logSyncInterval, or what a message interval request set). */
    public int currentLogSyncInterval(int portNumber) {
        return ports[portNumber - 1].logSyncInterval;
    }

    /** The port's current log2 Pdelay_Req interval. */
    public int currentLogPdelayReqInterval(int portNumber) {
        return ports[portNumber - 1].logPdelayReqInterval;
    }

    /** Signaling messages with a message interval request this port sent. */
    public long intervalRequestsSent(int portNumber) {
        return ports[portNumber - 1].intervalRequestsSent;
    }

    // ---- unicast negotiation (16.1; linuxptp unicast_client.c, unicast_service.c) -------------

    private static final int ANNOUNCE_CODE = MessageType.ANNOUNCE.code;
    private static final int SYNC_CODE = MessageType.SYNC.code;
    private static final int DELAY_RESP_CODE = MessageType.DELAY_RESP.code;
    private static final int PDELAY_RESP_CODE = MessageType.PDELAY_RESP.code;

    private void setUpUnicastClient(Port p) {
        String[][] tables = cfg.unicastMasters;
        if (tables == null || p.number > tables.length || tables[p.number - 1] == null) return;
        String[] texts = tables[p.number - 1];
        java.util.ArrayList<UnicastMaster> ok = new java.util.ArrayList<>();
        for (String t : texts) {
            long a = driver.resolveUnicast(p.number, t);
            if (a == -3) {
                listener.notice(p.number, "unicast master table: '" + t + "' is not an address of this port's transport, skipped");
            } else {
                ok.add(new UnicastMaster(t, a));
            }
        }
        p.unicastMasters = ok.toArray(new UnicastMaster[0]);
        p.logQueryInterval = cfg.unicastLogQueryInterval != null && p.number <= cfg.unicastLogQueryInterval.length
                ? cfg.unicastLogQueryInterval[p.number - 1] : 2;
        arm(p, Port.T_UNICAST_REQ, 0);
    }

    private int sydyMask(Port p) {
        int m = 1 << ANNOUNCE_CODE | 1 << SYNC_CODE;
        return p.pc.delayMechanism == DelayMechanism.E2E || p.pc.delayMechanism == DelayMechanism.AUTO ? m | 1 << DELAY_RESP_CODE : m;
    }

    /** Every logQueryInterval: ask for what is missing, renew what is about to expire. */
    private void unicastClientTimer(Port p) {
        for (UnicastMaster m : p.unicastMasters) {
            switch (m.state) {
                case WAIT -> requestUnicast(p, m, false);
                case NEED_SYDY -> requestUnicast(p, m, true);
                case HAVE_ANN, HAVE_SYDY -> {
                    if (nowNanos >= m.renewalAt) {
                        m.renewalAt = Long.MAX_VALUE;
                        requestUnicast(p, m, m.state == UnicastMaster.State.HAVE_SYDY);
                    }
                }
            }
        }
    }

    /**
     * One Signaling message to {@code m}: Announce while not selected; Sync (and Delay_Resp)
     * once selected; all of them when renewing a master we synchronize to.
     */
    private void requestUnicast(Port p, UnicastMaster m, boolean sydy) {
        startSignaling(p, m.clockIdentity, m.portNumber);
        int duration = p.pc.unicastReqDuration;
        boolean renewal = m.state == UnicastMaster.State.HAVE_ANN || m.state == UnicastMaster.State.HAVE_SYDY;
        if (!sydy || renewal) io.ptp4j.core.wire.UnicastTlv.appendRequest(out, ANNOUNCE_CODE, p.pc.logAnnounceInterval, duration);
        if (sydy) {
            io.ptp4j.core.wire.UnicastTlv.appendRequest(out, SYNC_CODE, p.pc.logSyncInterval, duration);
            if ((sydyMask(p) & 1 << DELAY_RESP_CODE) != 0) {
                io.ptp4j.core.wire.UnicastTlv.appendRequest(out, DELAY_RESP_CODE, p.logMinDelayReqInterval, duration);
            }
        }
        send(p, p.tx2, out.messageLength(), false, m.address);
    }

    private void startSignaling(Port p, long targetClock, int targetPort) {
        p.signalingSeq = (p.signalingSeq + 1) & 0xFFFF;
        out.wrap(p.tx2, 0, p.tx2.capacity()).initHeader(MessageType.SIGNALING, cfg.minorVersion)
                .majorSdoId(p.pc.transportSpecific).domainNumber(cfg.domainNumber)
                .sourcePort(cfg.clockIdentity, p.number).sequenceId(p.signalingSeq).logMessageInterval(0x7F)
                .flag(PtpMessage.FLAG_UNICAST, true).targetPort(targetClock, targetPort);
    }

    /** After a state decision: the selected table entry asks for Sync at once, the others drop theirs. */
    private void unicastSelectionChanged(Port p) {
        for (UnicastMaster m : p.unicastMasters) {
            boolean selected = !bestIsLocal && bestPort == p.number && m.clockIdentity == parentClock
                    && m.portNumber == parentPortNumber;
            UnicastMaster.State before = m.state;
            if (m.selected(selected)) {
                startSignaling(p, m.clockIdentity, m.portNumber);
                io.ptp4j.core.wire.UnicastTlv.appendCancel(out, false, SYNC_CODE);
                send(p, p.tx2, out.messageLength(), false, m.address);
                if ((sydyMask(p) & 1 << DELAY_RESP_CODE) != 0) {
                    startSignaling(p, m.clockIdentity, m.portNumber);
                    io.ptp4j.core.wire.UnicastTlv.appendCancel(out, false, DELAY_RESP_CODE);
                    send(p, p.tx2, out.messageLength(), false, m.address);
                }
                m.granted &= ~(1 << SYNC_CODE | 1 << DELAY_RESP_CODE);
            }
            if (before != UnicastMaster.State.NEED_SYDY && m.state == UnicastMaster.State.NEED_SYDY) requestUnicast(p, m, true);
        }
    }

    /** Delay_Req goes to the selected unicast master, or with hybrid_e2e to where Sync came from. */
    private long delayReqDestination(Port p) {
        if (p.unicastMasters != null) {
            for (UnicastMaster m : p.unicastMasters) {
                if (m.clockIdentity == parentClock && m.portNumber == parentPortNumber) return m.address;
            }
        }
        if (p.pc.hybridE2e && p.masterAddress >= 0) return p.masterAddress;
        return Driver.MULTICAST;
    }

    private UnicastMaster tableEntry(Port p, long source) {
        if (p.unicastMasters == null) return null;
        for (UnicastMaster m : p.unicastMasters) if (m.address == source) return m;
        return null;
    }

    private void onSignaling(Port p, long source) {
        long target = rx.targetClockIdentity();
        int targetPort = rx.targetPortNumber();
        if (target != -1L && target != cfg.clockIdentity) return;
        if (targetPort != 0xFFFF && targetPort != p.number) return;
        long fromClock = rx.sourceClockIdentity();
        int fromPort = rx.sourcePortNumber();
        try {
            tlvs.reset(rx);
            while (tlvs.next()) {
                int v = tlvs.valueOffset();
                switch (tlvs.type()) {
                    case io.ptp4j.core.wire.TlvType.REQUEST_UNICAST_TRANSMISSION -> serveRequest(p, source, fromClock, fromPort,
                            io.ptp4j.core.wire.UnicastTlv.messageType(rx, v), io.ptp4j.core.wire.UnicastTlv.logInterMessagePeriod(rx, v),
                            io.ptp4j.core.wire.UnicastTlv.durationSeconds(rx, v));
                    case io.ptp4j.core.wire.TlvType.GRANT_UNICAST_TRANSMISSION -> onGrant(p, source, fromClock, fromPort,
                            io.ptp4j.core.wire.UnicastTlv.messageType(rx, v), io.ptp4j.core.wire.UnicastTlv.logInterMessagePeriod(rx, v),
                            io.ptp4j.core.wire.UnicastTlv.durationSeconds(rx, v));
                    case io.ptp4j.core.wire.TlvType.CANCEL_UNICAST_TRANSMISSION -> onCancel(p, source, fromClock, fromPort,
                            io.ptp4j.core.wire.UnicastTlv.messageType(rx, v));
                    case io.ptp4j.core.wire.TlvType.ORGANIZATION_EXTENSION -> {
                        if (io.ptp4j.core.wire.MessageIntervalRequestTlv.matches(rx, v, tlvs.length())) intervalRequested(p, v);
                    }
                    default -> { } // ACKNOWLEDGE_CANCEL and others: nothing to do
                }
            }
        } catch (DecodeException e) {
            p.badPackets++;
            listener.badPacket(p.number, e);
        }
    }

    private void onGrant(Port p, long source, long fromClock, int fromPort, int mtype, int log, long duration) {
        UnicastMaster m = tableEntry(p, source);
        if (m == null) {
            listener.notice(p.number, "received rogue unicast grant or cancel");
            return;
        }
        MessageType mt = MessageType.ofCode(mtype);
        String name = mt != null ? mt.name() : Integer.toString(mtype);
        if (duration == 0) {
            listener.notice(p.number, "unicast grant of " + name + " rejected");
            if (mtype != PDELAY_RESP_CODE) m.cancelled();
            return;
        }
        if (Math.abs(log) > 30) {
            listener.notice(p.number, "ignore bogus unicast message interval 2^" + log);
            return;
        }
        m.granted |= 1 << mtype;
        switch (m.state) {
            case WAIT, HAVE_ANN -> {
                if (mtype == ANNOUNCE_CODE) {
                    m.grantAnnounce();
                    m.clockIdentity = fromClock;
                    m.portNumber = fromPort;
                    m.renewAfter(nowNanos, duration);
                }
            }
            case NEED_SYDY -> {
                if (mtype == SYNC_CODE || mtype == DELAY_RESP_CODE) {
                    if ((m.granted & sydyMask(p)) == sydyMask(p)) m.state = UnicastMaster.State.HAVE_SYDY;
                    m.renewAfter(nowNanos, duration);
                    if (mtype == DELAY_RESP_CODE) p.logMinDelayReqInterval = log;
                }
            }
            case HAVE_SYDY -> m.renewAfter(nowNanos, duration);
        }
    }

    private void onCancel(Port p, long source, long fromClock, int fromPort, int mtype) {
        UnicastMaster m = tableEntry(p, source);
        if (m != null) {
            m.cancelled();
        } else if (p.pc.unicastListen) {
            for (UnicastGrant g : p.grants) {
                if (g.address != source || g.clockIdentity != fromClock || g.portNumber != fromPort) continue;
                if (mtype == ANNOUNCE_CODE) g.announceUntil = Long.MIN_VALUE;
                if (mtype == SYNC_CODE) g.syncUntil = Long.MIN_VALUE;
            }
        } else {
            return;
        }
        startSignaling(p, fromClock, fromPort);
        io.ptp4j.core.wire.UnicastTlv.appendCancel(out, true, mtype);
        send(p, p.tx2, out.messageLength(), false, source);
    }

    /** A master with unicast_listen grants what it is asked for (one Signaling per TLV, as linuxptp). */
    private void serveRequest(Port p, long source, long fromClock, int fromPort, int mtype, int log, long duration) {
        boolean known = mtype == ANNOUNCE_CODE || mtype == SYNC_CODE || mtype == DELAY_RESP_CODE || mtype == PDELAY_RESP_CODE;
        boolean grant = p.pc.unicastListen && !cfg.clientOnly && known && Math.abs(log) <= 30 && p.active();
        if (!p.pc.unicastListen) return; // not a unicast server: requests are ignored, as linuxptp does
        if (grant && (mtype == ANNOUNCE_CODE || mtype == SYNC_CODE)) {
            UnicastGrant g = null;
            for (UnicastGrant x : p.grants) {
                if (x.address == source && x.clockIdentity == fromClock && x.portNumber == fromPort) g = x;
            }
            if (g == null) {
                g = new UnicastGrant();
                g.address = source;
                g.clockIdentity = fromClock;
                g.portNumber = fromPort;
                p.grants.add(g);
            }
            long until = nowNanos + duration * NS;
            if (mtype == ANNOUNCE_CODE) {
                g.announceLog = log;
                g.announceUntil = until;
                if (g.nextAnnounce == Long.MAX_VALUE) g.nextAnnounce = nowNanos + 10_000_000; // as linuxptp: 10 ms after the grant
            } else {
                g.syncLog = log;
                g.syncUntil = until;
                if (g.nextSync == Long.MAX_VALUE) g.nextSync = nowNanos + 10_000_000;
            }
            armUnicastTx(p);
        }
        startSignaling(p, fromClock, fromPort);
        io.ptp4j.core.wire.UnicastTlv.appendGrant(out, mtype, log, grant ? duration : 0, grant);
        send(p, p.tx2, out.messageLength(), false, source);
    }

    private void armUnicastTx(Port p) {
        long next = Long.MAX_VALUE;
        // indexed: this runs at every unicast Sync tick, and an iterator would be garbage each time
        for (int i = 0; i < p.grants.size(); i++) next = Math.min(next, p.grants.get(i).nextDue());
        if (next == Long.MAX_VALUE) return;
        arm(p, Port.T_UNICAST_TX, Math.max(0, next - nowNanos));
    }

    /** Sends every granted Announce and Sync that is due; drops expired grants. */
    private void unicastServiceTimer(Port p) {
        boolean master = p.state == PortState.MASTER || p.state == PortState.GRAND_MASTER;
        for (int i = p.grants.size() - 1; i >= 0; i--) {
            UnicastGrant g = p.grants.get(i);
            if (g.expired(nowNanos)) {
                p.grants.remove(i);
                continue;
            }
            if (g.nextAnnounce <= nowNanos) {
                if (nowNanos <= g.announceUntil) {
                    if (master) {
                        sendAnnounce(p, g.announceSeq, g.address, g.announceLog);
                        g.announceSeq = (g.announceSeq + 1) & 0xFFFF;
                    }
                    g.nextAnnounce = Math.max(g.nextAnnounce + interval(g.announceLog), nowNanos);
                } else {
                    g.nextAnnounce = Long.MAX_VALUE;
                }
            }
            if (g.nextSync <= nowNanos) {
                if (nowNanos <= g.syncUntil) {
                    if (master) {
                        sendSync(p, g.syncSeq, g.address, g.syncLog);
                        g.syncSeq = (g.syncSeq + 1) & 0xFFFF;
                    }
                    g.nextSync = Math.max(g.nextSync + interval(g.syncLog), nowNanos);
                } else {
                    g.nextSync = Long.MAX_VALUE;
                }
            }
        }
        armUnicastTx(p);
    }

    /** The clients this port has granted unicast service to (for management and metrics). */
    public int unicastClients(int portNumber) {
        return ports[portNumber - 1].grants.size();
    }

    private void send(Port p, ByteBuffer buf, int length, boolean event, long destination) {
        if (driver.send(p.number, buf, 0, length, event, destination)) {
            p.txMessages++;
            p.txByType[buf.get(0) & 0x0F]++;
        } else {
            p.txFailures++;
        }
    }
}
