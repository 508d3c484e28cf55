package io.ptp4j.tools.ptp4l;

import io.ptp4j.tools.cli.Exit;
import io.ptp4j.tools.cli.UsageException;
import io.ptp4j.tools.cli.Version;
import io.ptp4j.tools.config.ConfigException;
import io.ptp4j.tools.config.ConfigKey;
import io.ptp4j.tools.config.ConfigKeys;
import io.ptp4j.tools.config.ConfigReader;
import io.ptp4j.tools.config.PtpConfig;
import io.ptp4j.tools.ops.TimeDaemonScanner;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The ptp4l command: {@link #settings} turns argv into validated {@link Ptp4lSettings} (or a
 * {@link UsageException} with linuxptp's words); {@link #run} prints errors and warnings. The
 * daemon loop is not integrated yet: run says so and exits 1 after a valid configuration.
 */
public final class Ptp4lMain {
    private Ptp4lMain() {}

    /** The tool entry point for Registry: stdout/stderr, exit code. */
    public static int main(String[] args) {
        return run("ptp4l", args, System.out, System.err);
    }

    public static int run(String prog, String[] args, PrintStream out, PrintStream err) {
        return run(prog, args, out, err, Path.of("/proc"));
    }

    /** procRoot: where to look for conflicting time daemons (a fake tree in tests). */
    static int run(String prog, String[] args, PrintStream out, PrintStream err, Path procRoot) {
        Ptp4lSettings s;
        try {
            Ptp4lOptions o = Ptp4lOptions.parse(prog, args);
            switch (o.action()) {
                case HELP -> {
                    err.print(Ptp4lOptions.usage(prog));
                    return 0;
                }
                case VERSION -> {
                    out.println(Version.TEXT);
                    return 0;
                }
                default -> {}
            }
            s = settings(prog, o);
        } catch (UsageException e) {
            err.println(e.getMessage());
            if (e.showUsage()) err.print(Ptp4lOptions.usage(prog));
            return e.exitCode();
        }
        // linuxptp prints its own warnings (deprecated names) bare; ours carry the program name
        for (String w : s.warnings()) err.println(s.config().warnings().contains(w) ? w : prog + ": " + w);
        try {
            for (var c : TimeDaemonScanner.scan(procRoot, ProcessHandle.current().pid()))
                err.println(prog + ": warning: " + c.warning());
        } catch (java.io.IOException e) {
            err.println(prog + ": cannot scan " + procRoot + " for other time daemons: " + e.getMessage());
        }
        String missing = missingInterface(s);
        if (missing != null) {
            err.println(prog + ": " + missing);
            return 255; // linuxptp: failed to create a clock
        }
        return Ptp4lDaemon.run(prog, s, err);
    }

    /**
     * The first interface that does not exist in this network namespace, in words that point at
     * the config line that declared it (linuxptp only says "ioctl SIOCETHTOOL failed: No such
     * device" much later); null when all exist.
     */
    static String missingInterface(Ptp4lSettings s) {
        for (String iface : s.interfaces()) {
            boolean exists;
            try {
                exists = java.net.NetworkInterface.getByName(iface) != null;
            } catch (java.net.SocketException | IllegalArgumentException e) {
                exists = false;
            }
            if (exists) continue;
            String origin = s.config().interfaceOrigin(iface);
            return origin == null ? "interface " + iface + " does not exist"
                    : origin + ": interface " + iface + " does not exist (section [" + iface + "])";
        }
        return null;
    }

    /** Parses argv, reads -f, and validates like ptp4l.c main. */
    public static Ptp4lSettings settings(String prog, String[] args) throws UsageException {
        return settings(prog, Ptp4lOptions.parse(prog, args));
    }

    static Ptp4lSettings settings(String prog, Ptp4lOptions o) throws UsageException {
        PtpConfig cfg = o.config();
        if (o.configFile() != null) {
            try {
                if (o.configFile().equals("-")) {
                    String text = new String(System.in.readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
                    ConfigReader.read("-", text, cfg);
                } else {
                    ConfigReader.read(Path.of(o.configFile()), cfg);
                }
            } catch (ConfigException e) {
                String msg = e.trailer() == null ? e.getMessage() : e.getMessage() + "\n" + e.trailer();
                throw new UsageException(msg, false, 254); // ptp4l returns config_read's -2
            } catch (java.io.IOException e) {
                throw new UsageException("failed to read configuration from stdin: " + e.getMessage(), false, Exit.USAGE);
            }
        }
        if (cfg.getEnum("clock_servo").equals("ntpshm")) {
            cfg.setLocked("kernel_leap", 0L);
            cfg.setLocked("sanity_freq_limit", 0L);
        }
        if (cfg.interfaces().isEmpty()) throw new UsageException("no interface specified", true, Exit.USAGE);
        String type = clockType(cfg);
        // clock.c: a 1588 client-only clock cannot also be an 802.1AS clock that is not gmCapable
        if (cfg.getInt("gmCapable") == 0 && cfg.getInt("clientOnly") == 1)
            throw new UsageException("Cannot mix 1588 clientOnly with 802.1AS !gmCapable", false, Exit.USAGE);
        List<String> warnings = new ArrayList<>(cfg.warnings());
        harmonizeOneStep(cfg);
        try { // lstab_create: a leapfile that cannot be read is fatal
            EngineSettings.leapfile(new io.ptp4j.core.engine.ClockConfig(), cfg.getString("leapfile"));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage() + "\nfailed to create a clock", false, 255);
        }
        unicastTables(cfg, warnings);
        automotive(cfg);
        warnings.addAll(notActedOn(cfg));
        return new Ptp4lSettings(cfg, cfg.interfaces(), type, o.phcDevice(), warnings);
    }

    /**
     * linuxptp config_harmonize_onestep: twoStepFlag 0 needs hardware stamps (it then means
     * time_stamping onestep), and onestep or p2p1step clear twoStepFlag.
     */
    static void harmonizeOneStep(PtpConfig cfg) throws UsageException {
        String ts = cfg.getEnum("time_stamping");
        boolean twoStep = cfg.getInt("twoStepFlag") == 1;
        switch (ts) {
            case "software", "legacy" -> {
                if (!twoStep) throw new UsageException("one step is only possible with hardware time stamping\nfailed to create a clock", false, 255);
            }
            case "hardware" -> {
                if (!twoStep) cfg.setLocked("time_stamping", "onestep");
            }
            default -> { // onestep, p2p1step
                if (twoStep) cfg.setLocked("twoStepFlag", 0L);
            }
        }
    }

    /** ptp4l.c: OC with several interfaces is a BC; BC and TCs need two; TCs need their delay mechanism. */
    static String clockType(PtpConfig cfg) throws UsageException {
        int n = cfg.interfaces().size();
        String type = cfg.getEnum("clock_type");
        switch (type) {
            case "OC" -> {
                return n > 1 ? "BC" : "OC";
            }
            case "BC" -> {
                if (n < 2) throw new UsageException("BC needs at least two interfaces", false, Exit.USAGE);
            }
            case "P2P_TC" -> {
                if (n < 2) throw new UsageException("TC needs at least two interfaces", false, Exit.USAGE);
                if (!cfg.getEnum("delay_mechanism").equals("P2P"))
                    throw new UsageException("P2P_TC needs P2P delay mechanism", false, Exit.USAGE);
            }
            case "E2E_TC" -> {
                if (n < 2) throw new UsageException("TC needs at least two interfaces", false, Exit.USAGE);
                if (!cfg.getEnum("delay_mechanism").equals("E2E"))
                    throw new UsageException("E2E_TC needs E2E delay mechanism", false, Exit.USAGE);
            }
            default -> throw new IllegalStateException(type);
        }
        return type;
    }

    /**
     * unicast_client.c unicast_client_initialize: a port's unicast_master_table must exist ("no
     * table with id N", fatal: the clock is not created); entries of another transport draw
     * "unicast master transport mismatch".
     */
    static void unicastTables(PtpConfig cfg, List<String> warnings) throws UsageException {
        List<String> ports = cfg.interfaces();
        for (int i = 0; i < ports.size(); i++) {
            String port = ports.get(i);
            int id = cfg.getInt(port, "unicast_master_table");
            if (id == 0) continue;
            String logName = "port " + (i + 1) + " (" + port + ")";
            var table = cfg.unicastMasterTable(id);
            if (table == null)
                throw new UsageException(logName + ": no table with id " + id + "\nfailed to create a clock", false, Exit.USAGE);
            String transport = cfg.getEnum(port, "network_transport");
            for (var e : table.entries()) {
                if (!e.transport().equals(transport)) {
                    warnings.add(logName + ": unicast master transport mismatch (" + e.address() + " is " + e.transport()
                            + ", the port uses " + transport + ")");
                    break;
                }
            }
        }
    }

    /**
     * The automotive profile's checks, per port: BMCA noop needs serverOnly or clientOnly (linuxptp
     * port_open: "failed to create a clock"), inhibit_delay_req needs asCapable true (linuxptp
     * port_initialize; there the port goes FAULTY, ptp4j refuses to start so the mistake is seen).
     */
    static void automotive(PtpConfig cfg) throws UsageException {
        List<String> ports = cfg.interfaces();
        for (int i = 0; i < ports.size(); i++) {
            String port = ports.get(i);
            String logName = "port " + (i + 1) + " (" + port + ")";
            if (cfg.getEnum(port, "BMCA").equals("noop") && cfg.getInt(port, "serverOnly") == 0 && cfg.getInt("clientOnly") == 0)
                throw new UsageException(logName + ": Please enable at least one of serverOnly or clientOnly when BMCA == noop."
                        + "\nfailed to create a clock", false, 255);
            if (cfg.getInt(port, "inhibit_delay_req") == 1 && !cfg.getEnum(port, "asCapable").equals("true"))
                throw new UsageException(logName + ": inhibit_delay_req can only be set when asCapable == 'true'."
                        + "\nfailed to create a clock", false, 255);
        }
    }

    /** One warning per key in ConfigKeys.NOT_YET_ACTED_ON that is set to something other than its default. */
    static List<String> notActedOn(PtpConfig cfg) {
        List<String> out = new ArrayList<>();
        for (String name : cfg.keysSet()) {
            if (!ConfigKeys.NOT_YET_ACTED_ON.contains(name)) continue;
            ConfigKey k = ConfigKeys.find(name);
            boolean nonDefault = false;
            for (String port : portsAndGlobal(cfg)) {
                if (!cfg.isSet(port, name)) continue;
                Object v = switch (k.type()) {
                    case INT -> (long) cfg.getInt(port, name);
                    case UINT -> cfg.getUnsigned(port, name);
                    case DOUBLE -> cfg.getDouble(port, name);
                    case ENUM -> cfg.getEnum(port, name);
                    case STRING -> cfg.getString(port, name);
                };
                if (!Objects.equals(v, k.defaultValue())) nonDefault = true;
            }
            if (nonDefault) out.add("option " + name + " is parsed but not yet acted on by ptp4j; it has no effect");
        }
        return out;
    }

    private static List<String> portsAndGlobal(PtpConfig cfg) {
        List<String> l = new ArrayList<>();
        l.add(null);
        l.addAll(cfg.interfaces());
        return l;
    }
}
