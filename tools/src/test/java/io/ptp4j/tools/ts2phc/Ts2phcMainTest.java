package io.ptp4j.tools.ts2phc;

import static org.junit.jupiter.api.Assertions.*;

import io.ptp4j.testkit.Captured;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ts2phc's command line and config file, and clear failures on a machine without a PHC. */
class Ts2phcMainTest {
    static Captured run(String... args) throws Exception {
        return Captured.call((out, err) -> Ts2phcMain.run("ts2phc", args, out, err));
    }

    @Test
    void sinksAndSourceFromCommandLineAndConfig(@TempDir Path dir) throws Exception {
        Ts2phcMain.Settings s = Ts2phcMain.settings("ts2phc", new String[] {"-c", "/dev/ptp1", "-s", "nmea", "-c", "eth9",
                "--ts2phc.pulsewidth", "100000000"}, null, null);
        assertEquals(List.of("/dev/ptp1", "eth9"), s.sinks());
        assertEquals("nmea", s.source());
        assertEquals(100000000, s.config().getInt("ts2phc.pulsewidth"));
        Path cfg = dir.resolve("ts2phc.cfg");
        Files.writeString(cfg, """
                [global]
                ts2phc.nmea_serialport /dev/ttyS9
                logging_level 7
                [/dev/ptp3]
                ts2phc.extts_polarity falling
                ts2phc.channel 1
                [/dev/ptp4]
                ts2phc.master 1
                """);
        s = Ts2phcMain.settings("ts2phc", new String[] {"-f", cfg.toString()}, null, null);
        assertEquals(List.of("/dev/ptp3"), s.sinks());
        assertEquals("/dev/ptp4", s.source());
        assertEquals("falling", s.config().getEnum("/dev/ptp3", "ts2phc.extts_polarity"));
        assertEquals(1, s.config().getInt("/dev/ptp3", "ts2phc.channel"));
        assertEquals("/dev/ttyS9", s.config().getString("ts2phc.nmea_serialport"));
        s = Ts2phcMain.settings("ts2phc", new String[] {"-c", "/dev/ptp1", "--ts2phc.tod_source", "nmea"}, null, null);
        assertEquals("nmea", s.source(), "ts2phc.tod_source when neither -s nor ts2phc.master names one");
    }

    @Test
    void usageErrorsInLinuxptpWords(@TempDir Path dir) throws Exception {
        Captured r = run("-s", "generic");
        assertEquals(255, r.rc());
        assertTrue(r.err().startsWith("no slave clocks specified\n\nusage: ts2phc [options]"), r.err());
        r = run("-c", "/dev/ptp0");
        assertTrue(r.err().startsWith("no PPS source specified\n"), r.err());
        r = run("-c", "/dev/ptp0", "-s", "generic", "-s", "nmea");
        assertEquals("too many PPS sources\n", r.err());
        Path cfg = dir.resolve("bad.cfg");
        Files.writeString(cfg, "[global]\nts2phc.extts_polarity sideways\n");
        r = run("-f", cfg.toString(), "-c", "/dev/ptp0", "-s", "generic");
        assertEquals(255, r.rc());
        assertTrue(r.err().startsWith(cfg + ":2: "), r.err());
        assertTrue(r.err().contains("ts2phc.extts_polarity") && r.err().endsWith("failed to read config\n"), r.err());
        r = run("-x");
        assertTrue(r.err().startsWith("ts2phc: invalid option -- 'x'"), r.err());
        r = run("-l", "9", "-c", "x", "-s", "generic");
        assertEquals("-l: 9 is out of range. Must be in the range 0 to 7\n", r.err());
        r = run("-v");
        assertEquals(0, r.rc());
        assertTrue(r.out().startsWith("ptp4j "), r.out());
    }

    @Test
    void missingPhcOrInterfaceFailsClearly() throws Exception {
        Captured r = run("-c", "/dev/ptp4jnone", "-s", "generic", "-m", "-q");
        assertEquals(255, r.rc());
        assertTrue(r.err().matches("(?s)ts2phc\\[\\d+\\.\\d{3}\\]: failed to open clock /dev/ptp4jnone: open /dev/ptp4jnone: No such file or directory.*"), r.err());
        assertTrue(r.err().endsWith("failed to add slave\n"), r.err());
        r = run("-c", "ptp4jnone0", "-s", "generic", "-m", "-q");
        assertTrue(r.err().contains("failed to open clock ptp4jnone0: ioctl(SIOCETHTOOL, ETHTOOL_GET_TS_INFO) ptp4jnone0: No such device"), r.err());
        r = run("-c", "lo", "-s", "generic", "-m", "-q");
        assertTrue(r.err().contains("failed to open clock lo: interface lo has no PTP hardware clock"), r.err());
    }

    @Test
    void ioctlNumbersMatchLinuxHeaders() {
        // linux/ptp_clock.h: _IOW(PTP_CLK_MAGIC '=', nr, struct), sizes 16, 96, 56
        assertEquals(0x40103d0bL, PhcSink.PTP_EXTTS_REQUEST2);
        assertEquals(0x40603d07L, PhcSink.PTP_PIN_SETFUNC);
        assertEquals(0x40383d0cL, PhcSource.PTP_PEROUT_REQUEST2);
    }
}
