package io.ptp4j.tools.phcctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ptp4j.linux.clock.VirtualClock;
import io.ptp4j.linux.clock.VirtualClockFile;
import io.ptp4j.testkit.Captured;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * phc_ctl's reads and error paths in-process. Nothing here may change a clock: the only clocks
 * named are CLOCK_REALTIME with read commands (get, cmp, caps, freq without a value), a missing
 * PHC, and a virtual clock file (read-only). The refusal to change CLOCK_REALTIME is tested in
 * PhcCtlRefusesRealtimeTest, in a process without CAP_SYS_TIME.
 */
class PhcCtlMainTest {
    static Captured run(String... args) {
        return Captured.of((o, e) -> PhcCtlMain.run("phc_ctl", args, o, e));
    }

    @Test
    void getAndCmpOnTheSystemClock() {
        Captured r = run("-q", "CLOCK_REALTIME", "get", "cmp");
        assertEquals(0, r.rc(), r.err());
        assertTrue(r.out().matches("(?s)phc_ctl\\[\\d+\\.\\d{3}\\]: clock time is \\d+\\.\\d{9} or \\w{3} \\w{3} [ \\d]\\d \\d\\d:\\d\\d:\\d\\d \\d{4}\n\n"
                + "phc_ctl\\[\\d+\\.\\d{3}\\]: offset from CLOCK_REALTIME is approximately -?\\d+ns\n\n"), r.out());
    }

    @Test
    void capsOfANonPhcIsAWarning() {
        Captured r = run("-q", "CLOCK_REALTIME");
        assertEquals(0, r.rc());
        assertTrue(r.err().matches("phc_ctl\\[[\\d.]+\\]: caps: CLOCK_REALTIME is not a PHC device.\n"), r.err());
    }

    @Test
    void missingPhcAndBadCommands() {
        Captured r = run("-q", "/dev/ptp0", "get");
        assertEquals(255, r.rc());
        assertTrue(r.err().contains("unknown clock /dev/ptp0"), r.err());
        r = run("-q", "CLOCK_REALTIME", "frob");
        assertEquals(0, r.rc()); // linuxptp: an unknown command is logged, the run goes on
        assertTrue(r.err().contains("]: unknown command frob."), r.err());
        r = run("-q", "CLOCK_REALTIME", "adj");
        assertEquals(254, r.rc()); // -2: usage follows
        assertTrue(r.err().contains("]: adj: missing required time argument\n\nusage: phc_ctl [options] <device> -- [command]"), r.err());
        r = run("-q", "CLOCK_REALTIME", "wait", "x");
        assertTrue(r.err().contains("]: wait: 'x' is not a valid double"), r.err());
        r = run("-q", "CLOCK_REALTIME", "freq", "2e9");
        assertTrue(r.err().contains("]: freq: '2e9' is out of range."), r.err());
        r = run("-q", "CLOCK_REALTIME", "pins", "phase", "0.001");
        assertTrue(r.err().contains("]: pins: CLOCK_REALTIME is not a PHC device.\n"), r.err());
        assertTrue(r.err().contains("]: phase: CLOCK_REALTIME is not a PHC device\n"), r.err());
        r = run("-Z");
        assertEquals(255, r.rc());
        assertTrue(r.err().startsWith("phc_ctl: invalid option -- 'Z'\n\nusage:"), r.err());
        r = run();
        assertEquals(255, r.rc());
    }

    @Test
    void aVirtualClockFileIsReadableNotAdjustable(@TempDir Path dir) throws Exception {
        Path p = dir.resolve("v.vclock");
        VirtualClock v = VirtualClock.startingAtRealtime();
        v.step(5_000_000); // 5 ms ahead of CLOCK_REALTIME
        try (VirtualClockFile f = VirtualClockFile.create(p)) {
            v.publishTo(f);
            Captured r = run("-q", "virtual:" + p, "cmp", "wait", "0.01", "adj", "1");
            Matcher m = Pattern.compile("offset from CLOCK_REALTIME is approximately (-?\\d+)ns").matcher(r.out());
            assertTrue(m.find(), r.out());
            assertTrue(Math.abs(Long.parseLong(m.group(1)) + 5_000_000) < 100_000, "REALTIME - virtual ~ -5 ms: " + m.group(1));
            assertTrue(r.out().contains("]: process slept for 0.010000 seconds\n"), r.out());
            assertTrue(r.err().contains("]: adj: cannot step virtual:" + p), r.err());
        }
    }

    @Test
    void timeFormats() {
        assertEquals("12.000000005", PhcCtlMain.secNsec(12_000_000_005L));
        assertTrue(PhcCtlMain.ctime(0).matches("\\w{3} \\w{3} [ \\d]\\d \\d\\d:\\d\\d:\\d\\d 19(69|70)\n"), PhcCtlMain.ctime(0));
    }
}
