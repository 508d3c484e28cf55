package io.ptp4j.tools.pmc;

/** Minimal JSON writing for pmc --json (strings, numbers, booleans, null). */
final class Json {
    private Json() {}

    static StringBuilder member(StringBuilder b, String name, Object value) {
        string(b, name).append(':');
        return value(b, value);
    }

    static StringBuilder value(StringBuilder b, Object v) {
        if (v == null) return b.append("null");
        if (v instanceof Boolean || v instanceof Long || v instanceof Integer) return b.append(v);
        if (v instanceof Double d) return b.append(d.isNaN() || d.isInfinite() ? "null" : d.toString());
        if (v instanceof java.math.BigInteger bi) return b.append(bi);
        return string(b, v.toString());
    }

    static StringBuilder string(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                case '\r' -> b.append("\\r");
                default -> {
                    if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
                    else b.append(c);
                }
            }
        }
        return b.append('"');
    }
}
