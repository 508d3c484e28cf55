package io.ptp4j.tools.sim;

import static org.junit.jupiter.api.Assertions.*;

import io.ptp4j.testkit.TestData;
import io.ptp4j.testkit.Captured;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimCommandTest {
    interface Cmd {
        int run(String[] a, PrintStream o, PrintStream e) throws Exception;
    }

    static Captured run(Cmd c, String... args) throws Exception {
        return Captured.call((o, e) -> c.run(args, o, e));
    }

    static Path scenario(String name) {
        return TestData.root().resolve("scenarios").resolve(name);
    }

    static final Pattern SAMPLE = Pattern.compile("^ptp4l\\[\\d+\\.\\d{3}\\]: rms +\\d+ max +\\d+ freq [+-]\\d+ \\+/- +\\d+ delay +\\d+ \\+/- +\\d+$", Pattern.MULTILINE);

    @Test
    void demoConvergesAndPrintsPtp4lLines() throws Exception {
        Captured r = run(DemoCommand::run, "--speed", "0", "--duration", "60");
        assertEquals(0, r.rc(), r.err());
        assertTrue(r.out().contains("ptp4l[1000.000]: port 1 (hw-client): INITIALIZING to LISTENING on INIT_COMPLETE"), r.out());
        assertTrue(r.out().contains("port 1 (hw-client): UNCALIBRATED to SLAVE on MASTER_CLOCK_SELECTED"));
        assertTrue(SAMPLE.matcher(r.out()).find(), "linuxptp's summary lines");
        assertTrue(r.out().contains("---- t= 60s"));
        assertTrue(Pattern.compile("^hw-client +SLAVE ", Pattern.MULTILINE).matcher(r.out()).find(), r.out());
    }

    @Test
    void simRunsAScenarioWritesCsvAndSvg(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("e.csv"), svg = dir.resolve("e.svg");
        Captured r = run(SimCommand::run, scenario("hw-single-client.toml").toString(), "--csv", csv.toString(), "--svg", svg.toString());
        assertEquals(0, r.rc(), r.out() + r.err());
        assertTrue(r.out().contains("PASS"));
        assertTrue(r.out().contains("port 1 (client): UNCALIBRATED to SLAVE on MASTER_CLOCK_SELECTED"), r.out());
        var lines = Files.readAllLines(csv);
        assertEquals("time_s,gm_error_ns,client_error_ns", lines.get(0));
        assertEquals(1 + 120 * 8 + 1, lines.size(), "a sample every 125 ms from 0 s to 120 s inclusive, plus the header");
        String s = Files.readString(svg);
        assertTrue(s.startsWith("<svg") && s.contains("<polyline") && s.trim().endsWith("</svg>"));
        javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(svg.toFile());
    }

    @Test
    void failingCriteriaExitOne(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("strict.toml");
        Files.writeString(f, Files.readString(scenario("hw-single-client.toml")).replace("max_abs_error = \"100ns\"", "max_abs_error = \"1ns\""));
        Captured r = run(SimCommand::run, f.toString(), "--quiet");
        assertEquals(1, r.rc());
        assertTrue(r.out().contains("FAIL client: max |error|"), r.out());
    }

    @Test
    void badInputIsNamed(@TempDir Path dir) throws Exception {
        assertEquals(2, run(SimCommand::run).rc());
        Captured missing = run(SimCommand::run, dir.resolve("nope.toml").toString());
        assertTrue(missing.err().contains("no such file"));
        Path bad = dir.resolve("bad.toml");
        Files.writeString(bad, "[[node]]\nname = \"a\"\nfreq = \"fast\"\n");
        Captured r = run(SimCommand::run, bad.toString());
        assertEquals(2, r.rc());
        assertTrue(r.err().contains("bad.toml:3: freq"), r.err());
        assertEquals(2, run(DemoCommand::run, "--colour").rc());
    }
}
