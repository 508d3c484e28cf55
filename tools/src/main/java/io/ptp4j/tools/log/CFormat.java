package io.ptp4j.tools.log;

/**
 * The few printf conversions linuxptp's log lines use, appended to a reusable StringBuilder
 * without allocating: {@code %Nd} (right-aligned integer) and {@code %+N.0f}/{@code %N.0f}
 * (a double rounded half-to-even like glibc, optionally with a forced sign). Results equal
 * {@link String#format} for finite values (see CFormatTest).
 */
public final class CFormat {
    private CFormat() {}

    /** {@code %<width>d} (also %lld / PRId64). */
    public static StringBuilder appendInt(StringBuilder sb, long v, int width) {
        int digits = digits(v);
        int len = digits + (v < 0 ? 1 : 0);
        pad(sb, width - len);
        if (v < 0) sb.append('-');
        appendDigits(sb, v, digits);
        return sb;
    }

    /** {@code %<width>.0f}, or {@code %+<width>.0f} when plus is set. */
    public static StringBuilder appendFixed0(StringBuilder sb, double v, int width, boolean plus) {
        if (Double.isNaN(v) || Double.isInfinite(v) || Math.abs(v) >= 9.0e18) {
            String s = Double.isNaN(v) ? "nan" : Double.isInfinite(v) ? (v > 0 ? "inf" : "-inf")
                    : String.format(plus ? "%+.0f" : "%.0f", v); // rare path; may allocate
            if (plus && v > 0 && !s.startsWith("+")) s = "+" + s;
            pad(sb, width - s.length());
            return sb.append(s);
        }
        double r = Math.rint(v); // glibc rounds the exact binary value half-to-even
        boolean negative = r < 0 || (r == 0 && (Double.doubleToRawLongBits(r) < 0));
        long mag = (long) Math.abs(r);
        int digits = digits(mag);
        int len = digits + (negative || plus ? 1 : 0);
        pad(sb, width - len);
        if (negative) sb.append('-');
        else if (plus) sb.append('+');
        appendDigits(sb, mag, digits);
        return sb;
    }

    /** {@code %03ld}-style zero-padded non-negative integer. */
    public static StringBuilder appendZeroPadded(StringBuilder sb, long v, int width) {
        int digits = digits(v);
        for (int i = digits; i < width; i++) sb.append('0');
        appendDigits(sb, v, digits);
        return sb;
    }

    private static void pad(StringBuilder sb, int n) {
        for (int i = 0; i < n; i++) sb.append(' ');
    }

    /** Number of decimal digits of |v| (at least 1). */
    static int digits(long v) {
        int n = 1;
        long m = v;
        while (m >= 10 || m <= -10) {
            m /= 10;
            n++;
        }
        return n;
    }

    /** Appends |v| in decimal; works for Long.MIN_VALUE by using negative arithmetic. */
    private static void appendDigits(StringBuilder sb, long v, int digits) {
        long neg = v > 0 ? -v : v;
        int start = sb.length();
        sb.setLength(start + digits);
        for (int i = start + digits - 1; i >= start; i--) {
            sb.setCharAt(i, (char) ('0' - (neg % 10)));
            neg /= 10;
        }
    }
}
