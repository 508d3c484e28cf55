package io.ptp4j.tools.ptp4l;

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
    public static final String SHORT_OPTIONS = "arC:c:d:f:s:E:P:I:S:F:R:N:O:L:M:i:u:wn:xz:l:t:mqvh";

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
    public Ptp4lOptions.Action action = Ptp4lOptions.Action.RUN;
    public final List<String> warnings = new ArrayList<>();

    private Phc2sysOptions() {
        config.setLocked("pi_proportional_const", 0.7);
        config.setLocked("pi_integral_const", 0.3);
    }

    public static Phc2sysOptions parse(String prog, String[] args) throws UsageException {
        Phc2sysOptions p = new Phc2sysOptions();
        List<String> longNames = new ArrayList<>();
        io.ptp4j.tools.config.ConfigKeys.all().forEach(k -> longNames.add(k.name()));
        longNames.add("metrics-port"); // ptp4j's spelling of the metrics_port key
        for (Getopt.Opt o : Getopt.parse(prog, SHORT_OPTIONS, longNames, args, new ArrayList<>())) {
            if (o.longName() != null) {
                Ptp4lOptions.setOption(p.config, o.longName().equals("metrics-port") ? "metrics_port" : o.longName(), o.arg());
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
                case 'P' -> p.config.setLocked("pi_proportional_const", rangedDouble('P', a, 0.0));
                case 'I' -> p.config.setLocked("pi_integral_const", rangedDouble('I', a, 0.0));
                case 'S' -> p.config.setLocked("step_threshold", rangedDouble('S', a, 0.0));
                case 'F' -> p.config.setLocked("first_step_threshold", rangedDouble('F', a, 0.0));
                case 'R' -> p.updateRateHz = rangedDouble('R', a, 1e-9);
                case 'N' -> p.readings = Ptp4lOptions.rangedInt('N', a, 1, Integer.MAX_VALUE);
                case 'O' -> p.forcedOffsetSeconds = Ptp4lOptions.rangedInt('O', a, Integer.MIN_VALUE, Integer.MAX_VALUE);
                case 'L' -> p.config.setLocked("sanity_freq_limit",
                        (long) Ptp4lOptions.rangedInt('L', a, 0, Integer.MAX_VALUE));
                case 'M' -> p.config.setLocked("ntpshm_segment",
                        (long) Ptp4lOptions.rangedInt('M', a, Integer.MIN_VALUE, Integer.MAX_VALUE));
                case 'u' -> p.summaryUpdates = Ptp4lOptions.rangedInt('u', a, 0, Integer.MAX_VALUE);
                case 'w' -> p.waitForPtp4l = true;
                case 'n' -> p.domainNumbers.add(Ptp4lOptions.rangedInt('n', a, 0, 255));
                case 'x' -> p.config.setLocked("kernel_leap", 0L);
                case 'z' -> p.udsAddresses.add(a);
                case 'l' -> p.config.setLocked("logging_level", (long) Ptp4lOptions.rangedInt('l', a, 0, 7));
                case 't' -> p.config.setOptionString("message_tag", a);
                case 'm' -> p.config.setLocked("verbose", 1L);
                case 'q' -> p.config.setLocked("use_syslog", 0L);
                case 'v' -> p.action = Ptp4lOptions.Action.VERSION;
                case 'h' -> p.action = Ptp4lOptions.Action.HELP;
                default -> throw new UsageException(prog + ": invalid option -- '" + o.letter() + "'", true, 255);
            }
            if (p.action != Ptp4lOptions.Action.RUN) return p;
        }
        return p;
    }

    private static String servo(String name) throws UsageException {
        for (String s : new String[] {"pi", "linreg", "ntpshm", "refclock_sock"})
            if (s.equalsIgnoreCase(name)) return s;
        throw new UsageException("invalid servo name " + name, false, 255);
    }

    /** util.c get_arg_val_d wording. */
    private static double rangedDouble(char op, String arg, double min) throws UsageException {
        double v;
        try {
            v = Double.parseDouble(arg.strip());
        } catch (NumberFormatException e) {
            throw new UsageException("-" + op + ": " + arg + " is a malformed value", false, 255);
        }
        if (!(v >= min && v <= Double.MAX_VALUE))
            throw new UsageException("-" + op + ": " + arg + " is out of range. Must be in the range "
                    + String.format("%e", min) + " to " + String.format("%e", Double.MAX_VALUE), false, 255);
        return v;
    }
}
