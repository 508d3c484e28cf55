package io.ptp4j.linux.daemon;

import static org.junit.jupiter.api.Assertions.*;

import io.ptp4j.core.engine.Driver;
import io.ptp4j.core.engine.PtpNode;
import io.ptp4j.linux.clock.VirtualClock;
import io.ptp4j.testkit.NetnsPair;
import io.ptp4j.linux.transport.Transport;
import io.ptp4j.linux.transport.TransportConfig;
import io.ptp4j.linux.transport.Udpv4Transport;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Two event loops over real UDPv4 transports across a veth pair, each with its own virtual clock. */
@Tag("interop")
class EventLoopNetnsTest {
    static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** Counts Syncs and measures the bytes the loop thread allocates between packet FROM and TO. */
    static final int FROM = 10000, TO = 20000, WINDOW = 2000;

    /**
     * Bytes the calling thread allocated in each window of WINDOW packets. A per-packet allocation
     * shows in every window; JIT warm-up or a deoptimisation (slow on a loaded machine) only in
     * some, so the quietest window is what the test judges.
     */
    static final class AllocationWindows {
        long last = -1, min = Long.MAX_VALUE;
        final StringBuilder all = new StringBuilder();

        void mark(int n) {
            long now = THREADS.getCurrentThreadAllocatedBytes();
            if (last >= 0) {
                min = Math.min(min, now - last);
                all.append(now - last).append(' ');
            }
            last = now;
        }
    }

    static final class CountingNode implements PtpNode {
        final CountDownLatch done = new CountDownLatch(1);
        int count;
        final AllocationWindows windows = new AllocationWindows();
        long lastTs, tsAtTo;

        @Override public void start(long now) {}
        @Override public void onTxTimestamp(int p, int t, int s, long ts, long now) {}
        @Override public void onTimer(long now) {}
        @Override public void onLinkStatus(int port, boolean up, String tsLabel, long nowNanos) {}
        @Override public long nextTimerNanos() { return Long.MAX_VALUE; }

        @Override
        public void onReceive(int port, ByteBuffer buf, int off, int len, long ts, long src, long now) {
            if ((buf.get(off) & 0x0F) != 0) return;
            count++;
            lastTs = ts;
            if (count >= FROM && (count - FROM) % WINDOW == 0) windows.mark(count);
            if (count == TO) {
                tsAtTo = ts;
                done.countDown();
            }
        }
    }

    /** Sends a Sync every period; measures the sender thread's allocation between tick FROM and TO. */
    static final class LeanSender implements PtpNode {
        final Driver driver;
        final ByteBuffer out = ByteBuffer.allocate(44);
        final AllocationWindows windows = new AllocationWindows();
        long next = Long.MAX_VALUE, lastTxTs;
        int ticks, txCount, failedSends;

        LeanSender(Driver driver) {
            this.driver = driver;
        }

        @Override public void start(long now) { next = now + 100_000L; }
        @Override public void onReceive(int p, ByteBuffer b, int o, int l, long ts, long src, long now) {}
        @Override public void onLinkStatus(int port, boolean up, String tsLabel, long nowNanos) {}
        @Override public long nextTimerNanos() { return next; }

        @Override
        public void onTxTimestamp(int port, int type, int seq, long ts, long now) {
            txCount++;
            lastTxTs = ts;
        }

        @Override
        public void onTimer(long now) {
            ticks++;
            if (ticks >= FROM && ticks <= TO && (ticks - FROM) % WINDOW == 0) windows.mark(ticks);
            out.put(0, (byte) 0).putShort(30, (short) ticks);
            if (!driver.send(1, out, 0, 44, true, Driver.MULTICAST)) failedSends++;
            out.put(0, (byte) 0x8); // a Follow_Up too: twice the calls, so the JIT is done by tick FROM
            if (!driver.send(1, out, 0, 44, false, Driver.MULTICAST)) failedSends++;
            next += 100_000L;
        }
    }

    @Test
    void loopsCarrySyncsAcrossVethInVirtualTimeWithoutAllocating() throws Exception {
        try (NetnsPair pair = NetnsPair.create()) {
            TransportConfig cfg = TransportConfig.software();
            Transport ta = pair.in(pair.nsA(), () -> Udpv4Transport.open(NetnsPair.IF_A, cfg));
            Transport tb = pair.in(pair.nsB(), () -> Udpv4Transport.open(NetnsPair.IF_B, cfg));
            VirtualClock clockA = VirtualClock.startingAtRealtime();
            VirtualClock clockB = VirtualClock.startingAtRealtime();
            clockB.step(3_600_000_000_000L); // B's timescale is an hour ahead of REALTIME
            List<String> errors = new CopyOnWriteArrayList<>();
            List<Throwable> failures = new CopyOnWriteArrayList<>();
            try (ta; tb;
                    EventLoop la = new EventLoop(new Transport[] {ta}, clockA, 10, (p, m) -> errors.add(m));
                    EventLoop lb = new EventLoop(new Transport[] {tb}, clockB, 10, (p, m) -> errors.add(m))) {
                LeanSender a = new LeanSender(la);
                CountingNode b = new CountingNode();
                Thread thB = Thread.ofPlatform().start(() -> run(lb, b, failures));
                Thread thA = Thread.ofPlatform().start(() -> run(la, a, failures));
                boolean done = b.done.await(20, TimeUnit.SECONDS);
                long bNow = clockB.nowNanos();
                la.stop();
                lb.stop();
                thA.join(2000);
                thB.join(2000);
                assertTrue(done, "only " + b.count + " Syncs arrived");
                assertEquals(List.of(), failures);
                assertEquals(List.of(), errors);
                // stamps are in B's virtual timescale (an hour ahead), not REALTIME
                long age = bNow - b.tsAtTo; // stamped before the latch opened, so before bNow
                assertTrue(age >= 0 && age < 1_000_000_000L, "last rx stamp " + age + " ns before B's now");
                System.out.println("receive loop allocation per " + WINDOW + " packets: " + b.windows.all);
                assertTrue(b.windows.min < 1024, "the receive path allocates: " + b.windows.all + "bytes per " + WINDOW + " packets");
                assertTrue(a.txCount >= TO - 1, "tx stamps " + a.txCount);
                assertEquals(0, a.failedSends);
                System.out.println("send loop allocation per " + WINDOW + " Syncs+Follow_Ups: " + a.windows.all);
                assertTrue(a.windows.min < 1024, "the send path allocates: " + a.windows.all + "bytes per " + WINDOW + " ticks");
                long aNow = clockA.nowNanos();
                long txAge = aNow - a.lastTxTs;
                assertTrue(txAge >= 0 && txAge < 1_000_000_000L, "tx stamps in A's timescale, age " + txAge);
            }
        }
    }

    static void run(EventLoop loop, PtpNode node, List<Throwable> failures) {
        try {
            loop.run(node);
        } catch (Throwable e) {
            failures.add(e);
        }
    }
}
