package io.ptp4j.sim;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * scenarios/leap-second.toml step by step: the grandmaster announces leap61 from its leapfile,
 * UTC clients arm the leap in their clocks and read 23:59:59 twice, their UTC stays true through
 * 23:59:60, and currentUtcOffset goes from 37 to 38. Without kernel_leap the same clients end a
 * second off, which is what the clock's own leap is for.
 */
class LeapSecondInSimTest {
    static final long S = 1_000_000_000L;

    static Path scenario() {
        return ScenarioSuiteTest.scenarios().resolve("leap-second.toml");
    }

    @Test
    void clientsCarryTheLeapAndFollowTheNewOffset() throws Exception {
        List<String> c1lines = new ArrayList<>();
        List<String> all = new ArrayList<>();
        Simulation[] simRef = new Simulation[1];
        ScenarioRun run = new ScenarioRun(Scenario.load(scenario()), n -> new FaultsInSimTest.Log(null) {
            @Override
            void add(String line) {
                if (n.equals("client1")) c1lines.add(line);
                all.add(String.format("%.3f %s: %s", simRef[0] == null ? 0 : (simRef[0].now() - ScenarioRun.START) / 1e9, n, line));
            }
        });
        simRef[0] = run.sim;
        SimNode gm = run.sim.node("gm"), c1 = run.sim.node("client1");
        run.advance(100 * S); // 23:59:40
        assertEquals(37, c1.engine().timeProperties().currentUtcOffset());
        assertTrue((c1.engine().timeProperties().flags() & 0x01) != 0, "leap61 announced");
        assertEquals(37, gm.engine().timeProperties().currentUtcOffset());
        boolean ok = run.runToEnd();
        System.out.println(run.summaryTable());
        assertTrue(ok, run.failures + "\n" + String.join("\n", all));
        assertEquals(38, c1.engine().timeProperties().currentUtcOffset());
        assertEquals(38, gm.engine().timeProperties().currentUtcOffset());
        assertEquals(0, c1.engine().timeProperties().flags() & 0x03, "leap61 cleared after midnight");
        assertTrue(c1lines.contains("updating time properties to insert leap second"), c1lines.toString());
        assertTrue(c1lines.contains("clock set to insert leap second at midnight (UTC)"), c1lines.toString());
        assertTrue(c1lines.contains("clock update suspended due to leap second"), c1lines.toString());
        assertTrue(c1lines.contains("updating UTC offset to 38"), c1lines.toString());
        // the samples right around 23:59:60 (true time 120..121 s into the run) stay within the bound
        for (double[] row : run.samples) {
            if (row[0] >= 119 && row[0] <= 123) assertTrue(Math.abs(row[2]) < 1_000, "client1 at " + row[0] + " s: " + row[2] + " ns");
        }
    }

    @Test
    void withoutKernelLeapAUtcClientEndsASecondOff() throws Exception {
        String text = java.nio.file.Files.readString(scenario()).replace("utcTimescale = true", "utcTimescale = true\nkernel_leap = 0");
        Path copy = java.nio.file.Files.createTempFile(scenario().getParent(), "leap-no-kernel", ".toml.tmp");
        try {
            java.nio.file.Files.writeString(copy, text);
            List<String> all = new ArrayList<>();
            Simulation[] simRef = new Simulation[1];
            ScenarioRun run = new ScenarioRun(Scenario.load(copy), n -> new FaultsInSimTest.Log(null) {
                @Override
                void add(String line) {
                    all.add(String.format("%.3f %s: %s", simRef[0] == null ? 0 : (simRef[0].now() - ScenarioRun.START) / 1e9, n, line));
                }

                @Override
                public void clockStepped(long d) {
                    add("stepped " + d);
                }


            });
            simRef[0] = run.sim;
            run.advance(150 * S);
            double err = run.sim.node("client1").trueErrorNanos();
            if (err < 0.95e9) System.out.println(String.join("\n", all));
            assertTrue(err > 0.95e9, "the PI servo has no leap of its own: 30 s after midnight, slewing at 500 ppm, the clock is still "
                    + "about a second ahead of UTC: " + err + " ns");
        } finally {
            java.nio.file.Files.deleteIfExists(copy);
        }
    }
}
