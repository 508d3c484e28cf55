package io.ptp4j.tools.obs;

import static org.junit.jupiter.api.Assertions.*;

import io.ptp4j.core.engine.Driver;
import io.ptp4j.core.engine.EngineListener;
import io.ptp4j.core.engine.PtpNode;
import io.ptp4j.core.port.PortEvent;
import io.ptp4j.core.port.PortState;
import io.ptp4j.core.servo.ServoState;
import io.ptp4j.tools.metrics.PtpMetrics;
import io.ptp4j.tools.ptp4l.Ptp4lOptions;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ObservabilityTest {
    /** A PTP header of messageType {@code type} with correctionField {@code correctionNanos} (scaled by 2^16). */
    static ByteBuffer header(int type, long correctionNanos) {
        return header(type, correctionNanos, true);
    }

    static ByteBuffer header(int type, long correctionNanos, boolean twoStep) {
        ByteBuffer b = ByteBuffer.allocate(44);
        b.put(0, (byte) (0x10 | type)); // transportSpecific 1 must not leak into the type
        if (twoStep) b.put(6, (byte) 0x02);
        b.putLong(8, correctionNanos << 16);
        return b;
    }

    static final class NullNode implements PtpNode {
        int received;

        public void start(long now) {}

        public void onReceive(int port, ByteBuffer buf, int offset, int length, long rxTs, long source, long now) {
            received++;
        }

        public void onTxTimestamp(int port, int type, int seq, long ts, long now) {}

        public void onTimer(long now) {}

        public void onLinkStatus(int port, boolean up, String tsLabel, long now) {}

        public long nextTimerNanos() {
            return Long.MAX_VALUE;
        }
    }

    @Test
    void countingNodeCountsByTypeAndKeepsTheSyncCorrection() {
        PtpMetrics m = new PtpMetrics("ptp4l", 2);
        NullNode inner = new NullNode();
        CountingNode n = new CountingNode(inner, m);
        // two-step: a TC's residence may sit in the Sync (one-step TC) or the Follow_Up (two-step TC); the path's is the sum
        n.onReceive(1, header(0x0, 1000), 0, 44, 0, 0, 0);
        assertEquals(0, m.lastSyncCorrectionNanos(1), "known only with the Follow_Up");
        n.onReceive(1, header(0x8, 234), 0, 44, 0, 0, 0);
        assertEquals(1234, m.lastSyncCorrectionNanos(1));
        n.onReceive(1, header(0x0, 0), 0, 44, 0, 0, 0);
        n.onReceive(1, header(0x8, 0), 0, 44, 0, 0, 0);
        assertEquals(0, m.lastSyncCorrectionNanos(1), "a Sync without transparent clock");
        n.onReceive(1, header(0x0, 1234, false), 0, 44, 0, 0, 0); // one-step Sync: complete by itself
        assertEquals(1234, m.lastSyncCorrectionNanos(1));
        n.onReceive(2, header(0xB, 0), 0, 44, 0, 0, 0);        // Announce on port 2
        n.onReceive(1, header(0x0, 0), 0, 10, 0, 0, 0);        // runt: not counted, still passed on (the engine counts it bad)
        assertEquals(7, inner.received);
        assertEquals(3, m.messages(1, 0x0, false));
        assertEquals(2, m.messages(1, 0x8, false));
        assertEquals(1, m.messages(2, 0xB, false));
        assertEquals(0, m.messages(1, 0xB, false));
        String text = PtpMetrics.expose(List.of(m), false);
        assertTrue(text.contains("ptp4j_sync_correction_ns{process=\"ptp4l\",iface=\"\",port=\"1\"} 1234"), text);
        assertTrue(text.contains("ptp4j_corrected_syncs_total{process=\"ptp4l\",iface=\"\",port=\"1\"} 2"), text);
    }

    @Test
    void countingDriverCountsOnlySuccessfulSends() {
        PtpMetrics m = new PtpMetrics("ptp4l", 1);
        boolean[] ok = {true};
        Driver inner = new Driver() {
            public boolean send(int port, ByteBuffer buf, int offset, int length, boolean event, long dest) {
                return ok[0];
            }

            public long clockTimeNanos() {
                return 7;
            }

            public void adjustFrequency(double ppb) {}

            public void stepClock(long d) {}
        };
        Driver d = new CountingDriver(inner, m);
        d.send(1, header(0x1, 0), 0, 44, true, Driver.MULTICAST);
        d.send(1, header(0x1, 0), 0, 44, true, Driver.MULTICAST);
        ok[0] = false;
        d.send(1, header(0x1, 0), 0, 44, true, Driver.MULTICAST);
        assertEquals(2, m.messages(1, 0x1, true));
        assertEquals(0, m.messages(1, 0x1, false));
        assertEquals(7, d.clockTimeNanos());
    }

    @Test
    void offMeansNothingWrappedAndNothingServed() throws Exception {
        try (Observability o = Observability.start("ptp4l", "t", new String[] {"eth0"}, 0, 0, System::nanoTime)) {
            assertFalse(o.enabled());
            NullNode n = new NullNode();
            assertSame(n, o.node(n));
            EngineListener l = new EngineListener() {};
            assertSame(l, o.listener(l));
            assertEquals(0, o.metricsPort());
            assertEquals(0, o.dashboardPort());
        }
    }

    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void servesMetricsAndDashboardFedThroughTheWrappers() throws Exception {
        int mp = freePort(), dp = freePort();
        long[] now = {0};
        try (Observability o = Observability.start("ptp4l", "ptp4l on eth0", new String[] {"eth0"}, mp, dp, () -> now[0])) {
            List<String> logged = new ArrayList<>();
            EngineListener log = new EngineListener() {
                @Override
                public void notice(int port, String text) {
                    logged.add(text);
                }
            };
            EngineListener l = o.listener(log);
            PtpNode node = o.node(new NullNode());
            l.portStateChanged(1, PortState.LISTENING, PortState.SLAVE, PortEvent.values()[0]);
            l.notice(0, "selected best master clock 001122.fffe.334455");
            for (int i = 0; i < 5; i++) {
                now[0] += 125_000_000;
                node.onReceive(1, header(0x0, 0), 0, 44, 0, 0, 0);
                l.servoSample(1, 10 - i, ServoState.LOCKED, 12.5, 2300);
            }
            o.txTimestampTimeout(1);
            assertEquals(List.of("selected best master clock 001122.fffe.334455"), logged, "the log still gets every event");
            HttpClient c = HttpClient.newHttpClient();
            String metrics = c.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + mp + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertTrue(metrics.contains("ptp4j_messages_total{process=\"ptp4l\",iface=\"eth0\",port=\"1\",type=\"SYNC\",direction=\"rx\"} 5"), metrics);
            assertTrue(metrics.contains("ptp4j_tx_timestamp_timeouts_total{process=\"ptp4l\",iface=\"eth0\",port=\"1\"} 1"), metrics);
            assertTrue(metrics.contains("ptp4j_port_state{process=\"ptp4l\",iface=\"eth0\",port=\"1\"} 9"), metrics);
            assertTrue(metrics.contains("ptp4j_offset_ns{process=\"ptp4l\",iface=\"eth0\",port=\"1\"} 6"), metrics);
            String snap = c.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + dp + "/snapshot")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertTrue(snap.contains("\"seq\":5"), snap);
            assertTrue(snap.contains("\"state\":\"SLAVE\""), snap);
            assertTrue(snap.contains("[0.625,6,2300,12.5,2]"), snap);
            HttpResponse<String> page = c.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + dp + "/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, page.statusCode());
            assertTrue(page.body().contains("new EventSource(\"/events\")"));
            assertFalse(page.body().matches("(?s).*(src|href)=\"https?:.*"), "self-contained: nothing fetched from elsewhere");
            // the event stream's first event carries the same state
            HttpResponse<InputStream> sse = c.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + dp + "/events")).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertEquals("text/event-stream", sse.headers().firstValue("Content-Type").orElse(""));
            try (InputStream in = sse.body()) {
                byte[] buf = new byte[4096];
                StringBuilder got = new StringBuilder();
                while (!got.toString().contains("\n\n")) {
                    int n = in.read(buf);
                    if (n < 0) break;
                    got.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                }
                assertTrue(got.toString().contains("data: {\"title\":\"ptp4l on eth0\",\"seq\":5"), got.toString());
            }
        }
    }

    @Test
    void summaryWindowFollowsLinuxptp() {
        assertEquals(1, Observability.windowSamples(0, 0), "summary_interval 0 at 1 Sync/s: every sample");
        assertEquals(8, Observability.windowSamples(0, -3));
        assertEquals(16, Observability.windowSamples(4, 0));
        assertEquals(1, Observability.windowSamples(-3, 0));
        assertEquals(65536, Observability.windowSamples(30, -7));
    }

    @Test
    void ptp4lTakesHyphenatedLongOptionsForPtp4jKeys() throws Exception {
        Ptp4lOptions o = Ptp4lOptions.parse("ptp4l", new String[] {"-i", "eth0", "--metrics-port", "9187", "--dashboard-port=9188",
                "--log-format", "json"});
        assertEquals(9187, o.config().getInt("metrics_port"));
        assertEquals(9188, o.config().getInt("dashboard_port"));
        assertEquals("json", o.config().getEnum("log_format"));
        var bad = assertThrows(io.ptp4j.tools.cli.UsageException.class,
                () -> Ptp4lOptions.parse("ptp4l", new String[] {"--log-format", "xml"}));
        assertTrue(bad.getMessage().contains("log_format"), bad.getMessage());
    }
}
