package io.ptp4j.core.clock;

import io.ptp4j.core.bmca.BmcDataset;
import io.ptp4j.core.bmca.DatasetComparison;
import io.ptp4j.core.bmca.ForeignMasterRecords;
import io.ptp4j.core.bmca.StateDecision;
import io.ptp4j.core.dataset.DefaultDS;
import io.ptp4j.core.engine.ClockConfig;
import io.ptp4j.core.engine.EngineListener;
import io.ptp4j.core.engine.PortConfig;
import io.ptp4j.core.port.Fsm;
import io.ptp4j.core.port.PortEvent;
import io.ptp4j.core.port.PortState;
import io.ptp4j.core.wire.ClockIdentity;
import io.ptp4j.core.wire.MessageType;
import io.ptp4j.core.wire.PtpMessage;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The port states of a transparent clock with {@code tc_spanning_tree 1} (linuxptp tc.c
 * tc_blocked, e2e_tc.c / p2p_tc.c): every port keeps foreign-master records from the Announces it
 * receives, times out its master as an ordinary port does, and the clock runs the state decision
 * with its own defaultDS as D0; the port states go through the ordinary port state machine
 * ({@link Fsm#ptp}). The TC itself never sends Announce or Sync: the states only decide which
 * forwarded messages may go in and out of which port ({@link #blocked}), so that a loop of
 * transparent clocks carries each message once.
 *
 * <p>A TC has no servo: an UNCALIBRATED port becomes SLAVE (MASTER_CLOCK_SELECTED) when the first
 * Sync from its master arrives. The forwarding rules treat both states alike, as linuxptp's do.
 */
final class TcSpanningTree {
    private static final long NONE = Long.MAX_VALUE;

    private final ClockConfig cfg;
    private final EngineListener listener;
    private final DatasetComparison cmp;
    private final SplittableRandom random;
    private final BmcDataset d0 = new BmcDataset();
    private final BmcDataset parent = new BmcDataset();
    private final BmcDataset scratch = new BmcDataset();
    private final ForeignMasterRecords[] foreign;
    private final PortState[] state;
    private final long[] announceDue, qualifiedDue;
    private int parentPort; // 0: this clock is its own best master
    private long parentGm = Long.MIN_VALUE;
    private long now;

    TcSpanningTree(ClockConfig cfg, EngineListener listener) {
        this.cfg = cfg;
        this.listener = listener;
        this.cmp = DatasetComparison.named(cfg.datasetComparison);
        this.random = new SplittableRandom(cfg.randomSeed ^ cfg.clockIdentity);
        new DefaultDS(cfg).describe(d0);
        int n = cfg.numberPorts;
        foreign = new ForeignMasterRecords[n];
        for (int i = 0; i < n; i++) foreign[i] = new ForeignMasterRecords(8, cfg.clockIdentity, i + 1);
        state = new PortState[n];
        Arrays.fill(state, PortState.INITIALIZING);
        announceDue = new long[n];
        qualifiedDue = new long[n];
        Arrays.fill(announceDue, NONE);
        Arrays.fill(qualifiedDue, NONE);
    }

    void start(long nowNanos) {
        now = nowNanos;
        for (int p = 1; p <= state.length; p++) dispatch(p, PortEvent.INIT_COMPLETE, false);
    }

    PortState state(int port) {
        return state[port - 1];
    }

    /**
     * Whether a message of {@code type} that came in on {@code ingress} must not go out of
     * {@code egress} (linuxptp tc_blocked, for the TC's own domain): Delay_Req travels from a
     * MASTER port to the SLAVE (or UNCALIBRATED) one, everything else the other way.
     */
    boolean blocked(int ingress, int egress, MessageType type) {
        boolean delayReq = type == MessageType.DELAY_REQ;
        return switch (state[ingress - 1]) {
            case UNCALIBRATED, SLAVE -> switch (state[egress - 1]) {
                case MASTER, GRAND_MASTER -> delayReq;
                case UNCALIBRATED, SLAVE -> !delayReq;
                default -> true;
            };
            case MASTER, GRAND_MASTER -> !delayReq || switch (state[egress - 1]) {
                case UNCALIBRATED, SLAVE -> false;
                default -> true; // a Delay_Req out of another MASTER port goes nowhere useful
            };
            default -> true; // INITIALIZING, FAULTY, DISABLED, LISTENING, PRE_MASTER, PASSIVE
        };
    }

    /** An Announce of this domain arrived on {@code port} (linuxptp process_announce, as a TC port). */
    void announce(int port, PtpMessage rx, long nowNanos) {
        now = nowNanos;
        PortState s = state[port - 1];
        if (s == PortState.INITIALIZING || s == PortState.FAULTY || s == PortState.DISABLED) return;
        if (rx.sourceClockIdentity() == cfg.clockIdentity) return; // tc_ignore: our own
        BmcDataset d = scratch.fromAnnounce(rx);
        d.localPriority = cfg.portConfig(port).localPriority;
        if (d.stepsRemoved >= cfg.maxStepsRemoved || d.clockClass > cfg.clockClassThreshold) return;
        ForeignMasterRecords fm = foreign[port - 1];
        BmcDataset erbest = fm.best();
        // update_current_master: the port's master refreshes the announce receipt timeout
        if ((s == PortState.PASSIVE || s == PortState.UNCALIBRATED || s == PortState.SLAVE) && erbest != null
                && erbest.senderClock == d.senderClock && erbest.senderPort == d.senderPort) {
            armAnnounceReceipt(port);
        }
        ForeignMasterRecords.AddResult r = fm.add(d, rx.logMessageInterval(), now);
        if (r == ForeignMasterRecords.AddResult.NEW_FOREIGN_MASTER) {
            listener.notice(port, "new foreign master " + rx.sourcePortIdentity());
        } else if (r == ForeignMasterRecords.AddResult.CHANGED) {
            decide();
        }
    }

    /** A Sync of this domain arrived on {@code port}: from its master, it completes UNCALIBRATED. */
    void sync(int port, PtpMessage rx) {
        if (state[port - 1] != PortState.UNCALIBRATED || port != parentPort) return;
        if (rx.sourceClockIdentity() == parent.senderClock && rx.sourcePortNumber() == parent.senderPort) {
            dispatch(port, PortEvent.MASTER_CLOCK_SELECTED, false);
        }
    }

    /** linuxptp: a link going down is a fault, its coming back clears it (INITIALIZING, then LISTENING). */
    void linkStatus(int port, boolean up, long nowNanos) {
        now = nowNanos;
        PortState before = state[port - 1];
        dispatch(port, up ? PortEvent.FAULT_CLEARED : PortEvent.FAULT_DETECTED, false);
        if (state[port - 1] != before) decide();
    }

    long nextTimerNanos() {
        long next = NONE;
        for (int i = 0; i < state.length; i++) next = Math.min(next, Math.min(announceDue[i], qualifiedDue[i]));
        return next;
    }

    void onTimer(long nowNanos) {
        now = nowNanos;
        for (int p = 1; p <= state.length; p++) {
            if (qualifiedDue[p - 1] <= now) {
                qualifiedDue[p - 1] = NONE;
                dispatch(p, PortEvent.QUALIFICATION_TIMEOUT_EXPIRES, false);
            }
            if (announceDue[p - 1] <= now) {
                // e2e_event FD_ANNOUNCE_TIMER: forget the port's best master, time out, decide again
                BmcDataset gone = foreign[p - 1].best();
                if (gone != null) foreign[p - 1].remove(gone.senderClock, gone.senderPort);
                armAnnounceReceipt(p);
                dispatch(p, PortEvent.ANNOUNCE_RECEIPT_TIMEOUT_EXPIRES, false);
                decide();
            }
        }
    }

    /** linuxptp handle_state_decision_event: Ebest over all ports, then each port's recommended state. */
    private void decide() {
        BmcDataset ebest = null;
        int ebestPort = 0;
        for (int i = 0; i < foreign.length; i++) {
            BmcDataset erbest = foreign[i].computeBest(cmp, now);
            if (erbest == null || (ebest != null && cmp.compare(erbest, ebest) <= 0)) continue;
            ebest = erbest;
            ebestPort = i + 1;
        }
        boolean self = ebest == null || cmp.compare(d0, ebest) > 0;
        long gm = self ? cfg.clockIdentity : ebest.identity;
        boolean fresh = gm != parentGm || (!self && (ebestPort != parentPort
                || ebest.senderClock != parent.senderClock || ebest.senderPort != parent.senderPort));
        if (fresh) {
            listener.notice(0, self ? "selected local clock " + ClockIdentity.format(gm) + " as best master"
                    : "selected best master clock " + ClockIdentity.format(gm));
        }
        parentGm = gm;
        parentPort = self ? 0 : ebestPort;
        if (!self) parent.copyFrom(ebest);
        for (int p = 1; p <= state.length; p++) {
            if (state[p - 1] == PortState.INITIALIZING) continue;
            PortState rs = StateDecision.decide(d0, self ? null : parent, foreign[p - 1].best(), p == parentPort,
                    state[p - 1], cmp);
            PortEvent ev = PortEvent.recommending(rs);
            if (ev == PortEvent.RS_GRAND_MASTER) listener.notice(p, "assuming the grand master role");
            if (ev != PortEvent.NONE) dispatch(p, ev, fresh);
        }
    }

    /** One event through the port state machine, with what entering the new state starts (linuxptp e2e_dispatch). */
    private void dispatch(int port, PortEvent event, boolean masterChanged) {
        PortState from = state[port - 1];
        PortState to = Fsm.ptp(from, event, masterChanged);
        if (to == PortState.INITIALIZING) { // port_initialize completes at once
            event = PortEvent.INIT_COMPLETE;
            to = Fsm.ptp(to, event, false);
        }
        if (to == from) return;
        state[port - 1] = to;
        listener.portStateChanged(port, from, to, event, null);
        announceDue[port - 1] = NONE;
        qualifiedDue[port - 1] = NONE;
        switch (to) {
            case FAULTY, DISABLED -> foreign[port - 1].clear();
            case LISTENING, PASSIVE, UNCALIBRATED, SLAVE -> armAnnounceReceipt(port);
            // 9.2.6.10: (stepsRemoved + 1) announce intervals, stepsRemoved being the clock's own
            case PRE_MASTER -> qualifiedDue[port - 1] = now + (parentPort == 0 ? 1L : parent.stepsRemoved + 2L)
                    * PortConfig.intervalNanos(cfg.portConfig(port).logAnnounceInterval);
            default -> { }
        }
    }

    /** announceReceiptTimeout intervals and a random part of one more (linuxptp port_set_announce_tmo). */
    private void armAnnounceReceipt(int port) {
        PortConfig pc = cfg.portConfig(port);
        announceDue[port - 1] = now + pc.announceReceiptNanos(pc.logAnnounceInterval, random);
    }
}
