package io.ptp4j.core.port;

import io.ptp4j.core.bmca.BmcDataset;
import io.ptp4j.core.bmca.ForeignMasterRecords;
import io.ptp4j.core.dataset.PortDS;
import io.ptp4j.core.engine.ClockConfig;
import io.ptp4j.core.engine.DelayMechanism;
import io.ptp4j.core.engine.Driver;
import io.ptp4j.core.engine.PortConfig;
import io.ptp4j.core.wire.DecodeException;
import io.ptp4j.core.wire.MessageType;
import io.ptp4j.core.wire.PtpMessage;
import java.nio.ByteBuffer;

/**
 * One PTP port of an ordinary or boundary clock (IEEE 1588-2019 9.2, 11; linuxptp port.c): its
 * state machine and timers, what it sends as master (Announce, Sync, Follow_Up, Delay_Resp),
 * how it qualifies foreign masters, and the halves of the delay mechanisms, each in its own
 * class: {@link SyncFollowUp}, {@link E2eDelay}, {@link PeerDelay}, {@link UnicastClient},
 * {@link UnicastService}, {@link IntervalRequest}. What concerns the whole clock (best master,
 * servo) it reports to its {@link PortHost}. Preallocated: nothing per message.
 */
public final class Port implements HeaderWriter {
    private static final long NS = 1_000_000_000L;
    private static final long NONE = Long.MIN_VALUE;

    final int number;
    final PortConfig cfg;
    final ClockConfig clockCfg;
    final PortHost host;
    private final PortDS ds;
    private final PortTimers timers;
    private final ForeignMasterRecords foreign;
    private final BmcDataset scratch = new BmcDataset();
    private final ByteBuffer tx = ByteBuffer.allocate(1500);
    private final PtpMessage out = new PtpMessage();
    private final io.ptp4j.core.wire.TlvCursor tlvs = new io.ptp4j.core.wire.TlvCursor();
    private int announceSeq, signalingSeq;

    private final SyncFollowUp syfu = new SyncFollowUp();
    private final E2eDelay e2e = new E2eDelay();
    private final PeerDelay pdelay;
    private final SyncTransmitter syncTx = new SyncTransmitter(this);
    private final UnicastService unicastService = new UnicastService(this);
    private final IntervalRequest intervalRequest = new IntervalRequest(this);
    private UnicastClient unicastClient;

    /** The logMessageInterval of the parent's last Sync (0x7F: none yet). */
    int lastSyncLogInterval = 0x7F;
    private boolean inHoldover;
    /** Hybrid E2E: where the parent's Sync came from, for unicast Delay_Req. */
    private long masterAddress = NONE;
    /** When "Master clock quality received is greater than configured" was last logged (once a minute). */
    private long lastClassThresholdNoticeNanos = NONE;

    private final PortCounters counters = new PortCounters();

    public Port(int number, ClockConfig clockCfg, PortHost host) {
        this.number = number;
        this.clockCfg = clockCfg;
        this.cfg = clockCfg.portConfig(number);
        this.host = host;
        this.ds = new PortDS(number, cfg);
        this.foreign = new ForeignMasterRecords(8, clockCfg.clockIdentity, number);
        this.pdelay = new PeerDelay(clockCfg.clockIdentity, number, clockCfg.delayFilterLength);
        this.timers = new PortTimers(host);
    }

    // ---- what the clock drives --------------------------------------------------------------

    public void start() {
        ds.logMinDelayReqInterval(cfg.logMinDelayReqInterval);
        transition(PortEvent.INIT_COMPLETE, false);
        unicastClient = UnicastClient.create(this);
    }

    /** A message that decoded; {@code buf}..{@code length} are its bytes (for management). */
    public void receive(PtpMessage rx, MessageType type, long rxTs, long source, ByteBuffer buf, int offset, int length) {
        counters.received(type.code);
        if (!active()) return;
        // Other domains and other transportSpecific (majorSdoId) values are not ours (7.1, 13.3.2.1).
        if (rx.domainNumber() != clockCfg.domainNumber) return;
        if (!cfg.ignoreTransportSpecific && rx.majorSdoId() != cfg.transportSpecific) return;
        // ingressLatency: the stamp was taken that long after the message crossed the reference plane
        if (rxTs != NONE) rxTs -= cfg.ingressLatencyNanos;
        if (rx.sourceClockIdentity() == clockCfg.clockIdentity) return; // our own multicast looped back
        switch (type) {
            case ANNOUNCE -> onAnnounce(rx);
            case SYNC -> onSync(rx, rxTs, source);
            case FOLLOW_UP -> onFollowUp(rx);
            case DELAY_REQ -> onDelayReq(rx, rxTs, source);
            case DELAY_RESP -> onDelayResp(rx);
            case PDELAY_REQ -> {
                if (cfg.delayMechanism == DelayMechanism.P2P && rxTs != NONE) send(pdelay.respond(this, rx, rxTs), true, Driver.PEER_MULTICAST);
            }
            case PDELAY_RESP -> {
                if (cfg.delayMechanism == DelayMechanism.P2P && pdelay.onResponse(rx, rxTs)) peerDelayMeasured();
            }
            case PDELAY_RESP_FOLLOW_UP -> {
                if (pdelay.onResponseFollowUp(rx)) peerDelayMeasured();
            }
            case SIGNALING -> onSignaling(rx, source);
            case MANAGEMENT -> host.management(this, buf, offset, length, source);
            default -> { }
        }
    }

    /** A message that did not decode: counted and reported, never thrown. */
    public void badPacket(DecodeException e) {
        counters.badPackets++;
        host.listener().badPacket(number, e);
    }

    public void txTimestamp(int typeCode, int sequenceId, long txTs) {
        if (txTs != NONE) txTs += cfg.egressLatencyNanos; // egressLatency: the message leaves that long after its stamp
        if (typeCode == MessageType.SYNC.code) {
            syncTx.transmitted(sequenceId, txTs, ds.logSyncInterval());
        } else if (typeCode == MessageType.DELAY_REQ.code) {
            e2e.transmitted(sequenceId, txTs);
        } else if (typeCode == MessageType.PDELAY_REQ.code) {
            pdelay.requestTransmitted(sequenceId, txTs);
        } else if (typeCode == MessageType.PDELAY_RESP.code) {
            PtpMessage fup = pdelay.responseTransmitted(this, sequenceId, txTs);
            if (fup != null) send(fup, false, Driver.PEER_MULTICAST);
        }
    }

    /** Runs the timers due at {@code now}. */
    public void runTimers(long now) {
        for (int t = timers.takeDue(now, 0); t >= 0; t = timers.takeDue(now, t + 1)) fire(t);
    }

    /** The earliest armed deadline. */
    public long nextDeadline() {
        return timers.next();
    }

    // ---- timers -------------------------------------------------------------------------------

    private static long interval(int log) {
        return PortTimers.interval(log);
    }

    void arm(int timer, long delay) {
        timers.arm(timer, delay);
    }

    /** announceReceiptTimeout intervals plus a random part of one (linuxptp set_tmo_random). */
    private void armAnnounceReceipt() {
        if (cfg.inhibitAnnounce) return; // linuxptp: the timeout only clears itself, no event
        long iv = interval(ds.logAnnounceInterval());
        arm(PortTimers.ANNOUNCE_RX, cfg.announceReceiptTimeout * iv + (long) (host.random().nextDouble() * iv));
    }

    /** 9.5.11.2: Delay_Req at a random time in [0, 2 * 2^logMinDelayReqInterval]. */
    private void armDelayReq() {
        if (cfg.inhibitDelayReq) return;
        long iv = interval(ds.logMinDelayReqInterval());
        arm(PortTimers.DELAY_REQ, (long) (host.random().nextDouble() * 2 * iv));
    }

    private void fire(int timer) {
        switch (timer) {
            case PortTimers.ANNOUNCE_TX -> {
                if (asCapable()) sendAnnounce(); // 802.1AS: nothing but Pdelay on a port that is not asCapable
                arm(PortTimers.ANNOUNCE_TX, interval(ds.logAnnounceInterval()));
            }
            case PortTimers.SYNC_TX -> {
                if (asCapable()) syncTx.sendMulticast(ds.logSyncInterval());
                arm(PortTimers.SYNC_TX, interval(ds.logSyncInterval()));
            }
            case PortTimers.DELAY_REQ -> delayRequestTimer();
            case PortTimers.PDELAY_REQ -> {
                send(pdelay.request(this), true, Driver.PEER_MULTICAST);
                arm(PortTimers.PDELAY_REQ, interval(ds.logMinPdelayReqInterval()));
            }
            case PortTimers.QUALIFICATION -> transition(PortEvent.QUALIFICATION_TIMEOUT_EXPIRES, false);
            case PortTimers.ANNOUNCE_RX -> announceReceiptTimeout();
            case PortTimers.SYNC_LOSS -> host.holdover(this);
            case PortTimers.SYNC_RX -> {
                // port.c FD_SYNC_RX_TIMER: as an announce receipt timeout (none with inhibit_announce)
                if (!cfg.inhibitAnnounce) announceReceiptTimeout();
            }
            case PortTimers.UNICAST_REQ -> {
                unicastClient.timer();
                arm(PortTimers.UNICAST_REQ, interval(unicastClient.logQueryInterval()));
            }
            case PortTimers.UNICAST_TX -> unicastService.timer();
            default -> { }
        }
    }

    private void delayRequestTimer() {
        if (!isSlaveLike() || cfg.delayMechanism != DelayMechanism.E2E) return;
        sendDelayReq();
        armDelayReq();
        // delay_response_timeout: that many Delay_Reqs in a row without an answer is a
        // synchronization fault (linuxptp port.c, FD_DELAY_TIMER)
        if (cfg.delayResponseTimeout > 0 && ds.portState() == PortState.SLAVE && ++e2e.unanswered >= cfg.delayResponseTimeout) {
            e2e.unanswered = 0;
            host.delayResponseTimeout(this);
            host.listener().notice(number, "delay response timeout");
            transition(PortEvent.SYNCHRONIZATION_FAULT, false);
        }
    }

    private void announceReceiptTimeout() {
        // 9.2.6.11: the master is gone; forget it. Other foreign masters stay, and a LISTENING port
        // keeps counting the ones it is qualifying (linuxptp clears only p->best).
        if (host.isParentPort(number)) foreign.remove(host.parentDS().parentClockIdentity(), host.parentDS().parentPortNumber());
        if (clockCfg.clientOnly && ds.portState() == PortState.LISTENING) {
            armAnnounceReceipt();
            return;
        }
        transition(PortEvent.ANNOUNCE_RECEIPT_TIMEOUT_EXPIRES, false);
        host.stateDecision();
    }

    // ---- state machine ------------------------------------------------------------------------

    /** Applies {@code event} (9.2.5); {@code masterChanged} is linuxptp's mdiff. */
    public void transition(PortEvent event, boolean masterChanged) {
        PortState from = ds.portState();
        PortState to = cfg.bmcaNoop ? Fsm.designated(from, event, cfg.serverOnly) : Fsm.next(from, event, masterChanged, clockCfg.clientOnly);
        if (to == from) return;
        ds.portState(to);
        host.listener().portStateChanged(number, from, to, event);
        enter(from);
    }

    /** What a port starts doing when it enters its new state (9.2.5, linuxptp port_state_update). */
    private void enter(PortState from) {
        long pdelayTimer = timers.deadline(PortTimers.PDELAY_REQ);
        timers.disarmProtocolTimers();
        PortState state = ds.portState();
        switch (state) {
            case LISTENING, PASSIVE -> armAnnounceReceipt();
            // 9.2.6.10: qualify for (stepsRemoved + 1) announce intervals before acting as master.
            case PRE_MASTER -> arm(PortTimers.QUALIFICATION, (host.currentDS().stepsRemoved() + 1L) * interval(cfg.logAnnounceInterval));
            case MASTER, GRAND_MASTER -> {
                // inhibit_multicast_service: only granted unicast clients are served.
                if (!cfg.inhibitMulticastService) {
                    if (!cfg.inhibitAnnounce) arm(PortTimers.ANNOUNCE_TX, 0);
                    arm(PortTimers.SYNC_TX, 0);
                }
            }
            case UNCALIBRATED, SLAVE -> {
                armAnnounceReceipt();
                if (cfg.delayMechanism == DelayMechanism.E2E) armDelayReq();
                if (state == PortState.UNCALIBRATED && from != PortState.SLAVE) {
                    syfu.clear();
                    e2e.cancel();
                }
                if (state == PortState.UNCALIBRATED) host.enteredUncalibrated(this);
            }
            default -> { }
        }
        if (cfg.delayMechanism == DelayMechanism.P2P && active() && !cfg.inhibitDelayReq) {
            timers.set(PortTimers.PDELAY_REQ, pdelayTimer != Long.MAX_VALUE ? pdelayTimer : host.now());
        }
    }

    /** ENABLE_PORT / DISABLE_PORT (15.5.3.3.13-14): DESIGNATED_ENABLED / DESIGNATED_DISABLED. */
    public void enable(boolean enabled) {
        if (enabled) {
            if (ds.portState() != PortState.DISABLED) return;
            transition(PortEvent.DESIGNATED_ENABLED, false);
            transition(PortEvent.INIT_COMPLETE, false);
        } else {
            if (ds.portState() == PortState.DISABLED) return;
            transition(PortEvent.DESIGNATED_DISABLED, false);
            // A disabled port forgets its foreign masters (linuxptp port_disable), so the BMCA drops them.
            foreign.clear();
            host.stateDecision();
        }
    }

    public boolean isSlaveLike() {
        PortState s = ds.portState();
        return s == PortState.SLAVE || s == PortState.UNCALIBRATED;
    }

    boolean isMaster() {
        PortState s = ds.portState();
        return s == PortState.MASTER || s == PortState.GRAND_MASTER;
    }

    /** Ports in these states take part in the protocol (9.2.5); the others ignore messages. */
    public boolean active() {
        PortState s = ds.portState();
        return s != PortState.INITIALIZING && s != PortState.FAULTY && s != PortState.DISABLED;
    }

    /**
     * 802.1AS 10.2.4.1 asCapable, as linuxptp's port_capable(): on a gPTP port (follow_up_info with
     * peer-to-peer delay) the link is fit for time only while the peer delay is measured and at or
     * below neighborPropDelayThresh and at or above min_neighbor_prop_delay, the neighbor rate
     * ratio is known, and at most allowedLostResponses (3) Pdelay responses in a row went missing.
     * Other ports are always capable.
     */
    public boolean asCapable() {
        // asCapable true (linuxptp ALWAYS_CAPABLE, the automotive profile): never computed.
        if (cfg.alwaysAsCapable || !cfg.followUpInfo || cfg.delayMechanism != DelayMechanism.P2P) return true;
        long d = pdelay.delayNanos();
        return pdelay.valid() && pdelay.neighborRateRatioValid() && pdelay.missing() <= cfg.allowedLostResponses
                && d <= ds.neighborPropDelayThreshNanos() && d >= cfg.minNeighborPropDelayNanos;
    }

    // ---- Announce (9.5.3, 9.3.2) --------------------------------------------------------------

    private boolean fromParent(PtpMessage rx) {
        return host.isParentPort(number) && host.parentDS().isParent(rx.sourceClockIdentity(), rx.sourcePortNumber());
    }

    private void onAnnounce(PtpMessage rx) {
        if (cfg.serverOnly || !asCapable()) return; // masterOnly/serverOnly: never follows another master
        BmcDataset d = scratch;
        d.priority1 = rx.grandmasterPriority1();
        d.identity = rx.grandmasterIdentity();
        d.clockClass = rx.grandmasterClockClass();
        d.clockAccuracy = rx.grandmasterClockAccuracy();
        d.offsetScaledLogVariance = rx.grandmasterOffsetScaledLogVariance();
        d.priority2 = rx.grandmasterPriority2();
        d.stepsRemoved = rx.stepsRemoved();
        d.senderClock = rx.sourceClockIdentity();
        d.senderPort = rx.sourcePortNumber();
        d.localPriority = cfg.localPriority; // G.8275.x: the port's, not anything the sender says (port.c)
        // 9.3.2.5: an Announce that went through too many hops (maxStepsRemoved, 255 by default) is
        // not qualified; nor is a master worse than clock_class_threshold (linuxptp process_announce).
        if (d.stepsRemoved >= clockCfg.maxStepsRemoved) return;
        if (d.clockClass > clockCfg.clockClassThreshold) {
            long now = host.now();
            if (lastClassThresholdNoticeNanos == NONE || now - lastClassThresholdNoticeNanos >= 60 * NS) {
                lastClassThresholdNoticeNanos = now;
                host.listener().notice(number, "Master clock quality received is greater than configured, ignoring master!");
            }
            return;
        }
        if (clockCfg.pathTraceEnabled && host.pathTraceHolds(rx, clockCfg.clockIdentity)) return; // 16.2.3: a loop

        ForeignMasterRecords.AddResult r = foreign.add(d, rx.logMessageInterval(), host.now());
        if (r == ForeignMasterRecords.AddResult.NEW_FOREIGN_MASTER) {
            host.listener().notice(number, "new foreign master " + rx.sourcePortIdentity());
        }
        if (fromParent(rx)) {
            boolean wasTimescale = host.timeProperties().ptpTimescale();
            host.announceFromParent(this, rx);
            if (isSlaveLike()) armAnnounceReceipt();
            if (wasTimescale && !host.timeProperties().ptpTimescale()) host.listener().notice(0, "foreign master not using PTP timescale");
        }
        if (r == ForeignMasterRecords.AddResult.CHANGED) {
            boolean wasLocal = host.isGrandmaster();
            host.stateDecision();
            if (wasLocal && !host.isGrandmaster() && (rx.flags() & PtpMessage.FLAG_PTP_TIMESCALE) == 0 && fromParent(rx)) {
                host.listener().notice(0, "foreign master not using PTP timescale");
            }
        }
    }

    private void sendAnnounce() {
        announceSeq = (announceSeq + 1) & 0xFFFF;
        sendAnnounce(announceSeq, Driver.MULTICAST, ds.logAnnounceInterval());
    }

    void sendAnnounce(int seq, long dest, int logInterval) {
        var parent = host.parentDS();
        var time = host.timeProperties();
        PtpMessage m = start(MessageType.ANNOUNCE, seq, logInterval).flags(host.announcedTimeFlags())
                .flag(PtpMessage.FLAG_UNICAST, dest != Driver.MULTICAST)
                .currentUtcOffset(time.currentUtcOffset()).grandmasterPriority1(parent.grandmasterPriority1())
                .grandmasterClockQuality(parent.grandmasterClockClass(), parent.grandmasterClockAccuracy(),
                        parent.grandmasterOffsetScaledLogVariance())
                .grandmasterPriority2(parent.grandmasterPriority2()).grandmasterIdentity(parent.grandmasterIdentity())
                .stepsRemoved(host.currentDS().stepsRemoved()).timeSource(time.timeSource());
        if (clockCfg.pathTraceEnabled) host.appendPathTrace(m);
        send(m, false, dest);
    }

    // ---- Sync and Follow_Up (9.5.4, 9.5.5, 11.3) ----------------------------------------------

    /** linuxptp check_source_identity: with ignore_source_id any sender's Sync, Follow_Up, Delay_Resp counts. */
    private boolean syncFromParent(PtpMessage rx) {
        return cfg.ignoreSourceId || fromParent(rx);
    }

    private void onSync(PtpMessage rx, long t2, long source) {
        if (isSlaveLike() && cfg.bmcaNoop && cfg.ignoreSourceId && foreign.best() == null) {
            host.adoptSyncSender(this, rx.sourceClockIdentity(), rx.sourcePortNumber());
        }
        if (!isSlaveLike() || !syncFromParent(rx) || t2 == NONE || !asCapable()) return;
        masterAddress = source;
        lastSyncLogInterval = rx.logMessageInterval();
        // Holdover starts when the master's Syncs stop: 4 intervals, and at least 2 s so that
        // ordinary loss (30 % of 8 Sync/s) never triggers it.
        arm(PortTimers.SYNC_LOSS, Math.max(2 * NS, 4 * interval(lastSyncLogInterval(cfg.logSyncInterval))));
        long corr = rx.correctionField() >> 16;
        if (rx.flag(PtpMessage.FLAG_TWO_STEP) || clockCfg.assumeTwoStep) {
            if (syfu.sync(rx.sequenceId(), t2, corr)) host.synchronize(this, syfu.t1, syfu.t2);
        } else {
            syfu.clear();
            host.synchronize(this, rx.bodyTimestampAsNanos() + corr, t2);
        }
    }

    private void onFollowUp(PtpMessage rx) {
        if (!isSlaveLike() || !syncFromParent(rx)) return;
        if (syfu.followUp(rx.sequenceId(), rx.bodyTimestampAsNanos() + (rx.correctionField() >> 16))) {
            host.synchronize(this, syfu.t1, syfu.t2);
        }
    }

    /** The parent's Sync interval when it announced a sane one, else {@code otherwise}. */
    public int lastSyncLogInterval(int otherwise) {
        int log = lastSyncLogInterval;
        return log != 0x7F && log > -10 && log < 10 ? log : otherwise;
    }

    // ---- Delay_Req / Delay_Resp (E2E, 11.3) ----------------------------------------------------

    private void onDelayReq(PtpMessage rx, long t4, long source) {
        if (!isMaster() || cfg.delayMechanism != DelayMechanism.E2E || t4 == NONE) return;
        boolean unicast = rx.flag(PtpMessage.FLAG_UNICAST);
        send(E2eDelay.respond(this, rx, t4, cfg.logMinDelayReqInterval, unicast), false, unicast ? source : Driver.MULTICAST);
    }

    private void onDelayResp(PtpMessage rx) {
        if (!isSlaveLike() || !e2e.pending() || !syncFromParent(rx)) return;
        if (!e2e.answers(rx, clockCfg.clockIdentity, number)) return;
        long t3 = e2e.complete();
        long t4 = rx.bodyTimestampAsNanos() - (rx.correctionField() >> 16);
        // 11.3.2 asymmetry: the master-to-slave direction is longer by delayAsymmetry.
        host.delayMeasured(this, t3, t4 - cfg.delayAsymmetryNanos);
        int log = rx.logMessageInterval();
        if (log != 0x7F && log > -10 && log < 10) ds.logMinDelayReqInterval(log);
    }

    private void sendDelayReq() {
        PtpMessage m = e2e.request(this);
        long dest = delayReqDestination();
        m.flag(PtpMessage.FLAG_UNICAST, dest != Driver.MULTICAST);
        send(m, true, dest);
    }

    /** Delay_Req goes to the selected unicast master, or with hybrid_e2e to where Sync came from. */
    private long delayReqDestination() {
        long a = unicastClient == null ? Driver.MULTICAST : unicastClient.parentAddress();
        if (a != Driver.MULTICAST) return a;
        if (cfg.hybridE2e && masterAddress >= 0) return masterAddress;
        return Driver.MULTICAST;
    }

    /** After a state decision: a unicast client asks its selected master for Sync, the others drop theirs. */
    public void selectionChanged() {
        if (unicastClient != null) unicastClient.selectionChanged();
    }

    /** After a step: the outstanding Delay_Req timed a clock that no longer exists; send a new one. */
    public void restartDelayRequests() {
        e2e.cancel();
        armDelayReq();
    }

    private void peerDelayMeasured() {
        host.listener().peerDelay(number, pdelay.delayNanos(), pdelay.neighborRateRatio());
        host.peerDelayMeasured(this, pdelay.delayNanos());
    }

    // ---- Signaling (16.1 unicast negotiation, 802.1AS message interval request) ---------------

    private void onSignaling(PtpMessage rx, long source) {
        long target = rx.targetClockIdentity();
        int targetPort = rx.targetPortNumber();
        if (target != -1L && target != clockCfg.clockIdentity) return;
        if (targetPort != 0xFFFF && targetPort != number) return;
        try {
            tlvs.reset(rx);
            while (tlvs.next()) {
                int v = tlvs.valueOffset();
                switch (tlvs.type()) {
                    case io.ptp4j.core.wire.TlvType.REQUEST_UNICAST_TRANSMISSION -> unicastService.onRequest(rx, v, source);
                    case io.ptp4j.core.wire.TlvType.GRANT_UNICAST_TRANSMISSION -> {
                        if (unicastClient != null) unicastClient.onGrant(rx, v, source);
                        else host.listener().notice(number, "received rogue unicast grant or cancel");
                    }
                    case io.ptp4j.core.wire.TlvType.CANCEL_UNICAST_TRANSMISSION -> onCancel(rx, v, source);
                    case io.ptp4j.core.wire.TlvType.ORGANIZATION_EXTENSION -> {
                        if (io.ptp4j.core.wire.MessageIntervalRequestTlv.matches(rx, v, tlvs.length())) intervalRequest.onRequest(rx, v);
                    }
                    default -> { } // ACKNOWLEDGE_CANCEL and others: nothing to do
                }
            }
        } catch (DecodeException e) {
            badPacket(e);
        }
    }

    private void onCancel(PtpMessage rx, int v, long source) {
        int mtype = io.ptp4j.core.wire.UnicastTlv.messageType(rx, v);
        if (unicastClient == null || !unicastClient.onCancel(source)) {
            if (!cfg.unicastListen) return;
            unicastService.onCancel(rx.sourceClockIdentity(), rx.sourcePortNumber(), source, mtype);
        }
        startSignaling(rx.sourceClockIdentity(), rx.sourcePortNumber(), true);
        io.ptp4j.core.wire.UnicastTlv.appendCancel(out, true, mtype);
        sendSignaling(source);
    }

    /** A Signaling message to {@code clock}-{@code port}; the caller appends its TLVs. */
    PtpMessage startSignaling(long targetClock, int targetPort, boolean unicast) {
        signalingSeq = (signalingSeq + 1) & 0xFFFF;
        return start(MessageType.SIGNALING, signalingSeq, 0x7F).flag(PtpMessage.FLAG_UNICAST, unicast).targetPort(targetClock, targetPort);
    }

    void sendSignaling(long dest) {
        send(out, false, dest);
    }

    // ---- sending ------------------------------------------------------------------------------

    @Override
    public PtpMessage start(MessageType type, int sequenceId, int logMessageInterval) {
        return out.wrap(tx, 0, tx.capacity()).initHeader(type, clockCfg.minorVersion).majorSdoId(cfg.transportSpecific)
                .domainNumber(clockCfg.domainNumber).sourcePort(clockCfg.clockIdentity, number)
                .sequenceId(sequenceId).logMessageInterval(logMessageInterval);
    }

    void send(PtpMessage m, boolean event, long destination) {
        int length = m.messageLength();
        if (host.driver().send(number, tx, 0, length, event, destination)) counters.sent(tx.get(0) & 0x0F);
        else counters.txFailures++;
    }

    // ---- what the clock, management and metrics read ----------------------------------------

    public int number() {
        return number;
    }

    public PortConfig config() {
        return cfg;
    }

    public PortDS ds() {
        return ds;
    }

    public PortState state() {
        return ds.portState();
    }

    public ForeignMasterRecords foreignMasters() {
        return foreign;
    }

    public PeerDelay peerDelay() {
        return pdelay;
    }

    public UnicastService unicastService() {
        return unicastService;
    }

    public IntervalRequest intervalRequest() {
        return intervalRequest;
    }

    /** Holdover (no Sync for a while) on this port; a Sync sample ends it. */
    public boolean inHoldover() {
        return inHoldover;
    }

    public void inHoldover(boolean v) {
        inHoldover = v;
    }

    /** syncReceiptTimeout: re-armed by every Sync sample (port.c port_synchronize). */
    public void syncReceived() {
        if (cfg.syncReceiptTimeout > 0) arm(PortTimers.SYNC_RX, cfg.syncReceiptTimeout * interval(ds.logSyncInterval()));
    }

    SyncTransmitter syncTransmitter() {
        return syncTx;
    }

    public PortCounters counters() {
        return counters;
    }
}
