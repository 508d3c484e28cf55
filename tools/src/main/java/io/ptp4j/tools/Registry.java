package io.ptp4j.tools;

/** The one list of commands; each tool adds one line here. */
final class Registry {
    private Registry() {}

    static void registerAll() {
        Main.register("version", "print the ptp4j version", args -> {
            System.out.println("ptp4j 0.1.0-SNAPSHOT");
            return 0;
        });
        Main.register("ts-info", "an interface's timestamping capabilities (ethtool -T) and a verdict", io.ptp4j.tools.tsinfo.TsInfoCommand::run);
    }
}
