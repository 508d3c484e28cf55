package io.ptp4j.tools.phc2sys;

import static org.junit.jupiter.api.Assertions.*;

import io.ptp4j.core.management.ManagementId;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * phc2sys -a as linuxptp 4.4 runs it, against ptp4l management sockets whose port states the test
 * moves ({@link FakePtp4l}: ptp4j's own engine and management agent). No real clock is read or
 * touched: the ports' clocks are phc2sys's virtual clocks (virtual-NAME) and {@code -C virtual}
 * stands in for the system clock.
 * <ul>
 * <li>phc2sys subscribes (SUBSCRIBE_EVENTS_NP) and never polls PORT_DATA_SET: a state change is
 *     followed within one update interval of the event;
 * <li>-r: the system clock follows the SLAVE port's clock, and stops when the port is MASTER;
 * <li>-rr: with no SLAVE port the system clock is the source, the ports' clocks follow it;
 * <li>two ptp4l instances in two domains (-z, -n twice): the one with a SLAVE port is the
 *     out-of-domain source of the other's clocks.
 * </ul>
 */
class Phc2sysAutoEventsTest {
    record Run(Thread thread, AtomicReference<Phc2sys> daemon, ByteArrayOutputStream out, ByteArrayOutputStream err) {
        List<String> lines() {
            return out.toString(StandardCharsets.UTF_8).lines().map(l -> l.replaceFirst("^phc2sys\\[[0-9.]+\\]: ", "")).toList();
        }

        /** Waits up to {@code millis} for a line matching {@code p}; returns the milliseconds it took, or fails. */
        long await(Predicate<String> p, long millis, String what) throws InterruptedException {
            long t0 = System.nanoTime();
            while (System.nanoTime() - t0 < millis * 1_000_000L) {
                if (lines().stream().anyMatch(p)) return (System.nanoTime() - t0) / 1_000_000L;
                Thread.sleep(20);
            }
            fail("no " + what + " within " + millis + " ms:\n" + String.join("\n", lines()) + "\nstderr:\n" + err);
            return -1;
        }

        void stop() throws InterruptedException {
            Phc2sys d = daemon.get();
            if (d != null) d.stop();
            thread.join(5000);
        }
    }

    static Run start(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        AtomicReference<Phc2sys> daemon = new AtomicReference<>();
        List<String> all = new ArrayList<>(List.of("-a", "-m", "-q", "-R", "4", "-C", "virtual"));
        all.addAll(List.of(args));
        Thread t = new Thread(() -> Phc2sysMain.run("phc2sys", all.toArray(new String[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), daemon::set), "phc2sys-under-test");
        t.start();
        return new Run(t, daemon, out, err);
    }

    @Test
    @Timeout(60)
    void followsPortStatesByEventsNotPolls(@TempDir Path dir) throws Exception {
        Path uds = dir.resolve("ptp4l");
        try (FakePtp4l ptp4l = new FakePtp4l(uds, 0x0200_00ff_fe00_00a1L, 0, "virtual-p1")) {
            Run r = start("-r", "-z", uds.toString());
            try {
                r.await(l -> l.equals("selecting virtual-p1 for synchronization"), 10_000, "the LISTENING port's clock as a sink");
                Thread.sleep(600);
                ptp4l.slave(1);
                long took = r.await(l -> l.equals("selecting virtual-p1 as domain source clock"), 5_000, "the SLAVE port's clock as source");
                assertTrue(took < 1_500, "followed within one event (update every 250 ms), took " + took + " ms");
                r.await(l -> l.equals("selecting CLOCK_REALTIME for synchronization"), 2_000, "-r: the system clock a sink");
                r.await(l -> l.matches("virtual phc offset +-?\\d+ s\\d freq +[-+]\\d+ delay +\\d+"), 3_000, "system clock updates");
                assertTrue(r.lines().contains("port 020000.fffe.0000a1-1 changed state"), r.lines().toString());

                long before = r.lines().stream().filter(l -> l.equals("selecting virtual-p1 for synchronization")).count();
                ptp4l.master(1);
                r.await(l -> r.lines().stream().filter(x -> x.equals("selecting virtual-p1 for synchronization")).count() > before, 5_000,
                        "the MASTER port's clock a sink again");
                Thread.sleep(1_000);
                List<String> lines = r.lines();
                List<String> tail = lines.subList(lines.lastIndexOf("reconfiguring after port state change"), lines.size());
                assertTrue(tail.stream().noneMatch(l -> l.contains(" offset ")), "-r only: no source, no updates: " + tail);
                assertFalse(ptp4l.requestedIds.contains(ManagementId.PORT_DATA_SET.id), "never polled: " + ptp4l.requestedIds);
                assertTrue(ptp4l.requestedIds.contains(ManagementId.SUBSCRIBE_EVENTS_NP.id), "subscribed");
                assertTrue(ptp4l.requestedIds.contains(ManagementId.PORT_PROPERTIES_NP.id));
            } finally {
                r.stop();
            }
        }
    }

    @Test
    @Timeout(60)
    void twiceRMakesTheSystemClockTheSourceWithoutASlavePort(@TempDir Path dir) throws Exception {
        Path uds = dir.resolve("ptp4l");
        try (FakePtp4l ptp4l = new FakePtp4l(uds, 0x0200_00ff_fe00_00a2L, 0, "virtual-p1")) {
            ptp4l.master(1);
            Run r = start("-r", "-r", "-z", uds.toString());
            try {
                r.await(l -> l.equals("selecting CLOCK_REALTIME as source clock"), 10_000, "-rr: the system clock as source");
                r.await(l -> l.matches("virtual-p1 sys offset +-?\\d+ s\\d freq +[-+]\\d+ delay +\\d+"), 3_000,
                        "the port's clock following the system clock");
                ptp4l.slave(1);
                r.await(l -> l.equals("selecting virtual-p1 as domain source clock"), 5_000, "a SLAVE port wins over the system clock");
                r.await(l -> l.matches("virtual phc offset .*"), 3_000, "now the system clock follows");
            } finally {
                r.stop();
            }
        }
    }

    @Test
    @Timeout(60)
    void twoPtp4lInstancesInTwoDomains(@TempDir Path dir) throws Exception {
        Path a = dir.resolve("ptp4l-a"), b = dir.resolve("ptp4l-b");
        try (FakePtp4l pa = new FakePtp4l(a, 0x0200_00ff_fe00_00aaL, 0, "virtual-a");
                FakePtp4l pb = new FakePtp4l(b, 0x0200_00ff_fe00_00bbL, 1, "virtual-b")) {
            pa.slave(1);
            pb.master(1);
            Run r = start("-z", a.toString(), "-n", "0", "-z", b.toString(), "-n", "1");
            try {
                r.await(l -> l.equals("selecting virtual-a as domain source clock"), 10_000, "domain 0's source");
                r.await(l -> l.equals("selecting virtual-a as out-of-domain source clock"), 2_000, "and domain 1's");
                r.await(l -> l.matches("virtual-b phc offset .*"), 3_000, "domain 1's clock following domain 0's");
                assertTrue(r.lines().contains("selecting virtual-b for synchronization"), r.lines().toString());
                // domain 1 gets its own SLAVE port: it keeps its own source
                pb.slave(1);
                r.await(l -> l.equals("selecting virtual-b as domain source clock"), 5_000, "domain 1's own source");
            } finally {
                r.stop();
            }
        }
    }
}
