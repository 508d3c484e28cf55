package io.ptp4j.tools.sim;

import static org.junit.jupiter.api.Assertions.*;

import io.ptp4j.testkit.Captured;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** sim --json, and sim's metrics and dashboard scraped while it lingers after the run. */
class SimObservabilityTest {
    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void jsonPrintsOneObjectPerLineAndASummary() throws Exception {
        Captured r = SimCommandTest.run(SimCommand::run, SimCommandTest.scenario("hw-single-client.toml").toString(), "--json");
        assertEquals(0, r.rc(), r.err());
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.size() > 100, "servo samples of the client: " + lines.size());
        for (String l : lines) assertTrue(l.startsWith("{") && l.endsWith("}"), "not a JSON object line: " + l);
        assertTrue(lines.stream().anyMatch(l -> l.contains("\"event\":\"servoSample\"") && l.contains("\"process\":\"sim\"")));
        assertTrue(lines.stream().anyMatch(l -> l.contains("\"event\":\"portStateChanged\"") && l.contains("\"to\":\"SLAVE\"")));
        String last = lines.get(lines.size() - 1);
        assertTrue(last.startsWith("{\"event\":\"result\",\"scenario\":\"single client, hardware timestamping\",\"pass\":true,\"failures\":[]"), last);
        assertTrue(last.contains("{\"name\":\"client\",\"state\":\"SLAVE\""), last);
        assertFalse(r.out().contains("PASS"), "no prose in JSON mode");
    }

    @Test
    void metricsAndDashboardServeEveryNodeWhileLingering() throws Exception {
        int mp = freePort(), dp = freePort();
        CompletableFuture<Captured> run = CompletableFuture.supplyAsync(() -> {
            try {
                return SimCommandTest.run(SimCommand::run, SimCommandTest.scenario("hw-single-client.toml").toString(), "--quiet",
                        "--metrics-port", Integer.toString(mp), "--dashboard-port", Integer.toString(dp), "--linger", "4");
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        HttpClient c = HttpClient.newHttpClient();
        String metrics = null, snap = null;
        // the servers answer while the scenario still runs (slower on a busy machine): poll until
        // it has run its course and lingers, the client SLAVE under the gm of class 248
        for (int i = 0; i < 200 && (snap == null || !snap.contains("\"state\":\"SLAVE\"") || !snap.contains("\"gmClockClass\":248")
                || countOrZero(metrics, "ptp4j_messages_total\\{process=\"sim\",iface=\"gm\",port=\"1\",type=\"SYNC\",direction=\"tx\"\\} (\\d+)") <= 500); i++) {
            Thread.sleep(100);
            try {
                metrics = c.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + mp + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
                snap = c.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + dp + "/snapshot")).build(), HttpResponse.BodyHandlers.ofString()).body();
            } catch (java.io.IOException notYet) {
                // the servers are not up yet
            }
        }
        assertNotNull(metrics, "metrics never answered");
        // the client receives the grandmaster's Syncs, the grandmaster sends them: counters per node, type and direction
        assertTrue(count(metrics, "ptp4j_messages_total\\{process=\"sim\",iface=\"client\",port=\"1\",type=\"SYNC\",direction=\"rx\"\\} (\\d+)") > 500, metrics);
        assertTrue(count(metrics, "ptp4j_messages_total\\{process=\"sim\",iface=\"gm\",port=\"1\",type=\"SYNC\",direction=\"tx\"\\} (\\d+)") > 500, metrics);
        assertTrue(count(metrics, "ptp4j_messages_total\\{process=\"sim\",iface=\"client\",port=\"1\",type=\"DELAY_REQ\",direction=\"tx\"\\} (\\d+)") > 50, metrics);
        assertTrue(metrics.contains("ptp4j_port_state{process=\"sim\",iface=\"client\",port=\"1\"} 9"), metrics);
        assertTrue(metrics.contains("ptp4j_grandmaster_clock_class{process=\"sim\",gm_identity=\"000000.fffe.000001\"} 248"), metrics);
        assertTrue(count(metrics, "ptp4j_clock_steps_total\\{process=\"sim\"\\} (\\d+)") >= 0);
        assertTrue(snap.startsWith("{\"title\":\"sim single client, hardware timestamping: client\""), snap);
        assertTrue(snap.contains("\"gm\":\"000000.fffe.000001\""), snap);
        Matcher seq = Pattern.compile("\"seq\":(\\d+)").matcher(snap);
        assertTrue(seq.find() && Long.parseLong(seq.group(1)) > 500, snap.substring(0, 200));
        assertEquals(0, run.get().rc(), run.get().err());
        assertTrue(run.get().err().contains("sim: dashboard at http://127.0.0.1:" + dp + "/"), run.get().err());
    }

    @Test
    void badPortIsAClearError() {
        var e = assertThrows(IllegalArgumentException.class, () -> SimCommandTest.run(SimCommand::run, "x.toml", "--metrics-port", "http"));
        assertEquals("--metrics-port: 'http' is not a port number (0..65535)", e.getMessage());
    }

    private static long countOrZero(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text == null ? "" : text);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    private static long count(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertTrue(m.find(), "no match for " + regex);
        return Long.parseLong(m.group(1));
    }
}
