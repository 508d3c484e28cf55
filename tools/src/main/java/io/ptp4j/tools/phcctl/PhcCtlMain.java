package io.ptp4j.tools.phcctl;

import io.ptp4j.linux.NativeException;
import io.ptp4j.linux.clock.PhcClock;
import io.ptp4j.tools.config.PtpConfig;
import io.ptp4j.tools.log.DevLogSender;
import io.ptp4j.tools.log.Printer;
import io.ptp4j.tools.log.StreamSink;
import io.ptp4j.tools.log.SyslogSink;
import io.ptp4j.tools.phc2sys.ClockResolver;
import io.ptp4j.tools.phc2sys.Phc2sysClock;
import io.ptp4j.tools.cli.ArgValues;
import io.ptp4j.tools.cli.Exit;
import io.ptp4j.tools.cli.Getopt;
import io.ptp4j.tools.cli.OptionTable;
import io.ptp4j.tools.cli.UsageException;
import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * phc_ctl (linuxptp phc_ctl.c): {@code phc_ctl [options] <device> -- [command]...} with set, get,
 * adj, freq, cmp, caps, wait, their messages at notice level ("phc_ctl[SEC.MS]: clock time is
 * ..."), and its exit codes. The device is CLOCK_REALTIME, /dev/ptpN, an interface (its PHC) or
 * a ptp4j virtual clock file (virtual:PATH, read-only). ptp4j's phc_ctl never sets, steps or
 * retunes CLOCK_REALTIME: that is the system time daemon's job (and tests run as root).
 */
public final class PhcCtlMain {
    static final String[] COMMANDS = {"set", "get", "adj", "freq", "phase", "cmp", "caps", "pins", "wait"};
    private static final DateTimeFormatter CTIME = DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.ROOT);

    private final Printer printer;
    private final Phc2sysClock clock;
    private final PrintStream err;

    private PhcCtlMain(Printer printer, Phc2sysClock clock, PrintStream err) {
        this.printer = printer;
        this.clock = clock;
        this.err = err;
    }

    public static int main(String[] args) {
        return run("phc_ctl", args, System.out, System.err);
    }

    /** phc_ctl's options (linuxptp phc_ctl.c usage()); the commands follow the device. */
    public static final OptionTable OPTIONS = OptionTable.builder("[options] <device> -- [command]")
            .section(null, 15)
            .operand("device", "ethernet or ptp clock device")
            .section("options", 15)
            .arg('l', "[num]", "set the logging level to 'num'")
            .flag('q', "do not print messages to the syslog")
            .flag('Q', "do not print messages to stdout")
            .flag('v', "prints the software version and exits")
            .flag('h', "prints this message and exits")
            .trailer("\n"
                    + " commands\n"
                    + " specify commands with arguments. Can specify multiple\n"
                    + " commands to be executed in order. Seconds are read as\n"
                    + " double precision floating point values.\n"
                    + "  set   [seconds]  set PHC time (defaults to time on CLOCK_REALTIME)\n"
                    + "  get              get PHC time\n"
                    + "  adj   <seconds>  adjust PHC time by offset\n"
                    + "  freq  [ppb]      adjust PHC frequency (default returns current offset)\n"
                    + "  phase <seconds>  pass offset to PHC phase control\n"
                    + "  cmp              compare PHC offset to CLOCK_REALTIME\n"
                    + "  caps             display device capabilities (default if no command given)\n"
                    + "  pins             display device configurable pins\n"
                    + "  wait  <seconds>  pause between commands\n"
                    + "\n"
                    + " ptp4j: the device may also be virtual:PATH (a ptp4l's virtual clock, read-only);\n"
                    + " set, adj, freq and phase refuse CLOCK_REALTIME.\n"
                    + "\n");

    public static int run(String prog, String[] args, PrintStream out, PrintStream err) {
        int level = Printer.LOG_INFO;
        boolean syslog = true, verbose = true;
        // getopt permutes: the device and the commands are what is left; a negative number
        // after a command needs "--" before it, as with linuxptp
        List<String> operands = new ArrayList<>();
        try {
            for (Getopt.Opt o : Getopt.parseShort(prog, OPTIONS.shortSpec(), args, operands)) {
                switch (o.letter()) {
                    case 'l' -> level = ArgValues.rangedInt('l', o.arg(), 0, 7);
                    case 'q' -> syslog = false;
                    case 'Q' -> verbose = false;
                    case 'v' -> throw UsageException.version();
                    case 'h' -> throw UsageException.help(Exit.OK);
                    default -> throw o.error();
                }
            }
        } catch (UsageException e) {
            return e.report(prog, OPTIONS, out, err);
        }
        if (operands.isEmpty()) {
            err.print(usage(prog));
            return Exit.USAGE;
        }
        String device = operands.get(0);
        String[] cmdv = operands.size() == 1 ? new String[] {"caps"} : operands.subList(1, operands.size()).toArray(new String[0]);
        Printer printer = new Printer(prog, System::nanoTime).level(level);
        if (verbose) printer.verbose(new StreamSink(out, err));
        if (syslog) {
            try {
                printer.syslog(new SyslogSink(prog, DevLogSender.devLog()));
            } catch (Exception e) {
                // no /dev/log: stdout only
            }
        }
        Phc2sysClock clock;
        try {
            clock = ClockResolver.open(device, new PtpConfig());
        } catch (ClockResolver.ClockException e) {
            printer.print(Printer.LOG_ERR, e.getMessage());
            if (!verbose) err.println(prog + ": " + e.getMessage());
            return 255;
        }
        try (clock) {
            int result = new PhcCtlMain(printer, clock, err).runCommands(cmdv);
            if (result < -1) {
                err.print(usage(prog));
                return result & 0xFF;
            }
            return 0; // linuxptp: a command that fails with -1 still exits 0
        }
    }

    static boolean isCommand(String s) {
        for (String c : COMMANDS) if (s.startsWith(c)) return true; // phc_ctl matches by prefix
        return false;
    }

    private static String command(String s) {
        String found = null;
        for (String c : COMMANDS) if (s.startsWith(c)) found = c;
        return found;
    }

    int runCommands(String[] cmdv) {
        int i = 0;
        while (i < cmdv.length) {
            String arg = cmdv[i++];
            String c = command(arg);
            String next = i < cmdv.length && !isCommand(cmdv[i]) ? cmdv[i] : null;
            int result = 0;
            if (c == null) printer.print(Printer.LOG_ERR, "unknown command " + arg + ".");
            else result = run(c, next);
            if (result < 0) return result;
            i += result;
        }
        return 0;
    }

    private int run(String cmd, String arg) {
        try {
            return switch (cmd) {
                case "get" -> get();
                case "set" -> set(arg);
                case "adj" -> adj(arg);
                case "freq" -> freq(arg);
                case "cmp" -> cmp();
                case "caps" -> caps();
                case "wait" -> waitCmd(arg);
                case "phase" -> phase(arg);
                case "pins" -> pins();
                default -> throw new IllegalStateException(cmd);
            };
        } catch (NativeException e) {
            printer.print(Printer.LOG_ERR, cmd + ": " + e.getMessage());
            return -1;
        }
    }

    /** get_ranged_double's three outcomes, in phc_ctl's words; NaN on error (already logged). */
    private double parse(String cmd, String arg, double min, double max, boolean rangeDot) {
        double v;
        try {
            v = Double.parseDouble(arg.strip());
        } catch (NumberFormatException e) {
            printer.print(Printer.LOG_ERR, cmd + ": '" + arg + "' is not a valid double");
            return Double.NaN;
        }
        if (!(v >= min && v <= max)) {
            printer.print(Printer.LOG_ERR, cmd + ": '" + arg + "' is out of range" + (rangeDot ? "." : ""));
            return Double.NaN;
        }
        return v;
    }

    /** adj's and phase's required argument, in seconds; NaN (after saying why) when it is missing or bad. */
    private double timeArgument(String cmd, String arg) {
        if (arg == null) {
            printer.print(Printer.LOG_ERR, cmd + ": missing required time argument");
            return Double.NaN;
        }
        return parse(cmd, arg, -Double.MAX_VALUE, Double.MAX_VALUE, true);
    }

    private boolean refuseRealtime(String cmd) {
        if (!clock.system) return false;
        printer.print(Printer.LOG_ERR, cmd + ": ptp4j's phc_ctl does not change CLOCK_REALTIME (that is the system time daemon's job)");
        return true;
    }

    private int get() throws NativeException {
        long now = clock.device.nowNanos();
        printer.print(Printer.LOG_NOTICE, "clock time is " + secNsec(now) + " or " + ctime(now));
        return 0;
    }

    private int set(String arg) throws NativeException {
        long target;
        int eat;
        if (arg == null) {
            target = Instant.now().getEpochSecond() * 1_000_000_000L + Instant.now().getNano();
            eat = 0;
        } else {
            double s = parse("set", arg, 0.0, Double.MAX_VALUE, false);
            if (Double.isNaN(s)) return -2;
            target = Math.round(s * 1e9);
            eat = 1;
        }
        if (refuseRealtime("set")) return -1;
        // clock_settime as a step by the difference (one read and one ADJ_SETOFFSET)
        clock.device.step(target - clock.device.nowNanos());
        printer.print(Printer.LOG_NOTICE, "set clock time to " + secNsec(target) + " or " + ctime(target));
        return eat;
    }

    private int adj(String arg) throws NativeException {
        double s = timeArgument("adj", arg);
        if (Double.isNaN(s)) return -2;
        if (refuseRealtime("adj")) return -1;
        clock.device.step((long) (1e9 * s));
        printer.print(Printer.LOG_NOTICE, String.format(Locale.ROOT, "adjusted clock by %f seconds", s));
        return 1;
    }

    private int freq(String arg) throws NativeException {
        if (arg == null) {
            printer.print(Printer.LOG_NOTICE, String.format(Locale.ROOT, "clock frequency offset is %fppb", clock.device.frequencyPpb()));
            return 0;
        }
        double ppb = parse("freq", arg, -1e9, 1e9, true);
        if (Double.isNaN(ppb)) return -2;
        if (refuseRealtime("freq")) return -1;
        clock.device.adjustFrequency(ppb);
        printer.print(Printer.LOG_NOTICE, String.format(Locale.ROOT, "adjusted clock frequency offset to %fppb", ppb));
        return 1;
    }

    /** do_cmp: PTP_SYS_OFFSET* with 9 samples where the driver has one, else clock_gettime reads. */
    private int cmp() throws NativeException {
        int n = 9;
        if (clock.phc != null) {
            try {
                PhcClock.SysOffsetMethod m = clock.phc.probeSysOffset(n);
                PhcClock.SysOffset r = clock.phc.sysOffset(m, n);
                printer.print(Printer.LOG_NOTICE, "offset from CLOCK_REALTIME is " + (-r.offsetNanos()) + "ns\n");
                return 0;
            } catch (NativeException e) {
                // fall back to reading both clocks
            }
        }
        io.ptp4j.linux.clock.PosixTime rt = new io.ptp4j.linux.clock.PosixTime();
        long best = Long.MAX_VALUE, offset = 0;
        for (int k = 0; k < n; k++) {
            long d1 = rt.realtimeNanos(), s = clock.device.nowNanos(), d2 = rt.realtimeNanos();
            if (d2 - d1 < best) {
                best = d2 - d1;
                offset = d1 - s + (d2 - d1) / 2;
            }
        }
        printer.print(Printer.LOG_NOTICE, "offset from CLOCK_REALTIME is approximately " + offset + "ns\n");
        return 0;
    }

    private int caps() throws NativeException {
        if (clock.phc == null) {
            printer.print(Printer.LOG_WARNING, "caps: " + clock.name + " is not a PHC device.");
            return 0;
        }
        PhcClock.Caps c = clock.phc.caps();
        printer.print(Printer.LOG_NOTICE, "\ncapabilities:\n"
                + "  " + c.maxAdjPpb() + " maximum frequency adjustment (ppb)\n"
                + "  " + c.nAlarm() + " programable alarms\n"
                + "  " + c.nExtTs() + " external time stamp channels\n"
                + "  " + c.nPerOut() + " programmable periodic signals\n"
                + "  " + c.nPins() + " configurable input/output pins\n"
                + "  " + (c.pps() ? "has" : "doesn't have") + " pulse per second support\n"
                + "  " + (c.crossTimestamping() ? "has" : "doesn't have") + " cross timestamping support\n"
                + "  " + (c.adjustPhase() ? "has" : "doesn't have") + " adjust phase support\n");
        return 0;
    }

    private int phase(String arg) throws NativeException {
        double s = timeArgument("phase", arg);
        if (Double.isNaN(s)) return -2;
        if (clock.phc == null) {
            // clockadj_set_phase on the system clock would hand the kernel PLL an offset: refused
            printer.print(Printer.LOG_ERR, "phase: " + clock.name + " is not a PHC device");
            return -1;
        }
        clock.phc.adjustPhase((long) (1e9 * s));
        printer.print(Printer.LOG_NOTICE, String.format(Locale.ROOT, "offset of %f seconds provided to PHC phase control", s));
        return 1;
    }

    private int pins() throws NativeException {
        if (clock.phc == null) {
            printer.print(Printer.LOG_WARNING, "pins: " + clock.name + " is not a PHC device.");
            return 0;
        }
        int n = clock.phc.caps().nPins();
        if (n == 0) {
            printer.print(Printer.LOG_WARNING, "pins: device has no configurable pins");
            return 0;
        }
        printer.print(Printer.LOG_NOTICE, "\ndevice has " + n + " configurable input/output pins:\n");
        for (int i = 0; i < n; i++) {
            PhcClock.Pin p = clock.phc.pin(i);
            String f = switch (p.func()) {
                case 0 -> null;
                case 1 -> "external timestamping";
                case 2 -> "periodic output";
                case 3 -> "physical synchronization";
                default -> {
                    printer.print(Printer.LOG_ERR, "pins: unknown function " + p.func());
                    yield "";
                }
            };
            if (f == null) printer.print(Printer.LOG_NOTICE, " pin " + i + " [" + p.name() + "] not configured\n");
            else if (f.isEmpty()) return -1;
            else printer.print(Printer.LOG_NOTICE, " pin " + i + " [" + p.name() + "] " + f + " on channel " + p.chan() + "\n");
        }
        return 0;
    }

    private int waitCmd(String arg) {
        if (arg == null) {
            printer.print(Printer.LOG_ERR, "wait: requires sleep duration argument\n");
            return -2;
        }
        double s = parse("wait", arg, 0.0, Double.MAX_VALUE, true);
        if (Double.isNaN(s)) return -2;
        try {
            Thread.sleep((long) (s * 1000), (int) ((s * 1e9) % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        printer.print(Printer.LOG_NOTICE, String.format(Locale.ROOT, "process slept for %f seconds\n", s));
        return 1;
    }

    static String secNsec(long nanos) {
        return Math.floorDiv(nanos, 1_000_000_000L) + "." + String.format("%09d", Math.floorMod(nanos, 1_000_000_000L));
    }

    /** ctime(3): "Thu Nov 26 08:42:03 2026\n" in the local time zone. */
    static String ctime(long nanos) {
        return CTIME.format(Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L)).atZone(ZoneId.systemDefault())) + "\n";
    }

    static String usage(String prog) {
        return OPTIONS.usage(prog);
    }
}
