package io.ptp4j.tools.hwstamp;

import io.ptp4j.linux.Libc;
import io.ptp4j.linux.NativeException;
import io.ptp4j.linux.ethtool.HwTstampConfig;
import io.ptp4j.tools.cli.ArgValues;
import io.ptp4j.tools.cli.Exit;
import io.ptp4j.tools.cli.Getopt;
import io.ptp4j.tools.cli.OptionTable;
import io.ptp4j.tools.cli.UsageException;
import java.io.PrintStream;
import java.util.ArrayList;

/**
 * hwstamp_ctl (linuxptp hwstamp_ctl.c): shows an interface's hardware timestamping settings
 * (SIOCGHWTSTAMP) and, with -t/-r, changes only the ones asked for (SIOCSHWTSTAMP). Same output,
 * messages and exit codes (the errno of a failed ioctl, 255 for usage errors).
 */
public final class HwstampCtlMain {
    static final int FILTER_MAX = 14; // HWTSTAMP_FILTER_PTP_V2_DELAY_REQ
    static final int ENOTTY = 25, EOPNOTSUPP = 95, ERANGE = 34;

    private HwstampCtlMain() {}

    public static int main(String[] args) {
        return run("hwstamp_ctl", args, System.out, System.err);
    }

    /** hwstamp_ctl's options (linuxptp hwstamp_ctl.c usage()). */
    public static final OptionTable OPTIONS = OptionTable.builder("[options]")
            .section(null, 13)
            .flag('h', "prints this message and exits")
            .arg('i', "[device]", "interface device to use, for example 'eth0'")
            .arg('r', "[0.." + FILTER_MAX + "]", "select receive time stamping:" + rxFilters())
            .arg('t', "[0|1]", "disable or enable transmit time stamping")
            .flag('v', "prints the software version and exits")
            .trailer("\n");

    public static int run(String prog, String[] args, PrintStream out, PrintStream err) {
        String device = null;
        int rx = 0, tx = 0;
        boolean setRx = false, setTx = false;
        try {
            for (Getopt.Opt o : Getopt.parseShort(prog, OPTIONS.shortSpec(), args, new ArrayList<>())) {
                switch (o.letter()) {
                    case 'i' -> device = o.arg();
                    case 'r' -> {
                        setRx = true;
                        rx = ArgValues.atoi(o.arg());
                    }
                    case 't' -> {
                        setTx = true;
                        tx = ArgValues.atoi(o.arg());
                    }
                    case 'v' -> throw UsageException.version();
                    case 'h' -> throw UsageException.help(Exit.OK);
                    default -> throw o.error();
                }
            }
        } catch (UsageException e) {
            return e.report(prog, OPTIONS, out, err);
        }
        if (device == null || rx < 0 || rx > FILTER_MAX || tx < 0 || tx > 1) {
            err.print(usage(prog));
            return Exit.USAGE;
        }
        int errno = 0;
        HwTstampConfig cfg = new HwTstampConfig(0, 0, 0);
        try {
            cfg = HwTstampConfig.get(device);
            out.print("current settings:\ntx_type " + cfg.txType() + "\nrx_filter " + cfg.rxFilter() + "\n");
        } catch (NativeException e) {
            errno = e.errno();
            if (errno == ENOTTY) err.println("Kernel does not have support for non-destructive SIOCGHWTSTAMP.");
            else if (errno == EOPNOTSUPP) err.println("Device driver does not have support for non-destructive SIOCGHWTSTAMP.");
            else err.println("SIOCGHWTSTAMP failed: " + Libc.strerror(errno));
        }
        if (setTx || setRx) {
            HwTstampConfig wanted = new HwTstampConfig(cfg.flags(), setTx ? tx : cfg.txType(), setRx ? rx : cfg.rxFilter());
            try {
                HwTstampConfig now = HwTstampConfig.set(device, wanted);
                errno = 0;
                out.print("new settings:\ntx_type " + now.txType() + "\nrx_filter " + now.rxFilter() + "\n");
            } catch (NativeException e) {
                errno = e.errno();
                err.println("SIOCSHWTSTAMP failed: " + Libc.strerror(errno));
                if (errno == ERANGE) err.println("The requested time stamping mode is not supported by the hardware.");
            }
        }
        return errno & 0xFF; // linuxptp returns the (negative-free) errno of the last failure
    }

    static String usage(String prog) {
        return OPTIONS.usage(prog);
    }

    /** The receive filters -r takes (linux/net_tstamp.h HWTSTAMP_FILTER_*), one tab-indented line each. */
    private static String rxFilters() {
        String[] rx = {"time stamp no incoming packet at all", "time stamp any incoming packet", "(reserved value)",
            "PTP v1, UDP, any kind of event packet", "PTP v1, UDP, Sync packet", "PTP v1, UDP, Delay_req packet",
            "PTP v2, UDP, any kind of event packet", "PTP v2, UDP, Sync packet", "PTP v2, UDP, Delay_req packet",
            "802.AS1, Ethernet, any kind of event packet", "802.AS1, Ethernet, Sync packet", "802.AS1, Ethernet, Delay_req packet",
            "PTP v2/802.AS1, any layer, any kind of event packet", "PTP v2/802.AS1, any layer, Sync packet",
            "PTP v2/802.AS1, any layer, Delay_req packet"};
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < rx.length; i++) sb.append(String.format("\n\t\t%2d %s", i, rx[i]));
        return sb.toString();
    }
}
