package io.ptp4j.core.port;

import io.ptp4j.core.wire.MessageType;
import io.ptp4j.core.wire.PtpMessage;

/**
 * The delay request-response mechanism of one port (IEEE 1588-2019 11.3; linuxptp port.c
 * port_delay_request, process_delay_req, process_delay_resp): as slave it times a Delay_Req (t3)
 * and takes t4 from the master's Delay_Resp; as master it answers Delay_Reqs.
 */
final class E2eDelay {
    private int sequenceId;
    private boolean pending;
    private long t3 = Long.MIN_VALUE;
    /** Delay_Reqs sent since the last answered one (delay_response_timeout). */
    int unanswered;

    /** The next Delay_Req (its transmit timestamp is t3). */
    PtpMessage request(HeaderWriter h) {
        sequenceId = (sequenceId + 1) & 0xFFFF;
        pending = true;
        t3 = Long.MIN_VALUE;
        return h.start(MessageType.DELAY_REQ, sequenceId, 0x7F);
    }

    void transmitted(int seq, long txTimestamp) {
        if (pending && seq == sequenceId) t3 = txTimestamp;
    }

    boolean pending() {
        return pending;
    }

    /** Forgets the outstanding request (a new master, or a step made its t3 meaningless). */
    void cancel() {
        pending = false;
    }

    /** Whether {@code rx}, a Delay_Resp, answers our outstanding Delay_Req of port {@code clock}-{@code port}. */
    boolean answers(PtpMessage rx, long clockIdentity, int portNumber) {
        return rx.requestingClockIdentity() == clockIdentity && rx.requestingPortNumber() == portNumber
                && rx.sequenceId() == sequenceId && t3 != Long.MIN_VALUE;
    }

    /** The answered request's t3; the request is done. */
    long complete() {
        pending = false;
        unanswered = 0;
        return t3;
    }

    /** 11.3.2 c): the master's Delay_Resp carries the Delay_Req's ingress time t4 and its correction. */
    static PtpMessage respond(HeaderWriter h, PtpMessage rx, long t4, int logMinDelayReqInterval, boolean unicast) {
        return h.start(MessageType.DELAY_RESP, rx.sequenceId(), logMinDelayReqInterval)
                .correctionField(rx.correctionField()).flag(PtpMessage.FLAG_UNICAST, unicast)
                .timestampFromNanos(PtpMessage.OFF_BODY, t4).requestingPort(rx.sourceClockIdentity(), rx.sourcePortNumber());
    }
}
