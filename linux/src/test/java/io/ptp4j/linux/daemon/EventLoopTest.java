package io.ptp4j.linux.daemon;

import static org.junit.jupiter.api.Assertions.*;

import io.ptp4j.linux.clock.ClockDevice;
import io.ptp4j.linux.clock.VirtualClock;
import io.ptp4j.linux.transport.Transport;
import io.ptp4j.linux.transport.TxTimestampTimeoutException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventLoopTest {
    @TempDir
    Path dir;

    /** A clock whose timescale is REALTIME + 1 s, so conversion is visible. */
    static final class ShiftedClock implements ClockDevice {
        final VirtualClock inner = VirtualClock.startingAtRealtime();
        double freq;
        long steps;

        @Override public String name() { return "shifted"; }
        @Override public long nowNanos() { return inner.nowNanos() + 1_000_000_000L; }
        @Override public void adjustFrequency(double ppb) { freq = ppb; }
        @Override public double frequencyPpb() { return freq; }
        @Override public void step(long d) { steps += d; }
        @Override public double maxFrequencyPpb() { return 1e6; }
        @Override public long fromSocketTimestamp(long rt) { return rt + 1_000_000_000L; }
    }

    /** Two event loops over a Unix-socket wire (a to b), each on a ShiftedClock, their errors collected. */
    final class Wire implements AutoCloseable {
        final List<String> errors = new CopyOnWriteArrayList<>();
        final ShiftedClock clockA = new ShiftedClock(), clockB = new ShiftedClock();
        final Transport ta = new UnixTestTransport(dir.toString(), "a", "b"), tb = new UnixTestTransport(dir.toString(), "b", "a");
        final EventLoop la = new EventLoop(new Transport[] {ta}, clockA, 1, (p, m) -> errors.add(m));
        final EventLoop lb = new EventLoop(new Transport[] {tb}, clockB, 1, (p, m) -> errors.add(m));

        Wire() throws Exception {}

        @Override
        public void close() throws Exception {
            la.close();
            lb.close();
            ta.close();
            tb.close();
        }
    }

    /** Stops both loops, then waits up to 2 s for each of the threads that ran them. */
    static void stopBoth(EventLoop la, EventLoop lb, Thread tA, Thread tB) throws InterruptedException {
        la.stop();
        lb.stop();
        tA.join(2000);
        tB.join(2000);
    }

    Thread runInThread(EventLoop loop, io.ptp4j.core.engine.PtpNode node, List<Throwable> failures) {
        Thread t = Thread.ofPlatform().start(() -> {
            try {
                loop.run(node);
            } catch (Throwable e) {
                failures.add(e);
            }
        });
        return t;
    }

    /**
     * A node whose timer never rearms (always due) must not starve the sockets: the loop runs
     * it, looks at the sockets without waiting, and runs it again. (The CMLDS client's renewal
     * timer did this once; such a daemon read nothing for up to 29 s.)
     */
    @Test
    void aTimerThatIsAlwaysDueDoesNotStarveTheSockets() throws Exception {
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        try (Wire w = new Wire()) {
            EventLoop la = w.la, lb = w.lb;
            ToyNode a = new ToyNode(la, 5_000_000L, true, 0);
            ToyNode b = new ToyNode(lb, 0, false, 5);
            java.util.concurrent.atomic.AtomicLong spins = new java.util.concurrent.atomic.AtomicLong();
            io.ptp4j.core.engine.PtpNode stuck = new io.ptp4j.core.engine.ForwardingNode(b) {
                @Override
                public void onTimer(long now) {
                    spins.incrementAndGet();
                    super.onTimer(now);
                }

                @Override
                public long nextTimerNanos() {
                    return 0; // always due
                }
            };
            Thread tB = runInThread(lb, stuck, failures);
            Thread tA = runInThread(la, a, failures);
            boolean got = b.gotSyncs.await(5, TimeUnit.SECONDS);
            stopBoth(la, lb, tA, tB);
            // the timer was stuck for real: due on every round, run at least once per Sync read
            assertTrue(spins.get() >= 5, "the stuck timer ran " + spins.get() + " times");
            assertTrue(got, "B read no Sync while its timer was always due");
            assertEquals(List.of(), failures);
        }
    }

    @Test
    void carriesMessagesTimestampsAndTimersBetweenTwoNodes() throws Exception {
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        try (Wire w = new Wire()) {
            EventLoop la = w.la, lb = w.lb;
            List<String> errors = w.errors;
            ShiftedClock clockB = w.clockB;
            ToyNode a = new ToyNode(la, 5_000_000L, true, 0);
            ToyNode b = new ToyNode(lb, 0, false, 5);
            Thread tB = runInThread(lb, b, failures);
            Thread tA = runInThread(la, a, failures);
            assertTrue(b.gotSyncs.await(5, TimeUnit.SECONDS), "B did not get 5 Syncs");
            stopBoth(la, lb, tA, tB);
            assertFalse(tA.isAlive() || tB.isAlive(), "run() did not return after stop()");
            assertEquals(List.of(), failures);
            assertEquals(List.of(), errors);

            List<ToyNode.Rx> syncs = b.received.stream().filter(r -> r.type() == 0).toList();
            for (int i = 0; i < 5; i++) {
                ToyNode.Rx r = syncs.get(i);
                assertEquals(i, r.seq());
                assertEquals(1, r.port());
                assertEquals(7, r.source());
                long realNow = clockB.inner.nowNanos();
                // converted into the clock's timescale: REALTIME + 1 s
                assertTrue(Math.abs(r.ts() - 1_000_000_000L - realNow) < 2_000_000_000L, "rx ts " + r.ts());
            }
            assertTrue(b.received.stream().anyMatch(r -> r.type() == 8 && r.ts() == Long.MIN_VALUE),
                    "general messages carry no stamp");
            assertTrue(a.txStamps.size() >= 5);
            for (int i = 0; i < a.txStamps.size(); i++) {
                ToyNode.Tx tx = a.txStamps.get(i);
                assertEquals(0, tx.type());
                assertEquals(i, tx.seq());
                ToyNode.Rx rx = i < syncs.size() ? syncs.get(i) : null;
                if (rx != null) assertTrue(rx.ts() >= tx.ts(), "rx before tx for seq " + i);
            }
            assertTrue(a.minTimerLateNanos >= 0, "a timer ran early: " + a.minTimerLateNanos);
        }
    }

    @Test
    void stopWakesALoopWithNoTimerArmed() throws Exception {
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        try (Transport t = new UnixTestTransport(dir.toString(), "x", "y");
                EventLoop loop = new EventLoop(new Transport[] {t}, new ShiftedClock(), 1, null)) {
            ToyNode idle = new ToyNode(loop, 0, false, 0);
            Thread th = runInThread(loop, idle, failures);
            Thread.sleep(50); // let it block in ppoll with no timeout
            assertTrue(th.isAlive());
            loop.stop();
            th.join(2000);
            assertFalse(th.isAlive(), "stop() did not wake ppoll");
            assertEquals(List.of(), failures);
        }
    }

    @Test
    void aMissingTxTimestampFailsTheSendWithLinuxptpsWords() throws Exception {
        List<String> errors = new CopyOnWriteArrayList<>();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        try (UnixTestTransport ta = new UnixTestTransport(dir.toString(), "c", "d");
                UnixTestTransport tb = new UnixTestTransport(dir.toString(), "d", "c");
                EventLoop la = new EventLoop(new Transport[] {ta}, new ShiftedClock(), 1, (p, m) -> errors.add(p + ": " + m))) {
            assertTrue(tb.eventFd() >= 0, "the peer exists so sends succeed");
            ta.dropTxTimestamps = true;
            ToyNode a = new ToyNode(la, 1_000_000L, true, 0);
            Thread th = runInThread(la, a, failures);
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (errors.isEmpty() && System.nanoTime() < deadline) Thread.sleep(5);
            la.stop();
            th.join(2000);
            // tb never reads: its queue fills after max_dgram_qlen datagrams, and the loop must not block on it
            assertFalse(th.isAlive(), "run() did not return after stop()");
            assertFalse(errors.isEmpty());
            assertTrue(errors.get(0).startsWith("1: " + TxTimestampTimeoutException.TIMED_OUT), errors.get(0));
            assertTrue(errors.get(0).contains(TxTimestampTimeoutException.ADVICE));
            assertEquals(Boolean.FALSE, a.sendResults.get(0));
            assertTrue(a.txStamps.isEmpty());
        }
    }

    @Test
    void watchedDescriptorsRunTheirHandlerOnTheLoopThread() throws Exception {
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        List<String> seen = new CopyOnWriteArrayList<>();
        String mgmt = dir.resolve("mgmt").toString();
        try (Transport t = new UnixTestTransport(dir.toString(), "g", "h");
                io.ptp4j.linux.UnixDatagramSocket server = io.ptp4j.linux.UnixDatagramSocket.bind(mgmt, false);
                io.ptp4j.linux.UnixDatagramSocket client = io.ptp4j.linux.UnixDatagramSocket.unbound();
                EventLoop loop = new EventLoop(new Transport[] {t}, new ShiftedClock(), 1, null)) {
            java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(64);
            loop.watch(server.fd(), () -> {
                try {
                    int n = server.receive(buf, 0);
                    seen.add(Thread.currentThread().getName() + ":" + n);
                    loop.stop();
                } catch (Exception e) {
                    failures.add(e);
                }
            });
            Thread th = Thread.ofPlatform().name("loop").start(() -> {
                try {
                    loop.run(new ToyNode(loop, 0, false, 0));
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            client.send(java.nio.ByteBuffer.allocate(10), 0, 10, mgmt);
            th.join(3000);
            assertFalse(th.isAlive());
            assertEquals(List.of(), failures);
            assertEquals(List.of("loop:10"), seen);
        }
    }

    @Test
    void clockOperationsGoToTheClockDevice() throws Exception {
        ShiftedClock c = new ShiftedClock();
        try (Transport t = new UnixTestTransport(dir.toString(), "e", "f");
                EventLoop loop = new EventLoop(new Transport[] {t}, c, 1, null)) {
            loop.adjustFrequency(-12.5);
            assertEquals(-12.5, loop.currentFrequencyPpb());
            loop.stepClock(-42);
            assertEquals(-42, c.steps);
            assertTrue(Math.abs(loop.clockTimeNanos() - c.nowNanos()) < 10_000_000L);
            assertEquals(7, loop.resolveUnicast(1, "anything"));
            assertEquals(Transport.NO_ADDRESS, loop.resolveUnicast(2, "x"));
        }
    }

    /** Issue 13: an exception in one message's handler drops that message; the loop goes on and says why. */
    @Test
    void aHandlerThatThrowsCostsOneMessageNotTheLoop() throws Exception {
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        List<String> errors = new CopyOnWriteArrayList<>();
        ShiftedClock clockA = new ShiftedClock(), clockB = new ShiftedClock();
        try (Transport ta = new UnixTestTransport(dir.toString(), "a", "b");
                Transport tb = new UnixTestTransport(dir.toString(), "b", "a");
                EventLoop la = new EventLoop(new Transport[] {ta}, clockA, 1, (p, m) -> {});
                EventLoop lb = new EventLoop(new Transport[] {tb}, clockB, 1, (p, m) -> errors.add(p + ": " + m))) {
            ToyNode a = new ToyNode(la, 5_000_000L, true, 0);
            ToyNode b = new ToyNode(lb, 0, false, 5);
            int[] calls = {0};
            io.ptp4j.core.engine.PtpNode failsFirst = new io.ptp4j.core.engine.PtpNode() {
                @Override public void start(long now) { b.start(now); }
                @Override public void onReceive(int port, java.nio.ByteBuffer buf, int offset, int length, long rxTs, long source, long now) {
                    if (calls[0]++ == 0) throw new IllegalStateException("a broken handler");
                    b.onReceive(port, buf, offset, length, rxTs, source, now);
                }
                @Override public void onTxTimestamp(int port, int type, int seq, long ts, long now) { b.onTxTimestamp(port, type, seq, ts, now); }
                @Override public void onTimer(long now) { b.onTimer(now); }
                @Override public void onLinkStatus(int port, boolean up, String tsLabel, long nowNanos) {}
                @Override public long nextTimerNanos() { return b.nextTimerNanos(); }
            };
            Thread tB = Thread.ofPlatform().start(() -> {
                try {
                    lb.run(failsFirst);
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            Thread tA = runInThread(la, a, failures);
            assertTrue(b.gotSyncs.await(5, TimeUnit.SECONDS), "the messages after the failed one still arrive");
            stopBoth(la, lb, tA, tB);
            assertEquals(List.of(), failures, "run() went on");
            assertEquals(1, lb.handlerFailures());
            assertEquals(List.of("1: message dropped, its handler failed: java.lang.IllegalStateException: a broken handler"), errors);
        }
    }
}
