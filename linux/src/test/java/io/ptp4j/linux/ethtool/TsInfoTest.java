package io.ptp4j.linux.ethtool;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ptp4j.linux.Libc;
import io.ptp4j.linux.NativeException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class TsInfoTest {
    @Test
    void loopbackReportsSoftwareTimestampingAndNoPhc() throws Exception {
        TsInfo lo = TsInfo.query("lo");
        assertEquals(0x2 | 0x8 | 0x10, lo.soTimestamping() & 0x5f, "software-transmit/receive/system-clock");
        assertEquals(-1, lo.phcIndex());
        assertTrue(lo.softwareUsable());
        assertFalse(lo.hardwareUsable());
        assertEquals(List.of("software-transmit", "software-receive", "software-system-clock"), lo.capabilityNames());
        assertTrue(lo.verdict().startsWith("software timestamping only"));
    }

    @Test
    void textMatchesEthtool() throws Exception {
        Path ethtool = Path.of("/usr/sbin/ethtool");
        assumeTrue(Files.isExecutable(ethtool), "ethtool not installed");
        Process p = new ProcessBuilder(ethtool.toString(), "-T", "lo").redirectErrorStream(true).start();
        String expected = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor());
        assertEquals(expected, TsInfo.query("lo").ethtoolText("lo"));
    }

    @Test
    void namesForHardwareBits() {
        TsInfo hw = new TsInfo(0x5f, 0, 0b11, (1 << 0) | (1 << 1) | (1 << 12));
        assertTrue(hw.hardwareUsable());
        assertEquals("hardware timestamping usable (PHC /dev/ptp0): run ptp4l -H (default)", hw.verdict());
        assertEquals(List.of("off", "on"), hw.txTypeNames());
        assertEquals(List.of("none", "all", "ptpv2-event"), hw.rxFilterNames());
        assertTrue(hw.ethtoolText("eth9").contains("PTP Hardware Clock: 0\nHardware Transmit Timestamp Modes:\n\toff\n\ton\n"));
        assertEquals("no usable timestamping: ptp4l cannot run on this interface", new TsInfo(0, -1, 0, 0).verdict());
    }

    @Test
    void hwtstampOnLoopbackIsRefusedClearly() {
        NativeException e = assertThrows(NativeException.class, () -> HwTstampConfig.get("lo"));
        assertTrue(e.errno() == Libc.EOPNOTSUPP || e.errno() == Libc.EINVAL, e.getMessage());
        assertTrue(e.getMessage().startsWith("ioctl(SIOCGHWTSTAMP) lo:"), e.getMessage());
        assertThrows(NativeException.class, () -> TsInfo.query("nosuch0"));
    }

    @Test
    void macAddressText() {
        assertEquals("01:1b:19:00:00:00", HardwareAddress.text(0x011B19000000L));
        assertEquals(0x0180C200000EL, HardwareAddress.parse("01:80:C2:00:00:0E"));
        assertEquals(-1, HardwareAddress.parse("01:80:C2:00:00"));
        assertEquals(-1, HardwareAddress.parse("01:80:C2:00:00:0G"));
    }
}
