package io.ptp4j.linux.daemon;

import static org.junit.jupiter.api.Assertions.*;

import io.ptp4j.core.clock.PtpClock;
import io.ptp4j.core.engine.ClockConfig;
import io.ptp4j.core.engine.EngineListener;
import io.ptp4j.core.port.FaultType;
import io.ptp4j.core.port.PortEvent;
import io.ptp4j.core.port.PortState;
import io.ptp4j.linux.transport.Transport;
import io.ptp4j.linux.transport.TxTimestampTimeoutException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon's path of a transmit timestamp that never comes: a transport that withholds it, the
 * real event loop (which waits tx_timestamp_timeout and says so in linuxptp's words) and the real
 * engine, which faults the port and brings it back after fault_reset_interval.
 */
class EventLoopFaultTest {
    @TempDir
    Path dir;

    @Test
    void aWithheldTxTimestampFaultsTheMasterUntilFaultResetInterval() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        List<Long> faultyAt = new CopyOnWriteArrayList<>(), listeningAt = new CopyOnWriteArrayList<>();
        ClockConfig c = new ClockConfig();
        c.clockIdentity = 0x42;
        c.freeRunning = true;
        c.port.logAnnounceInterval = -3;
        c.port.announceReceiptTimeout = 2;
        c.port.logSyncInterval = -3;
        c.port.faultResetInterval = 0; // 2^0 = 1 s
        EngineListener log = new EngineListener() {
            @Override
            public void portStateChanged(int port, PortState from, PortState to, PortEvent event, FaultType fault) {
                lines.add(from + " to " + to + " on " + event + (fault == null ? "" : " (" + fault + ")"));
                if (to == PortState.FAULTY) faultyAt.add(System.nanoTime());
                if (from == PortState.FAULTY) listeningAt.add(System.nanoTime());
            }

            @Override
            public void notice(int port, int level, String text) {
                lines.add(text);
            }
        };
        List<String> errors = new CopyOnWriteArrayList<>();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        try (UnixTestTransport ta = new UnixTestTransport(dir.toString(), "m", "s");
                UnixTestTransport tb = new UnixTestTransport(dir.toString(), "s", "m");
                EventLoop loop = new EventLoop(new Transport[] {ta}, new EventLoopTest.ShiftedClock(), 1, (p, m) -> errors.add(m))) {
            ta.dropTxTimestamps = true;
            PtpClock clock = new PtpClock(c, loop, log);
            Thread th = Thread.ofPlatform().start(() -> {
                try {
                    loop.run(clock);
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            // the far end reads what comes, so only the withheld stamps fail
            java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
            Thread reader = Thread.ofPlatform().start(() -> {
                java.nio.ByteBuffer in = java.nio.ByteBuffer.allocate(2048);
                while (!done.get()) {
                    try {
                        while (tb.receive(true, in, 0) >= 0 || tb.receive(false, in, 0) >= 0) { }
                        Thread.sleep(5);
                    } catch (Exception e) {
                        return;
                    }
                }
            });
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (listeningAt.isEmpty() && System.nanoTime() < deadline) Thread.sleep(10);
            ta.dropTxTimestamps = false; // the driver recovers: the port stays MASTER from now on
            Thread.sleep(1500);
            loop.stop();
            th.join(2000);
            done.set(true);
            reader.join(2000);
            assertEquals(List.of(), failures);
            assertFalse(listeningAt.isEmpty(), "the fault never cleared: " + lines);
            assertTrue(errors.get(0).startsWith(TxTimestampTimeoutException.TIMED_OUT) && errors.get(0).contains(TxTimestampTimeoutException.ADVICE), errors.toString());
            int failed = lines.indexOf("send sync failed");
            assertTrue(failed >= 0, lines.toString());
            assertEquals("MASTER to FAULTY on FAULT_DETECTED (FT_UNSPECIFIED)", lines.get(failed + 1));
            assertTrue(lines.contains("FAULTY to LISTENING on INIT_COMPLETE"), lines.toString());
            long faulty = listeningAt.get(0) - faultyAt.get(0);
            assertTrue(faulty >= 950_000_000L && faulty < 1_500_000_000L, "FAULTY for 2^fault_reset_interval s: " + faulty / 1e6 + " ms");
            assertTrue(clock.port(1).isMaster(), "MASTER again once the stamps come back: " + lines);
        }
    }
}
