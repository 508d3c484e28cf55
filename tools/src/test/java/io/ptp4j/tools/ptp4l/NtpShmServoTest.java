package io.ptp4j.tools.ptp4l;

import static org.junit.jupiter.api.Assertions.*;

import io.ptp4j.core.servo.ServoState;
import io.ptp4j.linux.ntpshm.NtpShmSegment;
import java.lang.foreign.ValueLayout;
import org.junit.jupiter.api.Test;

/** clock_servo ntpshm: samples go to shared memory as linuxptp's ntpshm.c writes them; the clock is never steered. */
class NtpShmServoTest {
    @Test
    void writesMasterAndLocalTimeAndStaysUnlocked() throws Exception {
        NtpShmSegment shm = NtpShmSegment.attachPrivate();
        try {
            NtpShmServo servo = new NtpShmServo(shm);
            servo.leap(-1);
            double ppb = servo.sample(1_500, 1_767_225_600_000_001_000L, 1.0);
            assertEquals(0.0, ppb);
            assertEquals(ServoState.UNLOCKED, servo.state(), "never JUMP or LOCKED: ptp4l never adjusts");
            var m = shm.memory();
            assertEquals(1_767_225_599L, m.get(ValueLayout.JAVA_LONG, 8), "reference = local - offset");
            assertEquals(999_999_500, m.get(ValueLayout.JAVA_INT, 52));
            assertEquals(1_767_225_600L, m.get(ValueLayout.JAVA_LONG, 24), "receive = local");
            assertEquals(1_000, m.get(ValueLayout.JAVA_INT, 56));
            assertEquals(NtpShmSegment.LEAP_DELETE, m.get(ValueLayout.JAVA_INT, 36));
        } finally {
            shm.remove();
            shm.close();
        }
    }
}
