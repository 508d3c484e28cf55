package io.ptp4j.tools.metrics;

import static org.junit.jupiter.api.Assertions.*;

import io.ptp4j.core.port.PortEvent;
import io.ptp4j.core.port.PortState;
import io.ptp4j.core.servo.ServoState;
import io.ptp4j.core.wire.DecodeException;
import io.ptp4j.core.wire.MessageType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class PtpMetricsTest {
    private static final String NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
    private static final String LABEL = "[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\\\n]|\\\\[\\\\\"n])*\"";
    private static final Pattern SAMPLE = Pattern.compile(
            "(" + NAME + ")(\\{(?:" + LABEL + ")(?:," + LABEL + ")*\\})? (-?[0-9]+(?:\\.[0-9]+)?(?:[eE][-+]?[0-9]+)?|NaN|[+-]Inf)");
    private static final Pattern HELP = Pattern.compile("# HELP (" + NAME + ") .*");
    private static final Pattern TYPE = Pattern.compile("# TYPE (" + NAME + ") (gauge|counter|untyped|info|stateset|histogram|summary|unknown)");

    private static PtpMetrics fed() throws Exception {
        PtpMetrics m = new PtpMetrics("ptp4l", 2, 4);
        m.setInterface(1, "eth0");
        m.setInterface(2, "eth\"1\\x");
        m.portStateChanged(1, PortState.LISTENING, PortState.UNCALIBRATED, PortEvent.values()[0]);
        m.portStateChanged(1, PortState.UNCALIBRATED, PortState.SLAVE, PortEvent.values()[0]);
        m.portStateChanged(2, PortState.LISTENING, PortState.MASTER, PortEvent.values()[0]);
        long[] offsets = {30, -40, 10, -20, 5, -12};
        for (long o : offsets) m.servoSample(1, o, ServoState.LOCKED, 345.5, 2300);
        m.clockStepped(-1_500_000);
        m.badPacket(1, new DecodeException("messageLength", 2, "too short"));
        m.badPacket(1, new DecodeException("messageLength", 2, "too short"));
        for (int i = 0; i < 7; i++) m.messageReceived(1, MessageType.SYNC.code);
        m.messageSent(1, MessageType.DELAY_REQ.code);
        m.txTimestampTimeout(1);
        m.setGrandmaster("6e6886.fffe.d36905", 6);
        return m;
    }

    /** Parses exposition text into "name{labels}" -> value, checking the grammar line by line. */
    static Map<String, Double> parseAndValidate(String text, boolean openMetrics) {
        Map<String, Double> values = new HashMap<>();
        Set<String> declared = new HashSet<>();
        Map<String, String> types = new HashMap<>();
        String helpFor = null;
        String[] lines = text.split("\n", -1);
        assertEquals("", lines[lines.length - 1], "exposition ends with a newline");
        for (int n = 0; n < lines.length - 1; n++) {
            String line = lines[n];
            Matcher h = HELP.matcher(line), t = TYPE.matcher(line), s = SAMPLE.matcher(line);
            if (h.matches()) {
                helpFor = h.group(1);
                assertTrue(declared.add(helpFor), "family declared twice: " + line);
            } else if (t.matches()) {
                assertEquals(helpFor, t.group(1), "TYPE follows its HELP at line " + (n + 1));
                types.put(t.group(1), t.group(2));
            } else if (s.matches()) {
                String name = s.group(1);
                String family = openMetrics && name.endsWith("_total") ? name.substring(0, name.length() - 6) : name;
                assertEquals(helpFor, family, "sample belongs to the last declared family, line " + (n + 1) + ": " + line);
                assertNotNull(types.get(family), "TYPE precedes sample " + line);
                if (types.get(family).equals("counter") && !openMetrics) assertTrue(name.endsWith("_total"), line);
                String key = name + (s.group(2) == null ? "" : s.group(2));
                assertNull(values.put(key, Double.parseDouble(s.group(3).replace("Inf", "Infinity"))), "duplicate " + key);
            } else if (line.equals("# EOF")) {
                assertTrue(openMetrics, "# EOF only in OpenMetrics");
                assertEquals(lines.length - 2, n, "# EOF is the last line");
            } else {
                fail("line " + (n + 1) + " matches no rule of the text format: '" + line + "'");
            }
        }
        if (openMetrics) assertTrue(text.endsWith("# EOF\n"), "OpenMetrics ends with # EOF");
        return values;
    }

    @Test
    void gaugesCountersAndSummaryWindow() throws Exception {
        PtpMetrics m = fed();
        assertEquals(-12, m.offsetNanos(1));
        assertEquals(2300, m.pathDelayNanos(1));
        assertEquals(345.5, m.freqPpb(1));
        // first window {30,-40,10,-20} completed: rms = sqrt((900+1600+100+400)/4) = sqrt(750)
        assertEquals(Math.sqrt(750), m.offsetRmsNanos(1), 1e-9);
        assertEquals(40, m.offsetMaxAbsNanos(1));
        assertEquals(1, m.clockSteps());
    }

    @Test
    void textFormatIsValidBothWays() throws Exception {
        PtpMetrics m = fed();
        PtpMetrics phc = new PtpMetrics("phc2sys", 0);
        phc.servoSample(0, 7, ServoState.LOCKED_STABLE, -10, 500);
        for (boolean om : new boolean[] {false, true}) {
            Map<String, Double> v = parseAndValidate(PtpMetrics.expose(List.of(m, phc), om), om);
            assertEquals(-12.0, v.get("ptp4j_offset_ns{process=\"ptp4l\",iface=\"eth0\",port=\"1\"}"));
            assertEquals(7.0, v.get("ptp4j_offset_ns{process=\"phc2sys\",iface=\"\",port=\"0\"}"));
            assertEquals(3.0, v.get("ptp4j_servo_state{process=\"phc2sys\",iface=\"\",port=\"0\"}"));
            assertEquals(6.0, v.get("ptp4j_port_state{process=\"ptp4l\",iface=\"eth\\\"1\\\\x\",port=\"2\"}"), "escaped label");
            assertEquals(2.0, v.get("ptp4j_interface_role{process=\"ptp4l\",iface=\"eth\\\"1\\\\x\",port=\"2\"}"));
        }
    }

    @Test
    void scrapeOverHttpWithContentNegotiation() throws Exception {
        PtpMetrics m = fed();
        try (MetricsServer server = MetricsServer.start("127.0.0.1", 0, m)) {
            HttpClient client = HttpClient.newHttpClient();
            URI uri = URI.create("http://127.0.0.1:" + server.port() + "/metrics");
            HttpResponse<String> prom = client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, prom.statusCode());
            assertEquals(MetricsWriter.PROMETHEUS_CONTENT_TYPE, prom.headers().firstValue("Content-Type").orElseThrow());
            Map<String, Double> v = parseAndValidate(prom.body(), false);
            String p1 = "{process=\"ptp4l\",iface=\"eth0\",port=\"1\"}";
            assertEquals(-12.0, v.get("ptp4j_offset_ns" + p1));
            assertEquals(2300.0, v.get("ptp4j_delay_ns" + p1));
            assertEquals(345.5, v.get("ptp4j_frequency_adjustment_ppb" + p1));
            assertEquals(2.0, v.get("ptp4j_servo_state" + p1));
            assertEquals(9.0, v.get("ptp4j_port_state" + p1));
            assertEquals(1.0, v.get("ptp4j_interface_role" + p1));
            assertEquals(40.0, v.get("ptp4j_max_offset_ns" + p1));
            assertEquals(Math.sqrt(750), v.get("ptp4j_offset_rms_ns" + p1), 1e-9);
            assertEquals(2.0, v.get("ptp4j_bad_packets_total" + p1));
            assertEquals(1.0, v.get("ptp4j_tx_timestamp_timeouts_total" + p1));
            assertEquals(6.0, v.get("ptp4j_servo_samples_total" + p1));
            assertEquals(7.0, v.get("ptp4j_messages_total{process=\"ptp4l\",iface=\"eth0\",port=\"1\",type=\"SYNC\",direction=\"rx\"}"));
            assertEquals(1.0, v.get("ptp4j_messages_total{process=\"ptp4l\",iface=\"eth0\",port=\"1\",type=\"DELAY_REQ\",direction=\"tx\"}"));
            assertEquals(0.0, v.get("ptp4j_messages_total{process=\"ptp4l\",iface=\"eth0\",port=\"1\",type=\"SYNC\",direction=\"tx\"}"));
            assertEquals(1.0, v.get("ptp4j_clock_steps_total{process=\"ptp4l\"}"));
            assertEquals(6.0, v.get("ptp4j_grandmaster_clock_class{process=\"ptp4l\",gm_identity=\"6e6886.fffe.d36905\"}"));

            HttpResponse<String> om = client.send(HttpRequest.newBuilder(uri)
                    .header("Accept", "application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5,*/*;q=0.1").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(MetricsWriter.OPENMETRICS_CONTENT_TYPE, om.headers().firstValue("Content-Type").orElseThrow());
            assertTrue(om.body().contains("# TYPE ptp4j_bad_packets counter\n"), om.body());
            assertEquals(2.0, parseAndValidate(om.body(), true).get("ptp4j_bad_packets_total" + p1));

            m.servoSample(1, 99, ServoState.LOCKED_STABLE, 1.0, 2400);
            Map<String, Double> after = parseAndValidate(
                    client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).body(), false);
            assertEquals(99.0, after.get("ptp4j_offset_ns" + p1), "a scrape sees the newest sample");
            assertEquals(404, client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/nope")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode());
        }
    }

    @Test
    void acceptHeaderNegotiation() {
        assertFalse(MetricsWriter.wantsOpenMetrics(null));
        assertFalse(MetricsWriter.wantsOpenMetrics("text/plain;version=0.0.4"));
        assertTrue(MetricsWriter.wantsOpenMetrics("application/openmetrics-text; version=1.0.0; charset=utf-8"));
        assertFalse(MetricsWriter.wantsOpenMetrics("application/openmetrics-text;q=0,text/plain"));
    }
}
