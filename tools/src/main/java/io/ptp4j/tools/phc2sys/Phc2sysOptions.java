package io.ptp4j.tools.phc2sys;

import io.ptp4j.tools.cli.Action;
import io.ptp4j.tools.cli.ArgValues;
import io.ptp4j.tools.cli.ConfigOptions;
import io.ptp4j.tools.cli.Exit;
import io.ptp4j.tools.cli.Getopt;
import io.ptp4j.tools.cli.OptionTable;
import io.ptp4j.tools.cli.UsageException;
import io.ptp4j.tools.config.PtpConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * phc2sys's command line (linuxptp phc2sys.c): config-backed flags set config keys as phc2sys
 * does (-E clock_servo, -P/-I pi constants, -S/-F step thresholds, -L sanity_freq_limit, -M
 * ntpshm_segment, -x kernel_leap 0, -l logging_level, -t message_tag, -m verbose, -q use_syslog 0);
 * the rest are fields here. Defaults follow phc2sys: pi_proportional_const 0.7,
 * pi_integral_const 0.3, -R 1 Hz, -N 5 readings.
 */
public final class Phc2sysOptions {
    /** phc2sys's options (linuxptp phc2sys.c usage()), ptp4j's --metrics-port and clock names. */
    public static final OptionTable OPTIONS = OptionTable.builder("[options]")
            .blankLine().section("automatic configuration:", 15)
            .flag('a', "turn on autoconfiguration")
            .flag('r', "synchronize system clock\nrepeat -r to consider it also as a time source")
            .arg('C', "[name]", "system clock to synchronize with -r (CLOCK_REALTIME)")
            .section("manual configuration:", 15)
            .arg('c', "[dev|name]", "time sink device (CLOCK_REALTIME)")
            .arg('d', "[dev]", "time source PPS device")
            .arg('s', "[dev|name]", "time source device")
            .hidden('i', true) // deprecated spelling of -s
            .arg('O', "[offset]", "sink-source time offset in seconds (0)")
            .flag('w', "wait for ptp4l")
            .section("common options:", 15)
            .arg('f', "[file]", "configuration file")
            .arg('E', "[pi|linreg]", "clock servo (pi)")
            .arg('P', "[kp]", "proportional constant (0.7)")
            .arg('I', "[ki]", "integration constant (0.3)")
            .arg('S', "[step]", "step threshold (disabled)")
            .arg('F', "[step]", "step threshold only on start (0.00002)")
            .arg('R', "[rate]", "update rate for the time sink devices in HZ (1.0)")
            .arg('N', "[num]", "number of source clock readings per update (5)")
            .arg('L', "[limit]", "sanity frequency limit in ppb (200000000)")
            .arg('M', "[num]", "NTP SHM segment number (0)")
            .arg('u', "[num]", "number of clock updates in summary stats (0)")
            .arg('n', "[num]", "domain number (0)")
            .flag('x', "apply leap seconds by servo instead of kernel")
            .arg('z', "[path]", "server address for UDS (/var/run/ptp/ptp4l)")
            .arg('l', "[num]", "set the logging level to 'num' (6)")
            .arg('t', "[tag]", "add tag to log messages")
            .flag('m', "print messages to stdout")
            .flag('q', "do not print messages to the syslog")
            .flag('v', "prints the software version and exits")
            .flag('h', "prints this message and exits")
            .section("ptp4j:", 23)
            .longOption("metrics-port", "[port]", "Prometheus metrics on 127.0.0.1:port/metrics")
            .trailer(" clock names: CLOCK_REALTIME, /dev/ptpN, an interface (its PHC),\n"
                    + "              virtual (phc2sys's own virtual clock: virtual_clock_offset,\n"
                    + "              virtual_clock_freq), virtual:PATH (a ptp4l's virtual clock file)\n"
                    + "\n");

    public final PtpConfig config = new PtpConfig();
    public boolean autoConfigure; // -a
    public int realtimeCount; // -r, repeatable
    public String systemClock; // -C
    public final List<String> sinkClocks = new ArrayList<>(); // -c, repeatable
    public String ppsDevice; // -d
    public String configFile; // -f
    public String sourceClock; // -s (or deprecated -i)
    public double updateRateHz = 1.0; // -R
    public int readings = 5; // -N
    public Integer forcedOffsetSeconds; // -O, null when not forced
    public long summaryUpdates; // -u
    public boolean waitForPtp4l; // -w
    public final List<Integer> domainNumbers = new ArrayList<>(); // -n, repeatable
    public final List<String> udsAddresses = new ArrayList<>(); // -z, repeatable
    public Action action = Action.RUN;
    public final List<String> warnings = new ArrayList<>();

    private Phc2sysOptions() {
        config.setLocked("pi_proportional_const", 0.7);
        config.setLocked("pi_integral_const", 0.3);
    }

    public static Phc2sysOptions parse(String prog, String[] args) throws UsageException {
        Phc2sysOptions p = new Phc2sysOptions();
        List<String> longNames = ConfigOptions.names();
        longNames.addAll(OPTIONS.longNames()); // --metrics-port: ptp4j's spelling of the metrics_port key
        for (Getopt.Opt o : Getopt.parse(prog, OPTIONS.shortSpec(), longNames, args, new ArrayList<>())) {
            if (o.longName() != null) {
                ConfigOptions.set(p.config, o.longName().equals("metrics-port") ? "metrics_port" : o.longName(), o.arg());
                continue;
            }
            String a = o.arg();
            switch (o.letter()) {
                case 'a' -> p.autoConfigure = true;
                case 'r' -> p.realtimeCount++;
                case 'C' -> p.systemClock = a;
                case 'c' -> p.sinkClocks.add(a);
                case 'd' -> p.ppsDevice = a;
                case 'f' -> p.configFile = a;
                case 'i' -> {
                    p.warnings.add("'-i' has been deprecated. please use '-s' instead.");
                    p.sourceClock = a;
                }
                case 's' -> p.sourceClock = a;
                case 'E' -> p.config.setLocked("clock_servo", servo(a));
                case 'P' -> p.config.setLocked("pi_proportional_const", ArgValues.rangedDouble('P', a, 0.0));
                case 'I' -> p.config.setLocked("pi_integral_const", ArgValues.rangedDouble('I', a, 0.0));
                case 'S' -> p.config.setLocked("step_threshold", ArgValues.rangedDouble('S', a, 0.0));
                case 'F' -> p.config.setLocked("first_step_threshold", ArgValues.rangedDouble('F', a, 0.0));
                case 'R' -> p.updateRateHz = ArgValues.rangedDouble('R', a, 1e-9);
                case 'N' -> p.readings = ArgValues.rangedInt('N', a, 1, Integer.MAX_VALUE);
                case 'O' -> p.forcedOffsetSeconds = ArgValues.rangedInt('O', a, Integer.MIN_VALUE, Integer.MAX_VALUE);
                case 'L' -> p.config.setLocked("sanity_freq_limit",
                        (long) ArgValues.rangedInt('L', a, 0, Integer.MAX_VALUE));
                case 'M' -> p.config.setLocked("ntpshm_segment",
                        (long) ArgValues.rangedInt('M', a, Integer.MIN_VALUE, Integer.MAX_VALUE));
                case 'u' -> p.summaryUpdates = ArgValues.rangedInt('u', a, 0, Integer.MAX_VALUE);
                case 'w' -> p.waitForPtp4l = true;
                case 'n' -> p.domainNumbers.add(ArgValues.rangedInt('n', a, 0, 255));
                case 'x' -> p.config.setLocked("kernel_leap", 0L);
                case 'z' -> p.udsAddresses.add(a);
                case 'l' -> p.config.setLocked("logging_level", (long) ArgValues.rangedInt('l', a, 0, 7));
                case 't' -> p.config.setOptionString("message_tag", a);
                case 'm' -> p.config.setLocked("verbose", 1L);
                case 'q' -> p.config.setLocked("use_syslog", 0L);
                case 'v' -> p.action = Action.VERSION;
                case 'h' -> p.action = Action.HELP;
                default -> throw o.error();
            }
            if (p.action != Action.RUN) return p;
        }
        return p;
    }

    private static String servo(String name) throws UsageException {
        for (String s : new String[] {"pi", "linreg", "ntpshm", "refclock_sock"})
            if (s.equalsIgnoreCase(name)) return s;
        throw new UsageException("invalid servo name " + name, false, Exit.USAGE);
    }
}
