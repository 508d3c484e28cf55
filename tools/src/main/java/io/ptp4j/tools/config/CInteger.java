package io.ptp4j.tools.config;

/**
 * An integer read as C's strtol(3) reads it in the "C" locale, the way linuxptp reads config
 * values and option arguments: leading white space, an optional sign, then digits in base 0
 * (0x hex, a leading 0 octal, else decimal) or a fixed base, up to the first character that is
 * not one.
 *
 * @param magnitude the digits' value (meaningless when {@code overflow})
 * @param negative  a '-' sign was read
 * @param overflow  the digits do not fit a long
 * @param digits    whether any digit was read (strtol's endptr moved)
 * @param end       the index after the last digit read
 */
public record CInteger(long magnitude, boolean negative, boolean overflow, boolean digits, int end) {
    /** Reads {@code s} from its start; {@code base} 0 picks the base from the prefix, as strtol does. */
    public static CInteger parse(String s, int base) {
        int i = 0, n = s.length();
        while (i < n && ValueParser.isCSpace(s.charAt(i))) i++;
        boolean negative = false;
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) negative = s.charAt(i++) == '-';
        if ((base == 0 || base == 16) && i + 2 < n && s.charAt(i) == '0' && (s.charAt(i + 1) | 0x20) == 'x'
                && Character.digit(s.charAt(i + 2), 16) >= 0) {
            base = 16;
            i += 2;
        } else if (base == 0) {
            base = i < n && s.charAt(i) == '0' ? 8 : 10;
        }
        int start = i;
        long v = 0;
        boolean overflow = false;
        for (; i < n; i++) {
            int d = Character.digit(s.charAt(i), base);
            if (d < 0 || s.charAt(i) > 0x7f) break;
            if (v > (Long.MAX_VALUE - d) / base) overflow = true;
            else v = v * base + d;
        }
        return new CInteger(v, negative, overflow, i > start, i);
    }

    /** Whether the number is all of {@code s} (nothing before or after it but leading white space). */
    public boolean isWhole(String s) {
        return digits && end == s.length();
    }

    /** strtol's result: the signed value, LONG_MIN or LONG_MAX when it overflowed. */
    public long value() {
        if (overflow) return negative ? Long.MIN_VALUE : Long.MAX_VALUE;
        return negative ? -magnitude : magnitude;
    }
}
