package io.ptp4j.tools.timemaster;

import static io.ptp4j.tools.timemaster.TimemasterInteropTest.await;
import static io.ptp4j.testkit.Daemons.bin;
import static io.ptp4j.testkit.Daemons.noClock;
import static io.ptp4j.tools.timemaster.TimemasterInteropTest.started;
import static org.junit.jupiter.api.Assertions.*;

import io.ptp4j.testkit.NetnsPair;
import io.ptp4j.testkit.LinuxptpPeer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * timemaster end to end with chronyd: a linuxptp 4.4 grandmaster in one namespace; in the other a
 * timemaster starts chronyd (always with -x: it never touches the clock), ptp4j's ptp4l and, on the
 * hardware path, ptp4j's phc2sys, from one configuration. The interface has no PHC, so ptp4l
 * disciplines ptp4j's virtual clock ({@code virtual_clock 1}), which stands in for the PHC.
 * <ul>
 * <li>{@code ptp4j}: ptp4j's timemaster as linuxptp 3.1.1: phc2sys -a -r ... -E ntpshm -M 0 into
 *     chrony's SHM refclock;
 * <li>{@code ptp4j-4.4}: ptp4j's timemaster with linuxptp_version 4.4: phc2sys ... -E refclock_sock
 *     --refclock_sock_address rundir/chrony.SOCK0 into chrony's SOCK refclock;
 * <li>{@code linuxptp-4.4}: linuxptp 4.4's own timemaster with the same configuration: the
 *     interface has software timestamps only, so it runs ptp4j's ptp4l with clock_servo
 *     refclock_sock into chrony's SOCK refclock.
 * </ul>
 * Each time {@code chronyc sources} must show the PTP refclock selected ('*') with an offset
 * consistent with zero: the grandmaster runs on this machine's clock, so does the virtual clock
 * that follows it. Everything under setpriv without CAP_SYS_TIME, timemaster in its own IPC
 * namespace (the SHM segment dies with it).
 */
@Tag("interop")
class TimemasterChronyE2eTest {
    @ParameterizedTest
    @ValueSource(strings = {"ptp4j", "ptp4j-4.4", "linuxptp-4.4"})
    @Timeout(240)
    void chronydSelectsThePtpRefclock(String variant, @TempDir Path dir) throws Exception {
        String gm = LinuxptpPeer.program("ptp4l");
        String timemaster = variant.equals("linuxptp-4.4") ? LinuxptpPeer.program("timemaster") : bin("timemaster").toString();
        Path rundir = dir.resolve("run"), sock = dir.resolve("chronyd.sock");
        Path conf = dir.resolve("timemaster.conf");
        Files.writeString(conf, """
                [timemaster]
                ntp_program chronyd
                rundir %1$s
                %5$s
                [ptp_domain 0]
                interfaces %2$s
                delay 1e-5
                ntp_poll 0
                ptp4l_option virtual_clock 1

                [chronyd]
                path /usr/sbin/chronyd
                options -x -d -u root

                [chrony.conf]
                pidfile %3$s/chronyd.pid
                bindcmdaddress %3$s/chronyd.sock
                cmdport 0
                logdir %3$s
                log refclocks

                [ptp4l]
                path %4$s
                options -m -q

                [phc2sys]
                path %6$s
                options -m -q
                """.formatted(rundir, NetnsPair.IF_B, dir, bin("ptp4l"), variant.equals("ptp4j-4.4") ? "linuxptp_version 4.4" : "",
                bin("phc2sys")));
        Path log = dir.resolve("tm.log");
        List<Long> children = new ArrayList<>();
        try (NetnsPair net = NetnsPair.create()) {
            try {
                net.start(net.nsA(), dir.resolve("gm.log"), noClock(gm, "-i", NetnsPair.IF_A, "-S", "-m", "--free_running", "1",
                        "--serverOnly", "1", "--logSyncInterval", "-2", "--uds_address", dir.resolve("gm.uds").toString()));
                Process tm = net.start(net.nsB(), log, noClock("unshare", "--ipc", timemaster, "-m", "-q", "-l", "7", "-f", conf.toString()));
                String text = await(log, 40, "chronyd started", t -> !started(t, "chronyd").isEmpty());
                children.addAll(started(text, "chronyd"));
                assertTrue(text.contains("chronyd -x -d -u root -n -f " + rundir + "/chrony.conf"), text);
                String chronyConf = Files.readString(rundir.resolve("chrony.conf"));
                String ptp4lConf = Files.readString(rundir.resolve("ptp4l.0.conf"));
                System.out.println("---- " + variant + ": chrony.conf\n" + chronyConf + "---- ptp4l.0.conf\n" + ptp4lConf);
                switch (variant) {
                    case "ptp4j" -> {
                        assertTrue(chronyConf.contains("refclock SHM 0 poll 0 dpoll 0 refid PTP0"), chronyConf);
                        await(log, 40, "phc2sys -E ntpshm", t -> t.matches("(?s).*process \\d+ started: \\S*phc2sys -m -q -a -r -R 1.00 -z "
                                + rundir + "/ptp4l.0.socket -t \\[0:vB\\] -n 0 -E ntpshm -M 0 .*"));
                    }
                    case "ptp4j-4.4" -> {
                        assertTrue(chronyConf.contains("refclock SOCK " + rundir + "/chrony.SOCK0 poll 0 filter 1 refid PTP0"), chronyConf);
                        await(log, 40, "phc2sys -E refclock_sock", t -> t.contains(" -n 0 -E refclock_sock --refclock_sock_address "
                                + rundir + "/chrony.SOCK0 "));
                    }
                    default -> {
                        assertTrue(chronyConf.contains("refclock SOCK " + rundir + "/chrony.SOCK0 poll 0 filter 1 refid PTP0"), chronyConf);
                        assertTrue(ptp4lConf.contains("clientOnly 1\n") && ptp4lConf.contains("clock_servo refclock_sock\n"), ptp4lConf);
                    }
                }
                text = await(log, 60, "ptp4j's ptp4l following 4.4's grandmaster", t -> t.contains("[0:vB] port 1 (vB): LISTENING to UNCALIBRATED"));
                children.addAll(started(text, "ptp4l"));
                children.addAll(started(text, "phc2sys"));

                // chronyd selects the PTP refclock, with an offset consistent with zero
                String sources = "";
                long end = System.nanoTime() + 90_000_000_000L;
                String[] ptp = null;
                while (System.nanoTime() < end) {
                    sources = net.exec(net.nsB(), Duration.ofSeconds(10), "chronyc", "-h", sock.toString(), "-n", "-c", "sources").output();
                    ptp = sources.lines().map(l -> l.split(",")).filter(f -> f.length >= 10 && f[2].equals("PTP0")).findFirst().orElse(null);
                    if (ptp != null && ptp[1].equals("*")) break;
                    Thread.sleep(1000);
                }
                String human = net.exec(net.nsB(), Duration.ofSeconds(10), "chronyc", "-h", sock.toString(), "-n", "sources").output();
                System.out.println("---- " + variant + ": chronyc sources\n" + human);
                assertNotNull(ptp, "PTP0 among chronyd's sources:\n" + sources + "\n" + Files.readString(log));
                assertEquals("*", ptp[1], "PTP0 selected:\n" + human + "\n" + Files.readString(log));
                double offset = Double.parseDouble(ptp[7]), error = Double.parseDouble(ptp[9]);
                assertTrue(Math.abs(offset) < 200e-6, "offset " + offset + " s +/- " + error + ": consistent with zero\n" + human);

                tm.destroy();
                assertTrue(tm.waitFor(30, java.util.concurrent.TimeUnit.SECONDS), "timemaster exits after SIGTERM");
            } finally {
                for (long pid : children) ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }
}
