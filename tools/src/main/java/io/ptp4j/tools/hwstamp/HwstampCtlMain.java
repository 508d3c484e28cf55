package io.ptp4j.tools.hwstamp;

import io.ptp4j.linux.Libc;
import io.ptp4j.linux.NativeException;
import io.ptp4j.linux.ethtool.HwTstampConfig;
import io.ptp4j.tools.ptp4l.Ptp4lMain;
import java.io.PrintStream;

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

    public static int run(String prog, String[] args, PrintStream out, PrintStream err) {
        String device = null;
        int rx = 0, tx = 0;
        boolean setRx = false, setTx = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("-") || a.length() < 2) continue; // getopt permutes operands away
            if (a.equals("--")) break;
            for (int j = 1; j < a.length(); j++) {
                char c = a.charAt(j);
                switch (c) {
                    case 'i', 'r', 't' -> {
                        String v = j + 1 < a.length() ? a.substring(j + 1) : (i + 1 < args.length ? args[++i] : null);
                        if (v == null) {
                            err.println(prog + ": option requires an argument -- '" + c + "'");
                            err.print(usage(prog));
                            return 255;
                        }
                        if (c == 'i') device = v;
                        else if (c == 'r') {
                            setRx = true;
                            rx = atoi(v);
                        } else {
                            setTx = true;
                            tx = atoi(v);
                        }
                        j = a.length();
                    }
                    case 'v' -> {
                        out.println(Ptp4lMain.VERSION);
                        return 0;
                    }
                    case 'h' -> {
                        err.print(usage(prog));
                        return 0;
                    }
                    default -> {
                        err.println(prog + ": invalid option -- '" + c + "'");
                        err.print(usage(prog));
                        return 255;
                    }
                }
            }
        }
        if (device == null || rx < 0 || rx > FILTER_MAX || tx < 0 || tx > 1) {
            err.print(usage(prog));
            return 255;
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

    /** atoi(3): leading digits, 0 when none. */
    static int atoi(String s) {
        s = s.strip();
        int i = 0, sign = 1;
        if (i < s.length() && (s.charAt(i) == '-' || s.charAt(i) == '+')) sign = s.charAt(i++) == '-' ? -1 : 1;
        long v = 0;
        while (i < s.length() && Character.isDigit(s.charAt(i)) && v < Integer.MAX_VALUE) v = v * 10 + (s.charAt(i++) - '0');
        return (int) (sign * Math.min(v, Integer.MAX_VALUE));
    }

    static String usage(String prog) {
        String[] rx = {"time stamp no incoming packet at all", "time stamp any incoming packet", "(reserved value)",
            "PTP v1, UDP, any kind of event packet", "PTP v1, UDP, Sync packet", "PTP v1, UDP, Delay_req packet",
            "PTP v2, UDP, any kind of event packet", "PTP v2, UDP, Sync packet", "PTP v2, UDP, Delay_req packet",
            "802.AS1, Ethernet, any kind of event packet", "802.AS1, Ethernet, Sync packet", "802.AS1, Ethernet, Delay_req packet",
            "PTP v2/802.AS1, any layer, any kind of event packet", "PTP v2/802.AS1, any layer, Sync packet",
            "PTP v2/802.AS1, any layer, Delay_req packet"};
        StringBuilder sb = new StringBuilder("\nusage: " + prog + " [options]\n\n"
                + " -h           prints this message and exits\n"
                + " -i [device]  interface device to use, for example 'eth0'\n"
                + " -r [0.." + FILTER_MAX + "]   select receive time stamping:\n");
        for (int i = 0; i < rx.length; i++) sb.append(String.format("\t\t%2d %s%n", i, rx[i]));
        sb.append(" -t [0|1]     disable or enable transmit time stamping\n"
                + " -v           prints the software version and exits\n\n");
        return sb.toString();
    }
}
