package io.ptp4j.tools;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The training runs of the package's two ahead-of-time caches (JDK 25's -XX:AOTCacheOutput, JEP
 * 483 and 515): a JVM does what the installed commands do most, so the classes they load,
 * linked, and their profiles go into the cache. Two caches, because a cache's classes are all
 * loaded when a JVM starts with it: a pmc query should not load ptp4l's classes, nor ptp4l pmc's.
 * scripts/package runs both at once in a network namespace of its own:
 * <ul>
 * <li>{@code AotTraining daemons IFACE DIR}: ptp4l on IFACE (software timestamps, free_running,
 *     its sockets in DIR), answering management until the clients' run is done (DIR/done);</li>
 * <li>{@code AotTraining clients IFACE DIR}: pmc asks that ptp4l what monitoring scripts ask,
 *     phc_ctl, hwstamp_ctl and ts-info run their usual paths, then DIR/done.</li>
 * </ul>
 * Nothing here adjusts a clock.
 */
public final class AotTraining {
    private AotTraining() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 3 || !(args[0].equals("daemons") || args[0].equals("clients"))) {
            System.err.println("usage: AotTraining daemons|clients IFACE DIR");
            System.exit(2);
        }
        String iface = args[1];
        Path dir = Path.of(args[2]);
        Path uds = dir.resolve("ptp4l");
        Path done = dir.resolve("done");
        if (args[0].equals("daemons")) {
            Path cfg = dir.resolve("ptp4l.cfg");
            Files.writeString(cfg, "[global]\nfree_running 1\nuse_syslog 0\nuds_address " + uds + "\nuds_ro_address "
                    + dir.resolve("ptp4lro") + "\n");
            Thread ptp4l = new Thread(() -> run("ptp4l", "-i", iface, "-S", "-m", "-f", cfg.toString()), "ptp4l");
            ptp4l.setDaemon(true);
            ptp4l.start();
            for (int i = 0; i < 1200 && !Files.exists(done); i++) Thread.sleep(50);
            for (String tool : List.of("phc2sys", "ts2phc", "timemaster", "ptp4l")) run(tool, "-h");
        } else {
            for (int i = 0; i < 300 && !Files.exists(uds); i++) Thread.sleep(50);
            if (!Files.exists(uds)) System.err.println("AotTraining: no ptp4l at " + uds + "; pmc trains on its error path");
            Thread.sleep(200);
            List<String> gets = List.of("GET CURRENT_DATA_SET", "GET PORT_DATA_SET", "GET DEFAULT_DATA_SET",
                    "GET TIME_STATUS_NP", "GET PARENT_DATA_SET", "GET TIME_PROPERTIES_DATA_SET");
            for (int i = 0; i < 3; i++) {
                for (String get : gets) run("pmc", "-u", "-b", "0", "-s", uds.toString(), get);
                run("pmc", "-u", "-b", "0", "-s", uds.toString(), "--json", "GET CURRENT_DATA_SET");
            }
            run("pmc", "-u", "-b", "0", "-s", dir.resolve("absent").toString(), "GET CURRENT_DATA_SET");
            run("phc_ctl", iface, "caps");
            run("phc_ctl", "CLOCK_REALTIME", "get", "cmp");
            run("hwstamp_ctl", "-i", iface);
            run("ts-info", iface);
            for (String tool : List.of("pmc", "phc_ctl", "hwstamp_ctl")) {
                run(tool, "-h");
                run(tool, "-v");
            }
            run("ptp4j", "help");
            Files.writeString(done, "");
        }
        System.out.flush();
        System.exit(0); // ends ptp4l's threads with the JVM
    }

    private static void run(String... argv) {
        try {
            Main.dispatch(argv);
        } catch (Exception e) {
            System.err.println("AotTraining: " + String.join(" ", argv) + ": " + e);
        }
    }
}
