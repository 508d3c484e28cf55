package io.ptp4j.testkit;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tests and the build look at nothing outside the repository, except {@link LinuxptpPeer} for the
 * optional linuxptp 4.4 peer: no test source (every src/test tree and the testkit), pom.xml,
 * scripts/ or .ci/ file names the directory beside the repository, the vectors' old home there or
 * the property that pointed at it.
 */
class SharedReferenceTest {
    /** Built from pieces, so that this file does not match itself. */
    static final Pattern OUTSIDE = Pattern.compile(String.join("|",
            Pattern.quote("..") + "/+" + "shared",                // up and into it, however many levels
            "\"\\.\\.\"\\s*,\\s*\"" + "shared\"",                 // the same as Path.of arguments
            Pattern.quote("/work/" + "shared"),
            Pattern.quote("linuxptp" + "-vectors"),
            Pattern.quote("ptp4j." + "shared")));
    /** The one file allowed to name the build script beside the repository. */
    static final Path ALLOWED = Path.of("testkit/src/main/java/io/ptp4j/testkit/LinuxptpPeer.java");

    @Test
    void onlyLinuxptpPeerLooksOutsideTheRepository() throws Exception {
        Path root = TestData.root();
        List<Path> scanned = scanned(root);
        assertTrue(scanned.size() > 100, "scanned only " + scanned.size() + " files under " + root);
        assertTrue(scanned.contains(ALLOWED), "LinuxptpPeer is scanned");
        assertEquals(List.of(), offenders(root), "test code and build files must find data through TestData and linuxptp 4.4 through LinuxptpPeer");
    }

    @Test
    void theScanFindsAPlantedReference(@TempDir Path root) throws Exception {
        Path test = root.resolve("tools/src/test/java/X.java");
        Files.createDirectories(test.getParent());
        Files.writeString(test, "class X { java.nio.file.Path p = java.nio.file.Path.of(\"..\", \"shared\"); }\n");
        Path peer = root.resolve(ALLOWED);
        Files.createDirectories(peer.getParent());
        Files.writeString(peer, "String s = \"" + ".." + "/shared/peers/build-linuxptp\";\n");
        Files.writeString(root.resolve("pom.xml"), "<p>${maven.multiModuleProjectDirectory}/" + ".." + "/shared</p>\n");
        Path main = root.resolve("tools/src/main/java/Y.java");
        Files.createDirectories(main.getParent());
        Files.writeString(main, "// " + ".." + "/shared is not a test source\n");
        assertEquals(List.of("pom.xml:1", "tools/src/test/java/X.java:1"), offenders(root));
    }

    /** "path:line" of every match outside {@link #ALLOWED}. */
    static List<String> offenders(Path root) throws IOException {
        List<String> found = new ArrayList<>();
        for (Path rel : scanned(root)) {
            if (rel.equals(ALLOWED)) continue;
            byte[] bytes = Files.readAllBytes(root.resolve(rel));
            if (new String(bytes, 0, Math.min(bytes.length, 8000), StandardCharsets.ISO_8859_1).indexOf('\0') >= 0) continue; // binary
            String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                Matcher m = OUTSIDE.matcher(lines[i]);
                if (m.find()) found.add(rel + ":" + (i + 1));
            }
        }
        found.sort(null);
        return found;
    }

    /** Test sources, the testkit, pom files, scripts/ and .ci/, relative to {@code root}; never target/ or .git/. */
    static List<Path> scanned(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).map(root::relativize)
                    .filter(p -> !p.toString().contains("target/") && !p.startsWith(".git"))
                    .filter(p -> p.toString().contains("src/test/") || p.startsWith("testkit") || p.startsWith("scripts") || p.startsWith(".ci")
                            || p.getFileName().toString().equals("pom.xml"))
                    .sorted().toList();
        }
    }
}
