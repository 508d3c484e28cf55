package io.ptp4j.linux.transport;

import static org.junit.jupiter.api.Assertions.*;

import io.ptp4j.core.engine.Driver;
import io.ptp4j.testkit.NetnsPair;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What our transports put on the wire, as Wireshark decodes it: groups, ports, ethertype, TTL and
 * hop limit (udp_ttl), and no malformed frame. Captured with tshark inside the namespace.
 */
@Tag("interop")
class WireFramingTest {
    @TempDir
    Path dir;

    /** A valid two-step Sync (IEEE 1588-2019 13.6): header plus a zero originTimestamp. */
    static ByteBuffer sync(int seq) {
        ByteBuffer b = ByteBuffer.allocate(44);
        b.put(0, (byte) 0x00).put(1, (byte) 0x02).putShort(2, (short) 44).putShort(6, (short) 0x0200);
        b.putLong(20, 0x020000fffe000001L).putShort(28, (short) 1).putShort(30, (short) seq);
        b.put(32, (byte) 0).put(33, (byte) -3);
        return b;
    }

    @Test
    void framesDecodeAsPtpWithTheRightAddressesAndTtl() throws Exception {
        Path pcap = dir.resolve("wire.pcapng");
        try (NetnsPair pair = NetnsPair.create()) {
            Path log = dir.resolve("tshark.log");
            // capture 8 PTP frames: any 8 in a row of the 4-frame round below hold every kind once, so
            // a capture that starts late (a busy machine) still sees one of each
            Process cap = pair.start(pair.nsB(), log, "tshark", "-q", "-i", NetnsPair.IF_B, "-w", pcap.toString(),
                    "-f", "udp port 319 or ether proto 0x88f7", "-c", "8", "-a", "duration:30");
            TransportConfig cfg = TransportConfig.software().withUdpTtl(3);
            try (Transport v4 = pair.in(pair.nsA(), () -> Udpv4Transport.open(NetnsPair.IF_A, cfg));
                    Transport v6 = pair.in(pair.nsA(), () -> Udpv6Transport.open(NetnsPair.IF_A, cfg));
                    Transport l2 = pair.in(pair.nsA(), () -> RawEthernetTransport.open(NetnsPair.IF_A, cfg))) {
                long deadline = System.nanoTime() + 25_000_000_000L;
                while (cap.isAlive()) {
                    assertTrue(System.nanoTime() < deadline, "tshark captured no 8 frames:\n" + Files.readString(log));
                    assertTrue(v4.send(true, sync(41), 0, 44, Driver.MULTICAST));
                    v4.txTimestampNanos(100);
                    assertTrue(v6.send(true, sync(61), 0, 44, Driver.MULTICAST));
                    v6.txTimestampNanos(100);
                    assertTrue(l2.send(true, sync(21), 0, 44, Driver.MULTICAST));
                    l2.txTimestampNanos(100);
                    assertTrue(l2.send(true, sync(22), 0, 44, Driver.PEER_MULTICAST));
                    l2.txTimestampNanos(100);
                    cap.waitFor(100, java.util.concurrent.TimeUnit.MILLISECONDS);
                }
            }
            assertEquals(0, cap.exitValue(), Files.readString(log));
        }
        String fields = tshark(pcap, "ptp", "-T", "fields", "-E", "separator=|", "-e", "ptp.v2.sequenceid", "-e", "eth.dst",
                "-e", "eth.type", "-e", "ip.dst", "-e", "ip.ttl", "-e", "ipv6.dst", "-e", "ipv6.hlim", "-e", "udp.dstport");
        assertTrue(fields.contains("41|01:00:5e:00:01:81|0x0800|224.0.1.129|3|||319"), fields);
        assertTrue(fields.contains("61|33:33:00:00:01:81|0x86dd|||ff0e::181|3|319"), fields);
        assertTrue(fields.contains("21|01:1b:19:00:00:00|0x88f7|||||"), fields);
        assertTrue(fields.contains("22|01:80:c2:00:00:0e|0x88f7|||||"), fields);
        String bad = tshark(pcap, "_ws.malformed || _ws.expert.severity >= \"Warning\"", "-T", "fields", "-e", "frame.number");
        assertEquals("", bad.strip(), "malformed or suspicious frames");
    }

    static String tshark(Path pcap, String filter, String... args) throws Exception {
        java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of("tshark", "-r", pcap.toString(), "-Y", filter));
        cmd.addAll(java.util.List.of(args));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(Duration.ofSeconds(30).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS));
        return out;
    }
}
