package io.ptp4j.tools.cli;

import io.ptp4j.tools.config.ConfigException;
import io.ptp4j.tools.config.ConfigKey;
import io.ptp4j.tools.config.ConfigKeys;
import io.ptp4j.tools.config.PtpConfig;
import java.util.ArrayList;
import java.util.List;

/** "--KEY VAL" on a command line: every configuration key is a long option (linuxptp's config_long_options). */
public final class ConfigOptions {
    private ConfigOptions() {}

    /** Every configuration key's name, as getopt_long's long options. */
    public static List<String> names() {
        List<String> names = new ArrayList<>();
        for (ConfigKey k : ConfigKeys.all()) names.add(k.name());
        return names;
    }

    /** Reads the configuration file {@code file} (-f) into {@code cfg}, if one was named; an error stops the command in the config reader's words. */
    public static void readFile(String file, PtpConfig cfg) throws UsageException {
        if (file == null) return;
        try {
            io.ptp4j.tools.config.ConfigReader.read(java.nio.file.Path.of(file), cfg);
        } catch (ConfigException e) {
            throw new UsageException(e.getMessage(), false, Exit.USAGE);
        }
    }

    /** Sets a key from the command line; a bad value is refused in the config reader's words. */
    public static void set(PtpConfig cfg, String key, String value) throws UsageException {
        try {
            cfg.setOption(key, value);
        } catch (ConfigException e) {
            throw new UsageException(e.getMessage(), false, Exit.USAGE);
        }
    }
}
