package io.ptp4j.bench;

import io.ptp4j.sim.Scenario;
import io.ptp4j.sim.ScenarioRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The clock error bound against the simulator's TRUE error, per shipped scenario: for the nodes its
 * [pass] section judges, the share of samples (8 per second) that carry a claim, how many of those
 * the true time lay outside of, and the median and 99th percentile of the interval's width
 * (2 x bound) over the claims. With --seeds N each scenario also runs under N other seeds (1001..)
 * and the outside count is summed over all of them (bench/bounded-time-sim; docs/benchmarks.md).
 * Usage: BoundWidths [--seeds N] [SCENARIO_DIR (scenarios)]
 */
public final class BoundWidths {
    public static void main(String[] args) throws Exception {
        int seeds = 0;
        Path dir = Path.of("scenarios");
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--seeds")) seeds = Integer.parseInt(args[++i]);
            else dir = Path.of(args[i]);
        }
        List<Path> files;
        try (var s = Files.list(dir)) {
            files = s.filter(f -> f.toString().endsWith(".toml")).sorted().toList();
        }
        System.out.printf(Locale.ROOT, "%-28s %-16s %8s %8s %14s %14s %s%n", "scenario", "nodes", "claims", "outside", "width median", "width p99",
                seeds > 0 ? "outside over " + seeds + " more seeds (claims)" : "");
        for (Path f : files) {
            String text = Files.readString(f);
            ScenarioRun run = new ScenarioRun(Scenario.parse(f.toString(), text), n -> null);
            run.runToEnd();
            List<String> judged = judged(run);
            long claims = 0, samples = 0, outside = 0;
            List<Double> med = new ArrayList<>(), p99 = new ArrayList<>();
            for (ScenarioRun.BoundSummary b : run.boundSummaries()) {
                if (!judged.contains(b.name())) continue;
                claims += b.claims();
                samples += b.samples();
                outside += b.outside();
                med.add(b.medianWidthNanos());
                p99.add(b.p99WidthNanos());
            }
            String more = "";
            if (seeds > 0) {
                long o = 0, c = 0;
                for (int seed = 1001; seed <= 1000 + seeds; seed++) {
                    ScenarioRun r = new ScenarioRun(Scenario.parse(f.toString(), text.replaceFirst("(?m)^seed = \\d+", "seed = " + seed)), n -> null);
                    r.runToEnd();
                    for (ScenarioRun.BoundSummary b : r.boundSummaries()) {
                        if (b.name().equals("gm")) continue;
                        o += b.outside();
                        c += b.claims();
                    }
                }
                more = o + " (" + c + ")";
            }
            System.out.printf(Locale.ROOT, "%-28s %-16s %7.1f%% %8d %14s %14s %s%n", f.getFileName(), String.join(",", judged),
                    100.0 * claims / Math.max(1, samples), outside, human(max(med)), human(max(p99)), more);
        }
    }

    private static List<String> judged(ScenarioRun run) {
        var pass = run.scenario.toml.tables.get("pass");
        return pass == null || pass.get("nodes") == null ? List.of("client") : List.of(pass.get("nodes").text().split(",\\s*"));
    }

    private static double max(List<Double> l) {
        return l.stream().filter(d -> !d.isNaN()).mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    static String human(double ns) {
        if (Double.isNaN(ns)) return "-";
        if (ns >= 1e6) return String.format(Locale.ROOT, "%.2f ms", ns / 1e6);
        if (ns >= 1e3) return String.format(Locale.ROOT, "%.2f us", ns / 1e3);
        return String.format(Locale.ROOT, "%.0f ns", ns);
    }
}
