package io.ptp4j.tools.metrics;

import static org.junit.jupiter.api.Assertions.*;

import io.ptp4j.core.port.PortEvent;
import io.ptp4j.core.port.PortState;
import io.ptp4j.core.servo.ServoState;
import io.ptp4j.core.wire.DecodeException;
import io.ptp4j.testkit.Json;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonEventLogTest {
    @Test
    void everyLineIsOneJsonObject() {
        StringWriter sw = new StringWriter();
        long[] now = {2570_784_000_123L};
        JsonEventLog log = new JsonEventLog(sw, "ptp4l", () -> now[0]);
        log.portStateChanged(1, PortState.LISTENING, PortState.UNCALIBRATED, PortEvent.values()[0]);
        now[0] += 1_000_000_000L;
        log.servoSample(1, -12, ServoState.LOCKED, 345.0, 2300);
        log.peerDelay(1, 800, Double.NaN);
        log.notice(1, "quote \" backslash \\ newline \n tab \t bell \u0007 unicode \u00e9 \u2028");
        log.badPacket(2, new DecodeException("messageLength", 2, "shorter than the header"));
        log.clockStepped(-37_000_000_000L);
        String[] lines = sw.toString().split("\n");
        assertEquals(6, lines.length);
        for (String l : lines) {
            @SuppressWarnings("unchecked")
            Map<String, Object> o = (Map<String, Object>) Json.parse(l);
            assertEquals("ptp4l", o.get("process"));
            assertNotNull(o.get("ts"));
            assertNotNull(o.get("event"));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> first = (Map<String, Object>) Json.parse(lines[0]);
        assertEquals(2570.784000123, (Double) first.get("ts"), 1e-9);
        assertTrue(lines[0].startsWith("{\"ts\":2570.784000123,"), lines[0]);
        assertEquals("UNCALIBRATED", first.get("to"));
        @SuppressWarnings("unchecked")
        Map<String, Object> sample = (Map<String, Object>) Json.parse(lines[1]);
        assertEquals(-12.0, sample.get("offsetNs"));
        assertEquals("s2", sample.get("servoState"));
        assertEquals(2300.0, sample.get("pathDelayNs"));
        @SuppressWarnings("unchecked")
        Map<String, Object> peer = (Map<String, Object>) Json.parse(lines[2]);
        assertTrue(peer.containsKey("neighborRateRatio"));
        assertNull(peer.get("neighborRateRatio"), "NaN becomes null");
        @SuppressWarnings("unchecked")
        Map<String, Object> notice = (Map<String, Object>) Json.parse(lines[3]);
        assertEquals("quote \" backslash \\ newline \n tab \t bell \u0007 unicode \u00e9 \u2028", notice.get("text"));
        assertEquals(-37_000_000_000.0, ((Map<?, ?>) Json.parse(lines[5])).get("deltaNs"));
    }

    @Test
    void pythonAgreesWhenPresent() throws Exception {
        StringWriter sw = new StringWriter();
        JsonEventLog log = new JsonEventLog(sw, "sim", () -> -5);
        log.notice(0, "ctl \u0001\u001f \"x\"");
        log.servoSample(1, Long.MIN_VALUE, null, Double.POSITIVE_INFINITY, 0);
        Process p;
        try {
            p = new ProcessBuilder("python3", "-c",
                    "import json,sys\nfor l in sys.stdin: json.loads(l)\nprint('ok')").redirectErrorStream(true).start();
        } catch (java.io.IOException e) {
            org.junit.jupiter.api.Assumptions.abort("python3 not installed: " + e.getMessage());
            return;
        }
        p.getOutputStream().write(sw.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), out);
        assertEquals("ok", out.trim());
        assertTrue(sw.toString().startsWith("{\"ts\":-0.000000005,"), "negative clock floors: " + sw);
    }
}
