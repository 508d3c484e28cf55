package io.ptp4j.tools;

import static org.junit.jupiter.api.Assertions.*;

import io.ptp4j.core.clock.ManagementAgent;
import io.ptp4j.core.clock.PortDescription;
import io.ptp4j.core.clock.PtpClock;
import io.ptp4j.core.management.ManagementRequest;
import io.ptp4j.sim.Scenario;
import io.ptp4j.sim.ScenarioRun;
import io.ptp4j.sim.SimNode;
import io.ptp4j.tools.decode.DecodeCommand;
import io.ptp4j.tools.log.LinuxptpLogListener;
import io.ptp4j.tools.log.Printer;
import io.ptp4j.tools.pmc.PmcCommands;
import io.ptp4j.tools.pmc.PmcDialect;
import io.ptp4j.tools.pmc.PmcPrinter;
import io.ptp4j.tools.pmc.PmcResponse;
import io.ptp4j.testkit.TestData;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Outputs that a refactoring must leave unchanged to the byte, recorded in {@code testdata/golden/}:
 * every shipped scenario's TRUE-error CSV and every node's ptp4l lines (fixed seeds), the decode of
 * every recorded linuxptp capture, and pmc's text for a fixed management exchange with a simulated
 * client. A deliberate change of behaviour regenerates them in a commit of its own that says why:
 * {@code mvn test -pl tools -Dtest=GoldenOutputTest -Dptp4j.golden.update=true}.
 */
class GoldenOutputTest {
    static final boolean UPDATE = Boolean.getBoolean("ptp4j.golden.update");

    static Path root() {
        return TestData.root();
    }

    static Path golden(String kind, String name) {
        return root().resolve("testdata/golden").resolve(kind).resolve(name);
    }

    static void compare(Path expected, String actual) throws Exception {
        if (UPDATE) {
            Files.createDirectories(expected.getParent());
            Files.writeString(expected, actual);
            return;
        }
        assertTrue(Files.exists(expected), expected + " is missing; record it with -Dptp4j.golden.update=true");
        String want = Files.readString(expected);
        if (!want.equals(actual)) {
            String[] a = want.split("\n", -1), b = actual.split("\n", -1);
            int i = 0;
            while (i < Math.min(a.length, b.length) && a[i].equals(b[i])) i++;
            fail(expected.getFileName() + " differs first at line " + (i + 1) + ":\n  expected: "
                    + (i < a.length ? a[i] : "<end>") + "\n  actual:   " + (i < b.length ? b[i] : "<end>"));
        }
    }

    static Stream<String> scenarios() throws Exception {
        try (Stream<Path> s = Files.list(root().resolve("scenarios"))) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".toml")).sorted().toList().stream();
        }
    }

    /** A listener per node printing linuxptp's lines, each prefixed with the node's name. */
    static LinuxptpLogListener lines(String node, ScenarioRun[] run, StringBuilder out) {
        Printer printer = new Printer("ptp4l", () -> run[0] == null ? ScenarioRun.START : run[0].sim.now())
                .verbose((level, line) -> out.append(node).append(' ').append(line).append('\n'));
        String[] ports = new String[8];
        for (int i = 0; i < ports.length; i++) ports[i] = i == 0 ? node : node + "." + (i + 1);
        return new LinuxptpLogListener(printer, ports, 0, -3);
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void scenarioCsvAndLinesAreUnchanged(String file) throws Exception {
        Scenario scenario = Scenario.load(root().resolve("scenarios").resolve(file));
        StringBuilder log = new StringBuilder();
        ScenarioRun[] run = new ScenarioRun[1];
        run[0] = new ScenarioRun(scenario, name -> lines(name, run, log));
        run[0].runToEnd();
        Path csv = Files.createTempFile("golden", ".csv");
        try {
            run[0].writeCsv(csv);
            String base = file.substring(0, file.length() - ".toml".length());
            compare(golden("scenarios", base + ".csv"), Files.readString(csv));
            compare(golden("scenarios", base + ".log"), log.toString());
        } finally {
            Files.deleteIfExists(csv);
        }
    }

    static Stream<String> captures() throws Exception {
        try (Stream<Path> s = Files.list(vectors())) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".pcapng")).sorted().toList().stream();
        }
    }

    static Path vectors() {
        return TestData.linuxptp311();
    }

    @ParameterizedTest
    @MethodSource("captures")
    void decodeOfEveryCaptureIsUnchanged(String file) throws Exception {
        for (String mode : new String[] {"json", "text"}) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
            String[] args = mode.equals("json") ? new String[] {vectors().resolve(file).toString(), "--json"}
                    : new String[] {vectors().resolve(file).toString()};
            int rc = DecodeCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
            String base = file.substring(0, file.length() - ".pcapng".length());
            compare(golden("decode", base + "." + mode), "exit " + rc + "\n" + out.toString(StandardCharsets.UTF_8)
                    + err.toString(StandardCharsets.UTF_8));
        }
    }

    /**
     * The client of hw-single-client after 60 simulated seconds, asked every id pmc knows (GET),
     * then a few SETs and GETs again; pmc's text of every answer.
     */
    @Test
    void pmcTextOfAFixedExchangeIsUnchanged() throws Exception {
        Scenario scenario = Scenario.load(root().resolve("scenarios/hw-single-client.toml"));
        ScenarioRun run = new ScenarioRun(scenario, name -> null);
        run.advance(60_000_000_000L);
        SimNode client = run.nodes().stream().filter(n -> n.name().equals("client")).findFirst().orElseThrow();
        PtpClock clock = client.engine();
        ManagementAgent agent = new ManagementAgent(clock).describePorts(PortDescription.unknown("client"))
                .describeClock(new byte[] {0, 0, 0}, "ptp4j;golden;0", "0;0;0", "golden test");
        StringBuilder text = new StringBuilder();
        for (PmcDialect dialect : PmcDialect.values()) {
            ManagementRequest rq = new ManagementRequest();
            rq.sourceClockIdentity = 0x1122_33ff_fe44_5566L;
            rq.sourcePortNumber = 4242;
            rq.boundaryHops = 0;
            PmcPrinter printer = new PmcPrinter(dialect);
            PmcCommands commands = new PmcCommands(dialect, dialect == PmcDialect.LINUXPTP_4);
            ByteBuffer buf = ByteBuffer.allocate(1500);
            int[] seq = {0};
            List<String> lines = new ArrayList<>();
            PmcCommands.Session session = new PmcCommands.Session() {
                @Override
                public void stdout(String s) {
                    lines.add("stdout: " + s);
                }

                @Override
                public void stderr(String s) {
                    lines.add("stderr: " + s);
                }

                @Override
                public void send(int action, int managementId, byte[] data) {
                    int n = rq.encode(buf, seq[0]++, action, managementId, data);
                    try {
                        agent.handle(buf, 0, n, true, null, run.sim.now(), (b, len) -> {
                            try {
                                PmcResponse r = printer.show(b, 0, len);
                                lines.add(r == null ? "(nothing shown)" : r.text());
                            } catch (Exception e) {
                                lines.add("bad reply: " + e.getMessage());
                            }
                        });
                    } catch (Exception e) {
                        lines.add("not handled: " + e.getMessage());
                    }
                }

                @Override
                public void target(long clockIdentity, int portNumber) {
                    rq.targetClockIdentity = clockIdentity;
                    rq.targetPortNumber = portNumber;
                }
            };
            text.append("== ").append(dialect).append('\n');
            List<String> commandsToRun = new ArrayList<>();
            for (String line : commands.help().split("\n")) {
                String name = line.trim();
                if (!name.startsWith("[action] ")) continue;
                name = name.substring("[action] ".length());
                if (!name.isEmpty() && name.chars().allMatch(c -> Character.isUpperCase(c) || Character.isDigit(c) || c == '_')) {
                    commandsToRun.add("GET " + name);
                }
            }
            commandsToRun.add("SET PRIORITY1 77");
            commandsToRun.add("SET GRANDMASTER_SETTINGS_NP clockClass 6 clockAccuracy 0x21 offsetScaledLogVariance 0x4e5d "
                    + "currentUtcOffset 37 leap61 0 leap59 0 currentUtcOffsetValid 1 ptpTimescale 1 timeTraceable 1 "
                    + "frequencyTraceable 1 timeSource 0x20");
            commandsToRun.add("GET PRIORITY1");
            commandsToRun.add("GET GRANDMASTER_SETTINGS_NP");
            commandsToRun.add("TARGET *");
            commandsToRun.add("GET NONSENSE");
            for (String c : commandsToRun) {
                lines.clear();
                commands.execute(c, session);
                text.append("> ").append(c).append('\n');
                for (String l : lines) text.append(l).append('\n');
            }
            // the SETs changed the clock; the next dialect starts from what this one left
        }
        compare(golden("pmc", "hw-single-client.txt"), text.toString());
    }
}
