package io.ptp4j.core.clock;

import io.ptp4j.core.engine.Driver;
import io.ptp4j.core.engine.PortConfig;
import io.ptp4j.core.engine.ClockConfig;
import io.ptp4j.core.engine.ClockType;
import io.ptp4j.core.engine.DelayMechanism;
import io.ptp4j.core.engine.EngineListener;
import io.ptp4j.core.engine.PtpNode;
import io.ptp4j.core.port.HeaderWriter;
import io.ptp4j.core.port.PeerDelay;
import io.ptp4j.core.wire.DecodeException;
import io.ptp4j.core.wire.MessageType;
import io.ptp4j.core.wire.PtpMessage;
import io.ptp4j.core.wire.TlvCursor;
import java.nio.ByteBuffer;

/**
 * A transparent clock, end-to-end or peer-to-peer.
 *
 * <p>End-to-end (IEEE 1588-2019 10.2, 11.5.2; linuxptp e2e_tc.c / tc.c): every
 * PTP message is forwarded out of every other port (another domain's too, as linuxptp's are,
 * though only its own domain's are acted on), and the time an event message
 * spent inside (egress minus ingress timestamp, its residence time) is added to a correctionField
 * as a two-step TC does: a Sync's to its Follow_Up, a Delay_Req's to the Delay_Resp that answers
 * it. The TC's own clock is not disciplined; over microseconds of residence its frequency error
 * does not matter. Peer-delay messages are link-local and not forwarded (10.2).
 *
 * <p>Peer-to-peer ({@code clock_type P2P_TC}, delay_mechanism P2P; 10.3, 11.5.2.2; linuxptp
 * p2p_tc.c): every port measures the delay to its link peer with Pdelay_Req/Resp (two-step) and
 * answers its peer's Pdelay_Req. A Sync's Follow_Up gets the residence time plus the delay of the
 * link the Sync came in on (scaled by nothing: the TC's frequency error over a microsecond link
 * delay is far below a nanosecond). Delay_Req/Delay_Resp do not belong in a P2P network and are
 * dropped; Pdelay messages stay on their link.
 *
 * <p>{@code tc_spanning_tree 1} (linuxptp tc.c): the ports also run the BMCA and the port state
 * machine ({@link TcSpanningTree}) and a message is forwarded only along the tree that gives:
 * Sync, Follow_Up, Announce and the rest from the SLAVE (or UNCALIBRATED) port out of the MASTER
 * ports, Delay_Req from a MASTER port to the SLAVE one, nothing in or out of a port in another
 * state. A forwarded Announce gets stepsRemoved + 1. Off (the default), everything goes out of
 * every other port.
 *
 * <p>Residence records live in a small preallocated ring: no allocation per message.
 */
public final class TransparentClock implements PtpNode {
    private static final int SLOTS = 64;

    private final ClockConfig cfg;
    private final Driver driver;
    private final EngineListener listener;
    private final int ports;
    private final PtpMessage rx = new PtpMessage();
    private final PtpMessage fwd = new PtpMessage();
    private final TlvCursor tlvs = new TlvCursor();
    private final ByteBuffer out = ByteBuffer.allocate(512);
    private final ByteBuffer synth = ByteBuffer.allocate(64);
    private final PtpMessage synthMsg = new PtpMessage();

    // One slot per forwarded event message copy: what it was, where it went, when it came in,
    // and (once the transmit timestamp is in) its residence time.
    private final int[] slotType = new int[SLOTS], slotSeq = new int[SLOTS], slotEgress = new int[SLOTS];
    private final long[] slotSource = new long[SLOTS], slotRx = new long[SLOTS], slotResidence = new long[SLOTS];
    private final int[] slotSourcePort = new int[SLOTS];
    private final int[] slotIngress = new int[SLOTS];
    private final boolean[] slotDone = new boolean[SLOTS];
    private int next;
    // A Follow_Up or Delay_Resp that came before its residence was known, held per egress port.
    private final byte[][] held = new byte[8][];
    private final int[] heldLength = new int[8];
    private final int[] heldPort = new int[8];
    private final int[] heldSlot = new int[8];
    private long forwarded, badPackets;
    private boolean foreign; // the message being handled is of another domain

    // P2P: one peer-delay measurement per port (index port - 1), and when each next asks.
    private final boolean p2p;
    private final PeerDelay[] peerDelay;
    private final HeaderWriter[] pdHeader;
    private final long[] pdNext;
    private final PtpMessage msg = new PtpMessage();
    private final ByteBuffer pd = ByteBuffer.allocate(128);
    // tc_spanning_tree: the port states that decide where messages may go; null when off
    private final TcSpanningTree tree;

    public TransparentClock(ClockConfig config, Driver driver, EngineListener listener) {
        this.cfg = config.copy();
        this.driver = driver;
        this.listener = listener == null ? new EngineListener() {} : listener;
        this.ports = cfg.numberPorts;
        for (int i = 0; i < held.length; i++) held[i] = new byte[512];
        java.util.Arrays.fill(heldSlot, -1);
        this.p2p = cfg.clockType == ClockType.P2P_TC || cfg.portConfig(1).delayMechanism == DelayMechanism.P2P;
        peerDelay = new PeerDelay[ports];
        pdHeader = new HeaderWriter[ports];
        pdNext = new long[ports];
        for (int i = 0; i < ports; i++) {
            int port = i + 1;
            peerDelay[i] = new PeerDelay(cfg.clockIdentity, port, cfg.delayFilterLength);
            pdHeader[i] = (type, seq, log) -> msg.wrap(pd, 0, pd.capacity()).initHeader(type, cfg.minorVersion)
                    .majorSdoId(cfg.portConfig(port).transportSpecific).domainNumber(cfg.domainNumber)
                    .sourcePort(cfg.clockIdentity, port).sequenceId(seq).logMessageInterval(log);
        }
        java.util.Arrays.fill(pdNext, Long.MAX_VALUE);
        tree = cfg.tcSpanningTree ? new TcSpanningTree(cfg, this.listener) : null;
    }

    @Override
    public void start(long nowNanos) {
        if (p2p) java.util.Arrays.fill(pdNext, nowNanos);
        if (tree != null) tree.start(nowNanos);
    }

    @Override
    public void onTimer(long nowNanos) {
        if (tree != null && tree.nextTimerNanos() <= nowNanos) tree.onTimer(nowNanos);
        if (!p2p) return;
        for (int i = 0; i < ports; i++) {
            if (pdNext[i] > nowNanos) continue;
            int log = cfg.portConfig(i + 1).logMinPdelayReqInterval;
            pdNext[i] = nowNanos + PortConfig.intervalNanos(log);
            peerDelay[i].request(pdHeader[i]);
            sendPeerDelay(i + 1, true);
        }
    }

    /**
     * Without tc_spanning_tree a transparent clock keeps no port states to fault: a frame
     * forwarded to a link that is down fails to send and is counted there. With it, a link going
     * down makes its port FAULTY and its coming back up starts the port again from LISTENING.
     */
    @Override
    public void onLinkStatus(int port, boolean up, String tsLabel, long nowNanos) {
        if (tree != null && port >= 1 && port <= ports) tree.linkStatus(port, up, nowNanos);
    }

    /**
     * The state of {@code port} as tc_spanning_tree runs it, or null when tc_spanning_tree is off
     * (then the TC keeps no port states and forwards everything everywhere).
     */
    public io.ptp4j.core.port.PortState portState(int port) {
        return tree == null || port < 1 || port > ports ? null : tree.state(port);
    }

    @Override
    public long nextTimerNanos() {
        long next = tree == null ? Long.MAX_VALUE : tree.nextTimerNanos();
        if (p2p) for (long t : pdNext) next = Math.min(next, t);
        return next;
    }

    /** The measured delay of the link on {@code port}, ns (P2P), or Long.MIN_VALUE before the first measurement. */
    public long linkDelayNanos(int port) {
        return peerDelay[port - 1].valid() ? peerDelay[port - 1].delayNanos() : Long.MIN_VALUE;
    }

    private void sendPeerDelay(int port, boolean event) {
        driver.send(port, pd, 0, msg.messageLength(), event, Driver.PEER_MULTICAST);
    }

    private void peerDelayMeasured(int port) {
        listener.peerDelay(port, peerDelay[port - 1].delayNanos(), peerDelay[port - 1].neighborRateRatio());
    }

    public long forwarded() {
        return forwarded;
    }

    public long badPackets() {
        return badPackets;
    }

    @Override
    public void onReceive(int port, ByteBuffer buf, int offset, int length, long rxTs, long source, long now) {
        if (port < 1 || port > ports) return; // no such port: nothing to do (as PtpClock)
        MessageType type;
        try {
            rx.wrap(buf, offset, length);
            type = rx.validate(tlvs);
        } catch (DecodeException e) {
            badPackets++;
            listener.badPacket(port, e);
            return;
        }
        // Another domain's messages are forwarded, unconditionally, but never acted on here: no
        // peer delay answered, no foreign master, no spanning-tree state (linuxptp tc_ignore
        // keeps them from the port, tc_forward and tc_blocked still send them on)
        foreign = rx.domainNumber() != cfg.domainNumber;
        int len = rx.messageLength();
        if (foreign && (type == MessageType.PDELAY_REQ || type == MessageType.PDELAY_RESP || type == MessageType.PDELAY_RESP_FOLLOW_UP
                || (p2p && (type == MessageType.DELAY_REQ || type == MessageType.DELAY_RESP)))) {
            return;
        }
        if (p2p) {
            switch (type) {
                case PDELAY_REQ -> {
                    if (rxTs != Long.MIN_VALUE || cfg.p2pOneStep) {
                        PortConfig pc = cfg.portConfig(port);
                        peerDelay[port - 1].respond(pdHeader[port - 1], rx, rxTs, cfg.p2pOneStep, pc.egressLatencyNanos + pc.ingressLatencyNanos);
                        sendPeerDelay(port, true);
                    }
                    return;
                }
                case PDELAY_RESP -> {
                    if (peerDelay[port - 1].onResponse(rx, rxTs)) peerDelayMeasured(port);
                    return;
                }
                case PDELAY_RESP_FOLLOW_UP -> {
                    if (peerDelay[port - 1].onResponseFollowUp(rx)) peerDelayMeasured(port);
                    return;
                }
                case DELAY_REQ, DELAY_RESP -> {
                    return; // not part of a P2P network (10.3)
                }
                default -> { }
            }
        }
        switch (type) {
            case PDELAY_REQ, PDELAY_RESP, PDELAY_RESP_FOLLOW_UP -> { } // link-local
            case SYNC, DELAY_REQ -> {
                // linuxptp tc_fwd_sync: a one-step Sync leaves as a two-step one, and a Follow_Up
                // made from its originTimestamp carries the residence time
                boolean oneStepSync = type == MessageType.SYNC && !rx.flag(PtpMessage.FLAG_TWO_STEP);
                for (int p = 1; p <= ports; p++) {
                    if (blocked(port, p, type)) continue;
                    int s = next;
                    next = (next + 1) % SLOTS;
                    slotType[s] = type.code;
                    slotSeq[s] = rx.sequenceId();
                    slotSource[s] = rx.sourceClockIdentity();
                    slotSourcePort[s] = rx.sourcePortNumber();
                    slotEgress[s] = p;
                    slotRx[s] = rxTs;
                    slotIngress[s] = port;
                    slotDone[s] = false;
                    copy(buf, offset, len);
                    if (oneStepSync) fwd.flag(PtpMessage.FLAG_TWO_STEP, true);
                    send(p, len, true);
                }
                if (oneStepSync) {
                    int n = followUpOf(rx);
                    forwardCorrected(port, synth, 0, n, MessageType.SYNC.code, rx.sourceClockIdentity(), rx.sourcePortNumber(), rx.sequenceId());
                }
                if (tree != null && !foreign && type == MessageType.SYNC) tree.sync(port, rx);
            }
            case FOLLOW_UP -> forwardCorrected(port, buf, offset, len, MessageType.SYNC.code, rx.sourceClockIdentity(),
                    rx.sourcePortNumber(), rx.sequenceId());
            case DELAY_RESP -> forwardCorrected(port, buf, offset, len, MessageType.DELAY_REQ.code, rx.requestingClockIdentity(),
                    rx.requestingPortNumber(), rx.sequenceId());
            default -> {
                // linuxptp tc_forward: with tc_spanning_tree a forwarded Announce is one step further
                // from its grandmaster (the signing driver, if any, signs the changed message anew)
                boolean step = tree != null && type == MessageType.ANNOUNCE;
                for (int p = 1; p <= ports; p++) {
                    if (blocked(port, p, type)) continue;
                    copy(buf, offset, len);
                    if (step) fwd.stepsRemoved((fwd.stepsRemoved() + 1) & 0xFFFF);
                    send(p, len, false);
                }
                if (step && !foreign) tree.announce(port, rx, now); // after forwarding, as e2e_event does
            }
        }
    }

    /**
     * Forwards a general message, adding the residence of the event message it completes. A
     * Follow_Up travels the way its Sync did (out of the Sync's egress port); a Delay_Resp travels
     * back the way its Delay_Req came (in on the Req's egress port, out of the Req's ingress port).
     */
    private void forwardCorrected(int ingress, ByteBuffer buf, int offset, int len, int eventType, long clock, int portNo, int seq) {
        boolean backwards = eventType == MessageType.DELAY_REQ.code;
        MessageType type = backwards ? MessageType.DELAY_RESP : MessageType.FOLLOW_UP;
        for (int p = 1; p <= ports; p++) {
            if (blocked(ingress, p, type)) continue;
            // a Delay_Req left by the port its Delay_Resp came in on, after coming in on port p
            int s = backwards ? find(eventType, clock, portNo, seq, ingress, p) : find(eventType, clock, portNo, seq, p, 0);
            copy(buf, offset, len);
            if (s >= 0 && slotDone[s]) {
                fwd.correctionField(fwd.correctionField() + (slotResidence[s] << 16));
                send(p, len, false);
            } else if (s >= 0) {
                hold(p, s, len);
            } else {
                send(p, len, false); // its event message never passed here (or is long gone)
            }
        }
    }

    @Override
    public void onTxTimestamp(int port, int typeCode, int sequenceId, long txTs, long now) {
        if (port < 1 || port > ports) return;
        if (p2p && typeCode == MessageType.PDELAY_REQ.code) {
            peerDelay[port - 1].requestTransmitted(sequenceId, txTs);
            return;
        }
        if (p2p && typeCode == MessageType.PDELAY_RESP.code) {
            if (peerDelay[port - 1].responseTransmitted(pdHeader[port - 1], sequenceId, txTs) != null) sendPeerDelay(port, false);
            return;
        }
        for (int i = 0; i < SLOTS; i++) {
            int s = (next - 1 - i + SLOTS) % SLOTS;
            if (!slotDone[s] && slotEgress[s] == port && slotType[s] == typeCode && slotSeq[s] == sequenceId) {
                slotResidence[s] = txTs - slotRx[s];
                // P2P: a Sync's correction also carries the delay of the link it came in on (11.5.2.2)
                if (p2p && typeCode == MessageType.SYNC.code && peerDelay[slotIngress[s] - 1].valid()) {
                    slotResidence[s] += peerDelay[slotIngress[s] - 1].delayNanos();
                }
                slotDone[s] = true;
                release(s);
                return;
            }
        }
    }

    /** linuxptp tc_blocked: never back out of the ingress port; with tc_spanning_tree, only along the tree. */
    private boolean blocked(int ingress, int egress, MessageType type) {
        return egress == ingress || (tree != null && !foreign && tree.blocked(ingress, egress, type));
    }

    /** The newest slot of this event message that left by {@code egress} (and came in on {@code ingress}, unless 0). */
    private int find(int type, long clock, int portNo, int seq, int egress, int ingress) {
        for (int i = 0; i < SLOTS; i++) {
            int s = (next - 1 - i + SLOTS) % SLOTS;
            if (slotType[s] == type && slotSeq[s] == seq && slotSource[s] == clock && slotSourcePort[s] == portNo
                    && slotEgress[s] == egress && (ingress == 0 || slotIngress[s] == ingress)) {
                return s;
            }
        }
        return -1;
    }

    private void hold(int port, int slot, int len) {
        for (int i = 0; i < held.length; i++) {
            if (heldSlot[i] < 0) {
                out.get(0, held[i], 0, len);
                heldLength[i] = len;
                heldPort[i] = port;
                heldSlot[i] = slot;
                return;
            }
        }
        send(port, len, false); // no room to hold it: forward uncorrected rather than drop
    }

    private void release(int slot) {
        for (int i = 0; i < held.length; i++) {
            if (heldSlot[i] != slot) continue;
            out.put(0, held[i], 0, heldLength[i]);
            fwd.wrap(out, 0, heldLength[i]);
            fwd.correctionField(fwd.correctionField() + (slotResidence[slot] << 16));
            send(heldPort[i], heldLength[i], false);
            heldSlot[i] = -1;
        }
    }

    /** The Follow_Up a two-step master would have sent after one-step Sync {@code sync}, in {@link #synth}; its length. */
    private int followUpOf(PtpMessage sync) {
        PtpMessage f = synthMsg.wrap(synth, 0, synth.capacity()).initHeader(MessageType.FOLLOW_UP, cfg.minorVersion)
                .majorSdoId(sync.majorSdoId()).domainNumber(sync.domainNumber())
                .sourcePort(sync.sourceClockIdentity(), sync.sourcePortNumber()).sequenceId(sync.sequenceId())
                .logMessageInterval(sync.logMessageInterval()).timestampFromNanos(PtpMessage.OFF_BODY, sync.bodyTimestampAsNanos());
        return f.messageLength();
    }

    private void copy(ByteBuffer buf, int offset, int len) {
        for (int i = 0; i < len; i++) out.put(i, buf.get(offset + i));
        fwd.wrap(out, 0, len);
    }

    private void send(int port, int len, boolean event) {
        if (driver.send(port, out, 0, len, event, Driver.MULTICAST)) forwarded++;
    }
}
