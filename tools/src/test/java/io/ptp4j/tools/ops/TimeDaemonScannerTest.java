package io.ptp4j.tools.ops;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TimeDaemonScannerTest {
    @TempDir Path proc;

    private void process(long pid, String comm) throws Exception {
        Path d = Files.createDirectories(proc.resolve(Long.toString(pid)));
        Files.writeString(d.resolve("comm"), comm + "\n");
    }

    @Test
    void findsConflictingDaemonsWithAdvice() throws Exception {
        process(123, "chronyd");
        process(7, "systemd-timesyn");
        process(900, "bash");
        process(55, "ptp4l");
        process(56, "ptp4l"); // ourselves
        Files.createDirectories(proc.resolve("self"));
        Files.createDirectories(proc.resolve("999")); // exited: no comm
        List<TimeDaemonScanner.Conflict> c = TimeDaemonScanner.scan(proc, 56);
        assertEquals(List.of(7L, 55L, 123L), c.stream().map(TimeDaemonScanner.Conflict::pid).toList());
        assertEquals("chronyd (pid 123) also adjusts CLOCK_REALTIME: stop it or let timemaster manage it", c.get(2).warning());
        assertEquals("systemd-timesyncd (pid 7) also adjusts CLOCK_REALTIME: run 'timedatectl set-ntp false' to stop it",
                c.get(0).warning());
        assertTrue(c.get(1).warning().startsWith("ptp4l (pid 55) is linuxptp's ptp4l"));
    }

    @Test
    void ptp4jsOwnPtp4lIsSeenAndItsPhc2sysIsNot() throws Exception {
        process(56, "ptp4l"); // ourselves
        for (long pid : new long[] {300, 301}) {
            process(pid, "java");
            String tool = pid == 300 ? "ptp4l" : "phc2sys";
            Files.writeString(proc.resolve(pid + "/cmdline"), String.join("\0", "java", "-cp", "x", "io.ptp4j.tools.Main", tool, "-i", "eth0") + "\0");
        }
        List<TimeDaemonScanner.Conflict> c = TimeDaemonScanner.scan(proc, 56);
        assertEquals(List.of(300L), c.stream().map(TimeDaemonScanner.Conflict::pid).toList(), "phc2sys is ptp4l's companion");
        assertEquals("ptp4j ptp4l (pid 300) also runs: fine on other interfaces, but no two ptp4l may drive the same PHC", c.get(0).warning());
    }

    @Test
    void realProcScanRuns() throws Exception {
        assertNotNull(TimeDaemonScanner.scan());
    }
}
