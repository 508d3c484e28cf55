package io.ptp4j.tools.phc2sys;

import static org.junit.jupiter.api.Assertions.*;

import io.ptp4j.linux.UnixDatagramSocket;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * phc2sys -E refclock_sock (what linuxptp 4.4's timemaster runs with chronyd): each update's
 * offset of the sink to the source goes to chronyd's SOCK refclock as a struct sock_sample, and
 * the sink is never adjusted. Virtual clocks only: the source 40 us ahead of the sink.
 */
class Phc2sysNtpServosTest {
    @Test
    @Timeout(30)
    void refclockSockSendsTheSinksOffsetAndAdjustsNothing(@TempDir Path dir) throws Exception {
        String sock = dir.resolve("chrony.SOCK0").toString();
        try (UnixDatagramSocket chrony = UnixDatagramSocket.bind(sock, true)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
            AtomicReference<Phc2sys> daemon = new AtomicReference<>();
            Thread t = new Thread(() -> Phc2sysMain.run("phc2sys", new String[] {"-s", "virtual-gm", "-c", "virtual", "-O", "0", "-m", "-q",
                    "-R", "4", "-E", "refclock_sock", "--refclock_sock_address", sock, "--virtual_clock_freq", "50000"},
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), daemon::set));
            t.start();
            ByteBuffer b = ByteBuffer.allocateDirect(256).order(ByteOrder.nativeOrder());
            int samples = 0;
            long start = System.nanoTime();
            while (samples < 6 && System.nanoTime() - start < 15_000_000_000L) {
                int n = chrony.receive(b, 0, 1000);
                if (n < 0) continue;
                assertEquals(40, n, "sizeof(struct sock_sample)");
                assertEquals(0x534f434b, b.getInt(36), "magic SOCK");
                assertEquals(0, b.getInt(24), "not a pulse");
                long tvSec = b.getLong(0);
                assertTrue(Math.abs(tvSec - System.currentTimeMillis() / 1000) < 5, "tv: the sink's time " + tvSec);
                assertTrue(Math.abs(b.getDouble(16)) < 1e-3, "offset (s) of two clocks that started together: " + b.getDouble(16));
                samples++;
            }
            Phc2sys d = daemon.get();
            assertNotNull(d, err.toString());
            double sinkFreq = d.sinks().get(0).device.frequencyPpb();
            d.stop();
            t.join(5000);
            assertTrue(samples >= 6, "samples: " + samples + "\n" + out + err);
            assertEquals(0.0, sinkFreq, 0.0, "the sink was never adjusted");
            String log = out.toString(StandardCharsets.UTF_8);
            assertTrue(log.lines().allMatch(l -> l.matches("phc2sys\\[[0-9.]+\\]: virtual phc offset +-?\\d+ s0 freq +\\+0 delay +\\d+")), log);
        }
    }
}
