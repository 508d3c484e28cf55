package io.ptp4j.tools.ptp4l;

import static io.ptp4j.testkit.Daemons.bin;
import static io.ptp4j.testkit.Daemons.noClock;
import static io.ptp4j.testkit.Daemons.stop;
import static org.junit.jupiter.api.Assertions.*;

import io.ptp4j.testkit.NetnsPair;
import io.ptp4j.testkit.TestData;
import io.ptp4j.testkit.Tshark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Wireshark judges what ptp4j's ptp4l puts on a real wire: ptp4j on both ends of a veth pair,
 * tshark capturing in the client's namespace, then every PTP packet decoded by tshark with no
 * malformed packet and no expert warning. Three profiles cover the message kinds: UDPv4 unicast
 * negotiation (Signaling with REQUEST/GRANT TLVs, unicast Sync/Follow_Up/Delay_Req/Delay_Resp,
 * Announce), gPTP over L2 (Pdelay, Follow_Up with the 802.1AS follow_up information TLV, Announce
 * with a path trace TLV, transportSpecific 1) and UDPv6 E2E.
 */
@Tag("interop")
class WiresharkOnTheWireTest {
    @ParameterizedTest
    @ValueSource(strings = {"unicast", "gptp", "udp6"})
    void tsharkFindsNothingMalformedInPtp4jTraffic(String profile, @TempDir Path dir) throws Exception {
        Path mcfg = dir.resolve("m.cfg"), scfg = dir.resolve("s.cfg");
        List<String> m = new ArrayList<>(List.of(bin("ptp4l"), "-i", NetnsPair.IF_A, "-S", "-f", mcfg.toString()));
        List<String> s = new ArrayList<>(List.of(bin("ptp4l"), "-i", NetnsPair.IF_B, "-S", "-f", scfg.toString()));
        switch (profile) {
            case "unicast" -> {
                Files.writeString(mcfg, TestData.vectorConfig("unicast-master.cfg", dir.resolve("m.uds")) + "logSyncInterval -2\n");
                Files.writeString(scfg, TestData.vectorConfig("unicast-slave.cfg", dir.resolve("s.uds"))
                        .replace("[global]\n", "[global]\nlogSyncInterval -2\nuse_syslog 0\n"));
            }
            case "gptp" -> {
                Files.writeString(mcfg, TestData.vectorConfig("gptp-master.cfg", dir.resolve("m.uds")));
                Files.writeString(scfg, TestData.vectorConfig("gptp-slave.cfg", dir.resolve("s.uds")));
            }
            default -> {
                Files.writeString(mcfg, "[global]\nmasterOnly 1\nfree_running 1\nlogSyncInterval -2\nuds_address " + dir.resolve("m.uds") + "\n");
                Files.writeString(scfg, "[global]\nslaveOnly 1\nfree_running 1\nlogSyncInterval -2\nuds_address " + dir.resolve("s.uds") + "\n");
                m.add("-6");
                s.add("-6");
            }
        }
        Path pcap = dir.resolve("wire.pcapng");
        try (NetnsPair net = NetnsPair.create()) {
            Process cap = Tshark.capture(net, net.nsB(), NetnsPair.IF_B, pcap, 16);
            Process mp = net.start(net.nsA(), dir.resolve("m.log"), noClock(m.toArray(String[]::new)));
            Process sp = net.start(net.nsB(), dir.resolve("s.log"), noClock(s.toArray(String[]::new)));
            Tshark.awaitEnd(cap, 30);
            stop(sp, mp);
        }
        String all = Tshark.read(pcap, "ptp", "-T", "fields", "-e", "ptp.v2.messagetype");
        String bad = Tshark.read(pcap, "_ws.malformed || _ws.expert.severity >= 0x00600000", "-V");
        long ptp = all.lines().filter(l -> !l.isBlank()).count();
        Map<String, Long> kinds = new TreeMap<>();
        all.lines().filter(l -> !l.isBlank()).forEach(l -> kinds.merge(l.strip(), 1L, Long::sum));
        System.out.printf("%s: tshark decoded %d PTP packets from ptp4j (by messageType %s); flagged: %d bytes of output%n",
                profile, ptp, kinds, bad.strip().length());
        assertTrue(ptp > 20, profile + ": too few PTP packets: " + ptp + "\n" + Files.readString(dir.resolve("s.log")));
        assertEquals("", bad.strip(), profile + ": tshark flags packets");
        switch (profile) {
            case "unicast" -> assertTrue(kinds.containsKey("0x0c") || kinds.containsKey("12"), "signaling present: " + kinds);
            case "gptp" -> {
                assertFalse(Tshark.read(pcap, "ptp.as.fu.cumulativeScaledRateOffset", "-T", "fields", "-e", "frame.number").isBlank(),
                        "Follow_Up carries the follow_up information TLV");
                assertFalse(Tshark.read(pcap, "ptp.v2.an.pathsequence", "-T", "fields", "-e", "frame.number").isBlank(),
                        "Announce carries a path trace TLV");
            }
            default -> { }
        }
    }
}
