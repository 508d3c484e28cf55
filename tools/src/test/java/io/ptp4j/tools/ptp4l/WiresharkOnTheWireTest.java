package io.ptp4j.tools.ptp4l;

import static io.ptp4j.tools.ptp4l.Ptp4lInteropTest.cmd;
import static io.ptp4j.tools.ptp4l.Ptp4lInteropTest.launcher;
import static org.junit.jupiter.api.Assertions.*;

import io.ptp4j.testkit.NetnsPair;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

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
    static Path shared() {
        return Paths.get(System.getProperty("ptp4j.shared", "../../shared"), "linuxptp-vectors");
    }

    @ParameterizedTest
    @ValueSource(strings = {"unicast", "gptp", "udp6"})
    void tsharkFindsNothingMalformedInPtp4jTraffic(String profile, @TempDir Path dir) throws Exception {
        Path mcfg = dir.resolve("m.cfg"), scfg = dir.resolve("s.cfg");
        List<String> extra = List.of();
        switch (profile) {
            case "unicast" -> {
                Files.writeString(mcfg, Files.readString(shared().resolve("unicast-master.cfg")).replace("/tmp/ptp4l-a", dir.resolve("m.uds").toString())
                        + "logSyncInterval -2\n");
                Files.writeString(scfg, Files.readString(shared().resolve("unicast-slave.cfg")).replace("/tmp/ptp4l-b", dir.resolve("s.uds").toString())
                        .replace("[global]\n", "[global]\nlogSyncInterval -2\nuse_syslog 0\n"));
            }
            case "gptp" -> {
                Files.writeString(mcfg, Files.readString(shared().resolve("gptp-master.cfg")).replace("/tmp/ptp4l-a", dir.resolve("m.uds").toString()));
                Files.writeString(scfg, Files.readString(shared().resolve("gptp-slave.cfg")).replace("/tmp/ptp4l-b", dir.resolve("s.uds").toString()));
            }
            default -> {
                Files.writeString(mcfg, "[global]\nmasterOnly 1\nfree_running 1\nlogSyncInterval -2\nuds_address " + dir.resolve("m.uds") + "\n");
                Files.writeString(scfg, "[global]\nslaveOnly 1\nfree_running 1\nlogSyncInterval -2\nuds_address " + dir.resolve("s.uds") + "\n");
                extra = List.of("-6");
            }
        }
        Path pcap = dir.resolve("wire.pcapng");
        try (NetnsPair net = NetnsPair.create()) {
            Process cap = net.start(net.nsB(), dir.resolve("tshark.log"), "tshark", "-i", NetnsPair.IF_B, "-q", "-w", pcap.toString(), "-a", "duration:16");
            Thread.sleep(1_500); // tshark's capture is open
            String[] m = java.util.stream.Stream.concat(java.util.stream.Stream.of(launcher(), "-i", NetnsPair.IF_A, "-S", "-f", mcfg.toString()),
                    extra.stream()).toArray(String[]::new);
            String[] s = java.util.stream.Stream.concat(java.util.stream.Stream.of(launcher(), "-i", NetnsPair.IF_B, "-S", "-f", scfg.toString()),
                    extra.stream()).toArray(String[]::new);
            Process mp = net.start(net.nsA(), dir.resolve("m.log"), cmd(m));
            Process sp = net.start(net.nsB(), dir.resolve("s.log"), cmd(s));
            assertTrue(cap.waitFor(30, java.util.concurrent.TimeUnit.SECONDS), "tshark did not stop");
            sp.destroy();
            mp.destroy();
        }
        NetnsPair.Result all = run("tshark", "-r", pcap.toString(), "-Y", "ptp", "-T", "fields", "-e", "ptp.v2.messagetype");
        NetnsPair.Result bad = run("tshark", "-r", pcap.toString(), "-Y", "_ws.malformed || _ws.expert.severity >= 0x00600000", "-V");
        long ptp = all.output().lines().filter(l -> !l.isBlank()).count();
        java.util.Map<String, Long> kinds = new java.util.TreeMap<>();
        all.output().lines().filter(l -> !l.isBlank()).forEach(l -> kinds.merge(l.strip(), 1L, Long::sum));
        System.out.printf("%s: tshark decoded %d PTP packets from ptp4j (by messageType %s); flagged: %d bytes of output%n",
                profile, ptp, kinds, bad.output().strip().length());
        assertTrue(ptp > 20, profile + ": too few PTP packets: " + ptp + "\n" + Files.readString(dir.resolve("s.log")));
        assertEquals("", bad.output().strip(), profile + ": tshark flags packets");
        switch (profile) {
            case "unicast" -> assertTrue(kinds.containsKey("0x0c") || kinds.containsKey("12"), "signaling present: " + kinds);
            case "gptp" -> {
                NetnsPair.Result fui = run("tshark", "-r", pcap.toString(), "-Y", "ptp.as.fu.cumulativeScaledRateOffset",
                        "-T", "fields", "-e", "frame.number");
                NetnsPair.Result trace = run("tshark", "-r", pcap.toString(), "-Y", "ptp.v2.an.pathsequence",
                        "-T", "fields", "-e", "frame.number");
                assertFalse(fui.output().isBlank(), "Follow_Up carries the follow_up information TLV");
                assertFalse(trace.output().isBlank(), "Announce carries a path trace TLV");
            }
            default -> { }
        }
    }

    static NetnsPair.Result run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start(); // tshark warns about root on stderr
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS));
        return new NetnsPair.Result(p.exitValue(), out);
    }
}
