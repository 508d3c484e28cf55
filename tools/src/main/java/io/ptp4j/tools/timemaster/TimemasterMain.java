package io.ptp4j.tools.timemaster;

import io.ptp4j.tools.cli.Exit;
import io.ptp4j.tools.config.ConfigException;
import io.ptp4j.tools.log.DevLogSender;
import io.ptp4j.tools.log.Printer;
import io.ptp4j.tools.log.StreamSink;
import io.ptp4j.tools.log.SyslogSink;
import io.ptp4j.tools.cli.ArgValues;
import io.ptp4j.tools.cli.Getopt;
import io.ptp4j.tools.cli.OptionTable;
import io.ptp4j.tools.cli.UsageException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;

/**
 * The timemaster command (linuxptp timemaster.c main): -f file, -n dry run (print the generated
 * files and commands on stderr), -l level, -m messages to stdout, -q no syslog, -v, -h.
 */
public final class TimemasterMain {
    private TimemasterMain() {}

    public static int main(String[] args) throws InterruptedException {
        return run("timemaster", args, System.out, System.err, TimestampProbe.kernel());
    }

    /** timemaster's options (linuxptp timemaster.c usage()). */
    public static final OptionTable OPTIONS = OptionTable.builder("[options] -f file")
            .section(null, 13)
            .arg('f', "file", "specify path to configuration file")
            .flag('n', "only print generated files and commands")
            .arg('l', "level", "set logging level (6)")
            .flag('m', "print messages to stdout")
            .flag('q', "do not print messages to syslog")
            .flag('v', "print version and exit")
            .flag('h', "print this message and exit")
            .trailer("");

    static String usage(String prog) {
        return OPTIONS.usage(prog);
    }

    static int run(String prog, String[] args, PrintStream out, PrintStream err, TimestampProbe probe)
            throws InterruptedException {
        String configPath = null;
        boolean dryRun = false, logStdout = false, logSyslog = true;
        int level = Printer.LOG_INFO;
        try {
            for (Getopt.Opt o : Getopt.parseShort(prog, OPTIONS.shortSpec(), args, new ArrayList<>())) {
                switch (o.letter()) {
                    case 'f' -> configPath = o.arg();
                    case 'n' -> dryRun = true;
                    case 'l' -> level = ArgValues.atoi(o.arg());
                    case 'm' -> logStdout = true;
                    case 'q' -> logSyslog = false;
                    case 'v' -> throw UsageException.version();
                    case 'h' -> throw UsageException.help(Exit.OK);
                    default -> throw o.error();
                }
            }
        } catch (UsageException e) {
            int rc = e.report(prog, OPTIONS, out, err);
            return rc == Exit.OK ? rc : Exit.FAILURE; // timemaster.c returns 1 after its usage
        }
        // like print.c before the config is read: errors on stderr, not syslog
        Printer log = new Printer(prog, System::nanoTime).level(level).verbose(new StreamSink(err, err));
        if (configPath == null) {
            log.print(Printer.LOG_ERR, "no configuration file specified");
            return 1;
        }
        Script script;
        try {
            script = ScriptBuilder.build(TimemasterConfigParser.parse(Path.of(configPath)), probe);
        } catch (ConfigException | TimemasterException e) {
            log.print(Printer.LOG_ERR, e.getMessage());
            return 1;
        }
        if (dryRun) {
            err.print(script.dryRunText());
            err.flush();
            return 0;
        }
        log.verbose(logStdout ? new StreamSink(out, err) : null);
        if (logSyslog) {
            try {
                log.syslog(new SyslogSink(prog, DevLogSender.devLog()));
            } catch (Exception e) {
                err.println(prog + ": syslog disabled: " + e.getMessage());
            }
        }
        Supervisor supervisor = new Supervisor(script, log);
        Signals.onTermination(supervisor::requestQuit);
        int ret = supervisor.run();
        log.print(Printer.LOG_INFO, "exiting");
        return ret;
    }
}
