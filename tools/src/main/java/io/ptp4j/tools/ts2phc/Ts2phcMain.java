package io.ptp4j.tools.ts2phc;

import io.ptp4j.tools.cli.ArgValues;
import io.ptp4j.tools.cli.ConfigOptions;
import io.ptp4j.tools.cli.Exit;
import io.ptp4j.tools.cli.OptionTable;
import io.ptp4j.linux.clock.OscillatorErrorClock;
import io.ptp4j.core.servo.LinRegServo;
import io.ptp4j.core.servo.PiServo;
import io.ptp4j.core.servo.Servo;
import io.ptp4j.core.servo.ServoConfig;
import io.ptp4j.linux.NativeException;
import io.ptp4j.linux.clock.ClockDevice;
import io.ptp4j.linux.clock.VirtualClock;
import io.ptp4j.linux.ethtool.TsInfo;
import io.ptp4j.tools.config.ConfigException;
import io.ptp4j.tools.config.ConfigReader;
import io.ptp4j.tools.config.PtpConfig;
import io.ptp4j.tools.log.Printer;
import io.ptp4j.tools.log.Printers;
import io.ptp4j.tools.cli.Getopt;
import io.ptp4j.tools.cli.UsageException;
import io.ptp4j.tools.timemaster.Signals;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The ts2phc command (linuxptp ts2phc.c): synchronizes PHCs to a 1-PPS signal they timestamp on
 * an external timestamp channel. Options -c sink (repeatable), -s source (generic, nmea, /dev/ptpN,
 * an interface), -f config, -l, -m, -q, -v, -h and every config key as --key value; config
 * sections name sinks ([/dev/ptp0] or [eth0]) or, with ts2phc.master 1, the source. ptp4j adds
 * the sink "virtual": a virtual clock with edges synthesized from CLOCK_TAI (virtual_clock_offset,
 * virtual_clock_freq), to see the servo work on a machine without a PHC.
 */
public final class Ts2phcMain {
    private Ts2phcMain() {}

    public static int main(String[] args) throws Exception {
        return run("ts2phc", args, System.out, System.err);
    }

    /** ts2phc's options (linuxptp ts2phc.c usage()), and ptp4j's virtual sink. */
    public static final OptionTable OPTIONS = OptionTable.builder("[options]")
            .section(null, 15)
            .arg('c', "[dev|name]", "phc slave clock (like /dev/ptp0 or eth0)\n(may be specified multiple times)")
            .arg('f', "[file]", "read configuration from 'file'")
            .flag('h', "prints this message and exits")
            .hidden('i', true) // accepted by getopt, unused (as in linuxptp 3.1.1)
            .arg('l', "[num]", "set the logging level to 'num'")
            .flag('m', "print messages to stdout")
            .flag('q', "do not print messages to the syslog")
            .arg('s', "[dev|name]", "source of the PPS signal\n"
                    + "may take any of the following forms:\n"
                    + "    generic   - an external 1-PPS without ToD information\n"
                    + "    /dev/ptp0 - a local PTP Hardware Clock (PHC)\n"
                    + "    eth0      - a local PTP Hardware Clock (PHC)\n"
                    + "    nmea      - a gps device connected by serial port or network\n"
                    + "ptp4j: -c virtual is a virtual clock with synthetic edges (no hardware)")
            .flag('v', "prints the software version and exits")
            .trailer("\n");

    static String usage(String prog) {
        return OPTIONS.usage(prog);
    }

    /** What the command line and config file ask for. */
    record Settings(PtpConfig config, List<String> sinks, String source) {}

    static Settings settings(String prog, String[] args, PrintStream out, PrintStream err) throws UsageException {
        PtpConfig cfg = new PtpConfig();
        List<String> longNames = ConfigOptions.names();
        String file = null, source = null;
        for (Getopt.Opt o : Getopt.parse(prog, OPTIONS.shortSpec(), longNames, args, new ArrayList<>())) {
            if (o.longName() != null) {
                ConfigOptions.set(cfg, o.longName(), o.arg());
                continue;
            }
            switch (o.letter()) {
                case 'c' -> cfg.addInterface(o.arg());
                case 'f' -> file = o.arg();
                case 'l' -> cfg.setLocked("logging_level", (long) ArgValues.rangedInt('l', o.arg(), 0, 7));
                case 'm' -> cfg.setLocked("verbose", 1L);
                case 'q' -> cfg.setLocked("use_syslog", 0L);
                case 's' -> {
                    if (source != null) throw new UsageException("too many PPS sources", false, Exit.USAGE);
                    source = o.arg();
                }
                case 'v' -> throw UsageException.version();
                case 'h' -> throw UsageException.help(Exit.USAGE);
                case 'i' -> throw new UsageException("", true, Exit.USAGE); // accepted by getopt, unused (as in 3.1.1)
                default -> throw o.error();
            }
        }
        if (file != null) {
            try {
                ConfigReader.read(Path.of(file), cfg);
            } catch (ConfigException e) {
                throw new UsageException(e.getMessage() + "\nfailed to read config", false, Exit.USAGE);
            }
        }
        List<String> sinks = new ArrayList<>();
        for (String iface : cfg.interfaces()) {
            if (cfg.getInt(iface, "ts2phc.master") == 1) {
                if (source != null) throw new UsageException("too many PPS sources", false, Exit.USAGE);
                source = iface;
            } else {
                sinks.add(iface);
            }
        }
        if (source == null && cfg.isSet(null, "ts2phc.tod_source")) source = cfg.getString("ts2phc.tod_source");
        if (sinks.isEmpty()) throw new UsageException("no slave clocks specified", true, Exit.USAGE);
        if (source == null) throw new UsageException("no PPS source specified", true, Exit.USAGE);
        return new Settings(cfg, sinks, source);
    }

    static int run(String prog, String[] args, PrintStream out, PrintStream err) throws Exception {
        Settings s;
        try {
            s = settings(prog, args, out, err);
        } catch (UsageException e) {
            return e.report(prog, OPTIONS, out, err);
        }
        PtpConfig cfg = s.config();
        Printer printer = Printers.forConfig(prog, cfg, out, err);
        Ts2phcLog log = Ts2phcLog.of(printer);
        List<SinkServo> servos = new ArrayList<>();
        PpsSource source = null;
        try {
            for (String name : s.sinks()) {
                try {
                    servos.add(servo(cfg, openSink(cfg, name), log));
                } catch (NativeException e) {
                    log.print(Printer.LOG_ERR, "failed to open clock " + name + ": " + e.getMessage());
                    err.println("failed to add slave");
                    return 255;
                }
            }
            for (SinkServo sv : servos) {
                try {
                    sv.sink().arm();
                } catch (NativeException e) {
                    log.print(Printer.LOG_ERR, "PTP_EXTTS_REQUEST failed: " + e.getMessage());
                    err.println("failed to arm slaves");
                    return 255;
                }
            }
            try {
                source = openSource(cfg, s.source(), log);
            } catch (NativeException e) {
                log.print(Printer.LOG_ERR, "failed to open PPS source " + s.source() + ": " + e.getMessage());
                err.println("failed to create master");
                return 255;
            }
            Ts2phcLoop loop;
            try {
                loop = new Ts2phcLoop(source, servos, log);
            } catch (IllegalArgumentException e) {
                err.println(e.getMessage());
                return 255;
            }
            Signals.onTermination(sig -> loop.stop());
            try {
                loop.run();
            } catch (NativeException e) {
                log.print(Printer.LOG_ERR, "poll failed: " + e.getMessage());
                return 255;
            }
            return 0;
        } finally {
            for (SinkServo sv : servos) sv.sink().close();
            if (source != null) source.close();
        }
    }

    /** "virtual", a device path, or an interface name whose PHC is found with ETHTOOL_GET_TS_INFO. */
    static PpsSink openSink(PtpConfig cfg, String name) throws NativeException {
        if (name.equals("virtual")) {
            VirtualClock v = VirtualClock.startingAtRealtime();
            v.step(cfg.getInt("virtual_clock_offset"));
            ClockDevice c = new OscillatorErrorClock(v, cfg.getInt("virtual_clock_freq"));
            return new VirtualSink(name, c).pulsesFromSystemClock();
        }
        return PhcSink.open(name, device(name), cfg.getInt(name, "ts2phc.pin_index"), cfg.getInt(name, "ts2phc.channel"),
                ExttsPolarity.of(cfg.getEnum(name, "ts2phc.extts_polarity")));
    }

    static String device(String name) throws NativeException {
        if (name.startsWith("/")) return name;
        int phc = TsInfo.query(name).phcIndex();
        if (phc < 0) throw new NativeException(0, "interface " + name + " has no PTP hardware clock") {};
        return "/dev/ptp" + phc;
    }

    static PpsSource openSource(PtpConfig cfg, String name, Ts2phcLog log) throws NativeException {
        if (name.equalsIgnoreCase("generic")) return new GenericSource();
        if (name.equalsIgnoreCase("nmea")) {
            return NmeaSource.open(cfg.getString("ts2phc.nmea_serialport"), cfg.getInt("ts2phc.nmea_baudrate"),
                    cfg.getString("ts2phc.nmea_remote_host"), cfg.getString("ts2phc.nmea_remote_port"), cfg.getInt("utc_offset"), log);
        }
        return PhcSource.open(name, device(name), cfg.getInt(name, "ts2phc.pin_index"), cfg.getInt(name, "ts2phc.channel"));
    }

    static SinkServo servo(PtpConfig cfg, PpsSink sink, Ts2phcLog log) throws NativeException {
        ServoConfig sc = servoConfig(cfg);
        ClockDevice clock = sink.clock();
        double max = Math.min(clock.maxFrequencyPpb(), sc.maxFrequency);
        double freq = clock.frequencyPpb();
        Servo servo = sc.clockServo.equals("linreg") ? new LinRegServo(sc, freq, max) : new PiServo(sc, freq, max);
        int width = cfg.getInt("ts2phc.pulsewidth");
        return new SinkServo(sink, servo, log, sink instanceof PhcSink p ? p.channel() : 0,
                ExttsPolarity.of(cfg.getEnum(sink.name(), "ts2phc.extts_polarity")), cfg.getInt(sink.name(), "ts2phc.extts_correction"),
                width > 0 ? width : 500_000_000, cfg.getInt("free_running") == 1);
    }

    /** The servo keys linuxptp's servo_create reads; hardware timestamping constants (ts2phc's sw_ts 0). */
    static ServoConfig servoConfig(PtpConfig c) {
        return io.ptp4j.tools.config.ServoSettings.from(c, false);
    }
}
