package io.ptp4j.core.clock;

import java.util.ArrayList;
import java.util.List;

/**
 * The leap second table of a {@code leapfile} (IERS/NIST leap-seconds.list, as tzdata ships it in
 * /usr/share/zoneinfo; linuxptp lstab.c): lines "NTP-seconds TAI-UTC" give the offset that applies
 * from that instant (a UTC midnight), "#@ NTP-seconds" the date the table expires. One table for
 * every reader: a grandmaster with a leapfile announces the current offset and, during the UTC day
 * a leap second ends, leap61 or leap59; tz2alt asks it for TAI - UTC ({@link #utcToTai}).
 */
public final class LeapTable {
    /** What {@link #utcToTai} found (linuxptp lstab_utc2tai's results). */
    public enum Lookup { OK, UNKNOWN, AMBIGUOUS, EXPIRED }

    /** Seconds from the NTP epoch (1900) to the Unix epoch (1970). */
    static final long NTP_UTC_OFFSET = 2_208_988_800L;
    private static final long DAY = 86_400L;

    private final long[] utcSeconds;
    private final int[] offsets;
    private final long expiresUtcSeconds;

    private LeapTable(long[] utcSeconds, int[] offsets, long expiresUtcSeconds) {
        this.utcSeconds = utcSeconds;
        this.offsets = offsets;
        this.expiresUtcSeconds = expiresUtcSeconds;
    }

    /** From arrays kept in the settings (see {@link #utcSeconds()}, {@link #offsets()}). */
    public static LeapTable of(long[] utcSeconds, int[] offsets, long expiresUtcSeconds) {
        return new LeapTable(utcSeconds.clone(), offsets.clone(), expiresUtcSeconds);
    }

    /** Parses the file's text; IllegalArgumentException names the file and what is wrong. */
    public static LeapTable parse(String name, String text) {
        List<long[]> rows = new ArrayList<>();
        long expires = 0;
        int lineNo = 0;
        for (String line : text.split("\n")) {
            lineNo++;
            String l = line.strip();
            if (l.startsWith("#@")) {
                try {
                    expires = Long.parseLong(l.substring(2).strip().split("\\s+")[0]) - NTP_UTC_OFFSET;
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(name + ":" + lineNo + ": bad expiration date '" + l + "'");
                }
                continue;
            }
            if (l.isEmpty() || l.startsWith("#")) continue;
            String[] f = l.split("\\s+");
            try {
                if (f.length < 2) throw new NumberFormatException();
                rows.add(new long[] {Long.parseLong(f[0]) - NTP_UTC_OFFSET, Integer.parseInt(f[1])});
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + ":" + lineNo + ": expected 'NTP-seconds TAI-UTC', got '" + l + "'");
            }
        }
        if (expires == 0) throw new IllegalArgumentException("missing expiration date in '" + name + "'");
        if (rows.isEmpty()) throw new IllegalArgumentException("no leap seconds in '" + name + "'");
        long[] t = new long[rows.size()];
        int[] o = new int[rows.size()];
        for (int i = 0; i < t.length; i++) {
            t[i] = rows.get(i)[0];
            o[i] = (int) rows.get(i)[1];
            if (i > 0 && t[i] < t[i - 1]) throw new IllegalArgumentException(name + ": entries out of order");
        }
        return new LeapTable(t, o, expires);
    }

    /** TAI - UTC at {@code utcSeconds}: the offset of the last entry at or before it (10 before 1972). */
    public int offsetAt(long utc) {
        int off = 10;
        for (int i = 0; i < utcSeconds.length; i++) {
            if (utcSeconds[i] > utc) break;
            off = offsets[i];
        }
        return off;
    }

    /** +1 (leap61) or -1 (leap59) when the UTC day holding {@code utcSeconds} ends with a leap second, else 0. */
    public int leapAtEndOfDay(long utc) {
        long midnight = (Math.floorDiv(utc, DAY) + 1) * DAY;
        for (int i = 0; i < utcSeconds.length; i++) {
            if (utcSeconds[i] == midnight) return Integer.signum(offsets[i] - (i == 0 ? 10 : offsets[i - 1]));
        }
        return 0;
    }

    /**
     * lstab_utc2tai: TAI - UTC at Unix second {@code utcSeconds} into {@code taiOffset[0]}. UNKNOWN
     * before the table's first entry; AMBIGUOUS in the last second before a new offset (the
     * second a leap second may repeat); EXPIRED after the expiry date (the offset is still set).
     */
    public Lookup utcToTai(long utcSeconds, int[] taiOffset) {
        int epoch = -1;
        for (int i = this.utcSeconds.length - 1; i >= 0; i--) {
            if (utcSeconds >= this.utcSeconds[i]) {
                epoch = i;
                break;
            }
        }
        if (epoch < 0) return Lookup.UNKNOWN;
        taiOffset[0] = offsets[epoch];
        if (epoch + 1 < this.utcSeconds.length && utcSeconds == this.utcSeconds[epoch + 1] - 1) return Lookup.AMBIGUOUS;
        if (utcSeconds > expiresUtcSeconds) return Lookup.EXPIRED;
        return Lookup.OK;
    }

    public boolean expired(long utc) {
        return utc >= expiresUtcSeconds;
    }

    public long[] utcSeconds() {
        return utcSeconds.clone();
    }

    public int[] offsets() {
        return offsets.clone();
    }

    public long expiresUtcSeconds() {
        return expiresUtcSeconds;
    }
}
