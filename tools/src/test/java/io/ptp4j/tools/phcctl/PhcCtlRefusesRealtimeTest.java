package io.ptp4j.tools.phcctl;

import static io.ptp4j.testkit.Daemons.bin;
import static io.ptp4j.testkit.Daemons.noClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
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
        for (String[] cmd : new String[][] {{"set"}, {"adj", "0.5"}, {"freq", "100"}}) {
            List<String> c = new ArrayList<>(List.of(noClock(bin("phc_ctl"), "-q", "CLOCK_REALTIME")));
            c.addAll(List.of(cmd));
            Process p = new ProcessBuilder(c).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, p.waitFor(), out); // linuxptp exits 0 after a command's -1
            assertTrue(out.contains("]: " + cmd[0] + ": ptp4j's phc_ctl does not change CLOCK_REALTIME"), out);
        }
    }
}
