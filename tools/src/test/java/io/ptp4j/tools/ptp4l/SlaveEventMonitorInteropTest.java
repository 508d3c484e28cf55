package io.ptp4j.tools.ptp4l;

import static io.ptp4j.testkit.Daemons.noClock;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ptp4j.linux.UnixDatagramSocket;
import io.ptp4j.testkit.Daemons;
import io.ptp4j.testkit.LinuxptpPeer;
import io.ptp4j.testkit.NetnsPair;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * slave_event_monitor against linuxptp 4.4: a 4.4 master (free running) in one namespace, and in
 * the other first a 4.4 client, then a ptp4j client (virtual clock), each with slave_event_monitor
 * pointing at a Unix datagram socket this test binds. What ptp4j sends must look as what 4.4
 * sends: the same Signaling header (all but the sender's clockIdentity), the same TLV types with
 * one record per message, sequenceIds that count from where 4.4's count, the master's
 * PortIdentity in the TLV, consecutive Sync sequenceIds, and sane timestamps.
 */
@Tag("interop")
class SlaveEventMonitorInteropTest {
    static final long S = 1_000_000_000L;
    static final String COMMON = "logSyncInterval -3\nlogAnnounceInterval -2\nannounceReceiptTimeout 3\nlogMinDelayReqInterval -2\n"
            + "use_syslog 0\n";

    /** Monitor datagrams received for {@code seconds}. */
    static List<byte[]> collect(UnixDatagramSocket mon, long seconds) throws Exception {
        List<byte[]> got = new ArrayList<>();
        ByteBuffer b = ByteBuffer.allocate(UnixDatagramSocket.MAX_DATAGRAM);
        long end = System.nanoTime() + seconds * S;
        while (System.nanoTime() < end) {
            int n = mon.receive(b, 0, 200);
            if (n > 0) got.add(Arrays.copyOf(b.array(), n));
        }
        return got;
    }

    static List<byte[]> ofType(List<byte[]> msgs, int tlvType) {
        return msgs.stream().filter(m -> m.length > 48 && (ByteBuffer.wrap(m).getShort(44) & 0xFFFF) == tlvType).toList();
    }

    static long ts(ByteBuffer w, int at) {
        return (w.getLong(at - 2) & 0xFFFF_FFFF_FFFFL) * S + (w.getInt(at + 6) & 0xFFFF_FFFFL);
    }

    /** The run of one client: its monitor messages, in order. */
    static List<byte[]> run(NetnsPair net, Path dir, String name, String program, String extra) throws Exception {
        Path mon = dir.resolve(name + ".mon"), cfg = dir.resolve(name + ".cfg");
        Files.writeString(cfg, "[global]\nclientOnly 1\n" + COMMON + extra + "uds_address " + dir.resolve(name + ".uds") + "\nuds_ro_address "
                + dir.resolve(name + ".ro") + "\nslave_event_monitor " + mon + "\n");
        try (UnixDatagramSocket sock = UnixDatagramSocket.bind(mon.toString(), true)) {
            Files.setPosixFilePermissions(mon, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
            Process p = net.start(net.nsB(), dir.resolve(name + ".log"), noClock(program, "-i", NetnsPair.IF_B, "-S", "-m", "-f", cfg.toString()));
            try {
                return collect(sock, 12);
            } finally {
                Daemons.stop(p);
            }
        }
    }

    /** Checks one client's messages; returns the first of each kind (sync, delay). */
    static byte[][] check(String who, List<byte[]> msgs) {
        List<byte[]> sync = ofType(msgs, 0x8004), delay = ofType(msgs, 0x7F00);
        assertEquals(msgs.size(), sync.size() + delay.size(), who + ": only the two TLV types");
        assertTrue(sync.size() >= 40, who + ": Syncs reported (8/s for some seconds): " + sync.size());
        assertTrue(delay.size() >= 10, who + ": Delay_Resps reported (4/s for some seconds): " + delay.size());
        for (List<byte[]> kind : List.of(sync, delay)) {
            boolean isSync = kind == sync;
            int len = isSync ? 92 : 88;
            int consecutive = 0;
            for (int i = 0; i < kind.size(); i++) {
                byte[] m = kind.get(i);
                ByteBuffer w = ByteBuffer.wrap(m);
                assertEquals(len, m.length, who + ": one record per message");
                assertEquals(len, w.getShort(2) & 0xFFFF, who + ": messageLength");
                assertEquals(len - 48, w.getShort(46) & 0xFFFF, who + ": TLV lengthField");
                if (i > 0) {
                    ByteBuffer prev = ByteBuffer.wrap(kind.get(i - 1));
                    assertEquals((prev.getShort(30) + 1) & 0xFFFF, w.getShort(30) & 0xFFFF, who + ": message sequenceIds count up by one");
                    assertArrayEquals(Arrays.copyOfRange(kind.get(0), 48, 58), Arrays.copyOfRange(m, 48, 58), who + ": one parent");
                    if (((prev.getShort(58) + 1) & 0xFFFF) == (w.getShort(58) & 0xFFFF)) consecutive++;
                }
                long origin = ts(w, 60), corr = w.getLong(70) >> 16;
                long rx = ts(w, isSync ? 82 : 78);
                if (isSync) {
                    assertEquals(0, w.getInt(78), who + ": scaledCumulativeRateOffset");
                    long transit = rx - (origin + corr);
                    assertTrue(Math.abs(transit) < S / 10, who + ": Sync ingress " + rx + " near its origin " + origin + " (" + transit + " ns)");
                } else {
                    long d = rx - corr - origin;
                    assertTrue(Math.abs(d) < S / 10, who + ": Delay_Req t4 " + rx + " near its t3 " + origin + " (" + d + " ns)");
                }
            }
            if (isSync) assertTrue(consecutive >= (kind.size() - 1) * 9 / 10, who + ": Sync sequenceIds consecutive: " + consecutive);
        }
        return new byte[][] {sync.get(0), delay.get(0)};
    }

    @Test
    void ptp4jReportsAsLinuxptp44(@TempDir Path dir) throws Exception {
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
        Path mcfg = dir.resolve("m.cfg");
        Files.writeString(mcfg, "[global]\nserverOnly 1\nfree_running 1\n" + COMMON + "uds_address " + dir.resolve("m.uds") + "\nuds_ro_address "
                + dir.resolve("m.ro") + "\n");
        try (NetnsPair net = NetnsPair.create()) {
            Process master = net.start(net.nsA(), dir.resolve("m.log"),
                    noClock(LinuxptpPeer.program("ptp4l"), "-i", NetnsPair.IF_A, "-S", "-m", "-f", mcfg.toString()));
            try {
                List<byte[]> ref = run(net, dir, "l", LinuxptpPeer.program("ptp4l"), "free_running 1\n");
                List<byte[]> ours = run(net, dir, "j", Daemons.bin("ptp4l"), "virtual_clock 1\n");
                System.out.println("slave event monitor: linuxptp 4.4 sent " + ref.size() + ", ptp4j " + ours.size());
                byte[][] r = check("linuxptp 4.4", ref), o = check("ptp4j", ours);
                for (int k = 0; k < 2; k++) {
                    String kind = k == 0 ? "sync" : "delay";
                    // the header but the sender's clockIdentity (20..27) and the TLV head with the parent
                    byte[] rh = r[k].clone(), oh = o[k].clone();
                    Arrays.fill(rh, 20, 28, (byte) 0);
                    Arrays.fill(oh, 20, 28, (byte) 0);
                    assertArrayEquals(Arrays.copyOf(rh, 58), Arrays.copyOf(oh, 58), kind + ": header, target, TLV head and parent as 4.4's");
                }
            } finally {
                Daemons.stop(master);
            }
        }
    }
}
