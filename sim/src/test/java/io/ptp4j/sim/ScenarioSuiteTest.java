package io.ptp4j.sim;

import static org.junit.jupiter.api.Assertions.*;

import io.ptp4j.testkit.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every shipped scenario passes its own criteria, judged on the simulator's TRUE time error. */
class ScenarioSuiteTest {
    static Path scenarios() {
        return TestData.root().resolve("scenarios");
    }

    static Stream<Path> files() throws Exception {
        try (Stream<Path> s = Files.list(scenarios())) {
            List<Path> l = s.filter(f -> f.toString().endsWith(".toml")).sorted().toList();
            assertTrue(l.size() >= 9, "scenarios/ holds " + l.size() + " files");
            return l.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("files")
    void scenarioPasses(Path file) throws Exception {
        ScenarioRun run = new ScenarioRun(Scenario.load(file), n -> null);
        boolean ok = run.runToEnd();
        System.out.println("== " + run.scenario.name + " (" + file.getFileName() + ")\n" + run.summaryTable()
                + (run.scenario.faultLog.isEmpty() ? "" : "faults: " + run.scenario.faultLog + "\n"));
        assertTrue(ok, file.getFileName() + ": " + run.failures);
    }

    @Test
    void badScenarioFilesNameTheLine() {
        Toml.ParseException e = assertThrows(Toml.ParseException.class, () -> Scenario.parse("x.toml", "name = \"a\"\nduration 5\n"));
        assertEquals("x.toml:2: expected 'key = value', got 'duration 5'", e.getMessage());
        Exception e2 = assertThrows(Toml.ParseException.class, () -> new ScenarioRun(Scenario.parse("y.toml",
                "[[node]]\nname = \"a\"\npriorty1 = 3\n"), n -> null));
        assertEquals("y.toml:3: unknown key 'priorty1'", e2.getMessage());
        Exception e3 = assertThrows(Toml.ParseException.class, () -> new ScenarioRun(Scenario.parse("z.toml",
                "[[node]]\nname = \"a\"\n[[link]]\na = \"a:1\"\nb = \"nobody:1\"\n"), n -> null));
        assertEquals("z.toml:3: link end 'nobody:1' names no node or switch", e3.getMessage());
        Exception e4 = assertThrows(Toml.ParseException.class, () -> new ScenarioRun(Scenario.parse("w.toml",
                "[[node]]\nname = \"a\"\noffset = \"3 parsecs\"\n"), n -> null));
        assertTrue(e4.getMessage().startsWith("w.toml:3: offset"), e4.getMessage());
    }

    @Test
    void sameSeedSameRun() throws Exception {
        Path f = scenarios().resolve("hw-single-client.toml");
        ScenarioRun a = new ScenarioRun(Scenario.load(f), n -> null);
        ScenarioRun b = new ScenarioRun(Scenario.load(f), n -> null);
        a.advance(30_000_000_000L);
        b.advance(30_000_000_000L);
        assertEquals(a.samples.size(), b.samples.size());
        for (int i = 0; i < a.samples.size(); i++) assertArrayEquals(a.samples.get(i), b.samples.get(i));
    }
}
