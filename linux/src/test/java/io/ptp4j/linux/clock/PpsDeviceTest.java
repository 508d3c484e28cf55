package io.ptp4j.linux.clock;

import static org.junit.jupiter.api.Assertions.*;

import io.ptp4j.linux.Libc;
import io.ptp4j.linux.NativeException;
import io.ptp4j.testkit.CProgram;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PPS_FETCH without a PPS device: the layout against linux/pps.h, the parser, the error paths. */
class PpsDeviceTest {
    @Test
    void layoutAndIoctlNumbersMatchTheHeaders(@TempDir Path dir) throws Exception {
        String[] v = CProgram.values(dir, "linux/pps.h", """
                #include <stdio.h>
                #include <stddef.h>
                #include <linux/pps.h>
                #include <linux/ptp_clock.h>
                int main(void) {
                    printf("%lx %zu %zu %zu %lx\\n", (unsigned long) PPS_FETCH, sizeof(struct pps_fdata),
                        offsetof(struct pps_fdata, info.assert_tu), offsetof(struct pps_fdata, timeout),
                        (unsigned long) PTP_ENABLE_PPS);
                    return 0;
                }
                """);
        assertEquals(PpsDevice.PPS_FETCH, Long.parseLong(v[0], 16), "PPS_FETCH");
        assertEquals(PpsDevice.FDATA_SIZE, Integer.parseInt(v[1]), "sizeof(struct pps_fdata)");
        assertEquals(PpsDevice.OFF_ASSERT_TU, Long.parseLong(v[2]), "pps_fdata.info.assert_tu");
        assertEquals(PpsDevice.OFF_TIMEOUT, Long.parseLong(v[3]), "pps_fdata.timeout");
        assertEquals(PhcClock.PTP_ENABLE_PPS, Long.parseLong(v[4], 16), "PTP_ENABLE_PPS");
    }

    @Test
    void assertStampIsSecondsAndNanoseconds() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment b = a.allocate(PpsDevice.FDATA_SIZE, 8);
            b.set(ValueLayout.JAVA_LONG, PpsDevice.OFF_ASSERT_TU, 1_700_000_001L);
            b.set(ValueLayout.JAVA_INT, PpsDevice.OFF_ASSERT_TU + 8, 999_999_950);
            assertEquals(1_700_000_001_999_999_950L, PpsDevice.assertNanos(b));
        }
    }

    @Test
    void errorsNameTheDevice() throws Exception {
        NativeException e = assertThrows(NativeException.class, () -> PpsDevice.open("/dev/pps-ptp4j-none"));
        assertEquals("open /dev/pps-ptp4j-none: No such file or directory (errno 2)", e.getMessage());
        try (PpsDevice d = PpsDevice.open("/dev/null")) {
            e = assertThrows(NativeException.class, () -> d.fetchAssertNanos(1));
            assertEquals(Libc.ENOTTY, e.errno());
            assertTrue(e.getMessage().startsWith("ioctl(PPS_FETCH) /dev/null:"), e.getMessage());
        }
    }
}
