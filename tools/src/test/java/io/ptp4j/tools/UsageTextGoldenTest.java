package io.ptp4j.tools;

import static org.junit.jupiter.api.Assertions.*;

import io.ptp4j.tools.cli.Option;
import io.ptp4j.tools.cli.OptionTable;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every command's "-h" text, rendered from its option table, is the text recorded in
 * testdata/golden/usage/ (recorded before the tables existed, when each command wrote its usage
 * by hand), and the table's short options are the ones the text shows.
 */
class UsageTextGoldenTest {
    static Stream<String> commands() {
        return Stream.of("ptp4l", "phc2sys", "pmc", "ts2phc", "timemaster", "phc_ctl", "hwstamp_ctl");
    }

    @ParameterizedTest
    @MethodSource("commands")
    void helpPrintsTheRecordedText(String command) throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream saved = System.err, savedOut = System.out;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            Main.dispatch(new String[] {command, "-h"});
        } finally {
            System.setErr(saved);
            System.setOut(savedOut);
        }
        GoldenOutputTest.compare(GoldenOutputTest.golden("usage", command + ".txt"), err.toString(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @MethodSource("commands")
    void everyShownShortOptionIsInTheTable(String command) throws Exception {
        String text = java.nio.file.Files.readString(GoldenOutputTest.golden("usage", command + ".txt"));
        OptionTable table = Main.optionTable(command);
        for (String line : text.split("\n")) {
            if (!line.matches(" -[A-Za-z0-9] .*|\\t?\\t? ?-[A-Za-z0-9]")) continue;
            char letter = line.charAt(2);
            assertTrue(table.options().stream().anyMatch(o -> o.kind() == Option.Kind.SHORT && o.letter() == letter),
                    command + ": -" + letter + " is shown but not in the table");
        }
        assertEquals(table.shortSpec().replace(":", "").chars().distinct().count(), table.shortSpec().replace(":", "").length(),
                command + ": a letter twice in " + table.shortSpec());
    }
}
