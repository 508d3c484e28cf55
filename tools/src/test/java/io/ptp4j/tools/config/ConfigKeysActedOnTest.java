package io.ptp4j.tools.config;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * "No key silently ignored, checked by behaviour": every linuxptp key is either acted on, and then
 * config-keys-tested.txt names the test that fails without it, or listed in
 * {@link ConfigKeys#NOT_YET_ACTED_ON} (ptp4l warns when such a key is set), never both. Each named
 * test must exist (a {@code @Test} or {@code @ParameterizedTest} method of that name in that class's
 * source). In CI ({@code CI=true}, a clean build in which core, sim and linux ran their tests
 * before tools) each named test of those modules must also appear in its surefire report, run and
 * passed; tools' own tests run in this very JVM, and a developer's reports may be stale, so
 * elsewhere only what is at hand is reported.
 */
class ConfigKeysActedOnTest {
    static final String REGISTRY = "/config-keys-tested.txt";
    static final List<String> MODULES = List.of("core", "sim", "linux", "tools", "bench", "testkit");

    /** The registry: key -> its tests ("io.ptp4j.sim.FaultsInSimTest#method"). */
    static Map<String, List<String>> registry() throws IOException {
        Map<String, List<String>> r = new LinkedHashMap<>();
        try (InputStream in = ConfigKeysActedOnTest.class.getResourceAsStream(REGISTRY)) {
            assertNotNull(in, REGISTRY + " is missing");
            int n = 0;
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                n++;
                String l = line.strip();
                if (l.isEmpty() || l.startsWith("#")) continue;
                String[] f = l.split("\\s+");
                assertTrue(f.length >= 2, REGISTRY + ":" + n + ": a key and at least one test");
                assertNull(r.put(f[0], List.of(f).subList(1, f.length)), REGISTRY + ":" + n + ": " + f[0] + " twice");
                for (String t : r.get(f[0])) assertTrue(t.matches("[\\w.]+#\\w+"), REGISTRY + ":" + n + ": '" + t + "' is not Class#method");
            }
        }
        return r;
    }

    static Path root() {
        String root = System.getProperty("ptp4j.root");
        return (root != null ? Path.of(root) : Path.of("..")).toAbsolutePath().normalize();
    }

    @Test
    void everyKeyIsActedOnWithATestOrWarnedAbout() throws IOException {
        Map<String, List<String>> r = registry();
        List<String> untested = new ArrayList<>(), both = new ArrayList<>(), unknown = new ArrayList<>();
        for (ConfigKey k : ConfigKeys.all()) {
            String name = k.name();
            if (ConfigKeys.DEPRECATED.containsKey(name)) continue; // read under its new name
            boolean warned = ConfigKeys.NOT_YET_ACTED_ON.contains(name);
            if (!warned && !r.containsKey(name)) untested.add(name);
            // ts2phc reads its own keys; ptp4l warns about them (linuxptp's ptp4l ignores them too)
            if (warned && r.containsKey(name) && !name.startsWith("ts2phc.")) both.add(name);
        }
        for (String name : r.keySet()) if (ConfigKeys.find(name) == null) unknown.add(name);
        assertEquals(List.of(), untested, "keys acted on without a test in " + REGISTRY + " (or not acted on: list them in NOT_YET_ACTED_ON)");
        assertEquals(List.of(), both, "keys with a test that ptp4l still warns about as not acted on");
        assertEquals(List.of(), unknown, "keys in " + REGISTRY + " that are no config keys");
    }

    @Test
    void everyNamedTestExists() throws IOException {
        List<String> missing = new ArrayList<>();
        for (var e : registry().entrySet()) {
            for (String t : e.getValue()) {
                if (source(t) == null) missing.add(e.getKey() + ": " + t);
            }
        }
        assertEquals(List.of(), missing, "named tests that do not exist");
    }

    /** The source of test {@code Class#method}, or null when no module has such a test method. */
    static Path source(String test) throws IOException {
        String cls = test.substring(0, test.indexOf('#')), method = test.substring(test.indexOf('#') + 1);
        Pattern p = Pattern.compile("@(Test|ParameterizedTest)\\b[^\\n]*\\n(\\s*@[^\\n]*\\n)*\\s*(public\\s+)?void\\s+" + method + "\\s*\\(");
        for (String m : MODULES) {
            Path f = root().resolve(m).resolve("src/test/java").resolve(cls.replace('.', '/') + ".java");
            if (Files.isRegularFile(f) && p.matcher(Files.readString(f)).find()) return f;
        }
        return null;
    }

    @Test
    void everyNamedTestThatRanPassed() throws IOException {
        boolean ci = "true".equals(System.getenv("CI"));
        List<String> problems = new ArrayList<>(), notes = new ArrayList<>();
        for (var e : registry().entrySet()) {
            for (String t : e.getValue()) {
                Path src = source(t);
                if (src == null) continue; // everyNamedTestExists says so
                String module = root().relativize(src).getName(0).toString();
                String cls = t.substring(0, t.indexOf('#')), method = t.substring(t.indexOf('#') + 1);
                Path report = root().resolve(module).resolve("target/surefire-reports/TEST-" + cls + ".xml");
                if (!ci || module.equals("tools")) {
                    notes.add(t);
                    continue;
                }
                if (!Files.isRegularFile(report)) {
                    problems.add(e.getKey() + ": " + t + " did not run (no " + report.getFileName() + ")");
                    continue;
                }
                String xml = Files.readString(report);
                var m = Pattern.compile("<testcase name=\"" + Pattern.quote(method) + "[\"(\\[][^>]*?(/>|>(.*?)</testcase>)", Pattern.DOTALL).matcher(xml);
                if (!m.find()) {
                    problems.add(e.getKey() + ": " + t + " is not in " + report.getFileName());
                    continue;
                }
                String body = m.group(2) == null ? "" : m.group(2);
                if (body.contains("<failure") || body.contains("<error")) problems.add(e.getKey() + ": " + t + " failed");
                else if (body.contains("<skipped")) problems.add(e.getKey() + ": " + t + " was skipped");
            }
        }
        if (!notes.isEmpty()) System.out.println("config key tests not checked against a report (outside CI, or in tools itself): " + notes.size());
        assertEquals(List.of(), problems, "named tests that did not run or did not pass");
    }
}
