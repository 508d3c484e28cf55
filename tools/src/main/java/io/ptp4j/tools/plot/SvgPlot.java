package io.ptp4j.tools.plot;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Draws parsed log samples as one standalone SVG: three panels sharing the time axis (offset,
 * path delay, frequency adjustment), one polyline per series, port state changes as dashed
 * vertical markers. Scales ignore the first tenth of the points (a start-up step would flatten
 * the rest), as the simulator's plot does.
 */
public final class SvgPlot {
    static final int WIDTH = 960, PANEL = 200, TOP = 40, GAP = 30, LEFT = 80, RIGHT = 190, BOTTOM = 40;
    private static final String[] COLORS = {"#b00020", "#1452a8", "#0a7d20", "#8a3ab9", "#c77700", "#00838f"};

    private SvgPlot() {}

    public static String render(String title, LogParser.Result r) {
        Map<String, List<LogParser.Sample>> series = new LinkedHashMap<>();
        for (LogParser.Sample s : r.samples()) series.computeIfAbsent(s.series(), k -> new ArrayList<>()).add(s);
        double t0 = Double.POSITIVE_INFINITY, t1 = Double.NEGATIVE_INFINITY;
        for (LogParser.Sample s : r.samples()) {
            t0 = Math.min(t0, s.timeSeconds());
            t1 = Math.max(t1, s.timeSeconds());
        }
        for (LogParser.Marker m : r.markers()) {
            t0 = Math.min(t0, m.timeSeconds());
            t1 = Math.max(t1, m.timeSeconds());
        }
        if (!(t0 <= t1)) {
            t0 = 0;
            t1 = 1;
        }
        if (t1 - t0 < 1e-3) t1 = t0 + 1;
        int height = TOP + 3 * PANEL + 2 * GAP + BOTTOM;
        StringBuilder sb = new StringBuilder(16_384);
        sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        sb.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"11\">\n",
                WIDTH, height, WIDTH, height));
        sb.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        sb.append("<text x=\"").append(LEFT).append("\" y=\"22\" font-size=\"15\">").append(esc(title)).append("</text>\n");
        String[] names = {"offset (ns)", "path delay (ns)", "frequency adjustment (ppb)"};
        List<ToDoubleFunction<LogParser.Sample>> cols = List.of(LogParser.Sample::offsetNanos, LogParser.Sample::delayNanos,
                LogParser.Sample::freqPpb);
        for (int k = 0; k < 3; k++) {
            int top = TOP + k * (PANEL + GAP);
            panel(sb, names[k], top, t0, t1, series, cols.get(k), k == 0, r.markers());
        }
        // legend
        int i = 0;
        for (String name : series.keySet()) {
            int y = TOP + 14 + 16 * i;
            sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2\"/>", WIDTH - RIGHT + 14,
                    WIDTH - RIGHT + 34, y - 4, y - 4, COLORS[i % COLORS.length]));
            sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s (%d)</text>\n", WIDTH - RIGHT + 40, y, esc(name), series.get(name).size()));
            i++;
        }
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">time (s, the log's clock)</text>\n",
                LEFT + (WIDTH - LEFT - RIGHT) / 2, height - 8));
        sb.append("</svg>\n");
        return sb.toString();
    }

    private static void panel(StringBuilder sb, String name, int top, double t0, double t1, Map<String, List<LogParser.Sample>> series,
            ToDoubleFunction<LogParser.Sample> col, boolean symmetric, List<LogParser.Marker> markers) {
        int plotW = WIDTH - LEFT - RIGHT;
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (List<LogParser.Sample> l : series.values()) {
            for (int j = l.size() > 20 ? l.size() / 10 : 0; j < l.size(); j++) {
                double v = col.applyAsDouble(l.get(j));
                if (Double.isNaN(v)) continue;
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        boolean empty = !(lo <= hi);
        if (empty) {
            lo = -1;
            hi = 1;
        }
        if (symmetric) {
            double m = Math.max(Math.max(Math.abs(lo), Math.abs(hi)), 1);
            lo = -m;
            hi = m;
        }
        if (hi - lo < 1e-9) {
            hi += 1;
            lo -= 1;
        }
        double pad = (hi - lo) * 0.08;
        double ylo = lo - pad, yhi = hi + pad;
        sb.append(String.format(Locale.ROOT, "<g class=\"panel\" data-name=\"%s\">\n", esc(name)));
        sb.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#999\"/>\n", LEFT, top, plotW, PANEL));
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-weight=\"bold\">%s</text>\n", LEFT + 4, top - 4, esc(name)));
        double step = niceStep(yhi - ylo, 4);
        for (double v = Math.ceil(ylo / step) * step; v <= yhi; v += step) {
            double y = y(v, ylo, yhi, top);
            sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#eee\"/>", LEFT, LEFT + plotW, y, y));
            sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>\n", LEFT - 6, y + 4, num(v)));
        }
        double ts = niceStep(t1 - t0, 8);
        for (double t = Math.ceil(t0 / ts) * ts; t <= t1; t += ts) {
            sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>\n", x(t, t0, t1), top + PANEL + 14, num(t)));
        }
        for (LogParser.Marker m : markers) {
            double x = x(m.timeSeconds(), t0, t1);
            sb.append(String.format(Locale.ROOT, "<line class=\"marker\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" stroke=\"#888\" stroke-dasharray=\"4 3\"><title>%s</title></line>\n",
                    x, x, top, top + PANEL, esc(m.text())));
        }
        if (symmetric) {
            for (LogParser.Marker m : markers) {
                double x = x(m.timeSeconds(), t0, t1);
                sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" transform=\"rotate(-90 %.1f %d)\" fill=\"#666\" font-size=\"9\">%s</text>\n",
                        x - 2, top + PANEL - 4, x - 2, top + PANEL - 4, esc(m.text())));
            }
        }
        int i = 0;
        for (Map.Entry<String, List<LogParser.Sample>> e : series.entrySet()) {
            StringBuilder pts = new StringBuilder();
            int n = 0;
            for (LogParser.Sample s : e.getValue()) {
                double v = col.applyAsDouble(s);
                if (Double.isNaN(v)) continue;
                if (n++ > 0) pts.append(' ');
                pts.append(String.format(Locale.ROOT, "%.1f,%.1f", x(s.timeSeconds(), t0, t1), y(Math.max(ylo, Math.min(yhi, v)), ylo, yhi, top)));
            }
            String color = COLORS[i++ % COLORS.length];
            if (n == 1) {
                String[] xy = pts.toString().split(",");
                sb.append(String.format(Locale.ROOT, "<circle class=\"series\" data-points=\"1\" cx=\"%s\" cy=\"%s\" r=\"2.5\" fill=\"%s\"/>\n", xy[0], xy[1], color));
            } else if (n > 1) {
                sb.append(String.format(Locale.ROOT, "<polyline class=\"series\" data-points=\"%d\" fill=\"none\" stroke=\"%s\" stroke-width=\"1.2\" points=\"%s\"/>\n",
                        n, color, pts));
            }
        }
        if (empty) sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"#888\">no values in this log</text>\n", LEFT + 10, top + PANEL / 2));
        sb.append("</g>\n");
    }

    private static double x(double t, double t0, double t1) {
        return LEFT + (t - t0) / (t1 - t0) * (WIDTH - LEFT - RIGHT);
    }

    private static double y(double v, double lo, double hi, int top) {
        return top + (hi - v) / (hi - lo) * PANEL;
    }

    /** 1-2-5 steps. */
    static double niceStep(double span, int n) {
        double raw = span / n, p = Math.pow(10, Math.floor(Math.log10(raw))), f = raw / p;
        return (f < 1.5 ? 1 : f < 3.5 ? 2 : f < 7.5 ? 5 : 10) * p;
    }

    private static String num(double v) {
        if (Math.abs(v) < 1e-9) return "0";
        if (Math.abs(v) >= 1e6 || Math.abs(v) < 1e-2) return String.format(Locale.ROOT, "%.3g", v);
        String s = String.format(Locale.ROOT, "%.3f", v);
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
