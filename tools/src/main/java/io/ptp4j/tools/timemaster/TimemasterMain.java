package io.ptp4j.tools.timemaster;

import io.ptp4j.tools.config.ConfigException;
import io.ptp4j.tools.log.DevLogSender;
import io.ptp4j.tools.log.Printer;
import io.ptp4j.tools.log.StreamSink;
import io.ptp4j.tools.log.SyslogSink;
import io.ptp4j.tools.ptp4l.Getopt;
import io.ptp4j.tools.ptp4l.Ptp4lMain;
import io.ptp4j.tools.ptp4l.UsageException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The timemaster command (linuxptp timemaster.c main): -f file, -n dry run (print the generated
 * files and commands on stderr), -l level, -m messages to stdout, -q no syslog, -v, -h.
 */
public final class TimemasterMain {
    private TimemasterMain() {}

    public static int main(String[] args) throws InterruptedException {
        return run("timemaster", args, System.out, System.err, TimestampProbe.kernel());
    }

    static String usage(String prog) {
        return "\nusage: " + prog + " [options] -f file\n\n"
                + " -f file      specify path to configuration file\n"
                + " -n           only print generated files and commands\n"
                + " -l level     set logging level (6)\n"
                + " -m           print messages to stdout\n"
                + " -q           do not print messages to syslog\n"
                + " -v           print version and exit\n"
                + " -h           print this message and exit\n";
    }

    static int run(String prog, String[] args, PrintStream out, PrintStream err, TimestampProbe probe)
            throws InterruptedException {
        String configPath = null;
        boolean dryRun = false, logStdout = false, logSyslog = true;
        int level = Printer.LOG_INFO;
        try {
            for (Getopt.Opt o : Getopt.parse(prog, "f:nl:mqvh", List.of(), args, new ArrayList<>())) {
                switch (o.letter()) {
                    case 'f' -> configPath = o.arg();
                    case 'n' -> dryRun = true;
                    case 'l' -> level = atoi(o.arg());
                    case 'm' -> logStdout = true;
                    case 'q' -> logSyslog = false;
                    case 'v' -> {
                        out.println(Ptp4lMain.VERSION);
                        return 0;
                    }
                    case 'h' -> {
                        err.print(usage(prog));
                        return 0;
                    }
                    default -> throw new IllegalStateException("unhandled option " + o.letter());
                }
            }
        } catch (UsageException e) {
            err.println(e.getMessage());
            err.print(usage(prog));
            return 1;
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

    /** C atoi: leading whitespace, optional sign, digits; anything else ends the number (0 if none). */
    static int atoi(String s) {
        String t = s.stripLeading();
        int i = 0;
        boolean neg = false;
        if (i < t.length() && (t.charAt(i) == '-' || t.charAt(i) == '+')) neg = t.charAt(i++) == '-';
        long v = 0;
        while (i < t.length() && Character.isDigit(t.charAt(i)) && v < Integer.MAX_VALUE) v = v * 10 + (t.charAt(i++) - '0');
        return (int) (neg ? -v : v);
    }
}
