package io.ptp4j.tools.cli;

import io.ptp4j.tools.config.PtpConfig;
import java.util.List;

/**
 * The command line of a tool whose long options are the configuration keys and whose -f, -h and
 * -v mean what they mean in linuxptp's pmc, nsm and tz2alt: "--KEY VAL" sets the key, -f names a
 * configuration file to read once the options are done, -v stops with the version, -h with the
 * usage text (exit 0). The tool acts on its own options in the same loop, in getopt's order:
 *
 * <pre>{@code
 * ConfigCommandLine line = new ConfigCommandLine(cfg);
 * for (Getopt.Opt o : line.parse(prog, OPTIONS, args, operands)) {
 *     if (line.shared(o)) continue;
 *     switch (o.letter()) { ...; default -> throw o.error(); }
 * }
 * line.readFile();
 * }</pre>
 */
public final class ConfigCommandLine {
    private final PtpConfig cfg;
    private String file;

    /** The command line's keys and the -f file go into {@code cfg}. */
    public ConfigCommandLine(PtpConfig cfg) {
        this.cfg = cfg;
    }

    /** getopt_long over {@code args} with the configuration keys as long options; words that are not options go to {@code operands}. */
    public List<Getopt.Opt> parse(String prog, OptionTable options, String[] args, List<String> operands) {
        return Getopt.parse(prog, options.shortSpec(), ConfigOptions.names(), args, operands);
    }

    /** Acts on "--KEY VAL", -f, -v or -h and says true; false for the tool's own options and getopt's refusal. */
    public boolean shared(Getopt.Opt o) throws UsageException {
        if (o.longName() != null) {
            ConfigOptions.set(cfg, o.longName(), o.arg());
            return true;
        }
        switch (o.letter()) {
            case 'f' -> file = o.arg();
            case 'v' -> throw UsageException.version();
            case 'h' -> throw UsageException.help(Exit.OK);
            default -> {
                return false;
            }
        }
        return true;
    }

    /** Reads the -f file into the configuration, if one was named (call it after the loop). */
    public void readFile() throws UsageException {
        ConfigOptions.readFile(file, cfg);
    }
}
