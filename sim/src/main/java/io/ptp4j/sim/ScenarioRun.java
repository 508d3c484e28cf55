package io.ptp4j.sim;

import io.ptp4j.core.engine.EngineListener;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Runs a {@link Scenario}: samples every node's TRUE time error at a fixed interval, then checks
 * the scenario's [pass] criteria on it. Results can be written as CSV and plotted as SVG.
 */
public final class ScenarioRun {
    public static final long START = 1_000_000_000_000L; // 1000 s, so logs read like ptp4l's
    public final Scenario scenario;
    public final Simulation sim = new Simulation(START);
    public final Network net;
    public final long sampleNanos;
    public final List<double[]> samples = new ArrayList<>(); // [t seconds, err node0, err node1, ...]
    public final List<String> failures = new ArrayList<>();
    public final List<NodeSummary> summaries = new ArrayList<>();

    public record NodeSummary(String name, String state, long gm, double rmsNanos, double maxAbsNanos, double convergedAtSeconds,
                              long steps, long badPackets) {}

    public ScenarioRun(Scenario scenario, Function<String, EngineListener> listeners) throws Toml.ParseException {
        this.scenario = scenario;
        this.net = scenario.build(sim, listeners);
        this.sampleNanos = (long) scenario.nanos(scenario.toml.root, "sample", "125ms");
    }

    // Per node: the grandmaster it follows as last sampled, and when that last changed (s).
    private long[] lastGm;
    private double[] gmChangedAt;

    private void trackGrandmasters(double t) {
        int n = nodes().size();
        if (lastGm == null) {
            lastGm = new long[n];
            gmChangedAt = new double[n];
            java.util.Arrays.fill(lastGm, Long.MIN_VALUE);
        }
        for (int i = 0; i < n; i++) {
            SimNode node = nodes().get(i);
            if (node.isTransparent()) continue;
            long gm = node.engine().parentDS().grandmasterIdentity();
            if (gm != lastGm[i]) {
                lastGm[i] = gm;
                gmChangedAt[i] = t;
            }
        }
    }

    public List<SimNode> nodes() {
        return sim.nodes();
    }

    /** Advances the simulation by {@code nanos}, sampling as it goes. */
    public void advance(long nanos) {
        long end = sim.now() + nanos;
        long next = samples.isEmpty() ? sim.now() : (long) (samples.get(samples.size() - 1)[0] * 1e9) + START + sampleNanos;
        while (next <= end) {
            sim.runUntil(next);
            double[] row = new double[nodes().size() + 1];
            row[0] = (next - START) / 1e9;
            for (int i = 0; i < nodes().size(); i++) row[i + 1] = nodes().get(i).trueErrorNanos();
            samples.add(row);
            trackGrandmasters(row[0]);
            next += sampleNanos;
        }
        sim.runUntil(end);
    }

    public boolean done() {
        return sim.now() - START >= scenario.durationNanos;
    }

    /** Runs to the end and evaluates; returns true when every pass criterion holds. */
    public boolean runToEnd() throws Toml.ParseException {
        advance(START + scenario.durationNanos - sim.now());
        return evaluate();
    }

    public boolean evaluate() throws Toml.ParseException {
        Toml.Table pass = scenario.toml.tables.get("pass");
        double settle = pass == null ? scenario.durationNanos / 2e9 : scenario.nanos(pass, "settle", (scenario.durationNanos / 2e9) + "s") / 1e9;
        double threshold = pass == null ? 1_000 : scenario.nanos(pass, "converge_threshold", "1us");
        summaries.clear();
        failures.clear();
        for (int i = 0; i < nodes().size(); i++) {
            SimNode n = nodes().get(i);
            double sum = 0, max = 0;
            int count = 0;
            double convergedAt = Double.NaN;
            for (double[] row : samples) {
                double e = row[i + 1];
                if (Math.abs(e) >= threshold) convergedAt = Double.NaN;
                else if (Double.isNaN(convergedAt)) convergedAt = row[0];
                if (row[0] >= settle) {
                    sum += e * e;
                    max = Math.max(max, Math.abs(e));
                    count++;
                }
            }
            String st = n.isTransparent() ? n.clockType() : n.engine().portState(1).toString();
            long gm = n.isTransparent() ? 0 : n.engine().parentDS().grandmasterIdentity();
            long bad = n.isTransparent() ? ((io.ptp4j.core.clock.TransparentClock) n.node()).badPackets() : n.engine().port(1).counters().badPackets();
            summaries.add(new NodeSummary(n.name(), st, gm, count == 0 ? 0 : Math.sqrt(sum / count), max, convergedAt, n.steps, bad));
        }
        if (pass == null) return true;
        String who = scenario.str(pass, "nodes", "*");
        for (NodeSummary s : summaries) {
            if (!who.equals("*") && !List.of(who.split(",\\s*")).contains(s.name())) continue;
            if (who.equals("*") && s.name().equals(scenario.str(pass, "reference", ""))) continue;
            check(pass, "max_abs_error", s.maxAbsNanos(), s, "max |error|");
            check(pass, "rms_error", s.rmsNanos(), s, "rms error");
            if (pass.get("converge_within") != null) {
                double within = scenario.nanos(pass, "converge_within", "0s") / 1e9;
                if (Double.isNaN(s.convergedAtSeconds()) || s.convergedAtSeconds() > within) {
                    failures.add(String.format(Locale.ROOT, "%s: not within %.0f ns by %.0f s (converged at %s)", s.name(), threshold, within,
                            Double.isNaN(s.convergedAtSeconds()) ? "never" : String.format(Locale.ROOT, "%.1f s", s.convergedAtSeconds())));
                }
            }
            if (pass.get("grandmaster") != null) {
                // the node follows the named grandmaster at the end, and (with gm_selected_after /
                // gm_selected_within) picked it within that long of the given time (a failover bar)
                String want = scenario.str(pass, "grandmaster", "");
                SimNode g = nodes().stream().filter(x -> x.name().equals(want)).findFirst().orElse(null);
                if (g == null || g.isTransparent()) {
                    failures.add("[pass] grandmaster = \"" + want + "\": no such ordinary or boundary clock");
                } else if (s.gm() != g.engine().defaultDS().clockIdentity()) {
                    failures.add(s.name() + ": follows " + io.ptp4j.core.wire.ClockIdentity.format(s.gm()) + ", expected " + want);
                } else if (pass.get("gm_selected_within") != null) {
                    double after = scenario.nanos(pass, "gm_selected_after", "0s") / 1e9;
                    double within = scenario.nanos(pass, "gm_selected_within", "0s") / 1e9;
                    double at = gmChangedAt[nodes().indexOf(nodes().stream().filter(x -> x.name().equals(s.name())).findFirst().get())];
                    if (at - after > within) {
                        failures.add(String.format(Locale.ROOT, "%s: selected %s %.2f s after %.0f s, limit %.2f s", s.name(), want, at - after, after, within));
                    }
                }
            }
            if (pass.get("state") != null && !scenario.str(pass, "state", "").equals(s.state())) {
                failures.add(s.name() + ": port state " + s.state() + ", expected " + scenario.str(pass, "state", ""));
            }
        }
        return failures.isEmpty();
    }

    private void check(Toml.Table pass, String key, double value, NodeSummary s, String what) throws Toml.ParseException {
        if (pass.get(key) == null) return;
        double limit = scenario.nanos(pass, key, "0");
        if (!(value < limit)) failures.add(String.format(Locale.ROOT, "%s: %s %.1f ns, limit %.0f ns", s.name(), what, value, limit));
    }

    public String summaryTable() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-12s %-13s %-20s %12s %12s %12s %6s%n", "node", "port 1", "grandmaster", "rms ns", "max ns", "synced at s", "steps"));
        for (NodeSummary s : summaries) {
            sb.append(String.format(Locale.ROOT, "%-12s %-13s %-20s %12.1f %12.1f %12s %6d%n", s.name(), s.state(),
                    io.ptp4j.core.wire.ClockIdentity.format(s.gm()), s.rmsNanos(), s.maxAbsNanos(),
                    Double.isNaN(s.convergedAtSeconds()) ? "-" : String.format(Locale.ROOT, "%.1f", s.convergedAtSeconds()), s.steps()));
        }
        return sb.toString();
    }

    public void writeCsv(Path file) throws IOException {
        try (Writer w = Files.newBufferedWriter(file)) {
            w.write("time_s");
            for (SimNode n : nodes()) w.write("," + n.name() + "_error_ns");
            w.write("\n");
            for (double[] row : samples) {
                w.write(String.format(Locale.ROOT, "%.3f", row[0]));
                for (int i = 1; i < row.length; i++) w.write(String.format(Locale.ROOT, ",%.1f", row[i]));
                w.write("\n");
            }
        }
    }

    /** An SVG of true time error over time, one polyline per node, on a symmetric scale. */
    public String svg() {
        int width = 900, height = 420, left = 70, right = 140, top = 30, bottom = 40;
        double t0 = samples.isEmpty() ? 0 : samples.get(0)[0], t1 = samples.isEmpty() ? 1 : samples.get(samples.size() - 1)[0];
        // Scale to the 99th percentile of |error| after the first tenth, so a start-up step does not flatten the plot.
        List<Double> abs = new ArrayList<>();
        for (int r = samples.size() / 10; r < samples.size(); r++) for (int i = 1; i < samples.get(r).length; i++) abs.add(Math.abs(samples.get(r)[i]));
        abs.sort(null);
        double ymax = abs.isEmpty() ? 1 : Math.max(1, abs.get((int) (abs.size() * 0.99)) * 1.2);
        String[] colors = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"};
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"12\">%n", width, height));
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"18\" font-size=\"14\">%s: true time error (ns)</text>%n", left, esc(scenario.name)));
        int pw = width - left - right, ph = height - top - bottom;
        sb.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#999\"/>%n", left, top, pw, ph));
        for (int k = -2; k <= 2; k++) {
            double v = ymax * k / 2;
            double y = top + ph / 2.0 - v / ymax * ph / 2;
            sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#eee\"/><text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%.0f</text>%n",
                    left, left + pw, y, y, left - 5, y + 4, v));
        }
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%.0f s</text><text x=\"%d\" y=\"%d\" text-anchor=\"end\">%.0f s</text>%n",
                left, height - 15, t0, left + pw, height - 15, t1));
        for (int i = 0; i < nodes().size(); i++) {
            sb.append("<polyline fill=\"none\" stroke-width=\"1\" stroke=\"").append(colors[i % colors.length]).append("\" points=\"");
            for (double[] row : samples) {
                double x = left + (row[0] - t0) / Math.max(1e-9, t1 - t0) * pw;
                double v = Math.max(-ymax, Math.min(ymax, row[i + 1]));
                double y = top + ph / 2.0 - v / ymax * ph / 2;
                sb.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
            }
            sb.append("\"/>\n");
            sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"%s\">%s</text>%n", left + pw + 10, top + 15 + 16 * i,
                    colors[i % colors.length], esc(nodes().get(i).name())));
        }
        sb.append("</svg>\n");
        return sb.toString();
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
