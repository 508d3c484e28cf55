package io.ptp4j.core.port;

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
    private final ByteBuffer tx = ByteBuffer.allocate(1500);
    private final PtpMessage out = new PtpMessage();
    private int signalingSeq;

    private final PortCounters counters = new PortCounters();
    private final SyncFollowUp syfu;
    private final E2eDelay e2e = new E2eDelay();
    private final PeerDelay pdelay;
    private final SyncTransmitter syncTx = new SyncTransmitter(this);
    private final UnicastService unicastService = new UnicastService(this);
    private final IntervalRequest intervalRequest = new IntervalRequest(this);
    private final SignalingReceiver signaling = new SignalingReceiver(this);
    private final AnnounceReceiver announces = new AnnounceReceiver(this);
    private final FaultHandling faults;
    private final AnnounceTransmitter announcer;
    private final NetSyncMonitor netSync = new NetSyncMonitor();
    private final io.ptp4j.core.wire.TlvCursor tlvs = new io.ptp4j.core.wire.TlvCursor();
    private UnicastClient unicastClient;

    /** The logMessageInterval of the parent's last Sync (0x7F: none yet). */
    int lastSyncLogInterval = 0x7F;
    private boolean inHoldover;
    /** Hybrid E2E: where the parent's Sync came from, for unicast Delay_Req. */
    private long masterAddress = NONE;

    public Port(int number, ClockConfig clockCfg, PortHost host) {
        this.number = number;
        this.clockCfg = clockCfg;
        this.cfg = clockCfg.portConfig(number);
        this.host = host;
        this.ds = new PortDS(number, cfg);
        this.foreign = new ForeignMasterRecords(8, clockCfg.clockIdentity, number);
        this.pdelay = new PeerDelay(clockCfg.clockIdentity, number, clockCfg.delayFilterLength);
        this.timers = new PortTimers(host);
        this.faults = new FaultHandling(this);
        this.syfu = new SyncFollowUp(counters, clockCfg.checkFupSync);
        this.announcer = new AnnounceTransmitter(this);
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
        if (rxTs != NONE) {
            rxTs -= cfg.ingressLatencyNanos;
            if (ds.portState() == PortState.SLAVE) host.checkTimestamp(rxTs); // port.c: clock_check_ts
        }
        if (rx.sourceClockIdentity() == clockCfg.clockIdentity) return; // our own multicast looped back
        switch (type) {
            case ANNOUNCE -> announces.receive(rx);
            case SYNC -> onSync(rx, rxTs, source);
            case FOLLOW_UP -> onFollowUp(rx);
            case DELAY_REQ -> onDelayReq(rx, rxTs, source);
            case DELAY_RESP -> onDelayResp(rx);
            case PDELAY_REQ -> { // p2p1step: a NIC that answers in one step need not stamp the request (port.c)
                if (cfg.delayMechanism == DelayMechanism.P2P && (rxTs != NONE || clockCfg.p2pOneStep)) {
                    send(pdelay.respond(this, rx, rxTs, clockCfg.p2pOneStep, cfg.egressLatencyNanos + cfg.ingressLatencyNanos), true,
                            Driver.PEER_MULTICAST);
                }
            }
            case PDELAY_RESP -> {
                if (cfg.delayMechanism == DelayMechanism.P2P && !faults.badPeerNetwork(pdelay) && pdelay.onResponse(rx, rxTs)) peerDelayMeasured();
            }
            case PDELAY_RESP_FOLLOW_UP -> {
                if (pdelay.onResponseFollowUp(rx)) peerDelayMeasured();
            }
            case SIGNALING -> signaling.receive(rx, source);
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

    /**
     * A fault noted while the last call into this port ran (a send or a transmit timestamp that
     * failed) takes effect now; the clock calls it after each call, as linuxptp dispatches the
     * event port_event returned.
     */
    public void applyPendingFault() {
        faults.applyPending();
    }

    /** rtnetlink's news of the port's link (linuxptp port_link_status); {@code tsLabel} null: no bond slave. */
    public void linkStatus(boolean up, String tsLabel) {
        faults.linkStatus(up, tsLabel);
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
    void armAnnounceReceipt() {
        if (cfg.inhibitAnnounce) return; // linuxptp: the timeout only clears itself, no event
        arm(PortTimers.ANNOUNCE_RX, cfg.announceReceiptNanos(ds.logAnnounceInterval(), host.random()));
    }

    /** 9.5.11.2: Delay_Req at a random time in [0, 2 * 2^logMinDelayReqInterval]. */
    private void armDelayReq() {
        if (cfg.inhibitDelayReq) return;
        long iv = interval(ds.logMinDelayReqInterval());
        arm(PortTimers.DELAY_REQ, (long) (host.random().nextDouble() * 2 * iv));
    }

    private void fire(int timer) {
        counters.timerFired(timer); // PORT_SERVICE_STATS_NP
        switch (timer) {
            case PortTimers.ANNOUNCE_TX -> {
                if (asCapable()) announcer.sendMulticast(); // 802.1AS: nothing but Pdelay on a port that is not asCapable
                arm(PortTimers.ANNOUNCE_TX, interval(ds.logAnnounceInterval()));
            }
            case PortTimers.SYNC_TX -> {
                if (asCapable()) syncTx.sendMulticast(ds.logSyncInterval());
                arm(PortTimers.SYNC_TX, interval(ds.logSyncInterval()));
            }
            case PortTimers.DELAY_REQ -> delayRequestTimer();
            case PortTimers.PDELAY_REQ -> {
                if (cfg.delayMechanism == DelayMechanism.COMMON_P2P) pdelay.commonTimeout(cfg.allowedLostResponses);
                else send(pdelay.request(this), true, Driver.PEER_MULTICAST);
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
            case PortTimers.FAULT -> faults.timerExpired();
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
        PortState to = next(from, event, masterChanged);
        FaultType fault = event == PortEvent.FAULT_DETECTED ? faults.last() : null;
        // linuxptp port_state_update: a fault whose interval is ASAP clears at once, and a port
        // that comes to INITIALIZING initializes at once (port_disable, port_initialize)
        if (to == PortState.FAULTY && faults.clearAtOnce()) {
            host.listener().notice(number, "clearing fault immediately");
            to = next(to, PortEvent.FAULT_CLEARED, false);
        }
        if (to == PortState.INITIALIZING) {
            initialize();
            event = PortEvent.INIT_COMPLETE;
            fault = null;
            to = next(to, event, false);
        }
        if (to == from) return;
        ds.portState(to);
        host.listener().portStateChanged(number, from, to, event, fault);
        enter(from);
    }

    private PortState next(PortState from, PortEvent event, boolean masterChanged) {
        return cfg.bmcaNoop ? Fsm.designated(from, event, cfg.serverOnly) : Fsm.next(from, event, masterChanged, clockCfg.clientOnly);
    }

    /** linuxptp port_disable: a FAULTY or DISABLED port forgets its masters and measurements. */
    private void disable() {
        foreign.clear();
        syfu.clear();
        e2e.cancel();
        pdelay.reset();
        lastSyncLogInterval = 0x7F;
        masterAddress = NONE;
        inHoldover = false;
    }

    /** linuxptp port_initialize: no fault, the configured intervals. */
    private void initialize() {
        disable();
        faults.reset();
        ds.initialIntervals(cfg);
        ds.logMinDelayReqInterval(cfg.logMinDelayReqInterval);
    }

    /** What a port starts doing when it enters its new state (9.2.5, linuxptp port_state_update). */
    private void enter(PortState from) {
        long pdelayTimer = timers.deadline(PortTimers.PDELAY_REQ);
        timers.disarmProtocolTimers();
        PortState state = ds.portState();
        switch (state) {
            case FAULTY, DISABLED -> {
                disable();
                // clock_fault_timeout: try again after the fault's interval
                if (state == PortState.FAULTY) arm(PortTimers.FAULT, faults.intervalNanos());
            }
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
        if (cfg.delayMechanism.peerToPeer() && active() && !cfg.inhibitDelayReq) {
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
            // A disabled port forgot its foreign masters (linuxptp port_disable): the BMCA drops them.
            host.stateDecision();
        }
    }

    public boolean isSlaveLike() {
        PortState s = ds.portState();
        return s == PortState.SLAVE || s == PortState.UNCALIBRATED;
    }

    public boolean isMaster() {
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
        if (cfg.alwaysAsCapable || !cfg.followUpInfo || !cfg.delayMechanism.peerToPeer()) return true;
        if (cfg.delayMechanism == DelayMechanism.COMMON_P2P) return pdelay.commonAsCapable(); // the CMLDS decides
        long d = pdelay.delayNanos();
        return pdelay.valid() && pdelay.neighborRateRatioValid() && pdelay.missing() <= cfg.allowedLostResponses
                && pdelay.multipleSeqCount() <= cfg.allowedLostResponses
                && d <= ds.neighborPropDelayThreshNanos() && d >= cfg.minNeighborPropDelayNanos;
    }

    // ---- Announce (9.5.3, 9.3.2) --------------------------------------------------------------

    boolean fromParent(PtpMessage rx) {
        return host.isParentPort(number) && host.parentDS().isParent(rx.sourceClockIdentity(), rx.sourcePortNumber());
    }

    void sendAnnounce(int seq, long dest, int logInterval) {
        announcer.send(seq, dest, logInterval); // unicast grants (UnicastService)
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
            if (syfu.sync(rx.sequenceId(), t2, corr)) host.synchronize(this, rx.sequenceId(), syfu.origin, syfu.correction, syfu.t2);
        } else {
            syfu.clear();
            host.synchronize(this, rx.sequenceId(), rx.bodyTimestampAsNanos(), corr, t2);
        }
    }

    private void onFollowUp(PtpMessage rx) {
        if (!isSlaveLike() || !syncFromParent(rx)) return;
        int fui = cfg.followUpInfo ? io.ptp4j.core.wire.FollowUpInfoTlv.find(rx, tlvs) : -1;
        if (fui >= 0) host.followUpInformation(this, rx, fui); // linuxptp clock_follow_up_info
        if (syfu.followUp(rx.sequenceId(), rx.bodyTimestampAsNanos(), rx.correctionField() >> 16)) {
            host.synchronize(this, rx.sequenceId(), syfu.origin, syfu.correction, syfu.t2);
        }
    }

    /** The parent's Sync interval when it announced a sane one, else {@code otherwise}. */
    public int lastSyncLogInterval(int otherwise) {
        int log = lastSyncLogInterval;
        return log != 0x7F && log > -10 && log < 10 ? log : otherwise;
    }

    // ---- Delay_Req / Delay_Resp (E2E, 11.3) ----------------------------------------------------

    private void onDelayReq(PtpMessage rx, long t4, long source) {
        boolean unicast = rx.flag(PtpMessage.FLAG_UNICAST);
        // net_sync_monitor: a unicast PTPMON_REQ is answered in any state (linuxptp port_nsm_reply)
        boolean nsm = cfg.netSyncMonitor && cfg.hybridE2e && unicast && NetSyncMonitor.requested(rx, tlvs);
        if ((!nsm && !isMaster()) || cfg.delayMechanism != DelayMechanism.E2E || t4 == NONE) return;
        PtpMessage resp = E2eDelay.respond(this, rx, t4, cfg.logMinDelayReqInterval, unicast);
        if (nsm) netSync.appendResponse(resp, state(), host, host.isParentPort(number) ? masterAddress : Driver.MULTICAST);
        send(resp, false, unicast ? source : Driver.MULTICAST);
        if (nsm) syncTx.send(rx.sequenceId(), source, 0x7F); // and a unicast Sync/Follow_Up of the same sequenceId
    }

    private void onDelayResp(PtpMessage rx) {
        if (!isSlaveLike() || !e2e.pending() || !syncFromParent(rx)) return;
        if (!e2e.answers(rx, clockCfg.clockIdentity, number)) return;
        long t3 = e2e.complete();
        long c3 = rx.correctionField() >> 16, receive = rx.bodyTimestampAsNanos(), t4 = receive - c3;
        host.monitorDelay(this, rx.sequenceId(), t3, c3, receive); // linuxptp process_delay_resp: monitor_delay
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
        int type = tx.get(0) & 0x0F;
        if (host.driver().send(number, tx, 0, length, event, destination)) {
            counters.sent(type);
        } else {
            counters.txFailures++;
            faults.sendFailed(type);
        }
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

    UnicastClient unicastClient() {
        return unicastClient;
    }

    /** The unicast master table (UNICAST_MASTER_TABLE_NP); empty when the port is no unicast client. */
    public UnicastTableEntry[] unicastMasterTable() {
        return unicastClient == null ? new UnicastTableEntry[0] : unicastClient.table();
    }

    /** POWER_PROFILE_SETTINGS_NP: what this port's Announces carry. */
    public PowerProfile powerProfile() {
        return announcer.powerProfile();
    }

    /** This port's own PortAddress (NSM answers name it when the clock is its own parent). */
    public void protocolAddress(int networkProtocol, byte[] address) {
        netSync.protocolAddress(networkProtocol, address);
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

    /** The type of the last fault (linuxptp last_fault_type). */
    public FaultType lastFaultType() {
        return faults.last();
    }

    /** Whether the link is up, as rtnetlink last said (linuxptp port_link_status_get). */
    public boolean linkUp() {
        return faults.linkUp();
    }
}
