package io.ptp4j.tools.log;

import static org.junit.jupiter.api.Assertions.*;

import io.ptp4j.core.wire.DecodeException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogRateLimitTest {
    static final long S = 1_000_000_000L;
    long now = 100 * S;
    final List<String> lines = new ArrayList<>();
    final Printer printer = new Printer("ptp4l", () -> now).verbose((lvl, l) -> lines.add(l.toString()));

    @Test
    void aBurstIsLoggedThenCountedThenSummarized() {
        LinuxptpLogListener l = new LinuxptpLogListener(printer, new String[] {"eth0"}, 0, 0)
                .rateLimited(new LogRateLimit(1, 3, 10 * S, () -> now));
        for (int i = 0; i < 50; i++) {
            l.notice(1, "new foreign master 000000.0000.0000" + (10 + i) + "-1");
            now += S / 10;
        }
        assertEquals(3, lines.size(), lines.toString());
        assertEquals("ptp4l[100.000]: port 1 (eth0): new foreign master 000000.0000.000010-1", lines.get(0));
        now = 110 * S; // the window is over: the next event of any kind brings the summary
        l.notice(0, "selected best master clock 000000.0000.000010");
        assertEquals("ptp4l[110.000]: port 1 (eth0): new foreign master: 47 more not logged in 10 s (rate limit)", lines.get(3));
        assertEquals("ptp4l[110.000]: selected best master clock 000000.0000.000010", lines.get(4));
        // a new window: logged again at once
        l.notice(1, "new foreign master 000000.0000.000099-1");
        assertEquals(6, lines.size());
    }

    @Test
    void kindsAndPortsHaveTheirOwnBudgets() {
        LinuxptpLogListener l = new LinuxptpLogListener(printer, new String[] {"eth0", "eth1"}, 0, 0)
                .rateLimited(new LogRateLimit(2, 1, 10 * S, () -> now));
        DecodeException bad = new DecodeException("messageLength", 2, "says 300, the datagram has 44");
        l.notice(1, "new foreign master a");
        l.notice(1, "new foreign master b");
        l.badPacket(1, bad);
        l.badPacket(1, bad);
        l.badPacket(2, bad);
        l.portError(1, "send failed: Network is unreachable");
        l.portError(1, "send failed: Network is unreachable");
        l.notice(1, "LISTENING to MASTER"); // not limited
        l.notice(1, "LISTENING to MASTER");
        assertEquals(List.of("ptp4l[100.000]: port 1 (eth0): new foreign master a",
                "ptp4l[100.000]: port 1 (eth0): bad message (" + bad.getMessage() + ")",
                "ptp4l[100.000]: port 2 (eth1): bad message (" + bad.getMessage() + ")",
                "ptp4l[100.000]: port 1 (eth0): send failed: Network is unreachable",
                "ptp4l[100.000]: port 1 (eth0): LISTENING to MASTER",
                "ptp4l[100.000]: port 1 (eth0): LISTENING to MASTER"), lines);
        now += 11 * S;
        l.servoSample(1, 5, io.ptp4j.core.servo.ServoState.LOCKED, 0, 100);
        assertEquals(List.of("ptp4l[111.000]: port 1 (eth0): new foreign master: 1 more not logged in 11 s (rate limit)",
                "ptp4l[111.000]: port 1 (eth0): bad message: 1 more not logged in 11 s (rate limit)",
                "ptp4l[111.000]: port 1 (eth0): error: 1 more not logged in 11 s (rate limit)"), lines.subList(6, 9));
    }

    @Test
    void stoppingFlushesWhatIsPending() {
        LinuxptpLogListener l = new LinuxptpLogListener(printer, new String[] {"eth0"}, 0, 0)
                .rateLimited(new LogRateLimit(1, 1, 10 * S, () -> now));
        for (int i = 0; i < 5; i++) l.notice(1, "new foreign master x");
        now += S;
        l.flushSuppressed();
        assertEquals("ptp4l[101.000]: port 1 (eth0): new foreign master: 4 more not logged in 1 s (rate limit)", lines.get(1));
        l.flushSuppressed();
        assertEquals(2, lines.size(), "once");
    }

    @Test
    void withoutALimitEveryLineIsLogged() {
        LinuxptpLogListener l = new LinuxptpLogListener(printer, new String[] {"eth0"}, 0, 0);
        for (int i = 0; i < 100; i++) l.notice(1, "new foreign master x");
        assertEquals(100, lines.size());
    }

    @Test
    void theLimiterAllocatesNothingPerCall() {
        LogRateLimit limit = new LogRateLimit(4, 10, 10 * S, () -> now);
        LogRateLimit.SummarySink sink = (p, k, c, o) -> {};
        var bean = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 100_000; i++) limit.allow(i & 3, LogRateLimit.Kind.NEW_FOREIGN_MASTER, sink); // warm up
        long before = bean.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 1_000_000; i++) {
            now += 1_000;
            limit.allow(i & 3, LogRateLimit.Kind.NEW_FOREIGN_MASTER, sink);
        }
        long allocated = bean.getCurrentThreadAllocatedBytes() - before;
        assertTrue(allocated < 64 * 1024, "allocated " + allocated + " bytes in 10^6 calls");
    }
}
