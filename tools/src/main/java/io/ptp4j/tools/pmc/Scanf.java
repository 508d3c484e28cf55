package io.ptp4j.tools.pmc;

import java.util.ArrayList;
import java.util.List;

/**
 * The subset of C sscanf that linuxptp's pmc parses SET arguments with, so that ptp4j's pmc
 * accepts and rejects exactly the same inputs: whitespace in the format skips any whitespace,
 * other characters must match, conversions {@code %*s %Ns %s %u %d %x %hhu %hhx %hu %hd %hx
 * %lu %ld} (h/hh truncate like C). Scanning stops at the first mismatch; the result holds the
 * values converted so far (C's return count is its size).
 */
public final class Scanf {
    private Scanf() {}

    public static List<Object> scan(String input, String format) {
        List<Object> out = new ArrayList<>();
        int i = 0, f = 0;
        while (f < format.length()) {
            char fc = format.charAt(f);
            if (Character.isWhitespace(fc)) {
                while (i < input.length() && Character.isWhitespace(input.charAt(i))) i++;
                f++;
                continue;
            }
            if (fc != '%') {
                if (i >= input.length() || input.charAt(i) != fc) return out;
                i++;
                f++;
                continue;
            }
            f++;
            boolean suppress = false;
            if (format.charAt(f) == '*') {
                suppress = true;
                f++;
            }
            int width = 0;
            while (Character.isDigit(format.charAt(f))) width = width * 10 + (format.charAt(f++) - '0');
            int size = 0; // 0 int, 1 short, 2 char, 3 long
            while (format.charAt(f) == 'h' || format.charAt(f) == 'l') {
                size = format.charAt(f) == 'l' ? 3 : size + 1;
                f++;
            }
            char conv = format.charAt(f++);
            while (i < input.length() && Character.isWhitespace(input.charAt(i))) i++;
            if (i >= input.length()) return out;
            if (conv == 's') {
                int start = i, max = width == 0 ? Integer.MAX_VALUE : width;
                while (i < input.length() && !Character.isWhitespace(input.charAt(i)) && i - start < max) i++;
                if (!suppress) out.add(input.substring(start, i));
                continue;
            }
            int start = i, max = width == 0 ? Integer.MAX_VALUE : width;
            StringBuilder num = new StringBuilder();
            boolean neg = false;
            if ((input.charAt(i) == '-' || input.charAt(i) == '+') && i - start < max) {
                neg = input.charAt(i) == '-';
                i++;
            }
            int radix = conv == 'x' ? 16 : 10;
            if (radix == 16 && i + 1 < input.length() && input.charAt(i) == '0' && (input.charAt(i + 1) | 0x20) == 'x'
                    && i + 2 < input.length() && Character.digit(input.charAt(i + 2), 16) >= 0) {
                i += 2;
            }
            while (i < input.length() && i - start < max && Character.digit(input.charAt(i), radix) >= 0) num.append(input.charAt(i++));
            if (num.isEmpty()) return out;
            long v;
            try {
                v = Long.parseUnsignedLong(num.toString(), radix);
            } catch (NumberFormatException e) {
                v = -1; // C saturates out-of-range values
            }
            if (neg) v = -v;
            v = switch (size) {
                case 2 -> conv == 'd' ? (byte) v : v & 0xFF;
                case 1 -> conv == 'd' ? (short) v : v & 0xFFFF;
                case 0 -> conv == 'd' ? (int) v : v & 0xFFFFFFFFL;
                default -> v;
            };
            if (!suppress) out.add(v);
        }
        return out;
    }
}
