package io.ptp4j.tools.auth;

import static io.ptp4j.testkit.Daemons.noClock;
import static org.junit.jupiter.api.Assertions.*;

import io.ptp4j.core.auth.AuthResult;
import io.ptp4j.core.auth.Authenticator;
import io.ptp4j.core.auth.SaFile;
import io.ptp4j.core.auth.SecurityAssociations;
import io.ptp4j.core.management.ManagementId;
import io.ptp4j.core.management.ManagementRequest;
import io.ptp4j.core.wire.MessageType;
import io.ptp4j.core.wire.PtpMessage;
import io.ptp4j.linux.UnixDatagramSocket;
import io.ptp4j.testkit.Daemons;
import io.ptp4j.testkit.LinuxptpPeer;
import io.ptp4j.testkit.Logs;
import io.ptp4j.testkit.NetnsPair;
import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.MulticastSocket;
import java.net.NetworkInterface;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ptp4j's AUTHENTICATION TLV against linuxptp 4.4's, byte for byte, both ways: 4.4's ptp4l signs
 * (one run per algorithm, and with allow_mutable) and ptp4j's Authenticator verifies every message
 * it sent; ptp4j signs Announces and management requests and 4.4 accepts them (it selects the
 * Announces' sender, it answers the requests) while it refuses the same messages signed with a
 * wrong key. 4.4 runs in a namespace the test makes, free running, without CAP_SYS_TIME.
 */
@Tag("interop")
class Linuxptp44AuthenticationTest {
    static final String SA = """
            [security_association]
            spp 0
            1 SHA256-128 HEX:F8ADC6B8B8E9AA709106BA42481EC9E29607334DE2C3C737A11A12931DB27F8C
            2 SHA256 32 HEX:EE91D469B3A8ADC6AC8EB28E21794C706E08FDE48863828A7B0281AFCA81B17D
            3 AES128 HEX:FAF48EBA01E7C5966A76CB787AED4E7B
            4 AES256 B64:PKTF9VQz94qPaoAzW4eE3JtFoQ8Ov1OTQSojalWyMbs=
            [security_association]
            spp 1
            allow_mutable 1
            seqid_window 20
            7 SHA256-128 26 abcdefghijklmnopqrstuvwxyz
            """;
    /** The same key ids with other secrets: what an impostor signs with. */
    static final String WRONG = """
            spp 0
            1 SHA256-128 HEX:00ADC6B8B8E9AA709106BA42481EC9E29607334DE2C3C737A11A12931DB27F8C
            """;

    /** linuxptp 4.4 built with authentication (LinuxptpPeer: skipped, and counted, where there is none). */
    static Path linuxptp44() {
        return LinuxptpPeer.require();
    }

    static String config(Path dir, Path sa, int spp, long key, String extra) {
        return "[global]\nfree_running 1\nsa_file " + sa + "\nspp " + spp + "\nactive_key_id " + key + "\nuse_syslog 0\n"
                + "uds_address " + dir.resolve("uds-" + spp + "-" + key) + "\nuds_ro_address " + dir.resolve("udsro-" + spp + "-" + key)
                + "\nlogSyncInterval -3\nlogAnnounceInterval -2\n" + extra;
    }

    /** PTP datagrams heard on vB (ports 319 and 320 of 224.0.1.129) for {@code millis}. */
    static List<byte[]> listen(NetnsPair net, int millis) throws Exception {
        return net.in(net.nsB(), () -> {
            List<byte[]> got = new ArrayList<>();
            NetworkInterface vB = NetworkInterface.getByName(NetnsPair.IF_B);
            InetSocketAddress group = new InetSocketAddress(InetAddress.getByName("224.0.1.129"), 0);
            try (MulticastSocket ev = new MulticastSocket(319); MulticastSocket gen = new MulticastSocket(320)) {
                for (MulticastSocket s : new MulticastSocket[] {ev, gen}) {
                    s.joinGroup(group, vB);
                    s.setSoTimeout(20);
                }
                long end = System.nanoTime() + millis * 1_000_000L;
                byte[] b = new byte[1500];
                while (System.nanoTime() < end) {
                    for (MulticastSocket s : new MulticastSocket[] {ev, gen}) {
                        DatagramPacket p = new DatagramPacket(b, b.length);
                        try {
                            s.receive(p);
                            got.add(java.util.Arrays.copyOf(b, p.getLength()));
                        } catch (SocketTimeoutException e) {
                            // the other socket's turn
                        }
                    }
                }
            }
            return got;
        });
    }

    @Test
    void ptp4jVerifiesWhatLinuxptp44Signs(@TempDir Path dir) throws Exception {
        Path bin = linuxptp44();
        Path sa = dir.resolve("sa.cfg");
        Files.writeString(sa, SA);
        SecurityAssociations sad = SaFile.parse(sa.toString(), SA), wrong = SaFile.parse("wrong", WRONG);
        // every algorithm under spp 0, then allow_mutable under spp 1
        long[][] runs = {{0, 1}, {0, 2}, {0, 3}, {0, 4}, {1, 7}};
        try (NetnsPair net = NetnsPair.create()) {
            for (long[] run : runs) {
                int spp = (int) run[0];
                long key = run[1];
                Path cfg = dir.resolve("m-" + spp + "-" + key + ".cfg");
                Files.writeString(cfg, config(dir, sa, spp, key, "masterOnly 1\n"));
                Process m = net.start(net.nsA(), dir.resolve("m-" + key + ".log"),
                        noClock(bin.resolve("ptp4l").toString(), "-i", NetnsPair.IF_A, "-S", "-m", "-f", cfg.toString()));
                List<byte[]> heard = listen(net, 3_000);
                m.destroy();
                m.waitFor();
                Authenticator ours = new Authenticator(sad, 1).port(1, spp, key).windowFromEngine(); // the two sockets may reorder
                Map<MessageType, Integer> verified = new EnumMap<>(MessageType.class);
                for (byte[] d : heard) {
                    ByteBuffer b = ByteBuffer.wrap(d);
                    MessageType t = new PtpMessage().wrap(b, 0, d.length).messageType();
                    assertEquals(AuthResult.ACCEPTED, ours.verify(b, 0, d.length, 1), t + " signed by linuxptp 4.4 with key " + key);
                    verified.merge(t, 1, Integer::sum);
                    Authenticator impostor = new Authenticator(spp == 0 ? wrong : sad, 1).port(1, spp, spp == 0 ? 1 : key);
                    if (spp == 0 && key == 1) assertEquals(AuthResult.BAD_ICV, impostor.verify(b, 0, d.length, 1), "a wrong secret");
                    if (spp == 1) { // allow_mutable: a transparent clock may change the correctionField
                        b.putLong(8, b.getLong(8) + (1234L << 16));
                        assertEquals(AuthResult.ACCEPTED, new Authenticator(sad, 1).port(1, 1, 7).verify(b, 0, d.length, 1));
                    }
                }
                System.out.printf("linuxptp 4.4 signed with spp %d key %d (%s): ptp4j verified %s%n", spp, key,
                        sad.get(spp).key(key).algorithm().label, verified);
                assertTrue(verified.getOrDefault(MessageType.ANNOUNCE, 0) >= 3, verified.toString());
                assertTrue(verified.getOrDefault(MessageType.SYNC, 0) >= 10, verified.toString());
                assertTrue(verified.getOrDefault(MessageType.FOLLOW_UP, 0) >= 10, verified.toString());
            }
        }
    }

    static String launcher(String tool) {
        return Daemons.bin(tool);
    }

    /** ptp4j's pmc with linuxptp's pmc options (-f with sa_file, spp, active_key_id, allow_unauth) against an authenticated 4.4 ptp4l. */
    @Test
    void ptp4jPmcTalksToAnAuthenticatedLinuxptp44(@TempDir Path dir) throws Exception {
        Path bin = linuxptp44();
        Path sa = dir.resolve("sa.cfg"), wrong = dir.resolve("wrong.cfg");
        Files.writeString(sa, SA);
        Files.writeString(wrong, WRONG);
        Path cfg = dir.resolve("m.cfg");
        Files.writeString(cfg, config(dir, sa, 0, 3, "masterOnly 1\n"));
        Path uds = dir.resolve("uds-0-3");
        try (NetnsPair net = NetnsPair.create()) {
            net.start(net.nsA(), dir.resolve("m.log"), noClock(bin.resolve("ptp4l").toString(), "-i", NetnsPair.IF_A, "-S", "-m", "-f", cfg.toString()));
            Thread.sleep(1_500);
            for (String[] c : new String[][] {{sa.toString(), "1", "0"}, {wrong.toString(), "1", "0"}}) {
                Path pc = dir.resolve("pmc-" + c[1] + "-" + (c[0].equals(sa.toString()) ? "right" : "wrong") + ".cfg");
                Files.writeString(pc, "[global]\nsa_file " + c[0] + "\nspp 0\nactive_key_id " + c[1] + "\nallow_unauth " + c[2] + "\n");
                NetnsPair.Result r = net.exec(net.nsA(), Duration.ofSeconds(20), noClock(launcher("pmc"), "-u", "-b", "0", "-f", pc.toString(),
                        "-s", uds.toString(), "GET DEFAULT_DATA_SET"));
                System.out.println("---- ptp4j pmc with " + pc.getFileName() + "\n" + r.output());
                if (c[0].equals(sa.toString())) {
                    assertTrue(r.output().contains("RESPONSE MANAGEMENT DEFAULT_DATA_SET"), r.output());
                } else {
                    assertFalse(r.output().contains("RESPONSE MANAGEMENT"), "4.4 answers no wrongly signed request: " + r.output());
                }
            }
            String log = Files.readString(dir.resolve("m.log"));
            assertTrue(log.contains("auth: bad message"), log);
            // a pmc whose spp names no association is refused at start, as linuxptp's
            Path bad = dir.resolve("pmc-bad.cfg");
            Files.writeString(bad, "[global]\nsa_file " + sa + "\nspp 9\nactive_key_id 1\n");
            NetnsPair.Result r = net.exec(net.nsA(), Duration.ofSeconds(20), noClock(launcher("pmc"), "-u", "-b", "0", "-f", bad.toString(),
                    "-s", uds.toString(), "GET DEFAULT_DATA_SET"));
            assertEquals(255, r.exitCode(), r.output());
            assertTrue(r.output().contains("spp set but sa 9 not defined"), r.output());
            assertTrue(r.output().contains("failed to create pmc"), r.output());
        }
    }

    /** An Announce of a better clock, signed by {@code auth} (null: not signed). */
    static int announce(ByteBuffer b, long id, int seq, Authenticator auth) {
        PtpMessage m = new PtpMessage().wrap(b, 0, b.capacity()).initHeader(MessageType.ANNOUNCE, 1).sourcePort(id, 1).sequenceId(seq)
                .logMessageInterval(-2).currentUtcOffset(37).grandmasterPriority1(1).grandmasterClockQuality(6, 0x21, 0x4E5D)
                .grandmasterPriority2(1).grandmasterIdentity(id).stepsRemoved(0).timeSource(0x20);
        return auth == null ? m.messageLength() : auth.sign(b, 0, m.messageLength(), 1);
    }

    @Test
    void linuxptp44AcceptsWhatPtp4jSigns(@TempDir Path dir) throws Exception {
        Path bin = linuxptp44();
        Path sa = dir.resolve("sa.cfg");
        Files.writeString(sa, SA);
        SecurityAssociations sad = SaFile.parse(sa.toString(), SA);
        Path cfg = dir.resolve("s.cfg");
        Files.writeString(cfg, config(dir, sa, 0, 2, "slaveOnly 1\n"));
        Path log = dir.resolve("s.log");
        long good = 0x0a0b0cfffe000001L, impostor = 0x0a0b0cfffe000002L, plain = 0x0a0b0cfffe000003L;
        try (NetnsPair net = NetnsPair.create()) {
            net.start(net.nsA(), log, noClock(bin.resolve("ptp4l").toString(), "-i", NetnsPair.IF_A, "-S", "-m", "-f", cfg.toString()));
            Thread.sleep(1_000);
            // Announces from ptp4j in namespace B: signed right (key 3, AES128), signed with a wrong secret, not signed
            Authenticator right = new Authenticator(sad, 1).port(1, 0, 3);
            Authenticator wrongKey = new Authenticator(SaFile.parse("w", WRONG), 1).port(1, 0, 1);
            net.in(net.nsB(), () -> {
                try (MulticastSocket s = new MulticastSocket(new InetSocketAddress(InetAddress.getByName(NetnsPair.IPV4_B), 0))) {
                    s.setNetworkInterface(NetworkInterface.getByName(NetnsPair.IF_B));
                    InetSocketAddress to = new InetSocketAddress(InetAddress.getByName("224.0.1.129"), 320);
                    ByteBuffer b = ByteBuffer.allocate(256);
                    for (int seq = 0; seq < 12; seq++) {
                        for (Object[] sender : new Object[][] {{good, right}, {impostor, wrongKey}, {plain, null}}) {
                            int n = announce(b, (Long) sender[0], seq, (Authenticator) sender[1]);
                            s.send(new DatagramPacket(b.array(), n, to));
                        }
                        Thread.sleep(250);
                    }
                }
                return null;
            });
            // management through 4.4's read-write socket (its UDS port takes the global spp): a GET signed right
            // is answered and the answer verifies; one signed with a wrong key gets nothing
            Path uds = dir.resolve("uds-0-2");
            ManagementRequest rq = new ManagementRequest();
            rq.sourceClockIdentity = 0x1122_33ff_fe44_5566L;
            rq.sourcePortNumber = 1;
            rq.boundaryHops = 0;
            ByteBuffer b = ByteBuffer.allocate(1500);
            Authenticator mine = new Authenticator(sad, 0).port(0, 0, 1);
            int answered = 0, refusedAnswered = 0;
            try (UnixDatagramSocket s = UnixDatagramSocket.bind(dir.resolve("pmc.sock").toString(), true)) {
                for (Authenticator signer : new Authenticator[] {mine, new Authenticator(SaFile.parse("w", WRONG), 0).port(0, 0, 1)}) {
                    int n = signer.sign(b, 0, rq.encode(b, signer == mine ? 1 : 2, ManagementRequest.GET, ManagementId.DEFAULT_DATA_SET.id, new byte[0]), 0);
                    s.send(b, 0, n, uds.toString());
                    ByteBuffer in = ByteBuffer.allocate(UnixDatagramSocket.MAX_DATAGRAM);
                    int got = s.receive(in, 0, 1_000);
                    if (got > 0) {
                        assertEquals(AuthResult.ACCEPTED, mine.verify(in, 0, got, 0), "4.4's answer verifies");
                        assertEquals(MessageType.MANAGEMENT, new PtpMessage().wrap(in, 0, got).messageType());
                        if (signer == mine) answered++;
                        else refusedAnswered++;
                    }
                }
            }
            Thread.sleep(500);
            String text = Files.readString(log, StandardCharsets.UTF_8);
            System.out.println("---- linuxptp 4.4 slave log (tail)\n" + text.lines().filter(l -> !l.contains("master offset")).skip(0)
                    .reduce("", (a, c) -> a + c + "\n"));
            assertTrue(text.contains("new foreign master 0a0b0c.fffe.000001-1"), "the rightly signed Announces reached the BMCA");
            assertTrue(text.contains("selected best master clock 0a0b0c.fffe.000001"), text);
            assertFalse(text.contains("0a0b0c.fffe.000002"), "a wrong secret never reaches the BMCA");
            assertFalse(text.contains("0a0b0c.fffe.000003"), "nor an unsigned Announce");
            assertTrue(text.contains("auth: bad message"), "4.4 says why it dropped them");
            assertEquals(1, answered, "4.4 answered the rightly signed GET");
            assertEquals(0, refusedAnswered, "and not the wrongly signed one");
        }
    }
}
