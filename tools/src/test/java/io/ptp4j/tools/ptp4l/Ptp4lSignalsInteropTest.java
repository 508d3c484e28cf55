package io.ptp4j.tools.ptp4l;

import static org.junit.jupiter.api.Assertions.*;

import io.ptp4j.testkit.Daemons;
import io.ptp4j.testkit.Logs;
import io.ptp4j.testkit.NetnsPair;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signals as linuxptp 4.4 takes them: SIGTERM, SIGINT and SIGHUP stop ptp4l cleanly, exit 0,
 * its management sockets removed, nothing logged (issue 13: 143 and 130, no line); a SIGQUIT
 * prints no JVM thread dump into its log and leaves it running.
 */
@Tag("interop")
class Ptp4lSignalsInteropTest {
    @Test
    void termIntAndHupStopCleanlyWithExitZeroAndNoSocketLeft(@TempDir Path dir) throws Exception {
        try (NetnsPair net = NetnsPair.create()) {
            for (String signal : new String[] {"TERM", "INT", "HUP"}) {
                Path uds = dir.resolve("uds-" + signal), ro = dir.resolve("udsro-" + signal), log = dir.resolve(signal + ".log");
                Path cfg = dir.resolve(signal + ".cfg");
                Files.writeString(cfg, "[global]\nfree_running 1\nuse_syslog 0\nuds_address " + uds + "\nuds_ro_address " + ro + "\n");
                Process p = net.start(net.nsB(), log, Daemons.noClock(Daemons.bin("ptp4l"), "-i", NetnsPair.IF_B, "-S", "-m",
                        "-f", cfg.toString()));
                for (int i = 0; i < 200 && !(Files.exists(uds) && Files.readString(log).contains("LISTENING")); i++) Thread.sleep(100);
                if (signal.equals("TERM")) { // SIGQUIT first: no thread dump, still running
                    kill("QUIT", p);
                    Thread.sleep(500);
                    assertTrue(p.isAlive(), "SIGQUIT left ptp4l running");
                }
                assertTrue(Files.exists(uds), "socket " + uds + " while running");
                kill(signal, p);
                assertTrue(p.waitFor(10, TimeUnit.SECONDS), "SIG" + signal + " stops ptp4l");
                String text = Files.readString(log);
                assertEquals(0, exitOf(p), "SIG" + signal + ": exit status; log:\n" + text);
                assertFalse(Files.exists(uds), "read-write socket removed");
                assertFalse(Files.exists(ro), "read-only socket removed");
                assertFalse(text.contains("Full thread dump"), text);
                assertFalse(text.contains("\"main\""), "no thread dump: " + text);
            }
        }
    }

    /** The exit status of ptp4l itself: ip netns exec and setpriv exec into it, so the process is ptp4l's JVM. */
    static int exitOf(Process p) {
        return p.exitValue();
    }

    /** Sends the signal to ptp4l's JVM, the process that ip netns exec, setpriv and the launcher exec'd into. */
    static void kill(String signal, Process p) throws Exception {
        long pid = p.pid();
        Process k = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
        assertEquals(0, k.waitFor(), "kill -" + signal + " " + pid);
    }
}
