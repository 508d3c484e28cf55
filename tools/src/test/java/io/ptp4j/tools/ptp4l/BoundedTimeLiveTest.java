package io.ptp4j.tools.ptp4l;

import static io.ptp4j.testkit.Daemons.bin;
import static io.ptp4j.testkit.Daemons.noClock;
import static org.junit.jupiter.api.Assertions.*;

import io.ptp4j.testkit.NetnsPair;
import io.ptp4j.tools.bound.ClockBoundCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live property behind bench/bounded-time-live, in under a minute: linuxptp's ptp4l is the
 * master on CLOCK_REALTIME (clockAccuracy 0x21); ptp4j's ptp4l disciplines a virtual clock that
 * starts 50 us and 100 ppm off and publishes its bound next to its socket; this JVM reads it
 * through ptp4j-time 1000 times a second and judges every trusted read against CLOCK_REALTIME at
 * the instant the virtual clock was read (ClockBoundCommand's probe). Not one may miss.
 */
@Tag("interop")
@Tag("serial") // measures time error in real time: runs alone, after the parallel forks (tools/pom.xml)
class BoundedTimeLiveTest {
    static final Pattern SUMMARY = Pattern.compile("summary: reads (\\d+) trusted (\\d+) judged (\\d+) outside (\\d+) undecided (\\d+)");

    @Test
    void everyTrustedReadHoldsTheTrueTime(@TempDir Path dir) throws Exception {
        Path mcfg = dir.resolve("m.cfg"), scfg = dir.resolve("s.cfg");
        Files.writeString(mcfg, "[global]\nmasterOnly 1\nfree_running 1\nclockAccuracy 0x21\nlogSyncInterval -3\nuds_address " + dir.resolve("m.uds") + "\n");
        Files.writeString(scfg, VirtualClockClosedLoopTest.virtualClockClient("use_syslog 0\n", dir.resolve("s")));
        Path segment = dir.resolve("s.clockbound"), vclock = dir.resolve("s.vclock");
        ByteArrayOutputStream probe = new ByteArrayOutputStream();
        int rc;
        try (NetnsPair net = NetnsPair.create()) {
            Process m = net.start(net.nsA(), dir.resolve("m.log"), noClock("ptp4l", "-i", NetnsPair.IF_A, "-S", "-m", "-f", mcfg.toString()));
            Process s = net.start(net.nsB(), dir.resolve("s.log"), noClock(bin("ptp4l"), "-i", NetnsPair.IF_B, "-S", "-m", "-f", scfg.toString()));
            for (int i = 0; i < 150 && !(Files.exists(segment) && Files.exists(vclock)); i++) Thread.sleep(100);
            assertTrue(Files.exists(segment), "no " + segment + "\n" + Files.readString(dir.resolve("s.log")));
            rc = ClockBoundCommand.run(new String[] {segment.toString(), "--vclock", vclock.toString(), "--rate", "1000", "--seconds", "30",
                    "--check-realtime"}, new PrintStream(probe, true), System.err);
            s.destroy();
            m.destroy();
            s.waitFor();
            m.waitFor();
        }
        String out = probe.toString();
        System.out.print(out);
        Matcher sm = SUMMARY.matcher(out);
        assertTrue(sm.find(), out);
        long trusted = Long.parseLong(sm.group(2)), judged = Long.parseLong(sm.group(3)), outside = Long.parseLong(sm.group(4));
        assertEquals(0, outside, out + VirtualClockClosedLoopTest.tail(Files.readString(dir.resolve("s.log"))));
        assertEquals(0, rc);
        // startup (JVM, best master selection, 16 samples) takes well under 15 s of the 30
        assertTrue(trusted > 15_000 && judged > trusted * 9 / 10, "trusted " + trusted + ", judged " + judged + "\n" + out);
        assertFalse(Files.exists(segment), "a virtual clock's bound goes away with its daemon");
    }
}
