package io.ptp4j.tools.phc2sys;

import static io.ptp4j.testkit.Daemons.bin;
import static io.ptp4j.testkit.Daemons.noClock;
import static io.ptp4j.testkit.Daemons.stop;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ptp4j.testkit.NetnsPair;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/phc2sys following a ptp4j ptp4l that disciplines a virtual clock (virtual_clock 1, in a
 * network namespace this test creates): -w waits for the port to become MASTER over the
 * management socket, the UTC offset comes from TIME_PROPERTIES_DATA_SET, the source is ptp4l's
 * published virtual clock file, the sink phc2sys's own virtual clock 50 us / 100 ppm off.
 * Every daemon runs under setpriv without CAP_SYS_TIME: nothing can touch the machine's clock.
 */
@Tag("interop")
@Tag("serial") // measures time error in real time: runs alone, after the parallel forks (tools/pom.xml)
class Phc2sysInteropTest {
    static Path ptp4lConfig(Path dir) throws Exception {
        Path cfg = dir.resolve("ptp4l.cfg");
        Files.writeString(cfg, "[global]\nserverOnly 1\nvirtual_clock 1\nvirtual_clock_freq -20000\nuse_syslog 0\nuds_address "
                + dir.resolve("ptp4l") + "\n");
        return cfg;
    }

    static List<Matcher> lines(String log) {
        List<Matcher> l = new ArrayList<>();
        for (String s : log.lines().toList()) {
            Matcher m = Phc2sysVirtualLoopTest.LINE.matcher(s.replace("virtual:", "").replaceFirst("^(phc2sys\\[[\\d.]+\\]: )\\S+ ", "$1virtual "));
            if (m.matches()) l.add(m);
        }
        return l;
    }

    @Test
    void waitsForPtp4lThenConvergesOnItsVirtualClock(@TempDir Path dir) throws Exception {
        Path cfg = ptp4lConfig(dir);
        int metricsPort = 19000 + (int) (ProcessHandle.current().pid() % 1000);
        try (NetnsPair net = NetnsPair.create()) {
            Process phc2sys = net.start(net.nsA(), dir.resolve("phc2sys.log"), noClock(bin("phc2sys"), "-s",
                    "virtual:" + dir.resolve("ptp4l.vclock"), "-c", "virtual", "-w", "-z", dir.resolve("ptp4l").toString(), "-m", "-q",
                    "-R", "4", "--virtual_clock_offset", "50000", "--virtual_clock_freq", "100000", "--metrics-port", "" + metricsPort));
            Thread.sleep(6000); // phc2sys starts first: it must wait for ptp4l
            String early = Files.readString(dir.resolve("phc2sys.log"));
            Process ptp4l = net.start(net.nsA(), dir.resolve("ptp4l.log"), noClock(bin("ptp4l"), "-i", NetnsPair.IF_A, "-S", "-m", "-f", cfg.toString()));
            Thread.sleep(14_000);
            String scrape = net.httpGet(net.nsA(), metricsPort, "/metrics");
            stop(phc2sys, ptp4l);
            int exit = phc2sys.exitValue();
            String log = Files.readString(dir.resolve("phc2sys.log"));
            System.out.println("---- phc2sys log (head and tail)\n" + String.join("\n", log.lines().limit(70).toList()) + "\n...\n"
                    + String.join("\n", log.lines().skip(Math.max(0, log.lines().count() - 8)).toList()));
            assertTrue(exit == 0 || exit == 143, "phc2sys ends cleanly on SIGTERM: " + exit);
            assertTrue(early.contains("]: Waiting for ptp4l..."), "-w waits while ptp4l is absent: " + early);
            List<Matcher> ms = lines(log);
            assertTrue(ms.size() >= 10, log + "\n---- ptp4l\n" + Files.readString(dir.resolve("ptp4l.log")));
            assertTrue(ms.stream().anyMatch(m -> m.group(2).equals("1")), "stepped once: " + log);
            for (Matcher m : ms.subList(ms.size() - 4, ms.size())) {
                assertEquals("2", m.group(2), log);
                assertTrue(Math.abs(Long.parseLong(m.group(1))) < 2_000, log);
            }
            assertTrue(scrape.contains("HTTP/1.1 200"), scrape);
            assertTrue(scrape.matches("(?s).*\nptp4j_offset_ns\\{[^}]*process=\"phc2sys\"[^}]*\\} -?\\d+.*"), scrape);
            assertTrue(scrape.matches("(?s).*\nptp4j_servo_state\\{[^}]*process=\"phc2sys\"[^}]*\\} 2.*"), scrape);
            assertTrue(Files.notExists(dir.resolve("ptp4l.vclock")), "ptp4l removes its virtual clock file on exit");
        }
    }

    /**
     * phc2sys -a in {@code ns}, 1.5 s after ptp4l (its socket dir/ptp4l), {@code rate} updates
     * per second, onto its own virtual clock 50 us and 100 ppm off.
     */
    static Process startAuto(NetnsPair net, String ns, Path dir, String rate) throws Exception {
        Thread.sleep(1500);
        return net.start(ns, dir.resolve("phc2sys.log"), noClock(bin("phc2sys"), "-a", "-c", "virtual", "-z", dir.resolve("ptp4l").toString(),
                "-m", "-q", "-R", rate, "--virtual_clock_offset", "50000", "--virtual_clock_freq", "100000"));
    }

    @Test
    void autoConfigurationFollowsPtp4lsPortState(@TempDir Path dir) throws Exception {
        Path cfg = ptp4lConfig(dir);
        try (NetnsPair net = NetnsPair.create()) {
            Process ptp4l = net.start(net.nsA(), dir.resolve("ptp4l.log"), noClock(bin("ptp4l"), "-i", NetnsPair.IF_A, "-S", "-m", "-f", cfg.toString()));
            Process phc2sys = startAuto(net, net.nsA(), dir, "4");
            Thread.sleep(12_000);
            // what linuxptp's phc2sys -a would read: linuxptp's pmc asks ptp4j's ptp4l
            NetnsPair.Result pmc = net.exec(net.nsA(), Duration.ofSeconds(10), "pmc", "-u", "-b", "0", "-s",
                    dir.resolve("ptp4l").toString(), "GET PORT_PROPERTIES_NP");
            stop(phc2sys, ptp4l);
            System.out.println("---- linuxptp pmc GET PORT_PROPERTIES_NP\n" + pmc.output());
            assertTrue(pmc.output().matches("(?s).*RESPONSE MANAGEMENT PORT_PROPERTIES_NP.*portState +MASTER.*timestamping +SOFTWARE.*interface +vA.*"),
                    pmc.output());
            String log = Files.readString(dir.resolve("phc2sys.log"));
            System.out.println("---- phc2sys -a log (head)\n" + String.join("\n", log.lines().limit(12).toList()));
            // ptp4l's port is MASTER: its clock is a sink like ours, there is no source to follow
            assertTrue(log.contains("]: reconfiguring after port state change"), log);
            assertTrue(log.contains("]: selecting virtual for synchronization"), log);
            assertTrue(log.contains("]: selecting virtual:" + dir.resolve("ptp4l.vclock") + " for synchronization"), log);
        }
    }

    /**
     * -a with ptp4l as a client: linuxptp's ptp4l (free running) serves time from namespace A;
     * ptp4j's ptp4l in B disciplines its virtual clock to it; phc2sys -a sees B's port become
     * SLAVE, takes B's virtual clock as the source and brings its own virtual clock onto it.
     */
    @Test
    void autoConfigurationTakesTheSlavePortsClockAsSource(@TempDir Path dir) throws Exception {
        Path mcfg = dir.resolve("m.cfg"), scfg = dir.resolve("s.cfg");
        Files.writeString(mcfg, "[global]\nmasterOnly 1\nfree_running 1\nlogSyncInterval -3\nuds_address " + dir.resolve("m.uds") + "\n");
        Files.writeString(scfg, "[global]\nclientOnly 1\nvirtual_clock 1\nvirtual_clock_freq -20000\nlogSyncInterval -3\npi_proportional_const 0.3\npi_integral_const 0.05\nuse_syslog 0\nuds_address "
                + dir.resolve("ptp4l") + "\n");
        try (NetnsPair net = NetnsPair.create()) {
            Process m = net.start(net.nsA(), dir.resolve("m.log"), noClock("ptp4l", "-i", NetnsPair.IF_A, "-S", "-m", "-f", mcfg.toString()));
            Process s = net.start(net.nsB(), dir.resolve("s.log"), noClock(bin("ptp4l"), "-i", NetnsPair.IF_B, "-S", "-m", "-f", scfg.toString()));
            Process phc2sys = startAuto(net, net.nsB(), dir, "2");
            Thread.sleep(22_000);
            stop(phc2sys, s, m);
            String log = Files.readString(dir.resolve("phc2sys.log"));
            System.out.println("---- phc2sys -a (ptp4l client) log\n" + String.join("\n", log.lines().limit(14).toList()) + "\n...\n"
                    + String.join("\n", log.lines().skip(Math.max(0, log.lines().count() - 4)).toList()));
            String src = "virtual:" + dir.resolve("ptp4l.vclock");
            assertTrue(log.contains("]: selecting " + src + " as domain source clock"), log + "\n---- ptp4l\n" + Files.readString(dir.resolve("s.log")));
            assertTrue(log.contains("]: selecting virtual for synchronization"), log);
            List<Matcher> ms = lines(log);
            assertTrue(ms.size() >= 8, log);
            // the source itself is being steered by ptp4l (software stamps): follow it within 5 us
            for (Matcher x : ms.subList(ms.size() - 3, ms.size())) {
                assertEquals("2", x.group(2), log);
                assertTrue(Math.abs(Long.parseLong(x.group(1))) < 5_000, log);
            }
        }
    }

    /**
     * The management client against linuxptp's own ptp4l: -w waits on its PORT_DATA_SET, the UTC
     * offset comes from its TIME_PROPERTIES_DATA_SET; the source is CLOCK_REALTIME (read only),
     * the sink phc2sys's virtual clock.
     */
    @Test
    void waitsForLinuxptpsPtp4l(@TempDir Path dir) throws Exception {
        Path mcfg = dir.resolve("m.cfg");
        Files.writeString(mcfg, "[global]\nmasterOnly 1\nfree_running 1\nuds_address " + dir.resolve("m.uds") + "\n");
        try (NetnsPair net = NetnsPair.create()) {
            Process phc2sys = net.start(net.nsA(), dir.resolve("phc2sys.log"), noClock(bin("phc2sys"), "-s", "CLOCK_REALTIME",
                    "-c", "virtual", "-w", "-z", dir.resolve("m.uds").toString(), "-m", "-q", "-R", "4",
                    "--virtual_clock_offset", "50000", "--virtual_clock_freq", "100000"));
            Process m = net.start(net.nsA(), dir.resolve("m.log"), noClock("ptp4l", "-i", NetnsPair.IF_A, "-S", "-m", "-f", mcfg.toString()));
            Thread.sleep(15_000);
            stop(phc2sys, m);
            String log = Files.readString(dir.resolve("phc2sys.log"));
            System.out.println("---- phc2sys -w with linuxptp's ptp4l (tail)\n"
                    + String.join("\n", log.lines().skip(Math.max(0, log.lines().count() - 4)).toList()));
            assertTrue(log.contains("]: Waiting for ptp4l..."), log);
            List<String> offs = log.lines().filter(l -> l.matches("phc2sys\\[[\\d.]+\\]: virtual sys offset +-?\\d+ s[0-3] freq +[+-]\\d+ delay +\\d+")).toList();
            assertTrue(offs.size() >= 8, log + "\n---- ptp4l\n" + Files.readString(dir.resolve("m.log")));
            for (String l : offs.subList(offs.size() - 3, offs.size())) {
                assertTrue(l.contains(" s2 "), log);
                long off = Long.parseLong(l.replaceAll(".* offset +(-?\\d+) .*", "$1"));
                assertTrue(Math.abs(off) < 2_000, log);
            }
        }
    }
}
