package io.ptp4j.tools.tz2alt;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The leap second table of an NTP leap-seconds.list file (the IETF/IERS format tzdata ships as
 * /usr/share/zoneinfo/leap-seconds.list), as linuxptp's lstab.c reads it: lines "NTPTIME
 * TAIOFFSET" and the expiry line "#@ NTPTIME"; comments ignored. Answers TAI - UTC at a UTC time.
 */
final class LeapSecondTable {
    /** Seconds from 1900 (NTP) to 1970 (Unix). */
    static final long NTP_UTC_OFFSET = 2_208_988_800L;

    enum Result { OK, UNKNOWN, AMBIGUOUS, EXPIRED }

    private final long[] utc; // Unix seconds each offset starts
    private final int[] offset;
    private final long expirationUtc;

    private LeapSecondTable(long[] utc, int[] offset, long expirationUtc) {
        this.utc = utc;
        this.offset = offset;
        this.expirationUtc = expirationUtc;
    }

    /** Reads {@code file}; IOException with linuxptp's words when it cannot be read or has no expiry. */
    static LeapSecondTable read(Path file) throws IOException {
        List<long[]> rows = new ArrayList<>();
        long expiration = 0;
        List<String> lines;
        try {
            lines = Files.readAllLines(file, java.nio.charset.StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new IOException("failed to open '" + file + "' for reading: " + e.getMessage(), e);
        }
        for (String l : lines) {
            String t = l.strip();
            if (t.startsWith("#@")) {
                String[] w = t.substring(2).strip().split("\\s+");
                try {
                    expiration = Long.parseLong(w[0]) - NTP_UTC_OFFSET;
                } catch (NumberFormatException e) {
                    // not an expiry line after all
                }
                continue;
            }
            if (t.isEmpty() || t.startsWith("#")) continue;
            String[] w = t.split("\\s+");
            if (w.length < 2) continue;
            try {
                rows.add(new long[] {Long.parseLong(w[0]) - NTP_UTC_OFFSET, Integer.parseInt(w[1])});
            } catch (NumberFormatException e) {
                // not a table line
            }
        }
        if (expiration == 0) throw new IOException("missing expiration date in '" + file + "'");
        long[] u = new long[rows.size()];
        int[] o = new int[rows.size()];
        for (int i = 0; i < u.length; i++) {
            u[i] = rows.get(i)[0];
            o[i] = (int) rows.get(i)[1];
        }
        return new LeapSecondTable(u, o, expiration);
    }

    /** lstab_utc2tai: TAI - UTC at Unix second {@code utcSeconds} into {@code taiOffset[0]}. */
    Result utcToTai(long utcSeconds, int[] taiOffset) {
        int epoch = -1;
        for (int i = utc.length - 1; i >= 0; i--) {
            if (utcSeconds >= utc[i]) {
                epoch = i;
                break;
            }
        }
        if (epoch < 0) return Result.UNKNOWN;
        taiOffset[0] = offset[epoch];
        if (epoch + 1 < utc.length && utcSeconds == utc[epoch + 1] - 1) return Result.AMBIGUOUS;
        if (utcSeconds > expirationUtc) return Result.EXPIRED;
        return Result.OK;
    }
}
