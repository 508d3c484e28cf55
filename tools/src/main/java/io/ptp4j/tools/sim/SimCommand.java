package io.ptp4j.tools.sim;

import io.ptp4j.core.engine.EngineListener;
import io.ptp4j.sim.Scenario;
import io.ptp4j.sim.ScenarioRun;
import io.ptp4j.sim.Toml;
import io.ptp4j.tools.log.LinuxptpLogListener;
import io.ptp4j.tools.log.Printer;
import io.ptp4j.tools.log.StreamSink;
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

    static final String USAGE = "usage: ptp4j sim SCENARIO.toml [--node NAME] [--csv FILE] [--svg FILE] [--quiet]";

    public static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        String file = null, node = null, csv = null, svg = null;
        boolean quiet = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--node" -> node = value(args, ++i, "--node");
                case "--csv" -> csv = value(args, ++i, "--csv");
                case "--svg" -> svg = value(args, ++i, "--svg");
                case "--quiet" -> quiet = true;
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
        try {
            holder[0] = new ScenarioRun(scenario, name -> verbose && (shown == null ? !name.equals(firstNode(scenario)) && shown(scenario, name) : name.equals(shown))
                    ? listener(name, holder, out) : null);
        } catch (Toml.ParseException e) {
            err.println("sim: " + e.getMessage());
            return 2;
        }
        ScenarioRun run = holder[0];
        if (node != null && run.nodes().stream().noneMatch(n -> n.name().equals(shown))) {
            err.println("sim: no node named '" + node + "' in " + file);
            return 2;
        }
        boolean ok = run.runToEnd();
        out.println();
        out.println("== " + scenario.name + ": true time error after settling");
        out.print(run.summaryTable());
        if (csv != null) run.writeCsv(Path.of(csv));
        if (svg != null) Files.writeString(Path.of(svg), run.svg());
        if (ok) {
            out.println("PASS");
            return 0;
        }
        for (String f : run.failures) out.println("FAIL " + f);
        return 1;
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
