package io.ptp4j.core.port;

/**
 * Pairs a two-step Sync with its Follow_Up (IEEE 1588-2019 11.3.2; linuxptp port.c's syfu states):
 * either may come first, since jitter can reorder them. A mismatch replaces what was waiting.
 */
final class SyncFollowUp {
    enum State { EMPTY, HAVE_SYNC, HAVE_FOLLOW_UP }

    /**
     * check_fup_sync (linuxptp fup_sync_ok): a Follow_Up must arrive after its Sync; one that came
     * first is a mismatch and the Sync waits for another (the system receive times, which linuxptp
     * compares, are in arrival order here: the engine sees messages as they arrive).
     */
    private final boolean checkOrder;
    /** PORT_SERVICE_STATS_NP's sync_mismatch and followup_mismatch. */
    private final PortCounters counters;

    SyncFollowUp(PortCounters counters, boolean checkFupSync) {
        this.counters = counters;
        this.checkOrder = checkFupSync;
    }

    private State state = State.EMPTY;
    private int sequenceId;
    private long syncT2, syncCorrection, followUpOrigin, followUpCorrection;
    /**
     * The pair {@link #sync} or {@link #followUp} just completed: its t2, its preciseOriginTimestamp
     * and the sum of its corrections, apart (the slave event monitor reports them apart, as
     * linuxptp's port_synchronize has them); t1 is their sum.
     */
    long t2, origin, correction;

    /** A two-step Sync received at {@code t2}; true when its Follow_Up was already here. */
    boolean sync(int seq, long rxTimestamp, long correction) {
        if (state == State.HAVE_FOLLOW_UP && seq == sequenceId && !checkOrder) {
            state = State.EMPTY;
            origin = followUpOrigin;
            this.correction = followUpCorrection + correction;
            t2 = rxTimestamp;
            return true;
        }
        // A Sync replacing an unmatched one (port.c syfu: SYNC_MISMATCH in HAVE_SYNC or HAVE_FUP)
        if (state != State.EMPTY) counters.service[PortCounters.SYNC_MISMATCH]++;
        state = State.HAVE_SYNC;
        sequenceId = seq;
        syncT2 = rxTimestamp;
        syncCorrection = correction;
        return false;
    }

    /** A Follow_Up with preciseOriginTimestamp {@code preciseOrigin} and correction {@code fupCorrection} (ns); true when it completes its Sync. */
    boolean followUp(int seq, long preciseOrigin, long fupCorrection) {
        if (state == State.HAVE_SYNC && seq == sequenceId) {
            state = State.EMPTY;
            origin = preciseOrigin;
            correction = fupCorrection + syncCorrection;
            t2 = syncT2;
            return true;
        }
        if (state != State.EMPTY) counters.service[PortCounters.FOLLOWUP_MISMATCH]++;
        state = State.HAVE_FOLLOW_UP;
        sequenceId = seq;
        followUpOrigin = preciseOrigin;
        followUpCorrection = fupCorrection;
        return false;
    }

    /** A one-step Sync, a new master or a restart: nothing waits any more. */
    void clear() {
        state = State.EMPTY;
    }
}
