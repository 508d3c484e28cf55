package io.ptp4j.tools.config;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Reads linuxptp's configuration file format (config.c config_read): lines are trimmed; blank
 * lines and lines whose first non-blank character is '#' are skipped; "[global]" and
 * "[unicast_master_table]" (case-insensitive) open those sections; any other "[name]" opens a port
 * section and declares interface name; a setting is "key value" split at the first whitespace.
 */
public final class ConfigReader {
    private static final Pattern MAC = Pattern.compile("(\\p{XDigit}{2}[:-]){5}\\p{XDigit}{2}");
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

    private enum Section { UNKNOWN, GLOBAL, UNICAST_MASTER_TABLE, PORT }

    private ConfigReader() {}

    /** Reads a file into cfg (after any command-line options were set on it). */
    public static void read(Path file, PtpConfig cfg) throws ConfigException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new ConfigException(null, 0, "failed to open configuration file " + file + ": " + reason(e));
        }
        read(file.toString(), text, cfg);
    }

    /** Reads configuration text; name is used in error messages. */
    public static void read(String name, String text, PtpConfig cfg) throws ConfigException {
        new State(name, cfg).readAll(text);
    }

    private static String reason(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) return "No such file or directory";
        if (e instanceof java.nio.file.AccessDeniedException) return "Permission denied";
        return e.getMessage();
    }

    private static final class State {
        final String file;
        final PtpConfig cfg;
        Section section = Section.UNKNOWN;
        String port;
        UnicastMasterTable table;

        State(String file, PtpConfig cfg) {
            this.file = file;
            this.cfg = cfg;
        }

        void readAll(String text) throws ConfigException {
            String[] lines = text.split("\n", -1);
            int count = text.endsWith("\n") ? lines.length - 1 : lines.length;
            for (int i = 0; i < count; i++) line(lines[i], i + 1);
        }

        void line(String raw, int n) throws ConfigException {
            String line = trim(raw);
            if (line.isEmpty() || line.charAt(0) == '#') return;
            if (sectionLine(line, n)) return;
            switch (section) {
                case UNICAST_MASTER_TABLE -> tableLine(line, n);
                case UNKNOWN -> throw new ConfigException(file, n, "line " + n + " is not in a section");
                default -> setting(line, n);
            }
        }

        boolean sectionLine(String line, int n) throws ConfigException {
            if (line.equalsIgnoreCase("[global]")) {
                section = Section.GLOBAL;
            } else if (line.equalsIgnoreCase("[unicast_master_table]")) {
                section = Section.UNICAST_MASTER_TABLE;
                table = null;
            } else if (line.charAt(0) == '[') {
                // linuxptp blanks every bracket and takes the first word, so "[global" opened a port
                // named "global" and failed far later; a header is one name in one pair of brackets
                if (line.charAt(line.length() - 1) != ']' || line.indexOf('[', 1) >= 0 || line.indexOf(']') != line.length() - 1
                        || line.substring(1, line.length() - 1).strip().chars().anyMatch(ValueParser::isCSpaceInt))
                    throw new ConfigException(file, n, "malformed section header '" + line + "' at line " + n
                            + " (a section is [global], [unicast_master_table] or [interface])");
                String name = firstToken(line.replace('[', ' ').replace(']', ' '));
                if (name == null) throw new ConfigException(file, n, "could not parse port name on line " + n);
                section = Section.PORT;
                port = name;
                cfg.addInterface(name, file, n);
            } else {
                return false;
            }
            return true;
        }

        void setting(String line, int n) throws ConfigException {
            String where = section == Section.GLOBAL ? "global" : port;
            int sp = 0;
            while (sp < line.length() && !ValueParser.isCSpace(line.charAt(sp))) sp++;
            if (sp == line.length())
                throw new ConfigException(file, n, "could not parse line " + n + " in " + where
                        + " section (expected: key value)");
            String key = line.substring(0, sp);
            String value = trim(line.substring(sp));
            cfg.setFromFile(section == Section.GLOBAL ? null : port, key, value, file, n);
        }

        void tableLine(String line, int n) throws ConfigException {
            String key = firstToken(line);
            String rest = trim(line.substring(key.length()));
            String value = firstToken(rest);
            switch (key) {
                case "table_id" -> newTable(value, n);
                case "logQueryInterval" -> currentTable(n).logQueryInterval(queryInterval(value, n));
                case "peer_address" -> currentTable(n).peerAddress(required(value, n));
                default -> {
                    String transport = transportLabel(key);
                    if (value == null) throw new ConfigException(file, n, "bad master table at line " + n
                            + " (expected: table_id N, logQueryInterval N, peer_address A, or UDPv4|UDPv6|L2 ADDRESS)");
                    UnicastMasterTable t = currentTable(n);
                    if (!validAddress(transport, value))
                        throw new ConfigException(file, n, "line " + n + ": bad address (" + value
                                + " is not a valid " + transport + " address)");
                    t.add(new UnicastMasterTable.Entry(transport, value));
                }
            }
        }

        void newTable(String value, int n) throws ConfigException {
            long id = integer(value, "table_id", n);
            if (id < 1 || id > Integer.MAX_VALUE)
                throw new ConfigException(file, n, "line " + n + ": table_id " + value
                        + " is out of range. Must be in the range 1 to " + Integer.MAX_VALUE);
            if (cfg.unicastMasterTable((int) id) != null)
                throw new ConfigException(file, n, "line " + n + ": table_id " + id + " already taken");
            table = cfg.newTable((int) id);
        }

        int queryInterval(String value, int n) throws ConfigException {
            long v = integer(value, "logQueryInterval", n);
            if (v < -128 || v > 127)
                throw new ConfigException(file, n, "line " + n + ": logQueryInterval " + value
                        + " out of range (must be in the range -128 to 127)");
            return (int) v;
        }

        long integer(String value, String what, int n) throws ConfigException {
            try {
                return ValueParser.parseCLong(required(value, n), false);
            } catch (ValueParser.Rejected e) {
                throw new ConfigException(file, n, "bad master table at line " + n + " (" + what + " "
                        + value + " is not an integer)");
            }
        }

        String required(String value, int n) throws ConfigException {
            if (value == null) throw new ConfigException(file, n, "bad master table at line " + n + " (missing value)");
            return value;
        }

        UnicastMasterTable currentTable(int n) throws ConfigException {
            if (table == null) throw new ConfigException(file, n, "line " + n + ": missing table_id");
            return table;
        }

        String transportLabel(String key) {
            for (String l : new String[] {"L2", "UDPv4", "UDPv6"}) if (l.equalsIgnoreCase(key)) return l;
            return key; // linuxptp falls back to a UDS path; validAddress rejects it below
        }

        static boolean validAddress(String transport, String a) {
            return switch (transport) {
                case "L2" -> MAC.matcher(a).matches();
                case "UDPv4" -> validIpv4(a);
                case "UDPv6" -> a.indexOf(':') >= 0 && literal(a);
                default -> false;
            };
        }

        static boolean validIpv4(String a) {
            var m = IPV4.matcher(a);
            if (!m.matches()) return false;
            for (int g = 1; g <= 4; g++) if (Integer.parseInt(m.group(g)) > 255) return false;
            return true;
        }

        static boolean literal(String a) {
            try {
                InetAddress.ofLiteral(a);
                return true;
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
    }

    static String trim(String s) {
        int b = 0, e = s.length();
        while (b < e && ValueParser.isCSpace(s.charAt(b))) b++;
        while (e > b && ValueParser.isCSpace(s.charAt(e - 1))) e--;
        return s.substring(b, e);
    }

    static String firstToken(String s) {
        String t = trim(s);
        if (t.isEmpty()) return null;
        int i = 0;
        while (i < t.length() && !ValueParser.isCSpace(t.charAt(i))) i++;
        return t.substring(0, i);
    }
}
