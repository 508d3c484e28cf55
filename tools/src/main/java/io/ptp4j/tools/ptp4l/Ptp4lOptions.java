package io.ptp4j.tools.ptp4l;

import io.ptp4j.tools.config.ConfigException;
import io.ptp4j.tools.config.ConfigKey;
import io.ptp4j.tools.config.ConfigKeys;
import io.ptp4j.tools.config.PtpConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * ptp4l's command line (linuxptp ptp4l.c): the short options map onto config keys exactly as
 * ptp4l does (-S time_stamping software, -2 network_transport L2, -s clientOnly 1, -m verbose 1,
 * -q use_syslog 0, -l N logging_level N, ...), every config key is also a long option
 * "--key value", -i declares interfaces, -f names the file read afterwards.
 */
public final class Ptp4lOptions {
    public static final String SHORT_OPTIONS = "AEP246HSLf:i:p:sl:mqvh";

    /** linuxptp-style hyphenated long options for ptp4j's own keys. */
    static final java.util.Map<String, String> ALIASES = java.util.Map.of(
            "metrics-port", "metrics_port", "dashboard-port", "dashboard_port", "log-format", "log_format");

    /** What the command line asks for. */
    public enum Action { RUN, HELP, VERSION }

    private final PtpConfig config;
    private final String configFile;
    private final String phcDevice;
    private final Action action;
    private final List<String> operands;

    private Ptp4lOptions(PtpConfig config, String configFile, String phcDevice, Action action, List<String> operands) {
        this.config = config;
        this.configFile = configFile;
        this.phcDevice = phcDevice;
        this.action = action;
        this.operands = operands;
    }

    /** Parses the command line; the returned config holds the (locked) command-line values. */
    public static Ptp4lOptions parse(String prog, String[] args) throws UsageException {
        PtpConfig cfg = new PtpConfig();
        String file = null;
        String phc = null;
        List<String> operands = new ArrayList<>();
        List<String> longNames = new ArrayList<>();
        for (ConfigKey k : ConfigKeys.all()) longNames.add(k.name());
        longNames.addAll(ConfigKeys.DEPRECATED.keySet());
        longNames.addAll(ALIASES.keySet());
        for (Getopt.Opt o : Getopt.parse(prog, SHORT_OPTIONS, longNames, args, operands)) {
            if (o.longName() != null) {
                setOption(cfg, ALIASES.getOrDefault(o.longName(), o.longName()), o.arg());
                continue;
            }
            switch (o.letter()) {
                case 'A' -> cfg.setLocked("delay_mechanism", "Auto");
                case 'E' -> cfg.setLocked("delay_mechanism", "E2E");
                case 'P' -> cfg.setLocked("delay_mechanism", "P2P");
                case '2' -> cfg.setLocked("network_transport", "L2");
                case '4' -> cfg.setLocked("network_transport", "UDPv4");
                case '6' -> cfg.setLocked("network_transport", "UDPv6");
                case 'H' -> cfg.setLocked("time_stamping", "hardware");
                case 'S' -> cfg.setLocked("time_stamping", "software");
                case 'L' -> cfg.setLocked("time_stamping", "legacy");
                case 'f' -> file = o.arg();
                case 'i' -> cfg.addInterface(o.arg());
                case 'p' -> phc = o.arg();
                case 's' -> cfg.setLocked("clientOnly", 1L);
                case 'l' -> cfg.setLocked("logging_level", (long) rangedInt('l', o.arg(), 0, 7));
                case 'm' -> cfg.setLocked("verbose", 1L);
                case 'q' -> cfg.setLocked("use_syslog", 0L);
                case 'v' -> {
                    return new Ptp4lOptions(cfg, file, phc, Action.VERSION, operands);
                }
                case 'h' -> {
                    return new Ptp4lOptions(cfg, file, phc, Action.HELP, operands);
                }
                default -> throw new UsageException(prog + ": invalid option -- '" + o.letter() + "'", true, 255);
            }
        }
        return new Ptp4lOptions(cfg, file, phc, Action.RUN, operands);
    }

    static void setOption(PtpConfig cfg, String key, String value) throws UsageException {
        try {
            cfg.setOption(key, value);
        } catch (ConfigException e) {
            throw new UsageException(e.getMessage(), false, 255);
        }
    }

    /** util.c get_arg_val_i: "-l: 9 is out of range. Must be in the range 0 to 7". */
    static int rangedInt(char op, String arg, int min, int max) throws UsageException {
        long v;
        try {
            v = Long.parseLong(arg.strip());
        } catch (NumberFormatException e) {
            throw new UsageException("-" + op + ": " + arg + " is a malformed value", false, 255);
        }
        if (v < min || v > max)
            throw new UsageException("-" + op + ": " + arg + " is out of range. Must be in the range "
                    + min + " to " + max, false, 255);
        return (int) v;
    }

    /** linuxptp's usage text for ptp4l, with the program name. */
    public static String usage(String prog) {
        return "\nusage: " + prog + " [options]\n\n"
                + " Delay Mechanism\n\n"
                + " -A        Auto, starting with E2E\n"
                + " -E        E2E, delay request-response (default)\n"
                + " -P        P2P, peer delay mechanism\n\n"
                + " Network Transport\n\n"
                + " -2        IEEE 802.3\n"
                + " -4        UDP IPV4 (default)\n"
                + " -6        UDP IPV6\n\n"
                + " Time Stamping\n\n"
                + " -H        HARDWARE (default)\n"
                + " -S        SOFTWARE\n"
                + " -L        LEGACY HW\n\n"
                + " Other Options\n\n"
                + " -f [file] read configuration from 'file'\n"
                + " -i [dev]  interface device to use, for example 'eth0'\n"
                + "           (may be specified multiple times)\n"
                + " -p [dev]  Clock device to use, default auto\n"
                + "           (ignored for SOFTWARE/LEGACY HW time stamping)\n"
                + " -s        client only synchronization mode (overrides configuration file)\n"
                + " -l [num]  set the logging level to 'num'\n"
                + " -m        print messages to stdout\n"
                + " -q        do not print messages to the syslog\n"
                + " -v        prints the software version and exits\n"
                + " -h        prints this message and exits\n"
                + " --KEY VAL set any configuration file key (see docs/configuration.md)\n"
                + " --metrics-port N    Prometheus metrics on 127.0.0.1:N/metrics\n"
                + " --dashboard-port N  live web dashboard on 127.0.0.1:N/\n"
                + " --log-format json   one JSON object per event on stdout\n\n";
    }

    /** The configuration holding the command-line values; read the -f file into it next. */
    public PtpConfig config() {
        return config;
    }

    /** -f, or null. */
    public String configFile() {
        return configFile;
    }

    /** -p, or null (automatic). */
    public String phcDevice() {
        return phcDevice;
    }

    public Action action() {
        return action;
    }

    /** Arguments that are not options; ptp4l ignores them. */
    public List<String> operands() {
        return List.copyOf(operands);
    }
}
