package io.ptp4j.tools.bound;

import static org.junit.jupiter.api.Assertions.*;

import io.ptp4j.tools.bound.BoundPublishing.Disciplined;
import io.ptp4j.tools.config.PtpConfig;
import io.ptp4j.tools.log.Printer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ptp4l's keys for the bound: where it goes (clockbound_path), its file's mode, the asymmetry an operator knows. */
class BoundPublishingTest {
    final List<String> lines = new ArrayList<>();
    final Printer printer = new Printer("ptp4l", () -> 0L).verbose((level, l) -> lines.add(l.toString()));

    @Test
    void clockboundPathDecidesWhereAndWhether(@TempDir Path dir) throws Exception {
        PtpConfig c = new PtpConfig();
        c.setOption("uds_address", dir.resolve("ptp4l").toString());
        assertEquals(Path.of("/var/run/clockbound/shm0"), BoundPublishing.path(c, Disciplined.SYSTEM_CLOCK), "the default, where ClockBound's clients look");
        assertEquals(dir.resolve("ptp4l.clockbound"), BoundPublishing.path(c, Disciplined.VIRTUAL_CLOCK), "a virtual clock's bound goes next to the socket");
        assertEquals(dir.resolve("ptp4l.clockbound"), BoundPublishing.path(c, Disciplined.PHC), "and a PHC's, for phc2sys");
        assertNull(BoundPublishing.path(c, Disciplined.NOTHING), "free_running, ntpshm, refclock_sock, TCs: nothing");
        assertEquals(Disciplined.NOTHING, Disciplined.of(true, true, true));
        assertEquals(Disciplined.VIRTUAL_CLOCK, Disciplined.of(false, true, true));
        assertEquals(Disciplined.SYSTEM_CLOCK, Disciplined.of(false, false, true));
        assertEquals(Disciplined.PHC, Disciplined.of(false, false, false));

        Path shm = dir.resolve("clockbound/shm0");
        c.setOption("clockbound_path", shm.toString());
        c.setOption("clockbound_file_mode", "0640");
        try (BoundPublishing b = BoundPublishing.start(c, List.of("eth0"), Disciplined.SYSTEM_CLOCK, null, printer)) {
            if (!BoundPublishing.maySetTime()) {
                assertNull(b, "without CAP_SYS_TIME ptp4l does not vouch for CLOCK_REALTIME");
                return;
            }
            assertNotNull(b, String.join("\n", lines));
            assertEquals(shm, b.path());
        }
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(shm)), "clockbound_file_mode");
        assertTrue(lines.stream().anyMatch(l -> l.endsWith("publishing the clock error bound to " + shm + " (ClockBound protocol v2)")), lines.toString());

        c.setOption("clockbound_path", "");
        assertNull(BoundPublishing.start(c, List.of("eth0"), Disciplined.SYSTEM_CLOCK, null, printer), "empty: off");
        assertNull(BoundPublishing.start(c, List.of("eth0"), Disciplined.VIRTUAL_CLOCK, null, printer), "off for every clock");
    }

    @Test
    void boundAsymmetryNsReachesTheFeedPerPort(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("ptp4l.cfg");
        Files.writeString(f, "[global]\nuds_address " + dir.resolve("ptp4l") + "\n[eth0]\nbound_asymmetry_ns 250\n[eth1]\n");
        PtpConfig c = new PtpConfig();
        io.ptp4j.tools.config.ConfigReader.read(f, c);
        try (BoundPublishing b = BoundPublishing.start(c, List.of("eth0", "eth1"), Disciplined.VIRTUAL_CLOCK, null, printer)) {
            assertEquals(250, b.feed().asymmetryOverrideNanos(1), "eth0's section");
            assertEquals(-1, b.feed().asymmetryOverrideNanos(2), "eth1: by default the mean path delay");
        }
    }
}
