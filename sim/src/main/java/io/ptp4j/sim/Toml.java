package io.ptp4j.sim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The small TOML subset scenario files use: {@code key = value} (quoted strings, numbers,
 * true/false), {@code [table]}, {@code [[array of tables]]}, {@code #} comments. Errors name the
 * file and line. Values keep their line number so later checks can point at them too.
 */
public final class Toml {
    /** A value and where it was written. */
    public record Value(Object value, int line) {
        public String text() {
            return String.valueOf(value);
        }
    }

    /** One table: keys in file order. */
    public static final class Table {
        public final String name;
        public final int line;
        public final Map<String, Value> values = new LinkedHashMap<>();

        Table(String name, int line) {
            this.name = name;
            this.line = line;
        }

        public Value get(String key) {
            return values.get(key);
        }
    }

    public static final class ParseException extends Exception {
        public ParseException(String file, int line, String reason) {
            super(file + ":" + line + ": " + reason);
        }
    }

    /** The root table, the named tables, and the arrays of tables, in file order. */
    public final Table root = new Table("", 0);
    public final Map<String, Table> tables = new LinkedHashMap<>();
    public final Map<String, List<Table>> arrays = new LinkedHashMap<>();

    public List<Table> array(String name) {
        return arrays.getOrDefault(name, List.of());
    }

    public static Toml parse(String file, String text) throws ParseException {
        Toml t = new Toml();
        Table current = t.root;
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int no = i + 1;
            String line = stripComment(lines[i]).trim();
            if (line.isEmpty()) continue;
            if (line.startsWith("[[")) {
                if (!line.endsWith("]]")) throw new ParseException(file, no, "unterminated [[table]] header");
                String name = line.substring(2, line.length() - 2).trim();
                current = new Table(name, no);
                t.arrays.computeIfAbsent(name, k -> new ArrayList<>()).add(current);
            } else if (line.startsWith("[")) {
                if (!line.endsWith("]")) throw new ParseException(file, no, "unterminated [table] header");
                String name = line.substring(1, line.length() - 1).trim();
                if (t.tables.containsKey(name)) throw new ParseException(file, no, "table [" + name + "] defined twice");
                current = new Table(name, no);
                t.tables.put(name, current);
            } else {
                int eq = line.indexOf('=');
                if (eq <= 0) throw new ParseException(file, no, "expected 'key = value', got '" + line + "'");
                String key = line.substring(0, eq).trim();
                String raw = line.substring(eq + 1).trim();
                if (current.values.containsKey(key)) throw new ParseException(file, no, "key '" + key + "' set twice");
                current.values.put(key, new Value(value(file, no, raw), no));
            }
        }
        return t;
    }

    private static String stripComment(String line) {
        boolean inString = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') inString = !inString;
            if (c == '#' && !inString) return line.substring(0, i);
        }
        return line;
    }

    private static Object value(String file, int no, String raw) throws ParseException {
        if (raw.isEmpty()) throw new ParseException(file, no, "missing value");
        if (raw.startsWith("\"")) {
            if (raw.length() < 2 || !raw.endsWith("\"")) throw new ParseException(file, no, "unterminated string " + raw);
            return raw.substring(1, raw.length() - 1);
        }
        if (raw.equals("true")) return Boolean.TRUE;
        if (raw.equals("false")) return Boolean.FALSE;
        try {
            if (raw.matches("[-+]?\\d+")) return Long.parseLong(raw);
            return Double.parseDouble(raw);
        } catch (NumberFormatException e) {
            throw new ParseException(file, no, "cannot read value '" + raw + "' (quote strings: \"" + raw + "\")");
        }
    }

    /** Parses "100ns", "1.5us", "2ms", "3s", "-20ns" or a bare number (ns) into nanoseconds. */
    public static double nanos(String text) {
        String s = text.trim();
        double scale;
        String num;
        if (s.endsWith("ns")) { scale = 1; num = s.substring(0, s.length() - 2); }
        else if (s.endsWith("us")) { scale = 1e3; num = s.substring(0, s.length() - 2); }
        else if (s.endsWith("ms")) { scale = 1e6; num = s.substring(0, s.length() - 2); }
        else if (s.endsWith("s")) { scale = 1e9; num = s.substring(0, s.length() - 1); }
        else { scale = 1; num = s; }
        return Double.parseDouble(num.trim()) * scale;
    }

    /** Parses "100ppm", "50ppb" or a bare number (ppm) into ppm. */
    public static double ppm(String text) {
        String s = text.trim();
        if (s.endsWith("ppm")) return Double.parseDouble(s.substring(0, s.length() - 3).trim());
        if (s.endsWith("ppb")) return Double.parseDouble(s.substring(0, s.length() - 3).trim()) / 1000.0;
        return Double.parseDouble(s);
    }
}
