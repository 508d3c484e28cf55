package io.ptp4j.tools;

/** The one list of commands; each tool adds one line here. */
final class Registry {
    private Registry() {}

    static void registerAll() {
        Main.register("version", "print the ptp4j version", args -> {
            System.out.println(io.ptp4j.tools.cli.Version.TEXT);
            return 0;
        });
        Main.register("ptp4l", "PTP daemon, linuxptp's options and config files", () -> io.ptp4j.tools.ptp4l.Ptp4lOptions.OPTIONS, io.ptp4j.tools.ptp4l.Ptp4lMain::main);
        Main.register("config-keys", "list every config key (--markdown: docs/configuration.md)", io.ptp4j.tools.config.ConfigKeysDoc::main);
        Main.register("demo", "a simulated PTP network converging live (no root, no hardware)",
                args -> io.ptp4j.tools.sim.DemoCommand.run(args, System.out, System.err));
        Main.register("sim", "run a scenario file in virtual time: ptp4l lines, true error, CSV, SVG",
                args -> io.ptp4j.tools.sim.SimCommand.run(args, System.out, System.err));
        Main.register("decode", "print the PTP messages of a pcapng capture (--json for one object each)",
                args -> io.ptp4j.tools.decode.DecodeCommand.run(args, System.out, System.err));
        Main.register("doctor", "check this machine's PTP setup: timestamping, other time daemons, ptp4l state/offset, phc2sys",
                args -> io.ptp4j.tools.doctor.DoctorCommand.run(args, System.out, System.err));
        Main.register("plot", "ptp4l/phc2sys logs (linuxptp's or ptp4j's, text or JSON) to an SVG of offset, delay, frequency",
                args -> io.ptp4j.tools.plot.PlotCommand.run(args, System.out, System.err));
        Main.register("timemaster", "runs ptp4l, phc2sys and chronyd/ntpd from one timemaster config", () -> io.ptp4j.tools.timemaster.TimemasterMain.OPTIONS, io.ptp4j.tools.timemaster.TimemasterMain::main);
        Main.register("ts2phc", "synchronizes PHCs to a 1-PPS (generic, NMEA or PHC source), linuxptp's options", () -> io.ptp4j.tools.ts2phc.Ts2phcMain.OPTIONS, io.ptp4j.tools.ts2phc.Ts2phcMain::main);
        Main.register("phc2sys", "synchronize two clocks (PHC, system, ptp4j virtual), linuxptp's options", () -> io.ptp4j.tools.phc2sys.Phc2sysOptions.OPTIONS, io.ptp4j.tools.phc2sys.Phc2sysMain::main);
        Main.register("phc_ctl", "read a PHC (get, cmp, caps) and adjust it (set, adj, freq), linuxptp's commands", () -> io.ptp4j.tools.phcctl.PhcCtlMain.OPTIONS, io.ptp4j.tools.phcctl.PhcCtlMain::main);
        Main.register("hwstamp_ctl", "show or set an interface's hardware timestamping (SIOCGHWTSTAMP/SIOCSHWTSTAMP)", () -> io.ptp4j.tools.hwstamp.HwstampCtlMain.OPTIONS, io.ptp4j.tools.hwstamp.HwstampCtlMain::main);
        Main.register("pmc", "PTP management client: query and set ptp4l (linuxptp's pmc; --json)", () -> io.ptp4j.tools.pmc.PmcMain.OPTIONS, io.ptp4j.tools.pmc.PmcMain::main);
        Main.register("ts-info", "an interface's timestamping capabilities (ethtool -T) and a verdict", io.ptp4j.tools.tsinfo.TsInfoCommand::run);
    }
}
