package io.ptp4j.tools.timemaster;

import io.ptp4j.tools.config.ConfigException;
import io.ptp4j.tools.timemaster.TimemasterConfig.NtpServer;
import io.ptp4j.tools.timemaster.TimemasterConfig.Program;
import io.ptp4j.tools.timemaster.TimemasterConfig.PtpDomain;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads timemaster's configuration format (linuxptp timemaster.c config_parse): lines are trimmed,
 * empty lines and lines starting with '#' are skipped, "[name parameter]" starts a section, every
 * other line is "setting value" (names case-insensitive). Lines of [chrony.conf], [ntp.conf] and
 * [ptp4l.conf] are copied raw; a leading '>' is dropped so that '[' or '#' can start such a line.
 * Errors carry linuxptp's words prefixed by "file:line: ".
 */
public final class TimemasterConfigParser {
    private record Line(int number, String text) {}

    private final String file;

    private TimemasterConfigParser(String file) {
        this.file = file;
    }

    public static TimemasterConfig parse(Path path) throws ConfigException {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new ConfigException(null, 0, "failed to open " + path + ": " + reason(e));
        }
        return parse(path.toString(), text);
    }

    /** Parses {@code text}; {@code file} names it in error messages. */
    public static TimemasterConfig parse(String file, String text) throws ConfigException {
        return new TimemasterConfigParser(file).parseText(text);
    }

    private TimemasterConfig parseText(String text) throws ConfigException {
        TimemasterConfig config = new TimemasterConfig();
        String[] raw = text.split("\n", -1);
        Line header = null;
        List<Line> lines = null;
        for (int i = 0; i < raw.length; i++) {
            String t = raw[i].strip();
            if (t.isEmpty() || t.startsWith("#")) continue;
            Line line = new Line(i + 1, t);
            if (t.startsWith("[")) {
                if (header != null) section(header, lines, config);
                header = line;
                lines = new ArrayList<>();
                continue;
            }
            if (lines == null) throw error(line, "settings outside section");
            lines.add(line);
        }
        if (header != null) section(header, lines, config);
        return config;
    }

    private void section(Line header, List<Line> lines, TimemasterConfig config) throws ConfigException {
        String inner = header.text.substring(1);
        int close = inner.indexOf(']');
        if (close >= 0) inner = inner.substring(0, close);
        String[] nameAndParameter = splitWord(inner);
        String name = nameAndParameter[0].toLowerCase(Locale.ROOT);
        String parameter = nameAndParameter[1];
        switch (name) {
            case "ntp_server" -> config.sources.add(ntpServer(header, parameter, lines));
            case "ptp_domain" -> config.sources.add(ptpDomain(header, parameter, lines));
            case "chrony.conf" -> config.chronyd.settings = raw(lines);
            case "ntp.conf" -> config.ntpd.settings = raw(lines);
            case "ptp4l.conf" -> config.ptp4l.settings = raw(lines);
            case "chronyd" -> program(lines, config.chronyd);
            case "ntpd" -> program(lines, config.ntpd);
            case "phc2sys" -> program(lines, config.phc2sys);
            case "ptp4l" -> program(lines, config.ptp4l);
            case "timemaster" -> timemaster(lines, config);
            default -> throw error(header, "unknown section " + nameAndParameter[0]);
        }
    }

    private NtpServer ntpServer(Line header, String address, List<Line> lines) throws ConfigException {
        if (address.isEmpty()) throw error(header, "missing address for ntp_server");
        NtpServer s = new NtpServer(address);
        for (Line l : lines) {
            String[] nv = splitWord(l.text);
            switch (nv[0].toLowerCase(Locale.ROOT)) {
                case "minpoll" -> s.minpoll = integer(l, nv);
                case "maxpoll" -> s.maxpoll = integer(l, nv);
                case "iburst" -> s.iburst = bool(l, nv);
                case "ntp_options" -> s.ntpOptions = nv[1];
                default -> throw error(l, "unknown ntp_server setting " + nv[0]);
            }
        }
        return s;
    }

    private PtpDomain ptpDomain(Line header, String parameter, List<Line> lines) throws ConfigException {
        Integer domain = parseInt(parameter);
        if (domain == null) throw error(header, "invalid ptp_domain number " + parameter);
        PtpDomain d = new PtpDomain(domain);
        for (Line l : lines) {
            String[] nv = splitWord(l.text);
            switch (nv[0].toLowerCase(Locale.ROOT)) {
                case "delay" -> d.delaySeconds = decimal(l, nv);
                case "ntp_poll" -> d.ntpPoll = integer(l, nv);
                case "phc2sys_poll" -> d.phc2sysPoll = integer(l, nv);
                case "ptp4l_option" -> d.ptp4lSettings.add(nv[1]);
                case "ntp_options" -> d.ntpOptions = nv[1];
                case "interfaces" -> {
                    d.interfaces = words(nv[1]);
                    d.interfacesWhere = file + ":" + l.number + ": ";
                }
                default -> throw error(l, "unknown ptp_domain setting " + nv[0]);
            }
        }
        if (d.interfaces.isEmpty()) throw error(header, "no interfaces specified for ptp_domain " + d.domain);
        return d;
    }

    private void program(List<Line> lines, Program p) throws ConfigException {
        for (Line l : lines) {
            String[] nv = splitWord(l.text);
            switch (nv[0].toLowerCase(Locale.ROOT)) {
                case "path" -> p.path = nv[1];
                case "options" -> p.options = words(nv[1]);
                default -> throw error(l, "unknown program setting " + nv[0]);
            }
        }
    }

    private void timemaster(List<Line> lines, TimemasterConfig c) throws ConfigException {
        for (Line l : lines) {
            String[] nv = splitWord(l.text);
            switch (nv[0].toLowerCase(Locale.ROOT)) {
                case "ntp_program" -> c.ntpProgram = switch (nv[1].toLowerCase(Locale.ROOT)) {
                    case "chronyd" -> TimemasterConfig.NtpProgram.CHRONYD;
                    case "ntpd" -> TimemasterConfig.NtpProgram.NTPD;
                    default -> throw error(l, "unknown ntp program " + nv[1]);
                };
                case "rundir" -> c.rundir = nv[1];
                case "first_shm_segment" -> c.firstShmSegment = integer(l, nv);
                case "restart_processes" -> c.restartProcesses = integer(l, nv);
                // ptp4j: which linuxptp's timemaster to generate as
                case "linuxptp_version" -> c.linuxptp44 = switch (nv[1]) {
                    case "3.1.1" -> false;
                    case "4.4" -> true;
                    default -> throw error(l, "unknown linuxptp_version " + nv[1] + " (3.1.1 or 4.4)");
                };
                default -> throw error(l, "unknown timemaster setting " + nv[0]);
            }
        }
    }

    private static List<String> raw(List<Line> lines) {
        List<String> out = new ArrayList<>();
        for (Line l : lines) out.add(l.text.startsWith(">") ? l.text.substring(1) : l.text);
        return out;
    }

    /** First word, and the rest after the whitespace that follows it (timemaster.c parse_word). */
    static String[] splitWord(String s) {
        int i = 0;
        while (i < s.length() && !Character.isWhitespace(s.charAt(i))) i++;
        int j = i;
        while (j < s.length() && Character.isWhitespace(s.charAt(j))) j++;
        return new String[] {s.substring(0, i), s.substring(j)};
    }

    static List<String> words(String s) {
        List<String> out = new ArrayList<>();
        for (String w : s.strip().split("\\s+")) if (!w.isEmpty()) out.add(w);
        return out;
    }

    private int integer(Line l, String[] nv) throws ConfigException {
        Integer v = parseInt(nv[1]);
        if (v == null) throw invalid(l, nv);
        return v;
    }

    private boolean bool(Line l, String[] nv) throws ConfigException {
        Integer v = parseInt(nv[1]);
        if (v == null || v < 0 || v > 1) throw invalid(l, nv);
        return v == 1;
    }

    private double decimal(Line l, String[] nv) throws ConfigException {
        try {
            String s = nv[1];
            // strtod: no Java suffixes (d, f) and no hex-float surprises beyond what C accepts
            if (s.isEmpty() || !s.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) throw invalid(l, nv);
            double d = Double.parseDouble(s);
            if (d < Integer.MIN_VALUE || d > Integer.MAX_VALUE) throw invalid(l, nv);
            return d;
        } catch (NumberFormatException e) {
            throw invalid(l, nv);
        }
    }

    /** strtol base 0 as linuxptp's get_ranged_int: decimal, 0x hex, 0 octal; the whole string. */
    static Integer parseInt(String s) {
        String t = s.strip();
        boolean negative = t.startsWith("-");
        if (t.startsWith("-") || t.startsWith("+")) t = t.substring(1);
        if (!t.matches("0[xX][0-9a-fA-F]+|[0-9]+")) return null;
        try {
            long v;
            if (t.startsWith("0x") || t.startsWith("0X")) v = Long.parseLong(t.substring(2), 16);
            else if (t.length() > 1 && t.startsWith("0")) v = Long.parseLong(t.substring(1), 8);
            else v = Long.parseLong(t, 10);
            v = negative ? -v : v;
            if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) return null;
            return (int) v;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private ConfigException invalid(Line l, String[] nv) {
        return error(l, "invalid value " + nv[1] + " for " + nv[0]);
    }

    private ConfigException error(Line l, String detail) {
        return new ConfigException(file, l.number, detail);
    }

    private static String reason(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) return "No such file or directory";
        if (e instanceof java.nio.file.AccessDeniedException) return "Permission denied";
        return e.getMessage();
    }
}
