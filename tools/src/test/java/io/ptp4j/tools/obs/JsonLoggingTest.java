package io.ptp4j.tools.obs;

import static org.junit.jupiter.api.Assertions.*;

import io.ptp4j.core.port.PortEvent;
import io.ptp4j.core.port.PortState;
import io.ptp4j.core.servo.ServoState;
import io.ptp4j.tools.log.Printer;
import io.ptp4j.tools.metrics.JsonEventLog;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonLoggingTest {
    @Test
    void printerLinesAndEngineEventsBecomeOneJsonObjectPerLine() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Printer printer = new Printer("ptp4l", () -> 1_500_000_000L);
        JsonEventLog json = JsonLogging.attach("ptp4l", printer, out);
        printer.print(Printer.LOG_WARNING, "port 1 (eth0): timed out while polling for tx timestamp \"x\"");
        json.portStateChanged(1, PortState.LISTENING, PortState.SLAVE, PortEvent.values()[0]);
        json.servoSample(1, -12, ServoState.LOCKED, 345.0, 2300);
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(3, lines.size(), lines.toString());
        for (String l : lines) {
            assertTrue(l.startsWith("{\"ts\":") && l.endsWith("}"), l);
            assertFalse(l.contains("ptp4l["), "no linuxptp prefix inside JSON: " + l);
        }
        assertTrue(lines.get(0).contains("\"event\":\"log\",\"level\":4,\"text\":\"port 1 (eth0): timed out while polling for tx timestamp \\\"x\\\"\""),
                lines.get(0));
        assertTrue(lines.get(1).contains("\"event\":\"portStateChanged\",\"from\":\"LISTENING\",\"to\":\"SLAVE\""), lines.get(1));
        assertTrue(lines.get(2).contains("\"offsetNs\":-12,\"servoState\":\"s2\",\"freqPpb\":345.0,\"pathDelayNs\":2300"), lines.get(2));
    }

    @Test
    void summaryIntervalFoldsSamplesAsLinuxptpDoes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        JsonEventLog json = new JsonEventLog(new java.io.OutputStreamWriter(bytes, StandardCharsets.UTF_8), "ptp4l", () -> 0L);
        // summary_interval 0 at logSyncInterval -2: one summary per 4 samples (clock.c)
        JsonSummaryLog log = new JsonSummaryLog(json, 0, -2, false, 1);
        assertEquals(4, log.samplesPerSummary());
        long[] offsets = {3, -4, 3, -4, 100};
        for (long o : offsets) log.servoSample(1, o, ServoState.LOCKED, 10 + o, 2000 + o);
        log.portStateChanged(1, PortState.SLAVE, PortState.LISTENING, PortEvent.values()[0]);
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(2, lines.size(), lines.toString());
        assertTrue(lines.get(0).contains("\"event\":\"summary\",\"rmsNs\":3.5,\"maxAbsNs\":4.0,\"freqPpb\":9.5,\"freqStdPpb\":3.5,"
                + "\"pathDelayNs\":1999.5,\"pathDelayStdNs\":3.5,\"samples\":4"), lines.get(0));
        assertTrue(lines.get(1).contains("portStateChanged"));
        // and the plot reads it back as the window's rms
        var r = io.ptp4j.tools.plot.LogParser.parse(lines);
        assertEquals(1, r.samples().size());
        assertEquals("ptp4l rms", r.samples().get(0).series());
        assertEquals(3.5, r.samples().get(0).offsetNanos());
        // free running with freq_est_interval 1 at logSyncInterval -3: linuxptp's shift leaves every sample
        assertEquals(1, new JsonSummaryLog(json, 0, -3, true, 1).samplesPerSummary());
        assertEquals(8, new JsonSummaryLog(json, 0, -3, false, 1).samplesPerSummary());
    }

    @Test
    void prefixIsStrippedOnlyWhenPresent() {
        assertEquals("hello", JsonLogging.message("ptp4l[12.345]: hello").toString());
        assertEquals("no prefix here", JsonLogging.message("no prefix here").toString());
    }
}
