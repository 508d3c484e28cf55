package io.ptp4j.tools.phc2sys;

import io.ptp4j.tools.cli.Exit;
import io.ptp4j.tools.cli.Version;
import io.ptp4j.linux.NativeException;
import io.ptp4j.linux.clock.PpsDevice;
import io.ptp4j.tools.config.ConfigException;
import io.ptp4j.tools.config.ConfigReader;
import io.ptp4j.tools.config.PtpConfig;
import io.ptp4j.tools.log.Printer;
import io.ptp4j.tools.log.Printers;
import io.ptp4j.tools.metrics.MetricsServer;
import io.ptp4j.tools.metrics.PtpMetrics;
import io.ptp4j.tools.phc2sys.Phc2sysOptions;
import io.ptp4j.tools.cli.UsageException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The phc2sys command (linuxptp phc2sys.c main): options and config file, the same checks and
 * messages, then static (-s/-c) or automatic (-a) configuration and the update loop. Exit codes
 * as linuxptp: 0, or 255 for its "return -1".
 */
public final class Phc2sysMain {
    private Phc2sysMain() {}

    /** The tool entry point for Registry. */
    public static int main(String[] args) {
        return run("phc2sys", args, System.out, System.err, d -> Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            d.stop();
            try {
                d.awaitClosed(3000); // let the loop close its clocks and sockets
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "phc2sys-shutdown")));
    }

    /** Runs phc2sys; {@code started} receives the daemon once it runs (tests stop it with it). */
    public static int run(String prog, String[] args, PrintStream out, PrintStream err, Consumer<Phc2sys> started) {
        Phc2sysOptions o;
        try {
            o = Phc2sysOptions.parse(prog, args);
            for (String w : o.warnings) err.println(w);
            switch (o.action) {
                case HELP -> {
                    err.print(Phc2sysOptions.OPTIONS.usage(prog));
                    return 0;
                }
                case VERSION -> {
                    out.println(Version.TEXT);
                    return 0;
                }
                default -> { }
            }
            check(o);
        } catch (UsageException e) {
            err.println(e.getMessage());
            if (e.showUsage()) err.print(Phc2sysOptions.OPTIONS.usage(prog));
            return e.exitCode();
        }
        PtpConfig cfg = o.config;
        Printer printer = Printers.forConfig(prog, cfg, out, err);
        String servo = cfg.getEnum("clock_servo");
        if (!servo.equals("pi") && !servo.equals("linreg")) {
            err.println(prog + ": clock_servo " + servo + " is not supported by ptp4j's phc2sys (pi and linreg are)");
            return 255;
        }
        // -z and -n override the config file (linuxptp sets them after config_read)
        if (!o.udsAddresses.isEmpty()) cfg.setLocked("uds_address", o.udsAddresses.get(o.udsAddresses.size() - 1));
        if (!o.domainNumbers.isEmpty()) cfg.setLocked("domainNumber", (long) o.domainNumbers.get(o.domainNumbers.size() - 1));
        double interval = o.ppsDevice != null ? 1.0 : 1.0 / o.updateRateHz; // PPS: servo_sync_interval 1.0
        PtpMetrics metrics = cfg.getInt("metrics_port") > 0 ? new PtpMetrics("phc2sys", 16) : null;
        List<Phc2sysClock> opened = new ArrayList<>();
        PmcAgent agent = null;
        MetricsServer server = null;
        Phc2sys daemon = null;
        try {
            if (metrics != null) server = MetricsServer.start(MetricsServer.DEFAULT_BIND, cfg.getInt("metrics_port"), metrics);
            if (o.autoConfigure) {
                agent = PmcAgent.open(cfg.getString("uds_address"), cfg.getInt("domainNumber"), 0);
                List<Phc2sysClock> statics = new ArrayList<>();
                for (String n : o.sinkClocks) {
                    if (n.regionMatches(true, 0, "CLOCK_", 0, 6)) {
                        err.println("additional system clocks not supported in automatic mode");
                        return 255;
                    }
                    Phc2sysClock c = openClock(n, cfg, printer, err, "valid destination clock must be selected.");
                    if (c == null) return 255;
                    opened.add(c);
                    statics.add(c);
                }
                Phc2sysClock sys = null;
                if (o.realtimeCount > 0) {
                    sys = openClock(o.systemClock == null ? "CLOCK_REALTIME" : o.systemClock, cfg, printer, err,
                            "valid destination clock must be selected.");
                    if (sys == null) return 255;
                }
                opened.clear(); // AutoConfig owns them now
                AutoConfig auto = new AutoConfig(agent, cfg, printer, o.realtimeCount, sys, statics);
                daemon = new Phc2sys(cfg, printer, interval, o.readings, o.summaryUpdates, agent, null, metrics, auto);
                agent = null; // the daemon owns it
                started.accept(daemon);
                if (!auto.init(daemon)) return 255;
                if (metrics != null) auto.nameMetrics(metrics);
                return daemon.run();
            }
            List<Phc2sysClock> sinks = new ArrayList<>();
            List<String> sinkNames = o.sinkClocks.isEmpty() ? List.of("CLOCK_REALTIME") : o.sinkClocks;
            for (String n : sinkNames) {
                Phc2sysClock c = openClock(n, cfg, printer, err, "valid destination clock must be selected.");
                if (c == null) return 255;
                opened.add(c);
                sinks.add(c);
            }
            // a ptp4l's virtual clock file appears when ptp4l starts: with -w, open it after the wait
            boolean late = o.waitForPtp4l && o.sourceClock != null && o.sourceClock.startsWith("virtual:");
            Phc2sysClock src = null;
            if (!late && o.sourceClock != null) {
                src = openClock(o.sourceClock, cfg, printer, err, "valid source clock must be selected.");
                if (src == null) return 255;
                opened.add(src);
            }
            boolean forced = o.forcedOffsetSeconds != null;
            if (o.waitForPtp4l || !forced) {
                agent = PmcAgent.open(cfg.getString("uds_address"), cfg.getInt("domainNumber"), 0);
                Phc2sys probe = new Phc2sys(cfg, printer, interval, o.readings, o.summaryUpdates, null, 0, null, null);
                started.accept(probe); // lets a stop during the wait end it
                while (o.waitForPtp4l && probe.running()) {
                    long t0 = System.nanoTime();
                    if (agent.waitSync(1000) > 0) break;
                    printer.print(Printer.LOG_NOTICE, "Waiting for ptp4l...");
                    // ptp4l answered, not yet MASTER or SLAVE: ask again in a second, not at once
                    long left = 1_000_000_000L - (System.nanoTime() - t0);
                    if (left > 0) java.util.concurrent.locks.LockSupport.parkNanos(left);
                }
                probe.close(); // holds nothing; lets its shutdown hook return at once
                if (o.waitForPtp4l && !probe.running()) return 0; // stopped while waiting
                if (!forced && !agent.queryUtcOffset(1000)) {
                    printer.print(Printer.LOG_ERR, "failed to get UTC offset");
                    if (!printer.enabled(Printer.LOG_ERR) || cfg.getInt("verbose") == 0)
                        err.println(prog + ": failed to get UTC offset (is ptp4l running at " + cfg.getString("uds_address")
                                + "? -O sets the offset without it)");
                    return 255;
                }
                if (forced) {
                    agent.close();
                    agent = null;
                }
            }
            if (late) {
                src = openClock(o.sourceClock, cfg, printer, err, "valid source clock must be selected.");
                if (src == null) return 255;
                opened.add(src);
            }
            daemon = new Phc2sys(cfg, printer, interval, o.readings, o.summaryUpdates, agent, o.forcedOffsetSeconds, metrics, null);
            // linuxptp disables the agent unless the system clock is involved (its UTC offset and leaps matter)
            boolean usesSystemClock = (src != null && src.system) || sinks.stream().anyMatch(c -> c.system);
            if (!usesSystemClock || (o.ppsDevice != null && src == null)) daemon.disableUtcRefresh();
            agent = null;
            for (int i = 0; metrics != null && i < sinks.size(); i++) metrics.setInterface(i + 1, sinks.get(i).name);
            if (o.ppsDevice != null) {
                try (PpsDevice pps = PpsDevice.open(o.ppsDevice)) {
                    opened.clear();
                    started.accept(daemon);
                    return daemon.runPps(pps, sinks.get(0), src);
                } catch (NativeException e) {
                    err.println("cannot open '" + o.ppsDevice + "': " + io.ptp4j.linux.Libc.strerror(e.errno()));
                    return 255;
                }
            }
            daemon.configureStatic(src, sinks);
            opened.clear();
            started.accept(daemon);
            return daemon.run();
        } catch (NativeException e) {
            err.println(prog + ": " + e.getMessage());
            return 255;
        } catch (IOException e) {
            err.println(prog + ": cannot serve metrics on port " + cfg.getInt("metrics_port") + ": " + e.getMessage());
            return 255;
        } finally {
            for (Phc2sysClock c : opened) c.close();
            if (agent != null) agent.close();
            if (daemon != null) daemon.close();
            if (server != null) server.close();
        }
    }

    /** linuxptp's checks after getopt, in its order and words; reads -f. */
    static void check(Phc2sysOptions o) throws UsageException {
        if (o.systemClock != null && !o.systemClock.equalsIgnoreCase("CLOCK_REALTIME")) {
            throw new UsageException(o.systemClock.regionMatches(true, 0, "CLOCK_", 0, 6) ? "invalid system clock " + o.systemClock
                    : "invalid clock " + o.systemClock, false, 255);
        }
        if (o.ppsDevice != null && !java.nio.file.Files.exists(Path.of(o.ppsDevice)))
            throw new UsageException("cannot open '" + o.ppsDevice + "': No such file or directory", false, Exit.USAGE);
        if (o.configFile != null) {
            try {
                ConfigReader.read(Path.of(o.configFile), o.config);
            } catch (ConfigException e) {
                throw new UsageException(e.trailer() == null ? e.getMessage() : e.getMessage() + "\n" + e.trailer(), false, 254);
            }
        }
        boolean forced = o.forcedOffsetSeconds != null;
        if (o.autoConfigure && (o.sourceClock != null || o.ppsDevice != null || o.waitForPtp4l || forced))
            throw new UsageException("autoconfiguration cannot be mixed with manual config options.", true, Exit.USAGE);
        if (!o.autoConfigure && o.udsAddresses.size() > 1)
            throw new UsageException("autoconfiguration needed with multiple domains.", true, Exit.USAGE);
        if (!o.autoConfigure && o.ppsDevice == null && o.sourceClock == null)
            throw new UsageException("autoconfiguration or valid source clock must be selected.", true, Exit.USAGE);
        if (o.ppsDevice != null && (o.sinkClocks.size() > 1 || (o.sinkClocks.size() == 1 && !o.sinkClocks.get(0).equals("CLOCK_REALTIME"))))
            throw new UsageException("cannot use a pps device unless destination is CLOCK_REALTIME", true, Exit.USAGE);
        if (o.autoConfigure && o.udsAddresses.size() > 1)
            throw new UsageException("ptp4j's phc2sys -a follows one ptp4l (one -z) for now", false, Exit.USAGE);
    }

    /** Opens a clock; on failure logs linuxptp's error line and prints {@code fallback} on stderr (null back). */
    private static Phc2sysClock openClock(String name, PtpConfig cfg, Printer printer, PrintStream err, String fallback) {
        try {
            return ClockResolver.open(name, cfg);
        } catch (ClockResolver.ClockException e) {
            printer.print(Printer.LOG_ERR, e.getMessage());
            if (cfg.getInt("verbose") == 0) err.println(e.getMessage()); // say why even without -m
            err.println(fallback);
            return null;
        }
    }
}
