package io.ptp4j.linux.clock;

import static org.junit.jupiter.api.Assertions.*;

import io.ptp4j.linux.Libc;
import io.ptp4j.linux.NativeException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** No PHC on the development VM: these check that every PHC path fails with a clear error. */
class PhcClockTest {
    @Test
    void clockIdFromFdMatchesTheKernelMacro() {
        assertEquals(-29, PhcClock.fdToClockId(3)); // ((~3) << 3) | 3 = -32 | 3
        assertEquals(3 | (~0 << 3), PhcClock.fdToClockId(0));
    }

    @Test
    void aMissingPhcNamesThePath() {
        for (int i = 0; i < 16; i++) {
            if (Files.exists(Path.of("/dev/ptp" + i))) return; // a machine with PHCs: nothing to check here
        }
        NativeException e = assertThrows(NativeException.class, () -> PhcClock.open(0));
        assertEquals(Libc.ENOENT, e.errno());
        assertEquals("open /dev/ptp0: No such file or directory (errno 2)", e.getMessage());
    }

    @Test
    void aDeviceThatIsNoPhcFailsAtGetcaps() {
        NativeException e = assertThrows(NativeException.class, () -> PhcClock.open("/dev/null"));
        assertEquals(Libc.ENOTTY, e.errno());
        assertTrue(e.getMessage().startsWith("ioctl(PTP_CLOCK_GETCAPS) /dev/null:"), e.getMessage());
    }

    @Test
    void systemClockReadsRealtimeAndItsFrequency() throws Exception {
        SystemClock c = new SystemClock();
        PosixTime t = new PosixTime();
        long a = t.realtimeNanos();
        long b = c.nowNanos();
        assertTrue(b >= a && b - a < 100_000_000L);
        double f = c.frequencyPpb(); // a read (modes 0): never an adjustment
        assertTrue(Math.abs(f) <= SystemClock.MAX_FREQUENCY_PPB, "freq " + f);
    }
}
