package io.ptp4j.tools.ptp4l;

import static org.junit.jupiter.api.Assertions.*;

import io.ptp4j.core.wire.MessageType;
import io.ptp4j.core.wire.PtpMessage;
import io.ptp4j.testkit.Daemons;
import io.ptp4j.testkit.NetnsPair;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.MulticastSocket;
import java.net.NetworkInterface;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13's BMCA churn, live: linuxptp 3.1.1 is the real master (priority1 100) in namespace A,
 * ptp4j's ptp4l the client in namespace B, and a host next to the master sends 27 spoofed
 * Announces a second from 9 identities picked at random, all worse (priority1 120), for 30 s.
 * ptp4j must keep the real master selected throughout (it followed a spoofed one within 3 s).
 */
@Tag("interop")
class SpoofedAnnounceInteropTest {
    @Test
    void churnOfWorseSpoofedClocksLeavesTheRealMasterSelected(@TempDir Path dir) throws Exception {
        Path mcfg = dir.resolve("m.cfg"), scfg = dir.resolve("s.cfg");
        Files.writeString(mcfg, "[global]\npriority1 100\nfree_running 1\nuds_address " + dir.resolve("m.uds") + "\n");
        Path uds = dir.resolve("s.uds");
        Files.writeString(scfg, "[global]\nslaveOnly 1\nfree_running 1\nuse_syslog 0\nuds_address " + uds
                + "\nuds_ro_address " + dir.resolve("s.udsro") + "\n");
        try (NetnsPair net = NetnsPair.create()) {
            net.start(net.nsA(), dir.resolve("m.log"), Daemons.noClock("ptp4l", "-i", NetnsPair.IF_A, "-S", "-m", "-f", mcfg.toString()));
            Process s = net.start(net.nsB(), dir.resolve("s.log"),
                    Daemons.noClock(Daemons.bin("ptp4l"), "-i", NetnsPair.IF_B, "-S", "-m", "-f", scfg.toString()));
            String real = waitForSelection(dir.resolve("s.log"), 40);
            assertNotNull(real, "ptp4j selected linuxptp's master");
            int sent = net.in(net.nsA(), () -> spoof(30));
            String parent = "";
            for (int tries = 0; tries < 5 && !parent.contains("RESPONSE"); tries++) { // linuxptp's pmc waits 100 ms for an answer
                parent = net.exec(net.nsB(), Duration.ofSeconds(15), Daemons.noClock("pmc", "-u", "-b", "0", "-s", uds.toString(),
                        "GET PARENT_DATA_SET")).output();
            }
            s.destroy();
            s.waitFor();
            String log = Files.readString(dir.resolve("s.log"));
            System.out.println("---- ptp4j client log (without offsets)\n" + log.lines().filter(l -> !l.contains("master offset"))
                    .reduce("", (a, b) -> a + b + "\n"));
            System.out.printf("spoofed churn live: %d Announces from 9 identities in 30 s; ptp4j kept %s%n", sent, real);
            assertFalse(log.contains("selected best master clock 0a0b0c.fffe.0000"), "never a spoofed grandmaster");
            assertEquals(1, log.lines().filter(l -> l.contains("selected best master clock")).count(), "one selection: the real master");
            assertTrue(parent.matches("(?s).*grandmasterIdentity\\s+" + java.util.regex.Pattern.quote(real) + "\\s.*"), parent);
            assertTrue(sent >= 27 * 29, "sent " + sent);
        }
    }

    /** The selected grandmaster's identity once ptp4j logs it, or null after {@code seconds}. */
    static String waitForSelection(Path log, int seconds) throws Exception {
        for (int i = 0; i < seconds * 4; i++) {
            String text = Files.exists(log) ? Files.readString(log) : "";
            var m = java.util.regex.Pattern.compile("selected best master clock (\\S+)").matcher(text);
            if (m.find() && text.contains("to UNCALIBRATED on RS_SLAVE")) return m.group(1);
            Thread.sleep(250);
        }
        return null;
    }

    /** 27 spoofed Announces a second for {@code seconds}, each from one of 9 worse identities picked at random. */
    static int spoof(int seconds) throws Exception {
        SplittableRandom pick = new SplittableRandom(13);
        try (WorseAnnounces announces = new WorseAnnounces()) {
            long start = System.nanoTime(), period = 1_000_000_000L / 27;
            for (long next = start; next - start < seconds * 1_000_000_000L; next += period) {
                announces.send(0x0a0b0cfffe000000L + pick.nextInt(9));
                long sleep = next + period - System.nanoTime();
                if (sleep > 0) Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
            }
            return announces.sent();
        }
    }

    /**
     * Announces of worse clocks (priority1 120, clockClass 248) sent from namespace A's address on
     * vA to 224.0.1.129:320, numbered from 0; run it inside namespace A. Shared with
     * ForeignMasterFloodInteropTest.
     */
    static final class WorseAnnounces implements AutoCloseable {
        private final ByteBuffer b = ByteBuffer.allocate(64);
        private final PtpMessage m = new PtpMessage();
        private final MulticastSocket sock;
        private final InetSocketAddress to;
        private int sent;

        WorseAnnounces() throws IOException {
            sock = new MulticastSocket(new InetSocketAddress(InetAddress.getByName(NetnsPair.IPV4_A), 0));
            try {
                sock.setNetworkInterface(NetworkInterface.getByName(NetnsPair.IF_A));
                to = new InetSocketAddress(InetAddress.getByName("224.0.1.129"), 320);
            } catch (IOException | RuntimeException e) {
                sock.close();
                throw e;
            }
        }

        /** One Announce from grandmaster (and port) {@code id}, with the next sequenceId. */
        void send(long id) throws IOException {
            int n = m.wrap(b, 0, 64).initHeader(MessageType.ANNOUNCE, 0).sourcePort(id, 1).sequenceId(sent).logMessageInterval(1)
                    .currentUtcOffset(37).grandmasterPriority1(120).grandmasterClockQuality(248, 0xFE, 0xFFFF).grandmasterPriority2(128)
                    .grandmasterIdentity(id).stepsRemoved(0).timeSource(0xA0).messageLength();
            sock.send(new DatagramPacket(b.array(), n, to));
            sent++;
        }

        /** How many were sent. */
        int sent() {
            return sent;
        }

        @Override
        public void close() {
            sock.close();
        }
    }
}
