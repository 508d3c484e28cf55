package io.ptp4j.tools.tsinfo;

import io.ptp4j.linux.NativeException;
import io.ptp4j.tools.cli.OptionTable;
import io.ptp4j.linux.ethtool.TsInfo;
import java.io.PrintStream;

/**
 * {@code ptp4j ts-info IFACE}: what `ethtool -T IFACE` prints (ETHTOOL_GET_TS_INFO), then a plain
 * verdict on which ptp4l mode fits. Exit 0 when some timestamping is usable, 1 on error, 3 when none.
 */
public final class TsInfoCommand {
    private TsInfoCommand() {}

    /** ts-info's command line: one interface, or -h. */
    public static final OptionTable OPTIONS = OptionTable.builder("IFACE")
            .section(null, 10)
            .operand("IFACE", "the network interface, for example 'eth0'")
            .flag('h', "prints this message and exits")
            .trailer("\n shows the interface's timestamping capabilities (as ethtool -T) and a verdict\n"
                    + " exit status: 0 when some timestamping is usable, 1 on error, 3 when none\n\n");

    public static int run(String[] args) {
        return run(args, System.out, System.err);
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length != 1 || args[0].startsWith("-")) {
            (args.length == 1 && (args[0].equals("-h") || args[0].equals("--help")) ? out : err)
                    .print(OPTIONS.usage("ptp4j ts-info"));
            return args.length == 1 && (args[0].equals("-h") || args[0].equals("--help")) ? 0 : 2;
        }
        String iface = args[0];
        TsInfo info;
        try {
            info = TsInfo.query(iface);
        } catch (NativeException | IllegalArgumentException e) {
            err.println("ts-info: " + e.getMessage());
            return 1;
        }
        out.print(info.ethtoolText(iface));
        out.println();
        out.println("Verdict: " + info.verdict());
        return info.hardwareUsable() || info.softwareUsable() ? 0 : 3;
    }
}
