package io.ptp4j.tools;

import static org.junit.jupiter.api.Assertions.*;

import io.ptp4j.tools.cli.Option;
import io.ptp4j.tools.cli.OptionTable;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * ptp4j's own subcommands parse their arguments by hand; their option tables (what -h, the man
 * pages and the completion show) must name only options those parsers accept, and -h must print
 * the table. Each option of the table is given, followed by -h: a parser that does not know the
 * option refuses it (exit 2 or 4) before it reaches -h.
 */
class SubcommandTablesTest {
    static Stream<String> subcommands() {
        return Stream.of("sim", "demo", "decode", "doctor", "plot", "ts-info", "config-keys", "clockbound");
    }

    @ParameterizedTest
    @MethodSource("subcommands")
    void everyOptionOfTheTableIsAccepted(String name) throws Exception {
        OptionTable t = Main.optionTable(name);
        assertNotNull(t, name + " has no option table");
        for (Option o : t.options()) {
            if (o.kind() == Option.Kind.OPERAND || name.equals("ts-info")) continue;
            List<String> args = new ArrayList<>();
            args.add(name);
            args.add(o.kind() == Option.Kind.SHORT ? "-" + o.name() : "--" + o.name());
            if (o.takesArg()) args.add("1");
            args.add("-h");
            Run r = run(args.toArray(String[]::new));
            assertEquals(0, r.rc, name + " refuses " + o.label() + ": " + r.err);
            assertEquals(t.usage("ptp4j " + name), r.out, name + " -h prints its table");
        }
    }

    @ParameterizedTest
    @MethodSource("subcommands")
    void anOptionNotInTheTableIsRefused(String name) throws Exception {
        Run r = run(new String[] {name, "--no-such-option", "-h"});
        assertNotEquals(0, r.rc, name);
        assertTrue(r.err.contains("usage: ptp4j " + name) || r.err.contains("--no-such-option"), r.err);
    }

    record Run(int rc, String out, String err) {}

    static Run run(String[] argv) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        PrintStream so = System.out, se = System.err;
        int rc;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            rc = Main.dispatch(argv);
        } finally {
            System.setOut(so);
            System.setErr(se);
        }
        return new Run(rc, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
