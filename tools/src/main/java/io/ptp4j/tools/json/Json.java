package io.ptp4j.tools.json;

import java.math.BigInteger;

/**
 * The tools' one JSON writer (pmc --json, the JSON log, decode --json, doctor --json, sim --json,
 * the dashboard feed): values appended to a StringBuilder, nothing allocated per string but
 * what the builder grows by.
 *
 * <p>Strings follow RFC 8259 section 7: '"' and '\' are escaped, and every control character
 * U+0000 to U+001F, as the two-character escape where one exists (\b \f \n \r \t) and as
 * \\u00xx otherwise. U+2028 and U+2029, valid in JSON but line ends in JavaScript before
 * ES2019, are written as \\u2028 and \\u2029 so a line of JSON log stays one line for every reader.
 */
public final class Json {
    private Json() {}

    /** {@code "name":value}. */
    public static StringBuilder member(StringBuilder b, String name, Object value) {
        string(b, name).append(':');
        return value(b, value);
    }

    /** null, a boolean, an integer, a finite double (NaN and infinities as null), or anything else as its string. */
    public static StringBuilder value(StringBuilder b, Object v) {
        if (v == null) return b.append("null");
        if (v instanceof Boolean || v instanceof Long || v instanceof Integer) return b.append(v);
        if (v instanceof Double d) return b.append(d.isNaN() || d.isInfinite() ? "null" : d.toString());
        if (v instanceof BigInteger bi) return b.append(bi);
        return string(b, v.toString());
    }

    /** A string literal, quotes included. */
    public static StringBuilder string(StringBuilder b, CharSequence s) {
        b.append('"');
        escape(b, s);
        return b.append('"');
    }

    /** The inside of a string literal, for text that already stands between quotes. */
    public static String escaped(CharSequence s) {
        return escape(new StringBuilder(s.length() + 8), s).toString();
    }

    /** Appends {@code s} escaped, without quotes. */
    public static StringBuilder escape(StringBuilder b, CharSequence s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '\b' -> b.append("\\b");
                case '\f' -> b.append("\\f");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        b.append("\\u");
                        String hex = Integer.toHexString(c);
                        for (int k = hex.length(); k < 4; k++) b.append('0');
                        b.append(hex);
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b;
    }
}
