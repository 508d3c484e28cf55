package io.ptp4j.core.servo;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class ShadowServosTest {
    @Test
    void theSteeringServoIsNoShadowAndUnknownNamesAreRefused() {
        ShadowServos s = ShadowServos.of("pi, linreg,kalman", "pi", new ServoConfig(), 0);
        assertEquals(2, s.size());
        assertEquals("linreg", s.name(0));
        assertEquals("kalman", s.name(1));
        assertNull(ShadowServos.of("", "pi", new ServoConfig(), 0));
        assertNull(ShadowServos.of("pi", "pi", new ServoConfig(), 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ShadowServos.of("pi,kalmann", "pi", new ServoConfig(), 0));
        assertEquals("shadow_servos: unknown servo 'kalmann' (pi, linreg, kalman)", e.getMessage());
    }

    /**
     * A free-running clock 20 ppm fast, 50 us off, measured every 125 ms: the real clock is never
     * adjusted, but each shadow disciplines an imagined one, whose offsets must converge.
     */
    @Test
    void shadowsOfAFreeRunningClockConverge() {
        ShadowServos s = ShadowServos.of("pi,linreg,kalman", "", new ServoConfig(), 0);
        long t = 1_000_000_000_000L;
        double offset = 50_000;
        for (int i = 0; i < 800; i++) {
            t += 125_000_000L;
            offset += 0.125 * 20_000;
            s.sample(Math.round(offset), t + Math.round(offset), 1.0, 0, 0.125);
        }
        for (int i = 0; i < s.size(); i++) {
            assertTrue(Math.abs(s.offset(i)) < 50, s.name(i) + " would-be offset " + s.offset(i));
            assertEquals(-20_000, s.frequency(i), 50, s.name(i) + " frequency");
        }
        assertTrue(offset > 2_000_000, "the real clock ran free");
    }
}
