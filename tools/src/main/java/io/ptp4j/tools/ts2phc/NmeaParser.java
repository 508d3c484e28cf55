package io.ptp4j.tools.ts2phc;

import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * Parses the NMEA 0183 sentences ts2phc takes its time of day from (linuxptp nmea.c reads RMC;
 * ptp4j also reads ZDA): {@code $--RMC,hhmmss.ss,A,lat,N,lon,E,spd,cog,ddmmyy,...*CS} and
 * {@code $--ZDA,hhmmss.ss,dd,mm,yyyy,zh,zm*CS}, any talker (GP, GN, GL, ...). The checksum (XOR of
 * the characters between '$' and '*', two hex digits) is required and checked. Every rejection says
 * why, for the log.
 */
public final class NmeaParser {
    private NmeaParser() {}

    /** A sentence that cannot be used, with the reason. */
    public static final class NmeaException extends Exception {
        public NmeaException(String message) {
            super(message);
        }
    }

    /** Parses one sentence (with or without the trailing CR LF); null for a valid sentence of another type. */
    public static NmeaTime parse(String line) throws NmeaException {
        String s = line.strip();
        if (!s.startsWith("$")) throw new NmeaException("no '$' at the start: " + s);
        int star = s.lastIndexOf('*');
        if (star < 0 || star + 3 != s.length()) throw new NmeaException("no '*' and two-digit checksum at the end: " + s);
        int want;
        try {
            want = Integer.parseInt(s.substring(star + 1), 16);
        } catch (NumberFormatException e) {
            throw new NmeaException("checksum is not hexadecimal: " + s);
        }
        int got = 0;
        for (int i = 1; i < star; i++) got ^= s.charAt(i);
        if (got != want) {
            throw new NmeaException(String.format("checksum mismatch (sentence says %02X, computed %02X): %s", want, got, s));
        }
        String[] f = s.substring(1, star).split(",", -1);
        if (f[0].length() != 5) throw new NmeaException("bad address field '" + f[0] + "': " + s);
        String type = f[0].substring(2);
        return switch (type) {
            case "RMC" -> rmc(f, s);
            case "ZDA" -> zda(f, s);
            default -> null;
        };
    }

    private static NmeaTime rmc(String[] f, String s) throws NmeaException {
        if (f.length < 10) throw new NmeaException("RMC with " + f.length + " fields, need at least 10: " + s);
        boolean valid = switch (f[2]) {
            case "A" -> true;
            case "V" -> false;
            default -> throw new NmeaException("RMC status '" + f[2] + "' is neither A nor V: " + s);
        };
        String d = f[9];
        if (!d.matches("\\d{6}")) throw new NmeaException("RMC date '" + d + "' is not ddmmyy: " + s);
        int day = Integer.parseInt(d.substring(0, 2)), month = Integer.parseInt(d.substring(2, 4));
        int year = 2000 + Integer.parseInt(d.substring(4, 6)); // as linuxptp nmea.c (tm_year += 100)
        return new NmeaTime(f[0], epochNanos(year, month, day, f[1], s), valid);
    }

    private static NmeaTime zda(String[] f, String s) throws NmeaException {
        if (f.length < 5) throw new NmeaException("ZDA with " + f.length + " fields, need at least 5: " + s);
        if (!f[2].matches("\\d{2}") || !f[3].matches("\\d{2}") || !f[4].matches("\\d{4}")) {
            throw new NmeaException("ZDA date '" + f[2] + "," + f[3] + "," + f[4] + "' is not dd,mm,yyyy: " + s);
        }
        return new NmeaTime(f[0], epochNanos(Integer.parseInt(f[4]), Integer.parseInt(f[3]), Integer.parseInt(f[2]), f[1], s), true);
    }

    private static long epochNanos(int year, int month, int day, String hms, String s) throws NmeaException {
        if (!hms.matches("\\d{6}(\\.\\d{1,9})?")) throw new NmeaException("time '" + hms + "' is not hhmmss[.ss]: " + s);
        int h = Integer.parseInt(hms.substring(0, 2)), m = Integer.parseInt(hms.substring(2, 4));
        int sec = Integer.parseInt(hms.substring(4, 6));
        if (h > 23 || m > 59 || sec > 60) throw new NmeaException("time '" + hms + "' out of range: " + s);
        long fracNanos = 0;
        if (hms.length() > 7) {
            String frac = (hms.substring(7) + "000000000").substring(0, 9);
            fracNanos = Long.parseLong(frac);
        }
        try {
            long days = LocalDate.of(year, month, day).toEpochDay();
            // a leap second (sec 60) counts as the next second's start, as timegm would
            return ((days * 86400L + h * 3600L + m * 60L + sec) * 1_000_000_000L) + fracNanos;
        } catch (DateTimeException e) {
            throw new NmeaException("date " + year + "-" + month + "-" + day + " does not exist: " + s);
        }
    }

    /** The checksum an NMEA sentence body (between '$' and '*') must carry. */
    public static String checksum(String body) {
        int x = 0;
        for (int i = 0; i < body.length(); i++) x ^= body.charAt(i);
        return String.format("%02X", x);
    }

}
