package io.ptp4j.tools.decode;

import static org.junit.jupiter.api.Assertions.*;

import io.ptp4j.testkit.TestData;
import io.ptp4j.testkit.Captured;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DecodeCommandTest {
    static Captured run(String... args) {
        return Captured.of((o, e) -> DecodeCommand.run(args, o, e));
    }

    @Test
    void printsOneLinePerPtpMessage() {
        Captured r = run(TestData.linuxptp311("udp4-e2e.pcapng").toString());
        assertEquals(0, r.rc());
        String[] lines = r.out().split("\n");
        assertEquals(221, lines.length, "221 PTP packets in the capture");
        assertTrue(r.out().contains("UDPv4 192.0.2.1 -> 224.0.1.129 ANNOUNCE seq 0 domain 0 src 6e6886.fffe.d36905-1"), r.out().substring(0, 400));
        assertTrue(r.out().contains("gm 6e6886.fffe.d36905 p1 128 class 248 acc 0xfe var 0xffff p2 128 steps 0 utc 37 src 0xa0"));
        assertTrue(r.out().contains("SYNC seq 0 domain 0 src 6e6886.fffe.d36905-1 two-step interval -3 origin 0.000000000"));
        assertTrue(r.out().contains("DELAY_RESP") && r.out().contains("req 16dde9.fffe.2b0304-1"));
        assertTrue(r.err().contains("221 PTP messages, 0 that did not decode"), r.err());
    }

    @Test
    void showsTlvsAndL2() {
        Captured r = run(TestData.linuxptp311("gptp.pcapng").toString());
        assertTrue(r.out().contains("L2    "), r.out().substring(0, 300));
        assertTrue(r.out().contains("[ORGANIZATION_EXTENSION len 28]"));
        assertTrue(r.out().contains("[PATH_TRACE len 8]"));
        Captured m = run(TestData.linuxptp311("mgmt-udp4.pcapng").toString());
        assertTrue(m.out().contains("MANAGEMENT") && m.out().contains("action GET") && m.out().contains("[MANAGEMENT id 0x2000 DEFAULT_DATA_SET len"), m.out());
    }

    @Test
    void jsonIsOneObjectPerLine() {
        Captured r = run(TestData.linuxptp311("unicast-udp4.pcapng").toString(), "--json");
        for (String line : r.out().split("\n")) {
            assertTrue(line.startsWith("{\"frame\":") && line.endsWith("]}"), line);
        }
        assertTrue(r.out().contains("\"type\":\"REQUEST_UNICAST_TRANSMISSION\""));
    }

    @Test
    void badPacketsAreReportedAndCounted(@TempDir Path dir) throws Exception {
        byte[] ptp = new byte[44];
        ptp[1] = 2;
        ptp[3] = 99; // messageLength past the datagram
        byte[] frame = io.ptp4j.core.capture.Framing.udp4Frame(ptp, true, new byte[] {(byte) 192, 0, 2, 1}, new byte[] {(byte) 224, 0, 1, (byte) 129});
        Path f = dir.resolve("bad.pcapng");
        try (var out = Files.newOutputStream(f)) {
            io.ptp4j.core.capture.Pcapng.write(out, java.util.List.of(new io.ptp4j.core.capture.Pcapng.Packet(1, 1, 0, frame)));
        }
        Captured r = run(f.toString());
        assertEquals(0, r.rc());
        assertTrue(r.out().contains("decode error: messageLength at offset 2: says 99 but only 44 bytes arrived"), r.out());
        assertTrue(r.err().contains("1 that did not decode"));
    }

    @Test
    void missingFileAndBadOptions() {
        assertEquals(1, run("/nonexistent.pcapng").rc());
        assertTrue(run("/nonexistent.pcapng").err().contains("no such file"));
        assertEquals(2, run("--frobnicate").rc());
        assertEquals(2, run().rc());
    }
}
