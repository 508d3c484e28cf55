package io.ptp4j.tools.ops;

import static org.junit.jupiter.api.Assertions.*;

import io.ptp4j.tools.config.ConfigReader;
import io.ptp4j.tools.config.PtpConfig;
import io.ptp4j.testkit.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstallScriptTest {
    private static final Path ROOT = TestData.root();
    @TempDir Path dest;

    private String install(String... extra) throws Exception {
        var cmd = new java.util.ArrayList<String>();
        cmd.add(ROOT.resolve("scripts/install").toString());
        cmd.add("--prefix");
        cmd.add(dest.toString());
        cmd.addAll(java.util.List.of(extra));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    @Test
    void installsLaunchersUnitsAndConfigUnderPrefix() throws Exception {
        install();
        Path ptp4l = dest.resolve("usr/local/bin/ptp4l");
        assertTrue(Files.isSymbolicLink(ptp4l));
        assertEquals(ROOT.resolve("bin/ptp4l"), Files.readSymbolicLink(ptp4l));
        assertTrue(Files.isSymbolicLink(dest.resolve("usr/local/bin/phc2sys")));
        String unit = Files.readString(dest.resolve("etc/systemd/system/ptp4l@.service"));
        assertTrue(unit.contains("ExecStart=/usr/local/bin/ptp4l -f /etc/ptp4j/ptp4l.conf -i %I"));
        assertTrue(Files.exists(dest.resolve("etc/systemd/system/phc2sys@.service")));
        assertTrue(Files.exists(dest.resolve("etc/systemd/system/timemaster.service")));
        Path conf = dest.resolve("etc/ptp4j/ptp4l.conf");
        ConfigReader.read(conf, new PtpConfig()); // the default config loads
        Files.writeString(conf, "[global]\npriority1 1\n");
        assertTrue(install().contains("keeping existing"));
        assertEquals("[global]\npriority1 1\n", Files.readString(conf));
    }

    @Test
    void dryRunChangesNothing() throws Exception {
        String out = install("--dry-run");
        assertTrue(out.contains("would run: ln -sfn"), out);
        try (var s = Files.list(dest)) {
            assertEquals(0, s.count());
        }
    }
}
