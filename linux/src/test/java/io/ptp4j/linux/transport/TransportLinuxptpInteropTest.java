package io.ptp4j.linux.transport;

import static io.ptp4j.testkit.Daemons.noClock;
import static org.junit.jupiter.api.Assertions.*;

import io.ptp4j.core.engine.Driver;
import io.ptp4j.linux.clock.PosixTime;
import io.ptp4j.linux.ethtool.HardwareAddress;
import io.ptp4j.testkit.NetnsPair;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Debian's linuxptp ptp4l as a free-running master (no CAP_SYS_TIME) on vA in one namespace; our
 * transports on vB in the other must receive its Announce and Sync with software stamps close to
 * CLOCK_REALTIME, and our Delay_Req's TX stamp must agree with the receive stamp ptp4l reports in
 * its Delay_Resp (both ends stamp with the same CLOCK_REALTIME, so t4 - t3 is the one-way delay).
 */
@Tag("interop")
class TransportLinuxptpInteropTest {
    @AutoClose
    static NetnsPair pair;
    @TempDir
    Path dir;

    @BeforeAll
    static void up() throws Exception {
        pair = NetnsPair.create();
    }

    @Test
    void udpv4() throws Exception {
        run("-4", Udpv4Transport::open, NetnsPair.IPV4_A);
    }

    @Test
    void udpv6() throws Exception {
        run("-6", Udpv6Transport::open, NetnsPair.IPV6_A);
    }

    @Test
    void layer2() throws Exception {
        String mac = pair.in(pair.nsA(), () -> HardwareAddress.text(HardwareAddress.of(NetnsPair.IF_A)));
        run("-2", RawEthernetTransport::open, mac);
    }

    void run(String transportFlag, TransportNetnsTest.Opener opener, String masterAddress) throws Exception {
        Path conf = dir.resolve("master.cfg");
        Files.writeString(conf, """
                [global]
                masterOnly 1
                free_running 1
                logSyncInterval -3
                logAnnounceInterval -2
                announceReceiptTimeout 2
                """);
        Path log = dir.resolve("ptp4l.log");
        Process ptp4l = pair.start(pair.nsA(), log, noClock("ptp4l", "-f", conf.toString(), "-i", NetnsPair.IF_A, "-S", "-m", transportFlag));
        PosixTime time = new PosixTime();
        try (Transport t = pair.in(pair.nsB(), () -> opener.open(NetnsPair.IF_B, TransportConfig.software()))) {
            ByteBuffer in = ByteBuffer.allocate(1500);
            boolean sawSync = false, sawAnnounce = false;
            long deadline = System.nanoTime() + 15_000_000_000L;
            while (!(sawSync && sawAnnounce)) {
                assertTrue(System.nanoTime() < deadline && ptp4l.isAlive(),
                        "no Sync+Announce from ptp4l " + transportFlag + "; log:\n" + Files.readString(log));
                for (boolean event : new boolean[] {true, false}) {
                    int n = t.receive(event, in, 0);
                    if (n < 0) continue;
                    long now = time.realtimeNanos();
                    int type = in.get(0) & 0x0F;
                    if (type == 0) {
                        assertTrue(event, "Sync on the general socket");
                        long rx = t.rxTimestampNanos();
                        assertNotEquals(Long.MIN_VALUE, rx, "Sync without a software RX stamp");
                        assertTrue(now - rx >= 0 && now - rx < 100_000_000L, "rx stamp " + (now - rx) + " ns before now");
                        sawSync = true;
                    } else if (type == 0xB) {
                        sawAnnounce = true;
                    }
                    assertEquals(masterAddress, t.addressText(t.rxSource()));
                }
                if (!(sawSync && sawAnnounce)) TransportNetnsTest.readable(t.eventFd(), 20);
            }
            checkDelayRequest(t, in, transportFlag, log);
        } finally {
            ptp4l.destroy();
            ptp4l.waitFor();
        }
    }

    /** Sends Delay_Req (IEEE 1588-2019 13.6) and matches ptp4l's Delay_Resp receiveTimestamp with our TX stamp. */
    void checkDelayRequest(Transport t, ByteBuffer in, String flag, Path log) throws Exception {
        ByteBuffer req = ByteBuffer.allocate(44);
        req.put(0, (byte) 0x01).put(1, (byte) 0x02).putShort(2, (short) 44);
        req.putLong(20, 0x020000fffe000002L).putShort(28, (short) 1); // sourcePortIdentity
        req.put(32, (byte) 1).put(33, (byte) 0x7f); // controlField Delay_Req, logMessageInterval
        long deadline = System.nanoTime() + 10_000_000_000L;
        for (int seq = 100; ; seq++) {
            assertTrue(System.nanoTime() < deadline, "no Delay_Resp from ptp4l " + flag + "; log:\n" + Files.readString(log));
            req.putShort(30, (short) seq);
            assertTrue(t.send(true, req, 0, 44, Driver.MULTICAST), "send Delay_Req");
            long t3 = t.txTimestampNanos(100);
            long until = System.nanoTime() + 500_000_000L;
            while (System.nanoTime() < until) {
                if (!TransportNetnsTest.readable(t.generalFd(), 20)) continue;
                int n;
                while ((n = t.receive(false, in, 0)) >= 0) {
                    if ((in.get(0) & 0x0F) != 0x9 || n < 54 || (in.getShort(30) & 0xffff) != seq) continue;
                    assertEquals(0x020000fffe000002L, in.getLong(44), "requestingPortIdentity");
                    long sec = ((in.getShort(34) & 0xffffL) << 32) | (in.getInt(36) & 0xffffffffL);
                    long t4 = sec * 1_000_000_000L + in.getInt(40);
                    long oneWay = t4 - t3;
                    // ptp4l -S stamps with CLOCK_REALTIME, as we do: the difference is the wire delay
                    System.out.println("ptp4l " + flag + ": Delay_Req t4 - t3 = " + oneWay + " ns");
                    assertTrue(oneWay > -2_000 && oneWay < 2_000_000, "t4 - t3 = " + oneWay + " ns (" + flag + ")");
                    return;
                }
            }
        }
    }
}
