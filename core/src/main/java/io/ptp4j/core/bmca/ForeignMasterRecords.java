package io.ptp4j.core.bmca;

/**
 * The foreign masters one port has heard (IEEE 1588-2019 9.3.2.4-9.3.2.5; linuxptp port.c
 * add_foreign_master / port_compute_best). A foreign master is qualified once
 * FOREIGN_MASTER_THRESHOLD (2) Announce messages arrived within FOREIGN_MASTER_TIME_WINDOW (4)
 * announce intervals; the first Announce of a new sender is not counted (9.5.3 b).
 *
 * <p>The table has a fixed number of preallocated slots (no allocation per sender; linuxptp's
 * list grows with every sender heard). When a new sender finds it full, the slot it may take is,
 * in this order: a free one; the least recently heard record that is not qualified; the worst
 * qualified record if the newcomer's data set is better than that record's. Erbest (the record
 * {@link #computeBest} last chose, the port's parent when it is a slave) is never taken. When none
 * fits, the newcomer is refused ({@link AddResult#REFUSED}, counted in {@link #refusedNewcomers}):
 * so a stream of new identities cannot push the current master or the qualified ones out (the
 * BMCA-churn attack of issue 13), and a full table of worse clocks cannot lock a better one out.
 */
public final class ForeignMasterRecords {
    public static final int FOREIGN_MASTER_THRESHOLD = 2;
    public static final int FOREIGN_MASTER_TIME_WINDOW = 4;

    /** What {@link #add} found. */
    public enum AddResult {
        /** A sender not heard before; linuxptp logs "new foreign master". */
        NEW_FOREIGN_MASTER,
        /** Counted; nothing important changed. */
        COUNTED,
        /** The sender just became qualified, or its data set changed: run the BMCA. */
        CHANGED,
        /** A new sender found no slot it may take (see the class comment); nothing was recorded. */
        REFUSED
    }

    private static final class Record {
        long senderClock;
        int senderPort;
        boolean used;
        final BmcDataset latest = new BmcDataset();
        // Arrival times (monotonic ns) of the counted announces, newest first; at most THRESHOLD kept.
        final long[] arrivals = new long[FOREIGN_MASTER_THRESHOLD];
        int count;
        long windowNanos;
        long lastHeard;
    }

    private final Record[] records;
    private final long receiverClock;
    private final int receiverPort;
    private int bestIndex = -1;
    // the comparison computeBest last used: it decides whether a newcomer may take a qualified slot
    private DatasetComparison lastComparison;
    private long refused;

    public ForeignMasterRecords(int capacity, long receiverClock, int receiverPort) {
        records = new Record[capacity];
        for (int i = 0; i < capacity; i++) records[i] = new Record();
        this.receiverClock = receiverClock;
        this.receiverPort = receiverPort;
    }

    /**
     * Records one Announce. {@code announce} holds its fields (sender set); it is copied, and its
     * receiver fields are set to this port.
     *
     * @param logAnnounceInterval the message's logMessageInterval, which sets the window
     */
    public AddResult add(BmcDataset announce, int logAnnounceInterval, long nowNanos) {
        Record r = find(announce.senderClock, announce.senderPort);
        if (r == null) {
            stampReceiver(announce);
            r = freeSlot(announce, nowNanos);
            if (r == null) {
                refused++;
                return AddResult.REFUSED;
            }
            r.used = true;
            r.senderClock = announce.senderClock;
            r.senderPort = announce.senderPort;
            r.count = 0;
            r.latest.copyFrom(announce);
            stampReceiver(r.latest);
            r.lastHeard = nowNanos;
            r.windowNanos = window(logAnnounceInterval);
            return AddResult.NEW_FOREIGN_MASTER;
        }
        r.windowNanos = window(logAnnounceInterval);
        prune(r, nowNanos);
        boolean brokeThreshold = r.count == FOREIGN_MASTER_THRESHOLD - 1;
        boolean changed = r.count > 0 && differs(r.latest, announce);
        // Newest first; the oldest falls off when more than the threshold are kept.
        for (int i = Math.min(r.count, FOREIGN_MASTER_THRESHOLD - 1); i > 0; i--) r.arrivals[i] = r.arrivals[i - 1];
        r.arrivals[0] = nowNanos;
        r.count = Math.min(r.count + 1, FOREIGN_MASTER_THRESHOLD);
        r.latest.copyFrom(announce);
        stampReceiver(r.latest);
        r.lastHeard = nowNanos;
        return brokeThreshold || changed ? AddResult.CHANGED : AddResult.COUNTED;
    }

    /**
     * Recomputes Erbest: the best qualified foreign master still current at {@code nowNanos}
     * (linuxptp port_compute_best). Returns it, or null when none qualifies.
     */
    public BmcDataset computeBest(DatasetComparison cmp, long nowNanos) {
        lastComparison = cmp;
        bestIndex = -1;
        for (int i = 0; i < records.length; i++) {
            Record r = records[i];
            if (!r.used) continue;
            prune(r, nowNanos);
            if (r.count < FOREIGN_MASTER_THRESHOLD) continue;
            if (bestIndex < 0 || cmp.compare(r.latest, records[bestIndex].latest) > 0) bestIndex = i;
        }
        return best();
    }

    /** Erbest as last computed, or null. */
    public BmcDataset best() {
        return bestIndex < 0 ? null : records[bestIndex].latest;
    }

    /** Forgets every foreign master (port re-initialised or announce receipt timeout on a slave). */
    public void clear() {
        for (Record r : records) {
            r.used = false;
            r.count = 0;
        }
        bestIndex = -1;
    }

    /** The last data set heard from a sender, or null (UNICAST_MASTER_TABLE_NP's quality and priorities). */
    public BmcDataset latest(long senderClock, int senderPort) {
        Record r = find(senderClock, senderPort);
        return r == null ? null : r.latest;
    }

    /** Forgets one sender (linuxptp fc_clear of the failed best master on announce receipt timeout). */
    public void remove(long senderClock, int senderPort) {
        Record r = find(senderClock, senderPort);
        if (r == null) return;
        if (bestIndex >= 0 && records[bestIndex] == r) bestIndex = -1;
        r.used = false;
        r.count = 0;
    }

    /** Number of foreign masters currently qualified (for PORT_STATS / management). */
    public int qualifiedCount(long nowNanos) {
        int n = 0;
        for (Record r : records) {
            if (!r.used) continue;
            prune(r, nowNanos);
            if (r.count >= FOREIGN_MASTER_THRESHOLD) n++;
        }
        return n;
    }

    private void stampReceiver(BmcDataset d) {
        d.receiverClock = receiverClock;
        d.receiverPort = receiverPort;
    }

    private static long window(int logInterval) {
        if (logInterval <= -31) return 0;
        if (logInterval >= 31) return Long.MAX_VALUE;
        return logInterval < 0
                ? FOREIGN_MASTER_TIME_WINDOW * 1_000_000_000L / (1L << -logInterval)
                : FOREIGN_MASTER_TIME_WINDOW * (1L << logInterval) * 1_000_000_000L;
    }

    private static void prune(Record r, long nowNanos) {
        while (r.count > 0 && nowNanos - r.arrivals[r.count - 1] >= r.windowNanos) r.count--;
    }

    private static boolean differs(BmcDataset a, BmcDataset b) {
        return a.priority1 != b.priority1 || a.clockClass != b.clockClass || a.clockAccuracy != b.clockAccuracy
                || a.offsetScaledLogVariance != b.offsetScaledLogVariance || a.priority2 != b.priority2
                || a.identity != b.identity || a.stepsRemoved != b.stepsRemoved;
    }

    private Record find(long clock, int port) {
        for (Record r : records) if (r.used && r.senderClock == clock && r.senderPort == port) return r;
        return null;
    }

    /** New senders refused because no slot could be taken for them, since this table was made. */
    public long refusedNewcomers() {
        return refused;
    }

    /** The slot a new sender may take, or null (see the class comment). */
    private Record freeSlot(BmcDataset newcomer, long nowNanos) {
        Record best = bestIndex >= 0 ? records[bestIndex] : null;
        Record stalest = null, worstQualified = null;
        for (Record r : records) {
            if (!r.used) return r;
            if (r == best) continue;
            prune(r, nowNanos);
            if (r.count < FOREIGN_MASTER_THRESHOLD) {
                if (stalest == null || r.lastHeard < stalest.lastHeard) stalest = r;
            } else if (lastComparison != null
                    && (worstQualified == null || lastComparison.compare(r.latest, worstQualified.latest) < 0)) {
                worstQualified = r;
            }
        }
        if (stalest != null) return stalest;
        if (worstQualified != null && lastComparison.compare(newcomer, worstQualified.latest) > 0) return worstQualified;
        return null;
    }
}
