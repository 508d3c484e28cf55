package io.ptp4j.core.clock;

import io.ptp4j.core.engine.Driver;
import io.ptp4j.core.engine.EngineConfig;
import io.ptp4j.core.engine.EngineListener;
import io.ptp4j.core.engine.PtpNode;
import io.ptp4j.core.wire.DecodeException;
import io.ptp4j.core.wire.MessageType;
import io.ptp4j.core.wire.PtpMessage;
import io.ptp4j.core.wire.TlvCursor;
import java.nio.ByteBuffer;

/**
 * A transparent clock, end-to-end or peer-to-peer.
 *
 * <p>End-to-end (IEEE 1588-2019 10.2, 11.5.2; linuxptp e2e_tc.c / tc.c): every
 * PTP message of its domain is forwarded out of every other port, and the time an event message
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
 * <p>Residence records live in a small preallocated ring: no allocation per message.
 */
public final class TransparentClock implements PtpNode {
    private static final int SLOTS = 64;

    private final EngineConfig cfg;
    private final Driver driver;
    private final EngineListener listener;
    private final int ports;
    private final PtpMessage rx = new PtpMessage();
    private final PtpMessage fwd = new PtpMessage();
    private final TlvCursor tlvs = new TlvCursor();
    private final ByteBuffer out = ByteBuffer.allocate(512);

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

    // P2P: one peer-delay measurement per port (index port - 1).
    private final boolean p2p;
    private final long[] pdNext, pdT1, pdT2, pdT4, pdCorrection, pdPrevT3, pdPrevT4, linkDelay;
    private final int[] pdSeq;
    private final boolean[] pdWaitFollowUp, linkDelayValid;
    private final double[] nrr;
    private final io.ptp4j.core.servo.MovingMedian[] linkFilter;
    // P2P responder: the Pdelay_Req being answered on each port.
    private final long[] respToClock, respCorrection;
    private final int[] respToPort, respSeq;
    private final boolean[] respPending;
    private final PtpMessage msg = new PtpMessage();
    private final ByteBuffer pd = ByteBuffer.allocate(128);

    public TransparentClock(EngineConfig cfg, Driver driver, EngineListener listener) {
        this.cfg = cfg;
        this.driver = driver;
        this.listener = listener == null ? new EngineListener() {} : listener;
        this.ports = cfg.numberPorts;
        for (int i = 0; i < held.length; i++) held[i] = new byte[512];
        java.util.Arrays.fill(heldSlot, -1);
        this.p2p = cfg.clockType == EngineConfig.ClockType.P2P_TC || cfg.delayMechanism == EngineConfig.DelayMechanism.P2P;
        int n = ports;
        pdNext = new long[n];
        pdT1 = new long[n];
        pdT2 = new long[n];
        pdT4 = new long[n];
        pdCorrection = new long[n];
        pdPrevT3 = new long[n];
        pdPrevT4 = new long[n];
        linkDelay = new long[n];
        pdSeq = new int[n];
        pdWaitFollowUp = new boolean[n];
        linkDelayValid = new boolean[n];
        nrr = new double[n];
        linkFilter = new io.ptp4j.core.servo.MovingMedian[n];
        respToClock = new long[n];
        respCorrection = new long[n];
        respToPort = new int[n];
        respSeq = new int[n];
        respPending = new boolean[n];
        java.util.Arrays.fill(pdNext, Long.MAX_VALUE);
        java.util.Arrays.fill(pdT1, Long.MIN_VALUE);
        java.util.Arrays.fill(pdPrevT3, Long.MIN_VALUE);
        java.util.Arrays.fill(nrr, 1.0);
        for (int i = 0; i < n; i++) linkFilter[i] = new io.ptp4j.core.servo.MovingMedian(Math.max(1, cfg.delayFilterLength));
    }

    @Override
    public void start(long nowNanos) {
        if (p2p) java.util.Arrays.fill(pdNext, nowNanos);
    }

    @Override
    public void onTimer(long nowNanos) {
        if (!p2p) return;
        long iv = cfg.logMinPdelayReqInterval >= 0 ? 1_000_000_000L << Math.min(cfg.logMinPdelayReqInterval, 30)
                : 1_000_000_000L >> Math.min(-cfg.logMinPdelayReqInterval, 30);
        for (int i = 0; i < ports; i++) {
            if (pdNext[i] > nowNanos) continue;
            pdNext[i] = nowNanos + iv;
            sendPdelayReq(i + 1);
        }
    }

    @Override
    public long nextTimerNanos() {
        long next = Long.MAX_VALUE;
        if (p2p) for (long t : pdNext) next = Math.min(next, t);
        return next;
    }

    /** The measured delay of the link on {@code port}, ns (P2P), or Long.MIN_VALUE before the first measurement. */
    public long linkDelayNanos(int port) {
        return linkDelayValid[port - 1] ? linkDelay[port - 1] : Long.MIN_VALUE;
    }

    // ---- peer delay (11.4), per port -----------------------------------------------------------

    private PtpMessage pdHeader(MessageType type, int port, int seq) {
        return msg.wrap(pd, 0, pd.capacity()).initHeader(type, cfg.minorVersion)
                .majorSdoId(cfg.transportSpecific).domainNumber(cfg.domainNumber)
                .sourcePort(cfg.clockIdentity, port).sequenceId(seq).logMessageInterval(0x7F);
    }

    private void sendPdelayReq(int port) {
        int i = port - 1;
        pdSeq[i] = (pdSeq[i] + 1) & 0xFFFF;
        pdT1[i] = Long.MIN_VALUE;
        pdWaitFollowUp[i] = false;
        pdHeader(MessageType.PDELAY_REQ, port, pdSeq[i]);
        driver.send(port, pd, 0, msg.messageLength(), true, Driver.PEER_MULTICAST);
    }

    private void onPdelayReq(int port, long t2) {
        if (t2 == Long.MIN_VALUE) return;
        int i = port - 1;
        respToClock[i] = rx.sourceClockIdentity();
        respToPort[i] = rx.sourcePortNumber();
        respSeq[i] = rx.sequenceId();
        respCorrection[i] = rx.correctionField();
        respPending[i] = true;
        pdHeader(MessageType.PDELAY_RESP, port, respSeq[i]).flag(PtpMessage.FLAG_TWO_STEP, true)
                .timestampFromNanos(PtpMessage.OFF_BODY, t2).requestingPort(respToClock[i], respToPort[i]);
        driver.send(port, pd, 0, msg.messageLength(), true, Driver.PEER_MULTICAST);
    }

    private boolean answersOurs(int i) {
        return rx.requestingClockIdentity() == cfg.clockIdentity && rx.requestingPortNumber() == i + 1
                && rx.sequenceId() == pdSeq[i] && pdT1[i] != Long.MIN_VALUE;
    }

    private void onPdelayResp(int port, long t4) {
        int i = port - 1;
        if (!answersOurs(i) || t4 == Long.MIN_VALUE) return;
        pdT4[i] = t4;
        pdT2[i] = rx.bodyTimestampAsNanos();
        pdCorrection[i] = rx.correctionField() >> 16;
        if (rx.flag(PtpMessage.FLAG_TWO_STEP)) pdWaitFollowUp[i] = true;
        else linkDelay(i, pdT2[i]);
    }

    private void onPdelayRespFollowUp(int port) {
        int i = port - 1;
        if (!pdWaitFollowUp[i] || !answersOurs(i)) return;
        pdWaitFollowUp[i] = false;
        pdCorrection[i] += rx.correctionField() >> 16;
        linkDelay(i, rx.bodyTimestampAsNanos());
    }

    /** 11.4.2: meanLinkDelay = ((t4 - t1) * r - (t3 - t2) - corrections) / 2, median-filtered. */
    private void linkDelay(int i, long t3) {
        if (pdPrevT3[i] != Long.MIN_VALUE && pdT4[i] > pdPrevT4[i] && t3 > pdPrevT3[i]) {
            nrr[i] = (double) (t3 - pdPrevT3[i]) / (double) (pdT4[i] - pdPrevT4[i]);
        }
        pdPrevT3[i] = t3;
        pdPrevT4[i] = pdT4[i];
        long raw = Math.round(((pdT4[i] - pdT1[i]) * nrr[i] - (t3 - pdT2[i]) - pdCorrection[i]) / 2.0);
        linkDelay[i] = linkFilter[i].sample(raw);
        linkDelayValid[i] = true;
        listener.peerDelay(i + 1, linkDelay[i], nrr[i]);
    }

    public long forwarded() {
        return forwarded;
    }

    public long badPackets() {
        return badPackets;
    }

    @Override
    public void onReceive(int port, ByteBuffer buf, int offset, int length, long rxTs, long source, long now) {
        MessageType type;
        try {
            rx.wrap(buf, offset, length);
            type = rx.validate(tlvs);
        } catch (DecodeException e) {
            badPackets++;
            listener.badPacket(port, e);
            return;
        }
        if (rx.domainNumber() != cfg.domainNumber) return;
        int len = rx.messageLength();
        if (p2p) {
            switch (type) {
                case PDELAY_REQ -> {
                    onPdelayReq(port, rxTs);
                    return;
                }
                case PDELAY_RESP -> {
                    onPdelayResp(port, rxTs);
                    return;
                }
                case PDELAY_RESP_FOLLOW_UP -> {
                    onPdelayRespFollowUp(port);
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
                for (int p = 1; p <= ports; p++) {
                    if (p == port) continue;
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
                    send(p, len, true);
                }
            }
            case FOLLOW_UP -> forwardCorrected(port, buf, offset, len, MessageType.SYNC.code, rx.sourceClockIdentity(),
                    rx.sourcePortNumber(), rx.sequenceId());
            case DELAY_RESP -> forwardCorrected(port, buf, offset, len, MessageType.DELAY_REQ.code, rx.requestingClockIdentity(),
                    rx.requestingPortNumber(), rx.sequenceId());
            default -> {
                for (int p = 1; p <= ports; p++) {
                    if (p == port) continue;
                    copy(buf, offset, len);
                    send(p, len, false);
                }
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
        for (int p = 1; p <= ports; p++) {
            if (p == ingress) continue;
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
        if (p2p && typeCode == MessageType.PDELAY_REQ.code) {
            if (sequenceId == pdSeq[port - 1]) pdT1[port - 1] = txTs;
            return;
        }
        if (p2p && typeCode == MessageType.PDELAY_RESP.code) {
            int i = port - 1;
            if (respPending[i] && sequenceId == respSeq[i]) {
                respPending[i] = false;
                pdHeader(MessageType.PDELAY_RESP_FOLLOW_UP, port, respSeq[i]).correctionField(respCorrection[i])
                        .timestampFromNanos(PtpMessage.OFF_BODY, txTs).requestingPort(respToClock[i], respToPort[i]);
                driver.send(port, pd, 0, msg.messageLength(), false, Driver.PEER_MULTICAST);
            }
            return;
        }
        for (int i = 0; i < SLOTS; i++) {
            int s = (next - 1 - i + SLOTS) % SLOTS;
            if (!slotDone[s] && slotEgress[s] == port && slotType[s] == typeCode && slotSeq[s] == sequenceId) {
                slotResidence[s] = txTs - slotRx[s];
                // P2P: a Sync's correction also carries the delay of the link it came in on (11.5.2.2)
                if (p2p && typeCode == MessageType.SYNC.code && linkDelayValid[slotIngress[s] - 1]) {
                    slotResidence[s] += linkDelay[slotIngress[s] - 1];
                }
                slotDone[s] = true;
                release(s);
                return;
            }
        }
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

    private void copy(ByteBuffer buf, int offset, int len) {
        for (int i = 0; i < len; i++) out.put(i, buf.get(offset + i));
        fwd.wrap(out, 0, len);
    }

    private void send(int port, int len, boolean event) {
        if (driver.send(port, out, 0, len, event, Driver.MULTICAST)) forwarded++;
    }
}
