package io.ptp4j.linux.clock;

import static org.junit.jupiter.api.Assertions.*;

import io.ptp4j.testkit.CProgram;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PHC ioctl numbers and struct timex offsets cannot be exercised on a machine without a PHC,
 * so they are checked against the kernel's own headers: a C program prints them (skipped when no
 * C compiler or linux headers are installed).
 */
class KernelLayoutTest {
    @TempDir
    Path dir;

    @Test
    void phcIoctlsAndTimexMatchTheHeaders() throws Exception {
        String[] v = CProgram.values(dir, "linux/ptp_clock.h", """
                #include <stdio.h>
                #include <stddef.h>
                #include <sys/timex.h>
                #include <linux/ptp_clock.h>
                int main(void) {
                    printf("%lx %lx %lx %lx %zu %zu %zu %x %x %zu %zu\\n",
                        (unsigned long) PTP_CLOCK_GETCAPS, (unsigned long) PTP_SYS_OFFSET,
                        (unsigned long) PTP_SYS_OFFSET_PRECISE, (unsigned long) PTP_SYS_OFFSET_EXTENDED,
                        sizeof(struct timex), offsetof(struct timex, freq), offsetof(struct timex, time),
                        ADJ_SETOFFSET, ADJ_NANO, sizeof(struct ptp_clock_caps), sizeof(struct ptp_sys_offset_extended));
                    return 0;
                }
                """);
        assertEquals(PhcClock.PTP_CLOCK_GETCAPS, Long.parseLong(v[0], 16), "PTP_CLOCK_GETCAPS");
        assertEquals(PhcClock.PTP_SYS_OFFSET, Long.parseLong(v[1], 16), "PTP_SYS_OFFSET");
        assertEquals(PhcClock.PTP_SYS_OFFSET_PRECISE, Long.parseLong(v[2], 16), "PTP_SYS_OFFSET_PRECISE");
        assertEquals(PhcClock.PTP_SYS_OFFSET_EXTENDED, Long.parseLong(v[3], 16), "PTP_SYS_OFFSET_EXTENDED");
        assertEquals(Timex.SIZE, Integer.parseInt(v[4]), "sizeof(struct timex)");
        assertEquals(Timex.OFF_FREQ, Long.parseLong(v[5]), "timex.freq");
        assertEquals(Timex.OFF_TIME_SEC, Long.parseLong(v[6]), "timex.time");
        assertEquals(Timex.ADJ_SETOFFSET, Integer.parseInt(v[7], 16));
        assertEquals(Timex.ADJ_NANO, Integer.parseInt(v[8], 16));
        assertEquals(80, Integer.parseInt(v[9]), "sizeof(struct ptp_clock_caps)");
        assertEquals(1216, Integer.parseInt(v[10]), "sizeof(struct ptp_sys_offset_extended): PhcClock's buffer");
    }
}
