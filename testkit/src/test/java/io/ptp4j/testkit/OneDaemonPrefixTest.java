package io.ptp4j.testkit;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The prefix that keeps a test's daemons from adjusting any clock, and the path to ptp4j's
 * launchers, have one home: {@link Daemons}. A test source that spells out setpriv's options or
 * defines its own {@code bin(String)} again fails here (issue 10: five interop classes had copied
 * them, and later merges brought copies back).
 */
class OneDaemonPrefixTest {
    /** Built from pieces, so that this file does not match itself. */
    static final Pattern COPY = Pattern.compile(String.join("|",
            Pattern.quote("\"--bounding" + "-set\""),
            "static\\s+String\\s+" + "bin\\(String\\s+\\w+\\)",
            "static\\s+String\\[\\]\\s+" + "cmd\\(String\\.\\.\\."));
    static final Path HOME = Path.of("testkit/src/main/java/io/ptp4j/testkit/Daemons.java");

    @Test
    void onlyDaemonsSpellsTheNoClockPrefix() throws Exception {
        Path root = TestData.root();
        List<Path> scanned = SharedReferenceTest.scanned(root);
        assertTrue(scanned.contains(HOME), "Daemons is scanned");
        assertEquals(List.of(), copies(root, scanned), "use Daemons.noClock(...) and Daemons.bin(...)");
    }

    @Test
    void theScanFindsAPlantedCopy(@TempDir Path root) throws Exception {
        Path test = root.resolve("tools/src/test/java/X.java");
        Files.createDirectories(test.getParent());
        Files.writeString(test, "class X {\n  static String " + "bin(String tool) { return tool; }\n"
                + "  String[] p = {\"setpriv\", \"--bounding" + "-set\", \"-sys_time\"};\n}\n");
        Path home = root.resolve(HOME);
        Files.createDirectories(home.getParent());
        Files.writeString(home, "String[] NO_CLOCK = {\"setpriv\", \"--bounding" + "-set\"};\n");
        assertEquals(List.of("tools/src/test/java/X.java:2", "tools/src/test/java/X.java:3"),
                copies(root, SharedReferenceTest.scanned(root)));
    }

    /** "path:line" of every Java line outside {@link #HOME} that copies the prefix or the launcher lookup. */
    static List<String> copies(Path root, List<Path> scanned) throws IOException {
        List<String> found = new ArrayList<>();
        for (Path rel : scanned) {
            if (rel.equals(HOME) || !rel.toString().endsWith(".java")) continue;
            String[] lines = Files.readString(root.resolve(rel), StandardCharsets.UTF_8).split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                if (COPY.matcher(lines[i]).find()) found.add(rel + ":" + (i + 1));
            }
        }
        found.sort(null);
        return found;
    }
}
