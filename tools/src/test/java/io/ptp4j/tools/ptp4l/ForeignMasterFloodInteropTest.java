package io.ptp4j.tools.ptp4l;

import static org.junit.jupiter.api.Assertions.*;

import io.ptp4j.testkit.Daemons;
import io.ptp4j.testkit.Logs;
import io.ptp4j.testkit.NetnsPair;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13's log flood, live and bounded: 10^5 Announces from 10^5 identities in 20 s at ptp4j's
 * ptp4l (it logged one line per identity, 72 MB a minute). Now the log holds a few dozen lines,
 * the lines and their summaries add up to the metric, and the metric counts every Announce received.
 */
@Tag("interop")
class ForeignMasterFloodInteropTest {
    static final int IDENTITIES = 100_000;

    @Test
    void aFloodOfIdentitiesLogsAFewLinesAndTheMetricCountsThemAll(@TempDir Path dir) throws Exception {
        Path cfg = dir.resolve("s.cfg");
        Files.writeString(cfg, "[global]\nslaveOnly 1\nfree_running 1\nuse_syslog 0\nmetrics_port 9189\nuds_address " + dir.resolve("s.uds")
                + "\nuds_ro_address " + dir.resolve("s.udsro") + "\n");
        try (NetnsPair net = NetnsPair.create()) {
            Path log = dir.resolve("s.log");
            Process s = net.start(net.nsB(), log, Daemons.noClock(Daemons.bin("ptp4l"), "-i", NetnsPair.IF_B, "-S", "-m",
                    "-f", cfg.toString()));
            for (int i = 0; i < 200 && !Files.readString(log).contains("INITIALIZING to LISTENING"); i++) Thread.sleep(100);
            int sent = net.in(net.nsA(), ForeignMasterFloodInteropTest::flood);
            Thread.sleep(1_000);
            String metrics = net.httpGet(net.nsB(), 9189, "/metrics");
            Ptp4lSignalsInteropTest.kill("TERM", s); // the last window's summary is printed on the way out
            assertTrue(s.waitFor(10, java.util.concurrent.TimeUnit.SECONDS));
            String text = Files.readString(log);
            long lines = text.lines().count(), logged = text.lines().filter(l -> l.contains(": new foreign master ")).count();
            long summarized = 0;
            Matcher m = Pattern.compile("new foreign master: (\\d+) more not logged").matcher(text);
            while (m.find()) summarized += Long.parseLong(m.group(1));
            long metric = sample(metrics, "ptp4j_new_foreign_masters_total\\{[^}]*port=\"1\"[^}]*\\}");
            long received = sample(metrics, "ptp4j_messages_total\\{[^}]*port=\"1\",type=\"ANNOUNCE\",direction=\"rx\"\\}");
            System.out.printf("flood live: %d Announces from as many identities in 20 s; ptp4j received %d, counted %d new foreign masters, "
                    + "logged %d lines in all (%d of them new foreign master lines, %d more summarized)%n", sent, received, metric, lines, logged, summarized);
            assertEquals(IDENTITIES, sent);
            assertTrue(received > IDENTITIES * 0.95, "received " + received);
            assertEquals(received, metric, "each identity once: the metric counts every one received");
            assertEquals(metric, logged + summarized, "what was logged and what was summarized add up to the metric");
            assertTrue(lines < 200, lines + " lines:\n" + text);
        }
    }

    static long sample(String metrics, String name) {
        Matcher m = Pattern.compile("\n" + name + " (\\d+)").matcher(metrics);
        assertTrue(m.find(), name + " in\n" + metrics);
        return Long.parseLong(m.group(1));
    }

    /** 10^5 Announces, each from its own identity, paced over 20 s. */
    static int flood() throws Exception {
        try (SpoofedAnnounceInteropTest.WorseAnnounces announces = new SpoofedAnnounceInteropTest.WorseAnnounces()) {
            long start = System.nanoTime();
            for (int i = 0; i < IDENTITIES; i++) {
                announces.send(0x0a0b0c0000000000L + i); // sequenceId i
                if (i % 100 == 99) { // 5,000 a second
                    long ahead = start + (i + 1) * 200_000L - System.nanoTime();
                    if (ahead > 0) Thread.sleep(ahead / 1_000_000, (int) (ahead % 1_000_000));
                }
            }
            return announces.sent();
        }
    }
}
