package io.ptp4j.sim;

import io.ptp4j.core.clock.LeapTable;

/**
 * What the simulation's true time means (sim ns + {@link #baseNanos} = TAI ns since 1970) and
 * how UTC follows it (TAI - UTC from a leap second table). A clock that keeps TAI (a PHC,
 * ptpTimescale) should read true time + base; one that keeps UTC (the system clock) that minus
 * TAI - UTC, which during an inserted second repeats 23:59:59 as the kernel does. By default
 * the base is 0 and UTC is TAI - 37 s, and no scenario needs more.
 */
public final class Timescale {
    private static final long NS = 1_000_000_000L;
    public static final Timescale DEFAULT = new Timescale(0, null, 37);

    final long baseNanos;
    private final LeapTable table;
    private final int fixedOffset;

    public Timescale(long baseNanos, LeapTable table, int fixedOffset) {
        this.baseNanos = baseNanos;
        this.table = table;
        this.fixedOffset = fixedOffset;
    }

    /** The timescale whose true time {@code simNanos} is the UTC instant {@code utcSeconds} (POSIX). */
    public static Timescale startingAt(long simNanos, long utcSeconds, LeapTable table, int fixedOffset) {
        int off = table == null ? fixedOffset : table.offsetAt(utcSeconds);
        return new Timescale((utcSeconds + off) * NS - simNanos, table, fixedOffset);
    }

    /**
     * TAI - UTC at TAI {@code taiNanos}, ns. An inserted second starts at TAI = midnight + the old
     * offset (23:59:60 UTC); a deleted one ends 23:59:58 at TAI = midnight + the new offset.
     */
    public long utcOffsetNanos(long taiNanos) {
        if (table == null) return fixedOffset * NS;
        long[] t = table.utcSeconds();
        int[] o = table.offsets();
        int off = 10;
        for (int i = 0; i < t.length; i++) {
            int before = i == 0 ? 10 : o[i - 1];
            if (taiNanos < (t[i] + Math.min(before, o[i])) * NS) break;
            off = o[i];
        }
        return off * NS;
    }

    /**
     * During an inserted second (23:59:60, which POSIX time cannot name) a UTC clock may read
     * either 23:59:59 again (it inserted the second) or still the second before midnight's end;
     * this is the offset of the other reading (the one before the insertion), else the same as
     * {@link #utcOffsetNanos}.
     */
    public long alternateUtcOffsetNanos(long taiNanos) {
        long now = utcOffsetNanos(taiNanos), before = utcOffsetNanos(taiNanos - NS);
        return before < now ? before : now;
    }

    /** What an ideal clock of this timescale reads at true time {@code simNanos}: TAI, or UTC when {@code utc}. */
    public long ideal(long simNanos, boolean utc) {
        long tai = simNanos + baseNanos;
        return utc ? tai - utcOffsetNanos(tai) : tai;
    }
}
