package io.ptp4j.core.clock;

import io.ptp4j.core.bmca.BmcDataset;
import io.ptp4j.core.bmca.ForeignMasterRecords;
import io.ptp4j.core.port.PortState;
import io.ptp4j.core.servo.MovingMedian;
import java.nio.ByteBuffer;

/**
 * The state of one PTP port (IEEE 1588-2019 8.2.15 portDS plus the protocol's working state):
 * timers, sequence numbers, the pending halves of delay measurements, foreign masters. The
 * logic lives in {@link PtpClock}; everything here is preallocated.
 */
final class Port {
    static final int T_ANNOUNCE_TX = 0;
    static final int T_SYNC_TX = 1;
    static final int T_DELAY_REQ = 2;
    static final int T_ANNOUNCE_RX = 3;
    static final int T_PDELAY_REQ = 4;
    static final int T_QUALIFICATION = 5;
    /** No Sync sample for 4 sync intervals: hold the learned frequency (ptp4j's holdover). */
    static final int T_SYNC_LOSS = 6;
    /** Unicast client: the next round of requests and renewals (logQueryInterval). */
    static final int T_UNICAST_REQ = 7;
    /** Unicast service: the next granted Announce or Sync due to some client. */
    static final int T_UNICAST_TX = 8;
    /** syncReceiptTimeout: Syncs stopped while Announces may go on (linuxptp FD_SYNC_RX_TIMER). */
    static final int T_SYNC_RX = 9;
    static final int TIMERS = 10;

    final int number;
    PortState state = PortState.INITIALIZING;
    final long[] deadline = new long[TIMERS];
    final ForeignMasterRecords foreign;
    final ByteBuffer tx = ByteBuffer.allocate(256);
    final ByteBuffer tx2 = ByteBuffer.allocate(256);
    final BmcDataset scratch = new BmcDataset();

    // Sequence ids of what this port sends (7.3.7).
    int announceSeq, syncSeq, delayReqSeq, pdelayReqSeq, signalingSeq;

    // Slave side, E2E: the Sync waiting for its Follow_Up, the Delay_Req waiting for its Delay_Resp.
    boolean syncPending;
    int pendingSyncSeq;
    long pendingSyncT2;
    long pendingSyncCorrection;
    int lastSyncLogInterval = 0x7F;
    // A Follow_Up that overtook its Sync (jitter can reorder them): kept until the Sync arrives.
    boolean followUpPending;
    int pendingFollowUpSeq;
    long pendingFollowUpT1;
    boolean delayReqPending;
    long delayReqT3 = Long.MIN_VALUE;
    int logMinDelayReqInterval;
    // Current intervals (log2 s): the configured ones until a message interval request changes them.
    int logSyncInterval, logAnnounceInterval, logPdelayReqInterval;
    long intervalRequestsSent;

    // P2P requester: t1 (our Pdelay_Req egress), t2 (peer ingress), t4 (our ingress), correction.
    long pdT1 = Long.MIN_VALUE, pdT2, pdT4;
    long pdCorrection;
    boolean pdRespWaitingFollowUp;
    long peerDelayNanos;
    boolean peerDelayValid;
    double neighborRateRatio = 1.0;
    boolean neighborRateRatioValid;
    // 802.1AS asCapable: a Pdelay_Req still unanswered, and how many in a row went unanswered.
    boolean pdelayOutstanding;
    int pdelayMissing;
    long prevT3 = Long.MIN_VALUE, prevT4;
    final MovingMedian peerDelayFilter;
    // P2P responder: who asked (for the Pdelay_Resp_Follow_Up) and the request's correction.
    long pdRespToClock;
    int pdRespToPort;
    int pdRespSeq;
    long pdRespCorrection;
    long pdRespSource;
    boolean pdRespPending;

    // Master side, two-step: the Sync whose transmit timestamp makes the Follow_Up.
    int lastSyncSentSeq = -1;

    boolean inHoldover;

    // Unicast client: the master table (null: none) and its query interval.
    UnicastMaster[] unicastMasters;
    int logQueryInterval;
    // Hybrid E2E: where the parent's Sync came from, for unicast Delay_Req.
    long masterAddress = Long.MIN_VALUE;
    // Unicast service: what this port granted to whom.
    final java.util.ArrayList<UnicastGrant> grants = new java.util.ArrayList<>();

    // Every Sync sent, in order, with its destination: the transmit timestamps come back in the
    // same order, and each two-step Follow_Up must go where its Sync went.
    final int[] syncRingSeq = new int[64];
    final long[] syncRingDest = new long[64];
    int syncRingHead, syncRingSize;

    void pushSync(int seq, long destination) {
        if (syncRingSize == syncRingSeq.length) { // stamps that never came: forget the oldest
            syncRingHead = (syncRingHead + 1) % syncRingSeq.length;
            syncRingSize--;
        }
        int i = (syncRingHead + syncRingSize) % syncRingSeq.length;
        syncRingSeq[i] = seq;
        syncRingDest[i] = destination;
        syncRingSize++;
    }

    // Counters for PORT_STATS and metrics.
    long rxMessages, txMessages, badPackets, txFailures;
    /** Per messageType counters (linuxptp PORT_STATS_NP). */
    final long[] rxByType = new long[16], txByType = new long[16];
    /** PORT_DATA_SET_NP.neighborPropDelayThresh, settable by management. */
    long neighborPropDelayThreshNanos;
    /** This port's configuration: the clock's, with the port's own section applied. */
    io.ptp4j.core.engine.EngineConfig pc;
    /** When "Master clock quality received is greater than configured" was last logged (once a minute). */
    long lastClassThresholdNoticeNanos = Long.MIN_VALUE;
    /** Delay_Reqs sent since the last answered one (delay_response_timeout). */
    int delayResponseCounter;

    Port(int number, long clockIdentity, int delayFilterLength) {
        this.number = number;
        this.foreign = new ForeignMasterRecords(8, clockIdentity, number);
        this.peerDelayFilter = new MovingMedian(delayFilterLength);
        java.util.Arrays.fill(deadline, Long.MAX_VALUE);
    }

    void disarmAll() {
        java.util.Arrays.fill(deadline, Long.MAX_VALUE);
    }

    boolean isMasterLike() {
        return state == PortState.MASTER || state == PortState.GRAND_MASTER || state == PortState.PRE_MASTER;
    }

    boolean isSlaveLike() {
        return state == PortState.SLAVE || state == PortState.UNCALIBRATED;
    }

    /** Ports in these states take part in the protocol (9.2.5); the others ignore messages. */
    boolean active() {
        return state != PortState.INITIALIZING && state != PortState.FAULTY && state != PortState.DISABLED;
    }
}
