package io.ptp4j.tools.config;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * "A key that is parsed but not yet acted on is warned about, never silently ignored": every
 * linuxptp key is either read by name somewhere in the tools' code, or listed in
 * {@link ConfigKeys#NOT_YET_ACTED_ON} (whose keys draw a warning when set). A key that is neither
 * would be accepted and do nothing without a word.
 */
class ConfigKeysActedOnTest {
    @Test
    void everyKeyIsReadOrWarnedAbout() throws IOException {
        StringBuilder code = new StringBuilder();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String name = f.getFileName().toString();
                if (name.equals("ConfigKeys.java") || name.equals("ConfigKeysDoc.java")) continue;
                code.append(Files.readString(f));
            }
        }
        assertTrue(code.length() > 100_000, "the tools' sources were not found from " + Path.of("").toAbsolutePath());
        List<String> silent = new ArrayList<>();
        List<String> listedButRead = new ArrayList<>();
        for (ConfigKey k : ConfigKeys.all()) {
            String name = k.name();
            if (ConfigKeys.DEPRECATED.containsKey(name)) continue; // read under its new name
            boolean read = code.indexOf("\"" + name + "\"") >= 0;
            boolean warned = ConfigKeys.NOT_YET_ACTED_ON.contains(name);
            if (!read && !warned) silent.add(name);
            // ts2phc reads its own keys; ptp4l still warns about them (linuxptp's ptp4l ignores them too);
            // tz2alt reads leapfile, ptp4l does not act on it yet
            if (read && warned && !name.startsWith("ts2phc.") && !name.equals("kernel_leap") && !name.equals("leapfile")) listedButRead.add(name);
        }
        assertEquals(List.of(), silent, "keys neither read nor in NOT_YET_ACTED_ON (they would be silently ignored)");
        assertEquals(List.of(), listedButRead, "keys read by the code but still warned about as not acted on");
    }
}
