package io.ptp4j.linux;

import static io.ptp4j.testkit.Daemons.noClock;
import static org.junit.jupiter.api.Assertions.*;

import io.ptp4j.core.management.ManagementId;
import io.ptp4j.core.management.ManagementRequest;
import io.ptp4j.testkit.NetnsPair;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Our Unix datagram socket against ptp4l's management socket (linuxptp uds.c), as pmc uses it. */
@Tag("interop")
class UnixDatagramSocketPtp4lTest {
    @TempDir
    Path dir;

    /** A GET DEFAULT_DATA_SET management message (IEEE 1588-2019 15.4.1), as pmc builds it: 54 bytes. */
    static ByteBuffer getDefaultDataSet(int seq) {
        ManagementRequest r = new ManagementRequest();
        r.sourceClockIdentity = 0x020000fffe0000aaL;
        r.sourcePortNumber = 1;
        ByteBuffer m = ByteBuffer.allocate(54);
        assertEquals(54, r.encode(m, seq, ManagementRequest.GET, ManagementId.DEFAULT_DATA_SET.id, new byte[0]));
        return m;
    }

    @Test
    void ptp4lAnswersAGetOnItsUdsAddress() throws Exception {
        String server = dir.resolve("ptp4l").toString();
        Path conf = dir.resolve("ptp4l.cfg");
        Files.writeString(conf, "[global]\nfree_running 1\nuds_address " + server + "\n");
        Path log = dir.resolve("ptp4l.log");
        try (NetnsPair pair = NetnsPair.create();
                UnixDatagramSocket pmc = UnixDatagramSocket.bind(dir.resolve("pmc.test").toString(), false)) {
            Process p = pair.start(pair.nsA(), log, noClock("ptp4l", "-f", conf.toString(), "-i", NetnsPair.IF_A, "-S", "-m"));
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!Files.exists(Path.of(server))) {
                assertTrue(System.nanoTime() < deadline && p.isAlive(), "ptp4l made no " + server + ":\n" + Files.readString(log));
                Thread.sleep(20);
            }
            ByteBuffer in = ByteBuffer.allocate(1500);
            int n = -1;
            for (int seq = 1; n < 0; seq++) {
                assertTrue(System.nanoTime() < deadline, "no answer from ptp4l:\n" + Files.readString(log));
                pmc.send(getDefaultDataSet(seq), 0, 54, server);
                n = pmc.receive(in, 0, 500);
            }
            assertEquals(server, pmc.lastSenderPath());
            assertEquals(0x0D, in.get(0) & 0x0F, "management message");
            assertEquals(2, in.get(46) & 0x0F, "actionField RESPONSE");
            assertEquals(0x0001, in.getShort(48), "MANAGEMENT TLV");
            assertEquals(0x2000, in.getShort(52), "DEFAULT_DATA_SET");
            assertEquals(1, in.getShort(56), "defaultDS.numberPorts");
            assertEquals(128, in.get(58) & 0xff, "defaultDS.priority1");
        }
    }
}
