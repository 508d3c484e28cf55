package io.ptp4j.core.port;

/**
 * Pairs a two-step Sync with its Follow_Up (IEEE 1588-2019 11.3.2; linuxptp port.c's syfu states):
 * either may come first, since jitter can reorder them. A mismatch replaces what was waiting.
 */
final class SyncFollowUp {
    enum State { EMPTY, HAVE_SYNC, HAVE_FOLLOW_UP }

    private State state = State.EMPTY;
    private int sequenceId;
    private long syncT2, syncCorrection, followUpT1;
    /** t1 and t2 of the pair {@link #sync} or {@link #followUp} just completed. */
    long t1, t2;

    /** A two-step Sync received at {@code t2}; true when its Follow_Up was already here. */
    boolean sync(int seq, long rxTimestamp, long correction) {
        if (state == State.HAVE_FOLLOW_UP && seq == sequenceId) {
            state = State.EMPTY;
            t1 = followUpT1 + correction;
            t2 = rxTimestamp;
            return true;
        }
        state = State.HAVE_SYNC;
        sequenceId = seq;
        syncT2 = rxTimestamp;
        syncCorrection = correction;
        return false;
    }

    /** A Follow_Up with preciseOriginTimestamp plus correction {@code t1}; true when it completes its Sync. */
    boolean followUp(int seq, long preciseOriginPlusCorrection) {
        if (state == State.HAVE_SYNC && seq == sequenceId) {
            state = State.EMPTY;
            t1 = preciseOriginPlusCorrection + syncCorrection;
            t2 = syncT2;
            return true;
        }
        state = State.HAVE_FOLLOW_UP;
        sequenceId = seq;
        followUpT1 = preciseOriginPlusCorrection;
        return false;
    }

    /** A one-step Sync, a new master or a restart: nothing waits any more. */
    void clear() {
        state = State.EMPTY;
    }
}
