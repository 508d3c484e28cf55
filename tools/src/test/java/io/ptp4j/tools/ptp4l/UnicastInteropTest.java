package io.ptp4j.tools.ptp4l;

import static io.ptp4j.tools.ptp4l.Ptp4lInteropTest.cmd;
import static io.ptp4j.tools.ptp4l.Ptp4lInteropTest.launcher;
import static io.ptp4j.tools.ptp4l.Ptp4lInteropTest.median;
import static io.ptp4j.tools.ptp4l.Ptp4lInteropTest.offsets;
import static io.ptp4j.tools.ptp4l.Ptp4lInteropTest.tail;
import static org.junit.jupiter.api.Assertions.*;

import io.ptp4j.testkit.NetnsPair;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Unicast negotiation (IEEE 1588-2019 16.1) against Debian's linuxptp, both ways, with the
 * shared vectors' own configs: the master has unicast_listen, hybrid_e2e and
 * inhibit_multicast_service (it sends nothing a client has not negotiated), the client a
 * [unicast_master_table] naming 192.0.2.1. So a client that synchronizes at all got there by
 * negotiating Announce, then Sync and Delay_Resp.
 */
@Tag("interop")
class UnicastInteropTest {
    static Path shared() {
        return Paths.get(System.getProperty("ptp4j.shared", "../../shared"), "linuxptp-vectors");
    }

    static void configs(Path dir) throws Exception {
        Files.writeString(dir.resolve("m.cfg"), Files.readString(shared().resolve("unicast-master.cfg"))
                .replace("/tmp/ptp4l-a", dir.resolve("m.uds").toString()) + "logSyncInterval -2\n");
        Files.writeString(dir.resolve("s.cfg"), Files.readString(shared().resolve("unicast-slave.cfg"))
                .replace("/tmp/ptp4l-b", dir.resolve("s.uds").toString())
                .replace("[global]\n", "[global]\nlogSyncInterval -2\nsummary_interval -2\nuse_syslog 0\n"));
    }

    @Test
    void linuxptpServerPtp4jClient(@TempDir Path dir) throws Exception {
        configs(dir);
        try (NetnsPair net = NetnsPair.create()) {
            Process m = net.start(net.nsA(), dir.resolve("m.log"), cmd("ptp4l", "-i", NetnsPair.IF_A, "-S", "-m", "-f", dir.resolve("m.cfg").toString()));
            Process s = net.start(net.nsB(), dir.resolve("s.log"), cmd(launcher(), "-i", NetnsPair.IF_B, "-S", "-m", "-f", dir.resolve("s.cfg").toString()));
            Thread.sleep(30_000);
            s.destroy();
            m.destroy();
            s.waitFor();
            m.waitFor();
        }
        String log = Files.readString(dir.resolve("s.log"));
        System.out.println("---- ptp4j unicast client (tail)\n" + tail(log, 6));
        assertTrue(log.contains("LISTENING to UNCALIBRATED on RS_SLAVE"), log);
        assertFalse(log.contains("rejected"), log);
        List<long[]> o = offsets(log);
        assertTrue(o.size() > 15, "offset samples: " + o.size() + "\n" + log);
        List<Long> offs = new ArrayList<>(), delays = new ArrayList<>();
        for (long[] x : o.subList(o.size() / 2, o.size())) {
            offs.add(x[0]);
            delays.add(x[2]);
        }
        System.out.printf("ptp4j unicast client vs linuxptp server: median offset %d ns, median path delay %d ns%n", median(offs), median(delays));
        assertTrue(Math.abs(median(offs)) < 5_000, "offset consistent with 0: " + median(offs));
        assertTrue(median(delays) > 0 && median(delays) < 50_000, "path delay " + median(delays));
    }

    @Test
    void ptp4jServerLinuxptpClient(@TempDir Path dir) throws Exception {
        configs(dir);
        try (NetnsPair net = NetnsPair.create()) {
            Process m = net.start(net.nsA(), dir.resolve("m.log"), cmd(launcher(), "-i", NetnsPair.IF_A, "-S", "-m", "-f", dir.resolve("m.cfg").toString()));
            Process s = net.start(net.nsB(), dir.resolve("s.log"), cmd("ptp4l", "-i", NetnsPair.IF_B, "-S", "-m", "-f", dir.resolve("s.cfg").toString()));
            Thread.sleep(30_000);
            s.destroy();
            m.destroy();
            s.waitFor();
            m.waitFor();
        }
        String mlog = Files.readString(dir.resolve("m.log"));
        String log = Files.readString(dir.resolve("s.log"));
        System.out.println("---- ptp4j unicast server\n" + tail(mlog, 6) + "---- linuxptp unicast client (tail)\n" + tail(log, 6));
        assertTrue(mlog.contains("assuming the grand master role"), mlog);
        assertTrue(log.contains("LISTENING to UNCALIBRATED on RS_SLAVE"), log);
        List<long[]> o = offsets(log);
        assertTrue(o.size() >= 3, "linuxptp reported " + o.size() + " offsets\n" + log);
        List<Long> offs = new ArrayList<>();
        for (long[] x : o) offs.add(x[0]);
        System.out.printf("linuxptp unicast client vs ptp4j server: median offset %d ns%n", median(offs));
        assertTrue(Math.abs(median(offs)) < 5_000, "offset consistent with 0: " + median(offs));
    }
}
