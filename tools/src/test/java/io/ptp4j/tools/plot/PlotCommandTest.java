package io.ptp4j.tools.plot;

import static org.junit.jupiter.api.Assertions.*;

import io.ptp4j.testkit.TestData;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class PlotCommandTest {
    static Document parseSvg(String svg) throws Exception {
        var f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new java.io.ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    /** Sum of data-points over the series drawn in the first (offset) panel. */
    static int offsetPoints(Document d) {
        NodeList panels = d.getElementsByTagName("g");
        Element offset = (Element) panels.item(0);
        int n = 0;
        for (String tag : List.of("polyline", "circle")) {
            NodeList l = offset.getElementsByTagName(tag);
            for (int i = 0; i < l.getLength(); i++) n += Integer.parseInt(((Element) l.item(i)).getAttribute("data-points"));
        }
        return n;
    }

    @Test
    void linuxptpVectorLogs() throws Exception {
        // expected (servo points, state changes) per log: the vectors are short; only the unicast slave has an offset line
        record Want(String log, int points, int markers) {}
        for (Want w : List.of(new Want("unicast-udp4.slave.log", 1, 3), new Want("udp4-e2e.slave.log", 0, 3),
                new Want("gptp.slave.log", 0, 4), new Want("l2-p2p.master.log", 0, 3))) {
            List<String> lines = Files.readAllLines(TestData.linuxptp311(w.log()));
            LogParser.Result r = LogParser.parse(lines);
            assertEquals(w.points(), r.samples().size(), w.log());
            assertEquals(w.markers(), r.markers().size(), w.log());
            Document d = parseSvg(SvgPlot.render(w.log(), r));
            assertEquals("svg", d.getDocumentElement().getLocalName());
            assertEquals(w.points(), offsetPoints(d), w.log());
            assertEquals(3 * w.markers(), d.getElementsByTagName("line").getLength()
                    - countGridAndLegend(d), w.log() + ": one marker line per state change in each panel");
        }
        LogParser.Result u = LogParser.parse(Files.readAllLines(TestData.linuxptp311("unicast-udp4.slave.log")));
        LogParser.Sample s = u.samples().get(0);
        assertEquals(2643.588, s.timeSeconds(), 1e-9);
        assertEquals(-802, s.offsetNanos());
        assertEquals(-85, s.freqPpb());
        assertEquals(2224, s.delayNanos());
        assertEquals("port 1 UNCALIBRATED", u.markers().get(u.markers().size() - 1).text());
        assertEquals("port 0 LISTENING", u.markers().get(1).text());
    }

    private static int countGridAndLegend(Document d) {
        int n = 0;
        NodeList l = d.getElementsByTagName("line");
        for (int i = 0; i < l.getLength(); i++) if (!"marker".equals(((Element) l.item(i)).getAttribute("class"))) n++;
        return n;
    }

    @Test
    void phc2sysSyslogSummaryAndJsonForms() throws Exception {
        List<String> lines = List.of(
                "phc2sys[100.250]: CLOCK_REALTIME phc offset       -12 s2 freq    +345 delay    2300",
                "phc2sys[101.250]: CLOCK_REALTIME phc offset         8 s2 freq    +340 delay    2310",
                "Nov 26 08:00:01 host ptp4l: [102.000] master offset         -5 s2 freq     -80 path delay      2224",
                "Nov 26 08:00:02 host ptp4l[77]: [103.000] port 1 (eth0): UNCALIBRATED to SLAVE on MASTER_CLOCK_SELECTED",
                "ptp4l[104.000]: rms   12 max   30 freq    -81 +/-   4 delay  2230 +/-   2",
                "{\"ts\":105.000000000,\"process\":\"ptp4l\",\"port\":1,\"event\":\"servoSample\",\"offsetNs\":-3,\"servoState\":\"s2\",\"freqPpb\":-79.5,\"pathDelayNs\":2231}",
                "{\"ts\":106.000000000,\"process\":\"ptp4l\",\"port\":1,\"event\":\"portStateChanged\",\"from\":\"SLAVE\",\"to\":\"LISTENING\",\"reason\":\"ANNOUNCE_RECEIPT_TIMEOUT_EXPIRES\"}",
                "some unrelated line");
        LogParser.Result r = LogParser.parse(lines);
        assertEquals(5, r.samples().size());
        assertEquals(2, r.markers().size());
        assertEquals(1, r.skipped());
        assertEquals("phc2sys CLOCK_REALTIME", r.samples().get(0).series());
        assertEquals(8, r.samples().get(1).offsetNanos());
        assertEquals("ptp4l", r.samples().get(2).series());
        assertEquals(102.0, r.samples().get(2).timeSeconds());
        assertEquals("ptp4l rms", r.samples().get(3).series());
        assertEquals(12, r.samples().get(3).offsetNanos());
        assertEquals(-79.5, r.samples().get(4).freqPpb());
        assertEquals("port 1 (eth0) SLAVE", r.markers().get(0).text());
        assertEquals("port 1 LISTENING", r.markers().get(1).text());
        Document d = parseSvg(SvgPlot.render("mixed <&> \"title\"", r));
        assertEquals(5, offsetPoints(d));
    }

    /** The simulator prints ptp4l's lines: plot them; the SVG is the example in docs/operations.md. */
    @Test
    void plotsTheSimulatorsPtp4lLinesForTheDocs() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int rc = io.ptp4j.tools.sim.SimCommand.run(new String[] {TestData.root().resolve("scenarios/hw-single-client.toml").toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()));
        assertEquals(0, rc);
        LogParser.Result r = LogParser.parse(out.toString(StandardCharsets.UTF_8).lines().toList());
        // 120 simulated seconds, one linuxptp summary line per second once locked, plus the start-up state changes
        assertTrue(r.samples().size() > 100, "points: " + r.samples().size());
        assertTrue(r.markers().size() >= 3, "state changes: " + r.markers().size());
        String svg = SvgPlot.render("ptp4j sim scenarios/hw-single-client.toml: the client's ptp4l lines", r);
        assertEquals(r.samples().size(), offsetPoints(parseSvg(svg)));
        Path img = TestData.root().resolve("docs/img/plot-sim.svg");
        Files.createDirectories(img.getParent());
        Files.writeString(img, svg);
    }

    @Test
    void commandWritesTheSvgAndSaysHowManyPoints(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("s.log");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 40; i++) sb.append(String.format("ptp4l[%d.125]: master offset %9d s2 freq %+7d path delay %9d%n", 100 + i, (i % 7) - 3, -80 + i % 3, 2200 + i));
        Files.writeString(log, sb.toString());
        Path svg = dir.resolve("o.svg");
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int rc = PlotCommand.run(new String[] {log.toString(), "-o", svg.toString()}, new PrintStream(out), new PrintStream(err));
        assertEquals(0, rc, err.toString());
        assertTrue(err.toString().contains("plot: 40 points, 0 state changes from 40 lines"), err.toString());
        Document d = parseSvg(Files.readString(svg));
        assertEquals(40, offsetPoints(d));
        // bad input: clear errors
        assertEquals(2, PlotCommand.run(new String[] {dir.resolve("missing.log").toString()}, new PrintStream(out), new PrintStream(err)));
        assertTrue(err.toString().contains("missing.log: no such file"));
        assertEquals(2, PlotCommand.run(new String[] {"--bogus"}, new PrintStream(out), new PrintStream(err)));
        Path empty = Files.writeString(dir.resolve("e.log"), "nothing here\n");
        assertEquals(1, PlotCommand.run(new String[] {empty.toString(), "-o", dir.resolve("e.svg").toString()}, new PrintStream(out), new PrintStream(err)));
    }
}
