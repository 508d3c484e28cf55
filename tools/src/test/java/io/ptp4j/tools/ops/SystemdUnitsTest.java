package io.ptp4j.tools.ops;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The systemd units under systemd/ pass {@code systemd-analyze verify} without a single warning
 * (an unknown key or a bad value is only a warning to systemd, so the output must be empty), with
 * the commands pointed at this checkout's launchers; skipped where systemd-analyze is absent.
 * That {@code systemctl stop} ends ptp4l with status 0 is Ptp4lSignalsInteropTest's part.
 */
class SystemdUnitsTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    @TempDir Path dir;

    @Test
    void unitsVerifyCleanly() throws Exception {
        Path analyze = Path.of("/usr/bin/systemd-analyze");
        assumeTrue(Files.isExecutable(analyze), "systemd-analyze not installed");
        List<String> cmd = new ArrayList<>(List.of(analyze.toString(), "verify", "--man=no"));
        for (String unit : new String[] {"ptp4l@.service", "phc2sys@.service", "timemaster.service"}) {
            String text = Files.readString(ROOT.resolve("systemd").resolve(unit)).replace("/usr/local/bin/", ROOT.resolve("bin") + "/");
            Files.writeString(dir.resolve(unit), text);
            String instance = unit.replace("@.", "@eth0."); // a template is verified as one of its instances
            if (!instance.equals(unit)) Files.writeString(dir.resolve(instance), text);
            cmd.add(dir.resolve(instance).toString());
            assertTrue(text.contains("\nSuccessExitStatus=143\n"), unit + ": a TERM while the JVM starts is a clean stop too");
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        String out = new String(p.getInputStream().readAllBytes()).strip();
        assertEquals(0, p.exitValue(), out);
        assertEquals("", out, "systemd-analyze verify warns");
    }
}
