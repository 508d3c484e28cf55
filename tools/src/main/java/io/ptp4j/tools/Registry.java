package io.ptp4j.tools;

/** The one list of commands; each tool adds one line here. */
final class Registry {
    private Registry() {}

    static void registerAll() {
        Main.register("version", "print the ptp4j version", args -> {
            System.out.println("ptp4j 0.1.0-SNAPSHOT");
            return 0;
        });
        Main.register("ptp4l", "PTP daemon, linuxptp's options and config files", io.ptp4j.tools.ptp4l.Ptp4lMain::main);
        Main.register("config-keys", "list every config key (--markdown: docs/configuration.md)", io.ptp4j.tools.config.ConfigKeysDoc::main);
        Main.register("demo", "a simulated PTP network converging live (no root, no hardware)",
                args -> io.ptp4j.tools.sim.DemoCommand.run(args, System.out, System.err));
        Main.register("sim", "run a scenario file in virtual time: ptp4l lines, true error, CSV, SVG",
                args -> io.ptp4j.tools.sim.SimCommand.run(args, System.out, System.err));
        Main.register("decode", "print the PTP messages of a pcapng capture (--json for one object each)",
                args -> io.ptp4j.tools.decode.DecodeCommand.run(args, System.out, System.err));
        Main.register("pmc", "PTP management client: query and set ptp4l (linuxptp's pmc; --json)", io.ptp4j.tools.pmc.PmcMain::main);
        Main.register("ts-info", "an interface's timestamping capabilities (ethtool -T) and a verdict", io.ptp4j.tools.tsinfo.TsInfoCommand::run);
    }
}
