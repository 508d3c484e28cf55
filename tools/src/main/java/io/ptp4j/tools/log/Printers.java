package io.ptp4j.tools.log;

import io.ptp4j.tools.config.PtpConfig;
import java.io.PrintStream;

/** Builds the Printer ptp4l.c sets up from its config: logging_level, message_tag, verbose, use_syslog. */
public final class Printers {
    private Printers() {}

    /** A Printer for a tool run from a terminal: logging_level and message_tag from the config, always to the streams. */
    public static Printer toStreams(String prog, PtpConfig cfg, PrintStream out, PrintStream err) {
        return new Printer(prog, System::nanoTime).level(cfg.getInt("logging_level")).tag(cfg.getString("message_tag"))
                .verbose(new StreamSink(out, err));
    }

    /**
     * A Printer for a daemon: stdout/stderr when verbose is 1 (-m), /dev/log when use_syslog is 1
     * (no -q; dropped with a note on stderr if the socket cannot be opened).
     */
    public static Printer forConfig(String prog, PtpConfig cfg) {
        return forConfig(prog, cfg, System.out, System.err);
    }

    /** The same, printing to the given streams (commands run by tests). */
    public static Printer forConfig(String prog, PtpConfig cfg, PrintStream out, PrintStream err) {
        Printer p = new Printer(prog, System::nanoTime)
                .level(cfg.getInt("logging_level"))
                .tag(cfg.getString("message_tag"));
        if (cfg.getInt("verbose") == 1) p.verbose(new StreamSink(out, err));
        if (cfg.getInt("use_syslog") == 1) {
            try {
                p.syslog(new SyslogSink(prog, DevLogSender.devLog()));
            } catch (Exception e) {
                err.println(prog + ": syslog disabled: " + e.getMessage());
            }
        }
        return p;
    }
}
