package io.ptp4j.bench;

import io.ptp4j.sim.Scenario;
import io.ptp4j.sim.ScenarioRun;
import io.ptp4j.sim.Toml;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * ptp4j's estimator against linuxptp's, side by side on the same simulated network and the same
 * seeds, judged on the TRUE time error (bench/estimators). For every scenario and seed it runs the
 * network twice: once with linuxptp's estimator on every node (the reference: pi.c's constants,
 * tsproc's moving median; a node's {@code config} key is ignored), once with ptp4j's (a node's
 * {@code config} key, or for the [pass] nodes without one the given config file merged in).
 * Prints each pair, then per scenario the mean over the seeds and the ratio.
 *
 * <p>Usage: EstimatorComparison [--config FILE] [--seeds N] SCENARIO.toml...
 */
public final class EstimatorComparison {
    public static void main(String[] args) throws Exception {
        Path config = Path.of("configs/non-ptp-switch.cfg");
        int seeds = 1;
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--config" -> config = Path.of(args[++i]);
                case "--seeds" -> seeds = Integer.parseInt(args[++i]);
                default -> files.add(Path.of(args[i]));
            }
        }
        if (files.isEmpty()) {
            System.err.println("usage: EstimatorComparison [--config FILE] [--seeds N] SCENARIO.toml...");
            System.exit(2);
        }
        Path cfg = config.toAbsolutePath().normalize();
        System.out.printf(Locale.ROOT, "%-22s %5s %12s %12s %12s %12s %7s%n", "scenario", "seed",
                "linuxptp rms", "max", "ptp4j rms", "max", "ratio");
        List<String> summary = new ArrayList<>();
        for (Path f : files) {
            Scenario base = Scenario.load(f);
            double sumRef = 0, sumNew = 0, sqRef = 0, sqNew = 0;
            for (int s = 0; s < seeds; s++) {
                Scenario ref = base.withSeed(base.seed + s);
                ref.nodeConfig = (node, key) -> null;
                double[] r = run(ref);
                Scenario ours = base.withSeed(base.seed + s);
                Set<String> clients = passNodes(ours);
                ours.nodeConfig = (node, key) -> key != null ? ours.configPath(key) : clients.contains(node) ? cfg : null;
                double[] o = run(ours);
                System.out.printf(Locale.ROOT, "%-22s %5d %9.1f ns %9.1f ns %9.1f ns %9.1f ns %7.2f%n", name(f), ref.seed,
                        r[0], r[1], o[0], o[1], o[0] / r[0]);
                sumRef += r[0];
                sumNew += o[0];
                sqRef += r[0] * r[0];
                sqNew += o[0] * o[0];
            }
            summary.add(String.format(Locale.ROOT, "%-22s %5d %9.1f ns %9.1f ns %7.2f", name(f), seeds, sumRef / seeds,
                    sumNew / seeds, sumNew / sumRef));
        }
        System.out.printf(Locale.ROOT, "%n%-22s %5s %12s %12s %7s%n", "scenario (mean rms)", "seeds", "linuxptp", "ptp4j", "ratio");
        summary.forEach(System.out::println);
    }

    private static String name(Path f) {
        return f.getFileName().toString().replace(".toml", "");
    }

    static Set<String> passNodes(Scenario s) {
        Toml.Table pass = s.toml.tables.get("pass");
        Toml.Value v = pass == null ? null : pass.get("nodes");
        return v == null ? Set.of() : Set.copyOf(Arrays.asList(v.text().split(",\\s*")));
    }

    /** Runs to the end; returns rms and max |error| of the [pass] nodes after settle (the worst node). */
    static double[] run(Scenario s) throws Exception {
        ScenarioRun run = new ScenarioRun(s, n -> null);
        run.runToEnd();
        Set<String> clients = passNodes(s);
        double rms = 0, max = 0;
        for (ScenarioRun.NodeSummary n : run.summaries) {
            if (!clients.contains(n.name())) continue;
            rms = Math.max(rms, n.rmsNanos());
            max = Math.max(max, n.maxAbsNanos());
        }
        return new double[] {rms, max};
    }
}
