package io.ptp4j.core.port;

/**
 * What a port counted: messages received and sent, in all and per messageType (linuxptp's
 * PORT_STATS_NP), packets that did not decode, sends that failed, and linuxptp 4.4's
 * PortServiceStats (PORT_SERVICE_STATS_NP): the timeouts that fired and the Sync/Follow_Up
 * pairs that did not match. For management and metrics.
 */
public final class PortCounters {
    /** PortServiceStats members, in linuxptp's order (ddt.h struct PortServiceStats). */
    public static final int ANNOUNCE_TIMEOUT = 0, SYNC_TIMEOUT = 1, DELAY_TIMEOUT = 2, UNICAST_SERVICE_TIMEOUT = 3,
            UNICAST_REQUEST_TIMEOUT = 4, MASTER_ANNOUNCE_TIMEOUT = 5, MASTER_SYNC_TIMEOUT = 6, QUALIFICATION_TIMEOUT = 7,
            SYNC_MISMATCH = 8, FOLLOWUP_MISMATCH = 9, SERVICE_STATS = 10;

    long rxMessages, txMessages, badPackets, txFailures;
    final long[] rxByType = new long[16], txByType = new long[16];
    final long[] service = new long[SERVICE_STATS];

    /** A port timer fired: the PortServiceStats member it counts in (linuxptp bc_event). */
    void timerFired(int timer) {
        int s = switch (timer) {
            case PortTimers.ANNOUNCE_RX -> ANNOUNCE_TIMEOUT;
            case PortTimers.SYNC_RX -> SYNC_TIMEOUT;
            case PortTimers.DELAY_REQ, PortTimers.PDELAY_REQ -> DELAY_TIMEOUT; // linuxptp's one FD_DELAY_TIMER
            case PortTimers.UNICAST_TX -> UNICAST_SERVICE_TIMEOUT;
            case PortTimers.UNICAST_REQ -> UNICAST_REQUEST_TIMEOUT;
            case PortTimers.ANNOUNCE_TX -> MASTER_ANNOUNCE_TIMEOUT;
            case PortTimers.SYNC_TX -> MASTER_SYNC_TIMEOUT;
            case PortTimers.QUALIFICATION -> QUALIFICATION_TIMEOUT;
            default -> -1; // SYNC_LOSS: ptp4j's holdover, not a linuxptp timer
        };
        if (s >= 0) service[s]++;
    }

    /** PortServiceStats member {@code which} (ANNOUNCE_TIMEOUT .. FOLLOWUP_MISMATCH). */
    public long serviceStat(int which) {
        return service[which];
    }

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
