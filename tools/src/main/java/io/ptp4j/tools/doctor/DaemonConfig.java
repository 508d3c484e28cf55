package io.ptp4j.tools.doctor;

import io.ptp4j.tools.ops.TimeProcess;
import io.ptp4j.tools.config.ConfigException;
import io.ptp4j.tools.config.ConfigReader;
import io.ptp4j.tools.config.PtpConfig;
import io.ptp4j.tools.ptp4l.Ptp4lOptions;
import io.ptp4j.tools.cli.UsageException;
import java.nio.file.Path;
import java.util.List;

/**
 * A running ptp4l's configuration, rebuilt from its command line (/proc/PID/cmdline) and the -f
 * file it names (resolved against its working directory), with ptp4l's precedence: command line
 * over file over defaults. {@code problem} says why it is incomplete (file unreadable, ...).
 */
public record DaemonConfig(PtpConfig config, List<String> interfaces, String file, String problem) {

    public static DaemonConfig of(TimeProcess p) {
        PtpConfig cfg;
        String file;
        try {
            Ptp4lOptions o = Ptp4lOptions.parse(p.kind(), p.args().toArray(new String[0]));
            cfg = o.config();
            file = o.configFile();
        } catch (UsageException e) {
            return new DaemonConfig(new PtpConfig(), List.of(), null, "cannot parse its command line: " + e.getMessage());
        }
        String problem = null;
        if (file != null && !file.equals("-")) {
            Path path = Path.of(file);
            if (!path.isAbsolute() && p.cwd() != null) path = Path.of(p.cwd()).resolve(path);
            try {
                ConfigReader.read(path, cfg);
                file = path.toString();
            } catch (ConfigException e) {
                problem = e.getMessage();
            }
        }
        return new DaemonConfig(cfg, cfg.interfaces(), file, problem);
    }

    public boolean hardwareTimestamping() {
        return config.getEnum("time_stamping").startsWith("hardware") || config.getEnum("time_stamping").equals("onestep")
                || config.getEnum("time_stamping").equals("p2p1step");
    }

    /** free_running or ptp4j's virtual_clock: the daemon measures but leaves the real clocks alone. */
    public boolean leavesClocksAlone() {
        return config.getInt("free_running") == 1 || (config.getInt("virtual_clock") == 1);
    }
}
