package io.ptp4j.core.port;

/**
 * What a port counted: messages received and sent, in all and per messageType (linuxptp's
 * PORT_STATS_NP), packets that did not decode, and sends that failed. For management and metrics.
 */
public final class PortCounters {
    long rxMessages, txMessages, badPackets, txFailures;
    final long[] rxByType = new long[16], txByType = new long[16];

    void received(int typeCode) {
        rxMessages++;
        rxByType[typeCode]++;
    }

    void sent(int typeCode) {
        txMessages++;
        txByType[typeCode]++;
    }

    public long rxMessages() {
        return rxMessages;
    }

    public long txMessages() {
        return txMessages;
    }

    public long badPackets() {
        return badPackets;
    }

    public long txFailures() {
        return txFailures;
    }

    /** Messages of type {@code typeCode} (0..15) received. */
    public long rxMessages(int typeCode) {
        return rxByType[typeCode];
    }

    /** Messages of type {@code typeCode} (0..15) sent. */
    public long txMessages(int typeCode) {
        return txByType[typeCode];
    }
}
