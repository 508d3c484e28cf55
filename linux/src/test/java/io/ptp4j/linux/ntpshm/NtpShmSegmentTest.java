package io.ptp4j.linux.ntpshm;

import static org.junit.jupiter.api.Assertions.*;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.junit.jupiter.api.Test;

/** struct shmTime as chrony's refclock_shm.c reads it, in a private segment (no key anyone else uses). */
class NtpShmSegmentTest {
    @Test
    void writesModeOneSamplesWithCountAndValid() throws Exception {
        NtpShmSegment s = NtpShmSegment.attachPrivate();
        try {
            s.write(1_767_225_600_123_456_789L, 1_767_225_600_123_457_289L, NtpShmSegment.LEAP_INSERT);
            MemorySegment m = s.memory();
            assertEquals(1, m.get(ValueLayout.JAVA_INT, 0), "mode");
            assertEquals(2, m.get(ValueLayout.JAVA_INT, 4), "count bumped before and after");
            assertEquals(1_767_225_600L, m.get(ValueLayout.JAVA_LONG, 8), "clockTimeStampSec");
            assertEquals(123_456, m.get(ValueLayout.JAVA_INT, 16), "clockTimeStampUSec");
            assertEquals(1_767_225_600L, m.get(ValueLayout.JAVA_LONG, 24), "receiveTimeStampSec");
            assertEquals(123_457, m.get(ValueLayout.JAVA_INT, 32), "receiveTimeStampUSec");
            assertEquals(NtpShmSegment.LEAP_INSERT, m.get(ValueLayout.JAVA_INT, 36), "leap");
            assertEquals(-30, m.get(ValueLayout.JAVA_INT, 40), "precision");
            assertEquals(1, m.get(ValueLayout.JAVA_INT, 48), "valid");
            assertEquals(123_456_789, m.get(ValueLayout.JAVA_INT, 52), "clockTimeStampNSec");
            assertEquals(123_457_289, m.get(ValueLayout.JAVA_INT, 56), "receiveTimeStampNSec");
            s.write(1_000_000_000L, 2_000_000_000L, NtpShmSegment.LEAP_NORMAL);
            assertEquals(4, m.get(ValueLayout.JAVA_INT, 4));
            assertEquals(1L, m.get(ValueLayout.JAVA_LONG, 8));
            assertEquals(2L, m.get(ValueLayout.JAVA_LONG, 24));
        } finally {
            s.remove();
            s.close();
        }
    }
}
