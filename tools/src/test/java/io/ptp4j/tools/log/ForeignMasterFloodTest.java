package io.ptp4j.tools.log;

import static org.junit.jupiter.api.Assertions.*;

import io.ptp4j.core.clock.PtpClock;
import io.ptp4j.core.engine.Driver;
import io.ptp4j.core.engine.ClockConfig;
import io.ptp4j.core.wire.MessageType;
import io.ptp4j.core.wire.PtpMessage;
import io.ptp4j.tools.metrics.PtpMetrics;
import io.ptp4j.tools.obs.FanoutListener;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 13's log flood, on the real engine and the daemon's listeners: 60 s of Announces from
 * 10^5 identities (ptp4j logged 999,664 "new foreign master" lines for a million of them). The log
 * keeps to a few lines a window; the metrics count every one.
 */
class ForeignMasterFloodTest {
    static final long S = 1_000_000_000L;

    @Test
    void aMinuteOfTenToTheFiveIdentitiesLogsAFewDozenLinesAndCountsThemAll() {
        long[] now = {1_000 * S};
        List<String> lines = new ArrayList<>();
        Printer printer = new Printer("ptp4l", () -> now[0]).verbose((lvl, l) -> lines.add(l.toString()));
        LinuxptpLogListener log = new LinuxptpLogListener(printer, new String[] {"vB"}, 0, 0)
                .rateLimited(new LogRateLimit(1, LogRateLimit.DEFAULT_BURST, LogRateLimit.DEFAULT_WINDOW_NANOS, () -> now[0]));
        PtpMetrics metrics = new PtpMetrics("ptp4l", 1);
        metrics.setInterface(1, "vB");
        ClockConfig cfg = new ClockConfig();
        cfg.clockIdentity = 0x99;
        cfg.clientOnly = true;
        cfg.freeRunning = true;
        Driver quiet = Driver.quiet(() -> now[0]);
        PtpClock clock = new PtpClock(cfg, quiet, FanoutListener.of(List.of(log, metrics)));
        clock.start(now[0]);
        ByteBuffer b = ByteBuffer.allocate(64);
        PtpMessage m = new PtpMessage();
        int identities = 100_000;
        long step = 60 * S / identities, end = now[0] + 60 * S;
        for (int i = 0; now[0] < end; i++, now[0] += step) {
            long id = 0x1_0000_0000L + i;
            m.wrap(b, 0, 64).initHeader(MessageType.ANNOUNCE, 0).sourcePort(id, 1).sequenceId(i).logMessageInterval(1)
                    .grandmasterPriority1(120).grandmasterClockQuality(248, 0xFE, 0xFFFF).grandmasterPriority2(128)
                    .grandmasterIdentity(id).stepsRemoved(0).timeSource(0xA0);
            clock.onReceive(1, b, 0, m.messageLength(), now[0], 0, now[0]);
            while (clock.nextTimerNanos() <= now[0]) clock.onTimer(now[0]);
        }
        now[0] += 10 * S;
        log.servoSample(1, 0, io.ptp4j.core.servo.ServoState.UNLOCKED, 0, 0); // any later event brings the last summary
        long foreign = lines.stream().filter(l -> l.contains(": new foreign master ")).count();
        long summarized = lines.stream().filter(l -> l.contains("new foreign master: ")).mapToLong(l ->
                Long.parseLong(l.replaceAll(".*new foreign master: (\\d+) more.*", "$1"))).sum();
        System.out.printf("flood: %d identities in 60 s, %d log lines (%d new foreign master lines, %d left out and summarized), "
                + "metric %d%n", identities, lines.size(), foreign, summarized, metrics.newForeignMasters(1));
        assertEquals(identities, metrics.newForeignMasters(1), "the metric counts every one");
        assertEquals(identities, foreign + summarized, "logged plus summarized is every one");
        assertTrue(lines.size() <= 100, lines.size() + " lines");
    }
}
