package io.ptp4j.tools.ptp4l;

import io.ptp4j.tools.config.ConfigKeys;
import io.ptp4j.tools.config.PtpConfig;
import io.ptp4j.tools.cli.Action;
import io.ptp4j.tools.cli.ArgValues;
import io.ptp4j.tools.cli.ConfigOptions;
import io.ptp4j.tools.cli.Getopt;
import io.ptp4j.tools.cli.OptionTable;
import io.ptp4j.tools.cli.UsageException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * ptp4l's command line (linuxptp ptp4l.c): the short options map onto config keys exactly as
 * ptp4l does (-S time_stamping software, -2 network_transport L2, -s clientOnly 1, -m verbose 1,
 * -q use_syslog 0, -l N logging_level N, ...), every config key is also a long option
 * "--key value", -i declares interfaces, -f names the file read afterwards.
 */
public final class Ptp4lOptions {
    /** ptp4l's options (linuxptp ptp4l.c usage()), and ptp4j's long options for its own keys. */
    public static final OptionTable OPTIONS = OptionTable.builder("[options]").spacedTitles()
            .section("Delay Mechanism", 10)
            .flag('A', "Auto, starting with E2E")
            .flag('E', "E2E, delay request-response (default)")
            .flag('P', "P2P, peer delay mechanism")
            .blankLine().section("Network Transport", 10)
            .flag('2', "IEEE 802.3")
            .flag('4', "UDP IPV4 (default)")
            .flag('6', "UDP IPV6")
            .blankLine().section("Time Stamping", 10)
            .flag('H', "HARDWARE (default)")
            .flag('S', "SOFTWARE")
            .flag('L', "LEGACY HW")
            .blankLine().section("Other Options", 10)
            .arg('f', "[file]", "read configuration from 'file'")
            .arg('i', "[dev]", "interface device to use, for example 'eth0'\n(may be specified multiple times)")
            .arg('p', "[dev]", "Clock device to use, default auto\n(ignored for SOFTWARE/LEGACY HW time stamping)")
            .flag('s', "client only synchronization mode (overrides configuration file)")
            .arg('l', "[num]", "set the logging level to 'num'")
            .flag('m', "print messages to stdout")
            .flag('q', "do not print messages to the syslog")
            .flag('v', "prints the software version and exits")
            .flag('h', "prints this message and exits")
            .configKeys("KEY", "VAL", "set any configuration file key (see docs/configuration.md)")
            .section(null, 20)
            .longOption("metrics-port", "N", "Prometheus metrics on 127.0.0.1:N/metrics")
            .longOption("dashboard-port", "N", "live web dashboard on 127.0.0.1:N/")
            .longOption("log-format", "json", "one JSON object per event on stdout")
            .trailer("\n");

    /** ptp4j's long options: linuxptp-style hyphenated names of its own keys. */
    static final Map<String, String> ALIASES = Map.of(
            "metrics-port", "metrics_port", "dashboard-port", "dashboard_port", "log-format", "log_format");

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
        List<String> longNames = ConfigOptions.names();
        longNames.addAll(ConfigKeys.DEPRECATED.keySet());
        longNames.addAll(OPTIONS.longNames());
        for (Getopt.Opt o : Getopt.parse(prog, OPTIONS.shortSpec(), longNames, args, operands)) {
            if (o.longName() != null) {
                ConfigOptions.set(cfg, ALIASES.getOrDefault(o.longName(), o.longName()), o.arg());
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
                case 'l' -> cfg.setLocked("logging_level", (long) ArgValues.rangedInt('l', o.arg(), 0, 7));
                case 'm' -> cfg.setLocked("verbose", 1L);
                case 'q' -> cfg.setLocked("use_syslog", 0L);
                case 'v' -> {
                    return new Ptp4lOptions(cfg, file, phc, Action.VERSION, operands);
                }
                case 'h' -> {
                    return new Ptp4lOptions(cfg, file, phc, Action.HELP, operands);
                }
                default -> throw o.error();
            }
        }
        return new Ptp4lOptions(cfg, file, phc, Action.RUN, operands);
    }

    /** linuxptp's usage text for ptp4l, with the program name. */
    public static String usage(String prog) {
        return OPTIONS.usage(prog);
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
