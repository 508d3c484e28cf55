package io.ptp4j.tools.plot;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads ptp4l and phc2sys logs, linuxptp's or ptp4j's, as printed with -m or found in syslog
 * ("... ptp4l: [2570.784] ..." or "ptp4l[2570.784]: ..."), and ptp4j's JSON log (log_format json):
 * servo samples, shadow servos' samples (shadow_servos), per-window summaries and port state changes. Lines it does not know are counted
 * and skipped.
 */
public final class LogParser {
    /** One point: series names the process (and clock for phc2sys); NaN where the line has no such value. */
    public record Sample(String series, double timeSeconds, double offsetNanos, double freqPpb, double delayNanos) {}

    /** A port state change or other marker to draw as a vertical line. */
    public record Marker(double timeSeconds, String text) {}

    public record Result(List<Sample> samples, List<Marker> markers, int lines, int skipped) {}

    // prefix: "ptp4l[2570.784]: " (print.c) or syslog's "ptp4l: [2570.784] " / "ptp4l[PID]: [2570.784] "
    private static final Pattern PREFIX = Pattern.compile(
            "(?:^|\\s)(ptp4l|phc2sys|ts2phc|timemaster)(?:\\[(\\d+\\.\\d+)\\]:|(?:\\[\\d+\\])?:\\s*\\[(\\d+\\.\\d+)\\])\\s*(?:\\[[^\\]]*\\]\\s*)?(.*)$");
    // ptp4l: "master offset -802 s0 freq -85 path delay 2224"
    private static final Pattern MASTER_OFFSET = Pattern.compile(
            "master offset\\s+(-?\\d+)\\s+s\\d\\s+freq\\s+([+-]?\\d+)\\s+path delay\\s+(-?\\d+)");
    // phc2sys: "CLOCK_REALTIME phc offset -12 s2 freq +345 delay 2300" (also "sys offset")
    private static final Pattern CLOCK_OFFSET = Pattern.compile(
            "(\\S+) (?:phc|sys|tai|master) offset\\s+(-?\\d+)\\s+s\\d\\s+freq\\s+([+-]?\\d+)(?:\\s+delay\\s+(-?\\d+))?");
    // summary_interval: "rms 12 max 40 freq -3 +/- 5 delay 2300 +/- 4" (phc2sys: clock name first)
    private static final Pattern SUMMARY = Pattern.compile(
            "(?:(\\S+) )?rms\\s+(\\d+)\\s+max\\s+(\\d+)\\s+freq\\s+([+-]?\\d+)(?:\\s+\\+/-\\s+\\d+)?(?:\\s+delay\\s+(-?\\d+))?");
    private static final Pattern STATE = Pattern.compile("(port \\d+(?: \\([^)]*\\))?): (\\w+) to (\\w+) on (\\w+)");
    private static final Pattern JSON_NUMBER = Pattern.compile("\"(ts|offsetNs|freqPpb|pathDelayNs|rmsNs)\":(-?[0-9.eE+-]+|null)");
    private static final Pattern JSON_STRING = Pattern.compile("\"(process|event|to|from|servo)\":\"([^\"]*)\"");

    private LogParser() {}

    public static Result parse(List<String> lines) {
        List<Sample> samples = new ArrayList<>();
        List<Marker> markers = new ArrayList<>();
        int skipped = 0;
        for (String line : lines) {
            String t = line.strip();
            if (t.isEmpty()) continue;
            boolean used = t.startsWith("{") ? json(t, samples, markers) : text(t, samples, markers);
            if (!used) skipped++;
        }
        return new Result(samples, markers, lines.size(), skipped);
    }

    private static boolean text(String line, List<Sample> samples, List<Marker> markers) {
        Matcher p = PREFIX.matcher(line);
        if (!p.find()) return false;
        String process = p.group(1);
        double ts = Double.parseDouble(p.group(2) != null ? p.group(2) : p.group(3));
        String msg = p.group(4);
        Matcher m = MASTER_OFFSET.matcher(msg);
        if (m.find()) {
            samples.add(new Sample(process, ts, Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)), Double.parseDouble(m.group(3))));
            return true;
        }
        m = CLOCK_OFFSET.matcher(msg);
        if (m.find()) {
            samples.add(new Sample(process + " " + m.group(1), ts, Double.parseDouble(m.group(2)), Double.parseDouble(m.group(3)),
                    m.group(4) == null ? Double.NaN : Double.parseDouble(m.group(4))));
            return true;
        }
        m = SUMMARY.matcher(msg);
        if (m.find()) {
            // a summary's rms stands for the window's offset: plot it as a point
            String series = process + (m.group(1) != null && !m.group(1).startsWith("port") ? " " + m.group(1) : "") + " rms";
            samples.add(new Sample(series, ts, Double.parseDouble(m.group(2)), Double.parseDouble(m.group(4)),
                    m.group(5) == null ? Double.NaN : Double.parseDouble(m.group(5))));
            return true;
        }
        m = STATE.matcher(msg);
        if (m.find()) {
            markers.add(new Marker(ts, m.group(1) + " " + m.group(3)));
            return true;
        }
        return false;
    }

    private static boolean json(String line, List<Sample> samples, List<Marker> markers) {
        double ts = Double.NaN, offset = Double.NaN, freq = Double.NaN, delay = Double.NaN, rms = Double.NaN;
        String process = "ptp4l", event = null, to = null, servo = null;
        Matcher n = JSON_NUMBER.matcher(line);
        while (n.find()) {
            double v;
            if (n.group(2).equals("null")) continue;
            try {
                v = Double.parseDouble(n.group(2));
            } catch (NumberFormatException e) {
                return false;
            }
            switch (n.group(1)) {
                case "ts" -> ts = v;
                case "offsetNs" -> offset = v;
                case "freqPpb" -> freq = v;
                case "rmsNs" -> rms = v;
                default -> delay = v;
            }
        }
        Matcher s = JSON_STRING.matcher(line);
        while (s.find()) {
            switch (s.group(1)) {
                case "process" -> process = s.group(2);
                case "event" -> event = s.group(2);
                case "to" -> to = s.group(2);
                case "servo" -> servo = s.group(2);
                default -> {}
            }
        }
        if (Double.isNaN(ts) || event == null) return false;
        if (event.equals("servoSample")) {
            samples.add(new Sample(process, ts, offset, freq, delay));
            return true;
        }
        if (event.equals("shadowSample") && servo != null) {
            // shadow_servos: what that servo would have made of the same samples, a series of its own
            samples.add(new Sample(process + " shadow " + servo, ts, offset, freq, Double.NaN));
            return true;
        }
        if (event.equals("summary") && !Double.isNaN(rms)) {
            samples.add(new Sample(process + " rms", ts, rms, freq, delay));
            return true;
        }
        if (event.equals("portStateChanged") && to != null) {
            int port = portOf(line);
            markers.add(new Marker(ts, "port " + port + " " + to));
            return true;
        }
        return false;
    }

    private static int portOf(String line) {
        Matcher m = Pattern.compile("\"port\":(\\d+)").matcher(line);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
