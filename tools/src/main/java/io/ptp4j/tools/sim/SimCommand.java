package io.ptp4j.tools.sim;

import io.ptp4j.tools.json.Json;
import io.ptp4j.core.engine.EngineListener;
import io.ptp4j.sim.Scenario;
import io.ptp4j.sim.ScenarioRun;
import io.ptp4j.sim.Toml;
import io.ptp4j.tools.log.LinuxptpLogListener;
import io.ptp4j.tools.log.Printer;
import io.ptp4j.tools.log.StreamSink;
import io.ptp4j.tools.metrics.JsonEventLog;
import io.ptp4j.tools.obs.SimObservability;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * {@code ptp4j sim SCENARIO.toml [--node NAME] [--csv FILE] [--svg FILE] [--quiet]}: runs a
 * scenario in virtual time, prints ptp4l's lines for one node, then a summary of every node's
 * TRUE time error, and exits 1 when the scenario's pass criteria fail.
 */
public final class SimCommand {
    private SimCommand() {}

    static final String USAGE = "usage: ptp4j sim SCENARIO.toml [--node NAME] [--csv FILE] [--svg FILE] [--quiet] [--json]\n"
            + "       [--metrics-port N] [--dashboard-port N] [--speed X (simulated s per s; 0: as fast as possible)] [--linger S]";

    public static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        String file = null, node = null, csv = null, svg = null;
        boolean quiet = false, json = false;
        int metricsPort = 0, dashboardPort = 0;
        double speed = 0, lingerSeconds = 0;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--node" -> node = value(args, ++i, "--node");
                case "--csv" -> csv = value(args, ++i, "--csv");
                case "--svg" -> svg = value(args, ++i, "--svg");
                case "--quiet" -> quiet = true;
                case "--json" -> json = true;
                case "--metrics-port" -> metricsPort = port(value(args, ++i, "--metrics-port"), "--metrics-port");
                case "--dashboard-port" -> dashboardPort = port(value(args, ++i, "--dashboard-port"), "--dashboard-port");
                case "--speed" -> speed = number(value(args, ++i, "--speed"), "--speed");
                case "--linger" -> lingerSeconds = number(value(args, ++i, "--linger"), "--linger");
                case "-h", "--help" -> {
                    out.println(USAGE);
                    return 0;
                }
                default -> {
                    if (args[i].startsWith("-") || file != null) {
                        err.println("sim: unexpected argument '" + args[i] + "'\n" + USAGE);
                        return 2;
                    }
                    file = args[i];
                }
            }
        }
        if (file == null) {
            err.println(USAGE);
            return 2;
        }
        Scenario scenario;
        try {
            scenario = Scenario.load(Path.of(file));
        } catch (NoSuchFileException e) {
            err.println("sim: " + file + ": no such file");
            return 2;
        } catch (Toml.ParseException e) {
            err.println("sim: " + e.getMessage());
            return 2;
        }
        ScenarioRun[] holder = new ScenarioRun[1];
        String shown = node;
        boolean verbose = !quiet;
        boolean jsonOut = json;
        java.util.function.Predicate<String> isShown = name -> shown == null
                ? !name.equals(firstNode(scenario)) && shown(scenario, name) : name.equals(shown);
        String dashNode = node != null ? node : lastNode(scenario);
        SimObservability obs;
        try {
            obs = new SimObservability(metricsPort, dashboardPort, dashNode, "sim " + scenario.name + ": " + dashNode,
                    () -> holder[0] == null ? ScenarioRun.START : holder[0].sim.now());
        } catch (java.io.IOException e) {
            err.println("sim: " + e.getMessage());
            return 2;
        }
        try (obs) {
            try {
                holder[0] = new ScenarioRun(scenario, name -> {
                    EngineListener log = verbose && isShown.test(name) ? (jsonOut ? jsonListener(holder, out) : listener(name, holder, out)) : null;
                    return obs.enabled() ? obs.listener(name, log) : log;
                });
            } catch (Toml.ParseException e) {
                err.println("sim: " + e.getMessage());
                return 2;
            }
            ScenarioRun run = holder[0];
            if (node != null && run.nodes().stream().noneMatch(n -> n.name().equals(shown))) {
                err.println("sim: no node named '" + node + "' in " + file);
                return 2;
            }
            obs.attach(run);
            if (obs.metricsPort() > 0) err.println("sim: metrics at http://127.0.0.1:" + obs.metricsPort() + "/metrics");
            if (obs.dashboardPort() > 0) err.println("sim: dashboard at http://127.0.0.1:" + obs.dashboardPort() + "/");
            if (obs.enabled() && speed <= 0 && lingerSeconds <= 0)
                err.println("sim: the run is flat out and the servers close at its end; add --speed X or --linger S to watch it");
            boolean ok = paced(run, speed);
            return finish(run, scenario, ok, csv, svg, json, out, obs.enabled() ? lingerSeconds : 0);
        }
    }

    /** Runs to the end, in steps of one simulated second at {@code speed} simulated seconds per second (0: flat out). */
    static boolean paced(ScenarioRun run, double speed) throws Exception {
        if (speed <= 0) return run.runToEnd();
        long start = System.nanoTime();
        int second = 0;
        while (!run.done()) {
            long left = ScenarioRun.START + run.scenario.durationNanos - run.sim.now();
            run.advance(Math.min(1_000_000_000L, left));
            second++;
            long wait = start + (long) (second / speed * 1e9) - System.nanoTime();
            if (wait > 0) Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
        return run.evaluate();
    }

    private static int finish(ScenarioRun run, Scenario scenario, boolean ok, String csv, String svg, boolean json, PrintStream out,
            double lingerSeconds) throws Exception {
        if (json) {
            out.println(summaryJson(run, scenario, ok));
        } else {
            out.println();
            out.println("== " + scenario.name + ": true time error after settling");
            out.print(run.summaryTable());
        }
        if (csv != null) run.writeCsv(Path.of(csv));
        if (svg != null) Files.writeString(Path.of(svg), run.svg());
        if (!json) {
            if (ok) out.println("PASS");
            else for (String f : run.failures) out.println("FAIL " + f);
        }
        out.flush();
        // keep serving the final state so a scraper or a browser can still read it
        if (lingerSeconds > 0) Thread.sleep((long) (lingerSeconds * 1000));
        return ok ? 0 : 1;
    }

    /** The end-of-run summary as one JSON object (the --json counterpart of the table and PASS/FAIL). */
    static String summaryJson(ScenarioRun run, Scenario scenario, boolean ok) {
        StringBuilder sb = new StringBuilder("{\"event\":\"result\",\"scenario\":");
        Json.string(sb, scenario.name);
        sb.append(",\"pass\":").append(ok).append(",\"failures\":[");
        for (int i = 0; i < run.failures.size(); i++) {
            if (i > 0) sb.append(',');
            Json.string(sb, run.failures.get(i));
        }
        sb.append("],\"nodes\":[");
        for (int i = 0; i < run.summaries.size(); i++) {
            ScenarioRun.NodeSummary n = run.summaries.get(i);
            if (i > 0) sb.append(',');
            sb.append("{\"name\":");
            Json.string(sb, n.name());
            sb.append(",\"state\":");
            Json.string(sb, n.state());
            sb.append(",\"gm\":");
            Json.string(sb, io.ptp4j.core.wire.ClockIdentity.format(n.gm()));
            sb.append(",\"rmsNs\":").append(finite(n.rmsNanos())).append(",\"maxAbsNs\":").append(finite(n.maxAbsNanos()))
                    .append(",\"syncedAtS\":").append(Double.isNaN(n.convergedAtSeconds()) ? "null" : Double.toString(n.convergedAtSeconds()))
                    .append(",\"steps\":").append(n.steps()).append(",\"badPackets\":").append(n.badPackets()).append('}');
        }
        return sb.append("]}").toString();
    }

    private static String finite(double v) {
        return Double.isFinite(v) ? Double.toString(Math.round(v * 10) / 10.0) : "null";
    }

    static EngineListener jsonListener(ScenarioRun[] run, PrintStream out) {
        return new JsonEventLog(new java.io.OutputStreamWriter(out, java.nio.charset.StandardCharsets.UTF_8), "sim",
                () -> run[0] == null ? ScenarioRun.START : run[0].sim.now());
    }

    private static String lastNode(Scenario s) {
        var nodes = s.toml.array("node");
        return nodes.isEmpty() ? "" : nodes.get(nodes.size() - 1).get("name").text();
    }

    static int port(String v, String opt) {
        try {
            int p = Integer.parseInt(v);
            if (p >= 0 && p <= 65535) return p;
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new IllegalArgumentException(opt + ": '" + v + "' is not a port number (0..65535)");
    }

    static double number(String v, String opt) {
        try {
            double d = Double.parseDouble(v);
            if (d >= 0 && Double.isFinite(d)) return d;
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new IllegalArgumentException(opt + ": '" + v + "' is not a non-negative number");
    }

    private static String firstNode(Scenario s) {
        return s.toml.array("node").isEmpty() ? "" : s.toml.array("node").get(0).get("name").text();
    }

    /** Without --node: ptp4l's lines of the last node in the file (usually the client of interest). */
    private static boolean shown(Scenario s, String name) {
        var nodes = s.toml.array("node");
        return !nodes.isEmpty() && nodes.get(nodes.size() - 1).get("name").text().equals(name);
    }

    static EngineListener listener(String name, ScenarioRun[] run, PrintStream out) {
        Printer printer = new Printer("ptp4l", () -> run[0] == null ? ScenarioRun.START : run[0].sim.now()).verbose(new StreamSink(out, out));
        String[] ports = new String[8];
        for (int i = 0; i < ports.length; i++) ports[i] = i == 0 ? name : name + "." + (i + 1);
        return new LinuxptpLogListener(printer, ports, 0, -3);
    }

    private static String value(String[] args, int i, String opt) {
        if (i >= args.length) throw new IllegalArgumentException(opt + " needs a value");
        return args[i];
    }
}
