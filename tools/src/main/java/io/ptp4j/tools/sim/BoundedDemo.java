package io.ptp4j.tools.sim;

import io.ptp4j.core.bound.ErrorBound;
import io.ptp4j.sim.OrderingWorkload;
import io.ptp4j.sim.Scenario;
import io.ptp4j.sim.ScenarioRun;
import io.ptp4j.sim.SimNode;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code ptp4j demo --bounded}: the seed's outage live (scenarios/seed-outage.toml). Two database
 * nodes order dependent transactions, naively and with commit wait on the clock error bound;
 * every 10 simulated seconds a line shows each node's TRUE error, its bound and status, and what
 * the last 10 s of transactions got wrong and waited.
 */
final class BoundedDemo {
    private BoundedDemo() {}

    /** scenarios/ of the checkout these classes run from (bin/ptp4j runs tools/target/classes). */
    static Path scenarioFile() throws Exception {
        Path classes = Path.of(BoundedDemo.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        for (Path p = classes; p != null; p = p.getParent()) {
            Path f = p.resolve("scenarios/seed-outage.toml");
            if (Files.exists(f)) return f;
        }
        throw new java.io.FileNotFoundException("scenarios/seed-outage.toml not found above " + classes);
    }

    static int run(double speed, int rate, PrintStream out, PrintStream err) throws Exception {
        Path file = scenarioFile();
        String text = Files.readString(file).replaceFirst("(?m)^rate = \\d+", "rate = " + rate);
        ScenarioRun run = new ScenarioRun(Scenario.parse(file.toString(), text), n -> null);
        int duration = (int) (run.scenario.durationNanos / 1_000_000_000L);
        out.printf(Locale.ROOT, "ptp4j demo --bounded: %s (%s)%n", run.scenario.name, file.getFileName());
        out.printf(Locale.ROOT, "Two database nodes order dependent transactions: %,d pairs a second, the dependent one 20 us after the%n", rate);
        out.println("first commits. db-a sits behind a plain switch loaded in one direction; at 60 s db-b loses its grandmaster");
        out.println("and fails over to a backup that runs 15 ms off. Each line: every node's TRUE error and bound [status],");
        out.println("then the last 10 s of transactions: misordered with naive timestamps, misordered with commit wait, the wait.");
        out.println();
        out.printf(Locale.ROOT, "%5s  %-34s %-34s %-16s %-26s%n", "t", "db-a  true error / bound", "db-b  true error / bound",
                "naive: wrong", "commit wait: wrong, wait");
        OrderingWorkload w = run.workload;
        OrderingWorkload.Result last = w.result();
        double lastWaitSum = 0;
        long start = System.nanoTime();
        for (int second = 1; second <= duration; second++) {
            run.advance(1_000_000_000L);
            DemoCommand.keepPace(start, second, speed);
            if (second == 60) out.println("  --- 60 s: the PTP path between the racks breaks; rack B's backup grandmaster (15 ms off) takes over ---");
            if (second % 10 != 0) continue;
            OrderingWorkload.Result r = w.result();
            long pairs = r.pairs() - last.pairs(), committed = r.committed() - last.committed();
            double waitSum = w.waitSumNanos();
            String naive = pairs == 0 ? "-" : String.format(Locale.ROOT, "%d of %d", r.naiveViolations() - last.naiveViolations(), pairs);
            String cw = pairs == 0 ? "-" : String.format(Locale.ROOT, "%d%s, %s avg %s max", r.waitViolations() - last.waitViolations(),
                    r.refused() > last.refused() ? " (" + (r.refused() - last.refused()) + " refused)" : "",
                    committed == 0 ? "-" : human((waitSum - lastWaitSum) / committed), human(w.takeMaxWait()));
            out.printf(Locale.ROOT, "%4ds  %-34s %-34s %-16s %-26s%n", second, node(run, "db-a"), node(run, "db-b"), naive, cw);
            last = r;
            lastWaitSum = waitSum;
        }
        OrderingWorkload.Result r = w.result();
        out.println();
        out.printf(Locale.ROOT, "== %,d dependent pairs: naive timestamps misordered %,d (%.1f %%); commit wait on the bound misordered %d,%n",
                r.pairs(), r.naiveViolations(), 100.0 * r.naiveViolations() / Math.max(1, r.pairs()), r.waitViolations());
        out.printf(Locale.ROOT, "   waiting %s on average (median %s, p99 %s, max %s); %d commits refused while a bound was unknown.%n",
                human(r.meanWaitNanos()), human(r.medianWaitNanos()), human(r.p99WaitNanos()), human(r.maxWaitNanos()), r.refused());
        out.println("The bound held the TRUE time at every sample it vouched for:");
        for (ScenarioRun.BoundSummary b : run.boundSummaries()) {
            if (!b.name().startsWith("db-")) continue;
            out.printf(Locale.ROOT, "   %-5s %d of %d samples vouched for, truth outside %d; width median %s, p99 %s%n", b.name(), b.claims(),
                    b.samples(), b.outside(), human(b.medianWidthNanos()), human(b.p99WidthNanos()));
        }
        out.println("Applications get the same bound from ptp4l through ptp4j-time (docs/bounded-time.md).");
        return r.waitViolations() == 0 ? 0 : 1;
    }

    private static String node(ScenarioRun run, String name) {
        SimNode n = run.sim.node(name);
        ErrorBound b = n.bound().published();
        String bound = b.status().trusted() ? "±" + human(b.boundAt(run.sim.now())) : "-";
        return String.format(Locale.ROOT, "%s / %s %s", signed(n.trueErrorNanos()), bound, b.status().name().toLowerCase(Locale.ROOT).replace('_', ' '));
    }

    private static String signed(double ns) {
        return (ns < 0 ? "-" : "+") + human(Math.abs(ns));
    }

    static String human(double ns) {
        if (Double.isNaN(ns)) return "-";
        double a = Math.abs(ns);
        if (a >= 1e6) return String.format(Locale.ROOT, "%.2f ms", ns / 1e6);
        if (a >= 1e3) return String.format(Locale.ROOT, "%.1f us", ns / 1e3);
        return String.format(Locale.ROOT, "%.0f ns", ns);
    }
}
