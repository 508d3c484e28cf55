package io.ptp4j.tools.sim;

import io.ptp4j.tools.cli.OptionTable;
import io.ptp4j.sim.Scenario;
import io.ptp4j.sim.ScenarioRun;
import io.ptp4j.sim.SimNode;
import io.ptp4j.tools.obs.SimObservability;
import java.io.PrintStream;
import java.util.Locale;

/**
 * {@code ptp4j demo [--speed X] [--duration S]}: a small simulated network (a grandmaster, a
 * boundary clock, clients with software-like and hardware-like timestamps) converging live in
 * the terminal, with ptp4l's own lines for one client and a table of every node's true error.
 * No root, no network, no PTP hardware: the real engine runs on virtual time.
 */
public final class DemoCommand {
    private DemoCommand() {}

    static final String NETWORK = """
            name = "ptp4j demo"
            duration = "%ds"
            seed = 42

            [defaults]
            logSyncInterval = -3
            logAnnounceInterval = 0

            [[node]]
            name = "gm"
            priority1 = 10
            noise = "gaussian 8ns"

            [[node]]
            name = "bc"
            ports = 2
            offset = "250us"
            freq = "35ppm"
            noise = "gaussian 8ns"

            [[node]]
            name = "hw-client"
            offset = "-1.2ms"
            freq = "-60ppm"
            noise = "gaussian 8ns"

            [[node]]
            name = "sw-client"
            offset = "3ms"
            freq = "80ppm"
            wander = 1.0
            noise = "gaussian 700ns"
            software_timestamping = true

            [[switch]]
            name = "edge"
            residence = "1us + exponential 100ns"

            [[link]]
            a = "gm:1"
            b = "bc:1"
            delay = "1.5us"
            [[link]]
            a = "bc:2"
            b = "edge"
            delay = "300ns"
            [[link]]
            a = "hw-client:1"
            b = "edge"
            delay = "500ns"
            [[link]]
            a = "sw-client:1"
            b = "edge"
            delay = "2us"
            jitter = "exponential 200ns"
            """;

    /** demo's command line: the parser below accepts exactly these rows (SubcommandTablesTest). */
    public static final OptionTable OPTIONS = OptionTable.builder("[options]")
            .section(null, 22)
            .longOption("speed", "X", "simulated seconds per second (default 4; 0: as fast as possible)")
            .longOption("duration", "SECONDS", "simulated seconds to run (default 90)")
            .longOption("metrics-port", "N", "Prometheus metrics of every node on 127.0.0.1:N/metrics")
            .longOption("dashboard-port", "N", "live web page of hw-client on 127.0.0.1:N/")
            .longOption("bounded", null, "the seed's outage instead: bounded time and commit wait (scenarios/seed-outage.toml)")
            .longOption("rate", "PAIRS", "with --bounded: dependent transaction pairs per second (default 2000)")
            .flag('h', "prints this message and exits")
            .trailer("\n");

    public static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        double speed = 4.0;
        int duration = 90;
        int metricsPort = 0, dashboardPort = 0, rate = 2_000;
        boolean bounded = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--bounded" -> bounded = true;
                case "--rate" -> rate = Integer.parseInt(args[++i]);
                case "--speed" -> speed = Double.parseDouble(args[++i]);
                case "--duration" -> duration = Integer.parseInt(args[++i]);
                case "--metrics-port" -> metricsPort = SimCommand.port(args[++i], "--metrics-port");
                case "--dashboard-port" -> dashboardPort = SimCommand.port(args[++i], "--dashboard-port");
                case "-h", "--help" -> {
                    out.print(OPTIONS.usage("ptp4j demo"));
                    return 0;
                }
                default -> {
                    err.println("demo: unknown argument '" + args[i] + "'");
                    return 2;
                }
            }
        }
        if (bounded) return BoundedDemo.run(speed, rate, out, err);
        out.println("ptp4j demo: a grandmaster, a boundary clock and two clients behind a plain switch, simulated.");
        out.println("The lines below are hw-client's ptp4l output; every 10 s a table shows each node's TRUE error.");
        out.println();
        Scenario s = Scenario.parse("demo", String.format(Locale.ROOT, NETWORK, duration));
        ScenarioRun[] holder = new ScenarioRun[1];
        SimObservability obs;
        try {
            obs = new SimObservability(metricsPort, dashboardPort, "hw-client", "ptp4j demo: hw-client",
                    () -> holder[0] == null ? ScenarioRun.START : holder[0].sim.now());
        } catch (java.io.IOException e) {
            err.println("demo: " + e.getMessage());
            return 2;
        }
        try (obs) {
            return run(s, holder, obs, speed, duration, out);
        }
    }

    private static int run(Scenario s, ScenarioRun[] holder, SimObservability obs, double speed, int duration, PrintStream out)
            throws Exception {
        holder[0] = new ScenarioRun(s, name -> {
            io.ptp4j.core.engine.EngineListener log = name.equals("hw-client") ? SimCommand.listener(name, holder, out) : null;
            return obs.enabled() ? obs.listener(name, log) : log;
        });
        ScenarioRun run = holder[0];
        obs.attach(run);
        if (obs.metricsPort() > 0) out.println("metrics:   http://127.0.0.1:" + obs.metricsPort() + "/metrics");
        if (obs.dashboardPort() > 0) out.println("dashboard: http://127.0.0.1:" + obs.dashboardPort() + "/");
        long start = System.nanoTime();
        for (int second = 1; second <= duration; second++) {
            run.advance(1_000_000_000L);
            keepPace(start, second, speed);
            if (second % 10 == 0) table(out, run, second);
        }
        run.evaluate();
        out.println();
        out.println("== after " + duration + " simulated seconds (true time error over the second half):");
        out.print(run.summaryTable());
        out.println("Try: bin/ptp4j sim scenarios/linuxptp-bar.toml --svg /tmp/bar.svg");
        return 0;
    }

    private static void table(PrintStream out, ScenarioRun run, int second) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "---- t=%3ds ", second));
        for (SimNode n : run.nodes()) {
            sb.append(String.format(Locale.ROOT, "| %s %s %+.0f ns ", n.name(), n.engine().portState(1), n.trueErrorNanos()));
        }
        out.println(sb);
    }

    /**
     * At {@code speed} > 0, sleeps until {@code second} simulated seconds are due at that many times
     * real time since {@code startNanos} (System.nanoTime); at 0, returns at once (flat out).
     */
    static void keepPace(long startNanos, int second, double speed) throws InterruptedException {
        if (speed <= 0) return;
        long wait = startNanos + (long) (second / speed * 1e9) - System.nanoTime();
        if (wait > 0) Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
    }
}
