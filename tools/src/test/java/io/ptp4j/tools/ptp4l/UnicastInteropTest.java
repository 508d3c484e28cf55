package io.ptp4j.tools.ptp4l;

import static io.ptp4j.testkit.Daemons.bin;
import static io.ptp4j.testkit.Logs.tail;
import static io.ptp4j.tools.ptp4l.Ptp4lInteropTest.runPair;
import static org.junit.jupiter.api.Assertions.*;

import io.ptp4j.testkit.NetnsPair;
import io.ptp4j.testkit.Offsets;
import io.ptp4j.testkit.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Unicast negotiation (IEEE 1588-2019 16.1) against Debian's linuxptp, both ways, with the
 * linuxptp 3.1.1 vectors' own configs: the master has unicast_listen, hybrid_e2e and
 * inhibit_multicast_service (it sends nothing a client has not negotiated), the client a
 * [unicast_master_table] naming 192.0.2.1. So a client that synchronizes at all got there by
 * negotiating Announce, then Sync and Delay_Resp.
 */
@Tag("interop")
class UnicastInteropTest {
    static void configs(Path dir) throws Exception {
        Files.writeString(dir.resolve("m.cfg"), TestData.vectorConfig("unicast-master.cfg", dir.resolve("m.uds")) + "logSyncInterval -2\n");
        Files.writeString(dir.resolve("s.cfg"), TestData.vectorConfig("unicast-slave.cfg", dir.resolve("s.uds"))
                .replace("[global]\n", "[global]\nlogSyncInterval -2\nsummary_interval -2\nuse_syslog 0\n"));
    }

    @Test
    void linuxptpServerPtp4jClient(@TempDir Path dir) throws Exception {
        configs(dir);
        String log = runPair(dir, List.of("ptp4l", "-i", NetnsPair.IF_A, "-S", "-m", "-f", dir.resolve("m.cfg").toString()),
                List.of(bin("ptp4l"), "-i", NetnsPair.IF_B, "-S", "-m", "-f", dir.resolve("s.cfg").toString()), 30);
        System.out.println("---- ptp4j unicast client (tail)\n" + tail(log, 6));
        assertTrue(log.contains("LISTENING to UNCALIBRATED on RS_SLAVE"), log);
        assertFalse(log.contains("rejected"), log);
        Offsets.of(log).atLeast(16).secondHalf().assertNearZero("ptp4j unicast client vs linuxptp server").assertDelayPlausible("unicast");
    }

    @Test
    void ptp4jServerLinuxptpClient(@TempDir Path dir) throws Exception {
        configs(dir);
        String log = runPair(dir, List.of(bin("ptp4l"), "-i", NetnsPair.IF_A, "-S", "-m", "-f", dir.resolve("m.cfg").toString()),
                List.of("ptp4l", "-i", NetnsPair.IF_B, "-S", "-m", "-f", dir.resolve("s.cfg").toString()), 30);
        String mlog = Files.readString(dir.resolve("m.log"));
        System.out.println("---- ptp4j unicast server\n" + tail(mlog, 6) + "---- linuxptp unicast client (tail)\n" + tail(log, 6));
        assertTrue(mlog.contains("assuming the grand master role"), mlog);
        assertTrue(log.contains("LISTENING to UNCALIBRATED on RS_SLAVE"), log);
        Offsets.of(log).atLeast(3).assertNearZero("linuxptp unicast client vs ptp4j server");
    }
}
