package io.ptp4j.core.port;

import io.ptp4j.core.servo.MovingMedian;
import io.ptp4j.core.wire.MessageType;
import io.ptp4j.core.wire.PtpMessage;

/**
 * The peer-to-peer delay mechanism of one port (IEEE 1588-2019 11.4; linuxptp port.c
 * process_pdelay_*), used by ordinary, boundary and transparent clocks alike: as requester it
 * measures meanLinkDelay and the neighbor rate ratio, as responder it answers the peer two-step
 * (t2 in the Pdelay_Resp, t3 in the Pdelay_Resp_Follow_Up). Preallocated; nothing per message.
 */
public final class PeerDelay {
    private static final long NONE = Long.MIN_VALUE;

    private final long clockIdentity;
    private final int portNumber;
    private final MovingMedian filter;

    // Requester: t1 (our Pdelay_Req egress), t2 (peer ingress), t4 (our ingress), corrections.
    private int sequenceId;
    private long t1 = NONE, t2, t4, correction;
    private boolean waitingFollowUp;
    private long prevT3 = NONE, prevT4;
    private double neighborRateRatio = 1.0;
    private boolean neighborRateRatioValid;
    private long delayNanos;
    private boolean valid;
    // 802.1AS asCapable: a Pdelay_Req still unanswered, and how many in a row went unanswered.
    private boolean outstanding;
    private int missing;

    // Responder: the Pdelay_Req being answered.
    private long respToClock, respCorrection;
    private int respToPort, respSequenceId;
    private boolean respPending;

    public PeerDelay(long clockIdentity, int portNumber, int filterLength) {
        this.clockIdentity = clockIdentity;
        this.portNumber = portNumber;
        this.filter = new MovingMedian(Math.max(1, filterLength));
    }

    /** The next Pdelay_Req (its transmit timestamp is t1). */
    public PtpMessage request(HeaderWriter h) {
        if (outstanding) missing++; // the last request got no complete answer
        outstanding = true;
        sequenceId = (sequenceId + 1) & 0xFFFF;
        t1 = NONE;
        waitingFollowUp = false;
        return h.start(MessageType.PDELAY_REQ, sequenceId, 0x7F);
    }

    /** The transmit timestamp of a Pdelay_Req. */
    public void requestTransmitted(int seq, long txTimestamp) {
        if (seq == sequenceId) t1 = txTimestamp;
    }

    private boolean answersOurs(PtpMessage rx) {
        return rx.requestingClockIdentity() == clockIdentity && rx.requestingPortNumber() == portNumber
                && rx.sequenceId() == sequenceId && t1 != NONE;
    }

    /** A Pdelay_Resp received at {@code t4}; true when it completed a measurement (one-step responder). */
    public boolean onResponse(PtpMessage rx, long rxTimestamp) {
        if (!answersOurs(rx) || rxTimestamp == NONE) return false;
        t4 = rxTimestamp;
        t2 = rx.bodyTimestampAsNanos();
        correction = rx.correctionField() >> 16;
        if (rx.flag(PtpMessage.FLAG_TWO_STEP)) {
            waitingFollowUp = true;
            return false;
        }
        measure(t2); // one-step: the turnaround time is in the correctionField
        return true;
    }

    /** A Pdelay_Resp_Follow_Up; true when it completed a measurement. */
    public boolean onResponseFollowUp(PtpMessage rx) {
        if (!waitingFollowUp || !answersOurs(rx)) return false;
        waitingFollowUp = false;
        correction += rx.correctionField() >> 16;
        measure(rx.bodyTimestampAsNanos());
        return true;
    }

    /** 11.4.2: meanLinkDelay = ((t4 - t1) * r - (t3 - t2) - corrections) / 2, median-filtered. */
    private void measure(long t3) {
        if (prevT3 != NONE && t4 > prevT4 && t3 > prevT3) {
            neighborRateRatio = (double) (t3 - prevT3) / (double) (t4 - prevT4);
            neighborRateRatioValid = true;
        }
        prevT3 = t3;
        prevT4 = t4;
        long raw = Math.round(((t4 - t1) * neighborRateRatio - (t3 - t2) - correction) / 2.0);
        delayNanos = filter.sample(raw);
        valid = true;
        outstanding = false;
        missing = 0;
    }

    /** A peer's Pdelay_Req received at {@code t2}: the two-step Pdelay_Resp that answers it. */
    public PtpMessage respond(HeaderWriter h, PtpMessage rx, long rxTimestamp) {
        respToClock = rx.sourceClockIdentity();
        respToPort = rx.sourcePortNumber();
        respSequenceId = rx.sequenceId();
        respCorrection = rx.correctionField();
        respPending = true;
        return h.start(MessageType.PDELAY_RESP, respSequenceId, 0x7F).flag(PtpMessage.FLAG_TWO_STEP, true)
                .timestampFromNanos(PtpMessage.OFF_BODY, rxTimestamp).requestingPort(respToClock, respToPort);
    }

    /** The Pdelay_Resp's transmit timestamp t3: the Pdelay_Resp_Follow_Up to send, or null. */
    public PtpMessage responseTransmitted(HeaderWriter h, int seq, long txTimestamp) {
        if (!respPending || seq != respSequenceId) return null;
        respPending = false;
        return h.start(MessageType.PDELAY_RESP_FOLLOW_UP, respSequenceId, 0x7F).correctionField(respCorrection)
                .timestampFromNanos(PtpMessage.OFF_BODY, txTimestamp).requestingPort(respToClock, respToPort);
    }

    public long delayNanos() {
        return delayNanos;
    }

    public boolean valid() {
        return valid;
    }

    public double neighborRateRatio() {
        return neighborRateRatio;
    }

    public boolean neighborRateRatioValid() {
        return neighborRateRatioValid;
    }

    /** Pdelay_Reqs in a row that got no complete answer (allowedLostResponses). */
    public int missing() {
        return missing;
    }
}
