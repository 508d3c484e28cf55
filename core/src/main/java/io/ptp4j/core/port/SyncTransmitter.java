package io.ptp4j.core.port;

import io.ptp4j.core.engine.Driver;
import io.ptp4j.core.wire.FollowUpInfoTlv;
import io.ptp4j.core.wire.MessageType;
import io.ptp4j.core.wire.PtpMessage;

/**
 * A master port's Sync and Follow_Up (IEEE 1588-2019 11.3.2; linuxptp port_tx_sync): a
 * two-step Sync's transmit timestamp becomes its Follow_Up's preciseOriginTimestamp, sent where
 * the Sync went; a one-step Sync carries the time it is sent. Every Sync sent is kept in a ring,
 * in order, because the transmit timestamps come back in the same order.
 */
final class SyncTransmitter {
    private final Port port;
    private final int[] ringSeq = new int[64];
    private final long[] ringDest = new long[64];
    private int head, size;
    private int sequenceId;

    SyncTransmitter(Port port) {
        this.port = port;
    }

    /** The next multicast Sync, at the port's current Sync interval. */
    void sendMulticast(int logSyncInterval) {
        sequenceId = (sequenceId + 1) & 0xFFFF;
        send(sequenceId, Driver.MULTICAST, logSyncInterval);
    }

    /** A Sync to {@code dest}; unicast ones carry logMessageInterval 0x7F (7.7.2.1, as linuxptp). */
    void send(int seq, long dest, int logInterval) {
        boolean unicast = dest != Driver.MULTICAST;
        boolean twoStep = port.clockCfg.twoStepFlag;
        PtpMessage m = port.start(MessageType.SYNC, seq, unicast ? 0x7F : logInterval)
                .flag(PtpMessage.FLAG_TWO_STEP, twoStep).flag(PtpMessage.FLAG_UNICAST, unicast);
        if (!twoStep) m.timestampFromNanos(PtpMessage.OFF_BODY, port.host.driver().clockTimeNanos());
        push(seq, dest);
        port.send(m, true, dest);
    }

    /** A Sync's transmit timestamp: its Follow_Up (two-step), to where the Sync went. */
    void transmitted(int seq, long t1, int logSyncInterval) {
        while (size > 0) { // stamps that never came leave their entries behind: drop them
            int i = head;
            head = (i + 1) % ringSeq.length;
            size--;
            if (ringSeq[i] == seq) {
                if (port.clockCfg.twoStepFlag) sendFollowUp(t1, seq, ringDest[i], logSyncInterval);
                return;
            }
        }
    }

    private void push(int seq, long dest) {
        if (size == ringSeq.length) { // stamps that never came: forget the oldest
            head = (head + 1) % ringSeq.length;
            size--;
        }
        int i = (head + size) % ringSeq.length;
        ringSeq[i] = seq;
        ringDest[i] = dest;
        size++;
    }

    private void sendFollowUp(long t1, int seq, long dest, int logSyncInterval) {
        boolean unicast = dest != Driver.MULTICAST;
        PtpMessage m = port.start(MessageType.FOLLOW_UP, seq, unicast ? 0 : logSyncInterval).flag(PtpMessage.FLAG_UNICAST, unicast)
                .timestampFromNanos(PtpMessage.OFF_BODY, t1);
        if (port.cfg.followUpInfo) {
            // 802.1AS 11.4.4.3: a grandmaster's rate offset and GM changes are all zero; a relay
            // passes on the rate ratio it measured to its master.
            FollowUpInfoTlv.append(m, port.host.cumulativeScaledRateOffset(), port.host.gmTimeBaseIndicator(), 0, 0L, 0);
        }
        port.send(m, false, dest);
    }
}
