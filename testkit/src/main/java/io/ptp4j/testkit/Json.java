package io.ptp4j.testkit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one JSON reader of the tests, strict RFC 8259: objects become {@code Map<String, Object>} (in
 * order), arrays {@code List<Object>}, numbers {@code Double}, true/false {@code Boolean}, null
 * null. {@link #parse} judges ptp4j's own JSON (a repeated key is an error there);
 * {@link #parseTshark} reads Wireshark's {@code tshark -T json}, which repeats a key for each
 * occurrence of a field: they are kept as {@code key}, {@code key#2}, ...
 */
public final class Json {
    private int i; // where the reader is in s
    private final String s;
    private final boolean repeatedKeys;

    private Json(String s, boolean repeatedKeys) {
        this.s = s;
        this.repeatedKeys = repeatedKeys;
    }

    /** Parses one JSON text; a repeated key in an object is an error. */
    public static Object parse(String text) {
        return new Json(text, false).document();
    }

    /** Parses tshark's JSON: a repeated key is kept as key, key#2, key#3, ... */
    public static Object parseTshark(String text) {
        return new Json(text, true).document();
    }

    private Object document() {
        ws();
        Object v = value();
        ws();
        if (i != s.length()) throw error("trailing characters");
        return v;
    }

    private IllegalArgumentException error(String what) {
        int from = Math.max(0, i - 40), to = Math.min(s.length(), i + 40);
        return new IllegalArgumentException("json: " + what + " at offset " + i + " near: " + s.substring(from, to));
    }

    private void ws() {
        while (i < s.length() && " \t\r\n".indexOf(s.charAt(i)) >= 0) i++;
    }

    private Object value() {
        char c = peek();
        if (c == '{') return object();
        if (c == '[') return array();
        if (c == '"') return string();
        if (s.startsWith("true", i)) return literal(4, Boolean.TRUE);
        if (s.startsWith("false", i)) return literal(5, Boolean.FALSE);
        if (s.startsWith("null", i)) return literal(4, null);
        return number();
    }

    private Object literal(int length, Object v) {
        i += length;
        return v;
    }

    private Map<String, Object> object() {
        Map<String, Object> m = new LinkedHashMap<>();
        expect('{');
        elements('}', () -> {
            if (peek() != '"') throw error("expected key");
            String k = string();
            ws();
            expect(':');
            ws();
            Object v = value();
            String key = k;
            if (repeatedKeys) {
                for (int n = 2; m.containsKey(key); n++) key = k + "#" + n;
            } else if (m.containsKey(key)) {
                throw error("repeated key \"" + k + "\"");
            }
            m.put(key, v);
        });
        return m;
    }

    private List<Object> array() {
        List<Object> l = new ArrayList<>();
        expect('[');
        elements(']', () -> l.add(value()));
        return l;
    }

    /** The comma-separated members of an object or elements of an array, up to and including {@code close}. */
    private void elements(char close, Runnable element) {
        ws();
        if (peek() == close) {
            i++;
            return;
        }
        while (true) {
            ws();
            element.run();
            ws();
            char c = next();
            if (c == close) return;
            if (c != ',') throw error("expected , or " + close);
        }
    }

    private String string() {
        expect('"');
        StringBuilder b = new StringBuilder();
        while (true) {
            char c = next();
            if (c == '"') return b.toString();
            if (c < 0x20) throw error("raw control character in string");
            if (c != '\\') {
                b.append(c);
                continue;
            }
            char e = next();
            switch (e) {
                case '"', '\\', '/' -> b.append(e);
                case 'n' -> b.append('\n');
                case 'r' -> b.append('\r');
                case 't' -> b.append('\t');
                case 'b' -> b.append('\b');
                case 'f' -> b.append('\f');
                case 'u' -> {
                    if (i + 4 > s.length()) throw error("short \\u escape");
                    b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                    i += 4;
                }
                default -> throw error("bad escape");
            }
        }
    }

    private Double number() {
        int start = i;
        if (peek() == '-') i++;
        if (peek() == '0') {
            i++;
        } else if (Character.isDigit(peek())) {
            while (Character.isDigit(peek())) i++;
        } else {
            throw error("bad value");
        }
        if (peek() == '.') {
            i++;
            if (!Character.isDigit(peek())) throw error("bad fraction");
            while (Character.isDigit(peek())) i++;
        }
        if (peek() == 'e' || peek() == 'E') {
            i++;
            if (peek() == '+' || peek() == '-') i++;
            if (!Character.isDigit(peek())) throw error("bad exponent");
            while (Character.isDigit(peek())) i++;
        }
        return Double.parseDouble(s.substring(start, i));
    }

    private char peek() {
        return i < s.length() ? s.charAt(i) : '\0';
    }

    private char next() {
        if (i >= s.length()) throw error("unexpected end");
        return s.charAt(i++);
    }

    private void expect(char c) {
        if (next() != c) {
            i--;
            throw error("expected '" + c + "'");
        }
    }
}
