package io.ptp4j.tools;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The training run of the package's ahead-of-time cache (JDK 25's -XX:AOTCacheOutput, JEP 483
 * and 515): one JVM does what the installed commands do most, so the classes they load, linked,
 * and their profiles go into the cache. scripts/package runs it in a network namespace of its
 * own, as {@code AotTraining IFACE DIR}: ptp4l starts on IFACE (software timestamps,
 * free_running, its sockets in DIR), pmc asks it what monitoring scripts ask, and the other
 * short-lived tools run their usual paths once. Nothing here adjusts a clock.
 */
public final class AotTraining {
    private AotTraining() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: AotTraining IFACE DIR");
            System.exit(2);
        }
        String iface = args[0];
        Path dir = Path.of(args[1]);
        Path cfg = dir.resolve("ptp4l.cfg");
        Path uds = dir.resolve("ptp4l");
        Files.writeString(cfg, "[global]\nfree_running 1\nuse_syslog 0\nuds_address " + uds + "\nuds_ro_address "
                + dir.resolve("ptp4lro") + "\n");
        Thread ptp4l = new Thread(() -> run("ptp4l", "-i", iface, "-S", "-m", "-f", cfg.toString()), "ptp4l");
        ptp4l.setDaemon(true);
        ptp4l.start();
        for (int i = 0; i < 200 && !Files.exists(uds); i++) Thread.sleep(50);
        if (!Files.exists(uds)) System.err.println("AotTraining: ptp4l did not open " + uds + "; pmc trains on its error path");
        Thread.sleep(300);
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
        for (String tool : PackageFiles.LINUXPTP) {
            run(tool, "-h");
            run(tool, "-v");
        }
        run("ptp4j", "help");
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
