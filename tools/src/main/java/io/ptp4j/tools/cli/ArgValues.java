package io.ptp4j.tools.cli;

/**
 * Option arguments read as linuxptp reads them: C's atoi, and util.c's get_arg_val_i and
 * get_arg_val_d, which refuse with "-l: 9 is out of range. Must be in the range 0 to 7".
 */
public final class ArgValues {
    private ArgValues() {}

    /**
     * glibc's atoi, which is {@code (int) strtol(s, NULL, 10)}: leading white space, an optional
     * sign, decimal digits, anything after them ignored, 0 when there are none; a value beyond a
     * long saturates, and the long is cut to its low 32 bits.
     */
    public static int atoi(String s) {
        Strtol r = strtol(s, 10);
        return (int) r.value;
    }

    /** get_arg_val_i: strtol base 0 (decimal, 0x hex, 0 octal), the whole argument, within [min, max]. */
    public static int rangedInt(char op, String arg, int min, int max) throws UsageException {
        Strtol r = strtol(arg, 0);
        if (r.end == 0 || r.end != arg.length()) throw malformed(op, arg);
        if (r.overflow || r.value < min || r.value > max) {
            throw new UsageException("-" + op + ": " + arg + " is out of range. Must be in the range " + min + " to " + max,
                    false, Exit.USAGE);
        }
        return (int) r.value;
    }

    /** get_arg_val_d: a floating-point value within [min, Double.MAX_VALUE], the range printed with %e. */
    public static double rangedDouble(char op, String arg, double min) throws UsageException {
        double v;
        try {
            v = Double.parseDouble(arg.strip());
        } catch (NumberFormatException e) {
            throw malformed(op, arg);
        }
        if (!(v >= min && v <= Double.MAX_VALUE))
            throw new UsageException("-" + op + ": " + arg + " is out of range. Must be in the range "
                    + String.format("%e", min) + " to " + String.format("%e", Double.MAX_VALUE), false, Exit.USAGE);
        return v;
    }

    private static UsageException malformed(char op, String arg) {
        return new UsageException("-" + op + ": " + arg + " is a malformed value", false, Exit.USAGE);
    }

    /** What strtol(3) read: the value (saturated), whether it overflowed, and where it stopped (0: no number). */
    private record Strtol(long value, boolean overflow, int end) {}

    private static Strtol strtol(String s, int base) {
        int i = 0, n = s.length();
        while (i < n && isCSpace(s.charAt(i))) i++;
        boolean negative = false;
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) negative = s.charAt(i++) == '-';
        if ((base == 0 || base == 16) && i + 1 < n && s.charAt(i) == '0' && (s.charAt(i + 1) | 0x20) == 'x'
                && i + 2 < n && Character.digit(s.charAt(i + 2), 16) >= 0) {
            i += 2;
            base = 16;
        } else if (base == 0) {
            base = i < n && s.charAt(i) == '0' ? 8 : 10;
        }
        int start = i;
        long v = 0;
        boolean overflow = false;
        for (; i < n; i++) {
            int d = Character.digit(s.charAt(i), base);
            if (d < 0 || s.charAt(i) > 0x7f) break;
            if (!overflow) {
                try {
                    v = Math.addExact(Math.multiplyExact(v, base), d);
                } catch (ArithmeticException e) {
                    overflow = true;
                }
            }
        }
        if (i == start) return new Strtol(0, false, 0);
        if (overflow) return new Strtol(negative ? Long.MIN_VALUE : Long.MAX_VALUE, true, i);
        return new Strtol(negative ? -v : v, false, i);
    }

    /** C's isspace in the "C" locale. */
    private static boolean isCSpace(char c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }
}
