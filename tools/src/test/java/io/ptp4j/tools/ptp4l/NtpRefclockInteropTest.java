package io.ptp4j.tools.ptp4l;

import static io.ptp4j.testkit.Daemons.bin;
import static io.ptp4j.testkit.Daemons.noClock;
import static org.junit.jupiter.api.Assertions.*;

import io.ptp4j.testkit.NetnsPair;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * ptp4j's ptp4l feeding chronyd through linuxptp 4.x's "clock_servo refclock_sock" (chrony's SOCK
 * refclock), as linuxptp 4.x timemaster sets it up: linuxptp's ptp4l is master in one namespace,
 * ptp4j's ptp4l client and chronyd -x in the other, both under setpriv without CAP_SYS_TIME.
 * chronyd's refclocks.log must show the samples. (The SHM path is covered by TimemasterInteropTest.)
 */
@Tag("interop")
class NtpRefclockInteropTest {
    @Test
    @Timeout(90)
    void refclockSockSamplesReachChronyd(@TempDir Path dir) throws Exception {
        Path sock = dir.resolve("chrony.SOCK0");
        Files.writeString(dir.resolve("chrony.conf"), """
                pidfile %1$s/chronyd.pid
                bindcmdaddress /
                cmdport 0
                logdir %1$s
                log refclocks
                refclock SOCK %2$s refid PTPS poll 2
                """.formatted(dir, sock));
        Path mcfg = dir.resolve("m.cfg"), scfg = dir.resolve("s.cfg");
        Files.writeString(mcfg, "[global]\nmasterOnly 1\nfree_running 1\nlogSyncInterval -2\nuds_address " + dir.resolve("m.uds") + "\n");
        Files.writeString(scfg, "[global]\nslaveOnly 1\nclock_servo refclock_sock\nrefclock_sock_address " + sock
                + "\nuse_syslog 0\nuds_address " + dir.resolve("s.uds") + "\n");
        try (NetnsPair net = NetnsPair.create()) {
            net.start(net.nsA(), dir.resolve("m.log"), noClock("ptp4l", "-i", NetnsPair.IF_A, "-S", "-m", "-f", mcfg.toString()));
            net.start(net.nsB(), dir.resolve("chronyd.log"), noClock("chronyd", "-x", "-d", "-u", "root", "-n", "-f",
                    dir.resolve("chrony.conf").toString()));
            for (int i = 0; i < 50 && !Files.exists(sock); i++) Thread.sleep(100);
            assertTrue(Files.exists(sock), "chronyd created its SOCK refclock socket");
            net.start(net.nsB(), dir.resolve("s.log"), noClock(bin("ptp4l"), "-i", NetnsPair.IF_B, "-S", "-m",
                    "-f", scfg.toString()));
            Path refclocks = dir.resolve("refclocks.log");
            long deadline = System.nanoTime() + 60_000_000_000L;
            long samples = 0;
            while (System.nanoTime() < deadline && samples < 3) {
                Thread.sleep(500);
                samples = Files.exists(refclocks) ? Files.readString(refclocks).lines().filter(l -> l.contains(" PTPS ")).count() : 0;
            }
            String client = Files.readString(dir.resolve("s.log"));
            System.out.println("---- chronyd refclocks.log\n" + (Files.exists(refclocks) ? Files.readString(refclocks) : "(none)"));
            assertTrue(samples >= 3, "chronyd got ptp4l's samples; client log:\n" + client + "\nchronyd:\n"
                    + Files.readString(dir.resolve("chronyd.log")));
            assertTrue(Files.readString(dir.resolve("chronyd.log")).contains("Disabled control of system clock"));
            assertFalse(client.contains("refclock_sock: send failed"), client);
            assertFalse(client.contains(" s1 ") || client.contains(" s2 "), "the servo never steps or locks: " + client);
        }
    }
}
