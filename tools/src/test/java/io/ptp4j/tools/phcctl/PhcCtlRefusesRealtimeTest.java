package io.ptp4j.tools.phcctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * bin/phc_ctl refuses set, adj and freq on CLOCK_REALTIME. Run as a separate process without
 * CAP_SYS_TIME (setpriv), so that even a broken refusal could not move this machine's clock.
 */
@Tag("interop")
class PhcCtlRefusesRealtimeTest {
    @Test
    void setAdjFreqOnRealtimeAreRefused() throws Exception {
        String root = System.getProperty("ptp4j.root", "..");
        Path launcher = Paths.get(root, "bin", "phc_ctl").toAbsolutePath().normalize();
        assertTrue(Files.isExecutable(launcher));
        for (String[] cmd : new String[][] {{"set"}, {"adj", "0.5"}, {"freq", "100"}}) {
            List<String> c = new ArrayList<>(List.of("setpriv", "--bounding-set", "-sys_time", "--inh-caps", "-sys_time",
                    launcher.toString(), "-q", "CLOCK_REALTIME"));
            c.addAll(List.of(cmd));
            Process p = new ProcessBuilder(c).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, p.waitFor(), out); // linuxptp exits 0 after a command's -1
            assertTrue(out.contains("]: " + cmd[0] + ": ptp4j's phc_ctl does not change CLOCK_REALTIME"), out);
        }
    }
}
