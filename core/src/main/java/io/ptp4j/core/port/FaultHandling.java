package io.ptp4j.core.port;

import io.ptp4j.core.engine.EngineListener;
import io.ptp4j.core.engine.PortConfig;
import io.ptp4j.core.wire.MessageType;

/**
 * A port's faults as linuxptp's port.c and clock.c handle them: the last fault's type, the link
 * state rtnetlink reported (linuxptp port_link_status), the interface that timestamps for the
 * port (its ts_label: a bond's active slave), and how long a fault lasts (fault_interval):
 * {@code fault_reset_interval} (2^N seconds, or ASAP) for most faults,
 * {@code fault_badpeernet_interval} (N seconds, 0 or ASAP: at once) for a bad peer network.
 *
 * <p>A fault found while a handler runs (a send that failed) is only noted here and applied when
 * the handler returns, as linuxptp returns EV_FAULT_DETECTED from port_event and dispatches it
 * afterwards: the handler's own timers and state are never changed under it.
 */
final class FaultHandling {
    /** linuxptp FRI_ASAP: fault_reset_interval ASAP (clear the fault as soon as it is found). */
    static final int ASAP = -128;
    private static final long NS = 1_000_000_000L;

    private final Port port;
    private final PortConfig cfg;
    private FaultType last = FaultType.FT_UNSPECIFIED;
    private FaultType pending;
    private boolean linkUp = true;
    private String tsLabel;

    FaultHandling(Port port) {
        this.port = port;
        this.cfg = port.cfg;
    }

    // ---- what the port reports ----------------------------------------------------------------

    /**
     * A message could not be sent, or its transmit timestamp did not come back (the driver said
     * so): linuxptp's words for that message, and a fault (port_prepare_and_send failing).
     */
    void sendFailed(int typeCode) {
        port.host.listener().notice(port.number, EngineListener.LOG_ERR, sendFailedText(typeCode));
        detected(FaultType.FT_UNSPECIFIED);
    }

    static String sendFailedText(int typeCode) {
        return switch (MessageType.ofCode(typeCode)) {
            case SYNC -> "send sync failed";
            case FOLLOW_UP -> "send follow up failed";
            case DELAY_REQ -> "send delay request failed";
            case DELAY_RESP -> "send delay response failed";
            case PDELAY_REQ -> "send peer delay request failed";
            case PDELAY_RESP -> "send peer delay response failed";
            case PDELAY_RESP_FOLLOW_UP -> "send pdelay_resp_fup failed";
            case ANNOUNCE -> "send announce failed";
            case null, default -> "send signaling failed";
        };
    }

    /**
     * linuxptp process_pdelay_resp: a second Pdelay_Resp within one request's round means more
     * than one peer answers (a bridge that is not 802.1AS-aware between us and them). Logged once
     * a round; more such rounds in a row than allowedLostResponses are a bad peer network fault.
     * True when the response must be dropped.
     */
    boolean badPeerNetwork(PeerDelay pdelay) {
        if (pdelay.responseReceived()) port.host.listener().notice(port.number, EngineListener.LOG_ERR, "multiple peer responses");
        if (pdelay.multipleSeqCount() <= cfg.allowedLostResponses) return false;
        detected(FaultType.FT_BAD_PEER_NETWORK);
        return true;
    }

    /** A fault noted while the last handler ran becomes FAULT_DETECTED now. */
    void applyPending() {
        if (takePending() != null) port.transition(PortEvent.FAULT_DETECTED, false);
    }

    /**
     * linuxptp port_link_status and the FD_RTNL event: rtnetlink says the link is {@code up} (and,
     * for a bond or team, which slave timestamps: {@code tsLabel}, null when there is none). Link
     * down or a new ts label is a fault; link up clears it at once. A link that goes down may
     * change the best master: the clock decides again.
     */
    void linkStatus(boolean up, String label) {
        boolean changed = link(up);
        if (changed) port.host.listener().notice(port.number, "link " + (up ? "up" : "down"));
        boolean relabelled = tsLabel(label);
        if (relabelled) {
            port.host.listener().notice(port.number, "ts label changed to " + label);
            port.host.tsLabelChanged(port);
        }
        if (changed && up) port.transition(PortEvent.FAULT_CLEARED, false);
        else if ((changed && !up) || relabelled) port.transition(PortEvent.FAULT_DETECTED, false);
        if (!up) port.host.stateDecision();
    }

    /** The fault interval is over: the fault clears, but only while the link is up (clock_poll). */
    void timerExpired() {
        if (linkUp) port.transition(PortEvent.FAULT_CLEARED, false);
    }

    /** The type printed after FAULT_DETECTED (linuxptp last_fault_type). */
    FaultType last() {
        return last;
    }

    /** A fault of {@code type}, applied when the running handler returns. */
    void detected(FaultType type) {
        last = type;
        if (pending == null) pending = type;
    }

    /** The fault noted since the last call, or null; clears it. */
    FaultType takePending() {
        FaultType p = pending;
        pending = null;
        return p;
    }

    /** port_initialize: a fresh port has no fault. */
    void reset() {
        last = FaultType.FT_UNSPECIFIED;
        pending = null;
    }

    boolean linkUp() {
        return linkUp;
    }

    /** Records the link state; true when it changed (linuxptp LINK_STATE_CHANGED). */
    boolean link(boolean up) {
        boolean changed = up != linkUp;
        linkUp = up;
        return changed;
    }

    /**
     * Records the interface that timestamps for the port; true when it changed from a known one
     * (linuxptp TS_LABEL_CHANGED). The first label only sets it, as clock_create does.
     */
    boolean tsLabel(String label) {
        if (label == null) return false;
        boolean changed = tsLabel != null && !tsLabel.equals(label);
        tsLabel = label;
        return changed;
    }

    String tsLabel() {
        return tsLabel;
    }

    /** linuxptp clear_fault_asap: the last fault's interval says "at once" (and the link is up). */
    boolean clearAtOnce() {
        if (!linkUp) return false;
        return last == FaultType.FT_BAD_PEER_NETWORK ? cfg.faultBadpeernetInterval == 0 : cfg.faultResetInterval == ASAP;
    }

    /** linuxptp clock_fault_timeout: how long the last fault lasts, ns. */
    long intervalNanos() {
        if (last == FaultType.FT_BAD_PEER_NETWORK) return Math.max(0, cfg.faultBadpeernetInterval) * NS;
        // FT_UNSPECIFIED takes fault_reset_interval; the other types keep linuxptp's default 2^4 s
        int log = last == FaultType.FT_UNSPECIFIED ? cfg.faultResetInterval : 4;
        return PortTimers.interval(log);
    }
}
