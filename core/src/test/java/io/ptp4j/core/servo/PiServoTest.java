package io.ptp4j.core.servo;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class PiServoTest {
    private static ServoConfig hw() {
        return new ServoConfig();
    }

    @Test
    void hardwareConstantsFollowSyncInterval() {
        PiServo s = new PiServo(hw(), 0, 900_000_000);
        s.syncInterval(1.0);
        assertEquals(0.7, s.kp(), 1e-12);
        assertEquals(0.3, s.ki(), 1e-12);
        s.syncInterval(0.125);
        // kp = min(0.7 * 0.125^-0.3, 0.7 / 0.125); ki = min(0.3 * 0.125^0.4, 0.3 / 0.125)
        assertEquals(Math.min(0.7 * Math.pow(0.125, -0.3), 5.6), s.kp(), 1e-12);
        assertEquals(0.3 * Math.pow(0.125, 0.4), s.ki(), 1e-12);
    }

    @Test
    void softwareTimestampingUsesGentlerConstants() {
        ServoConfig c = hw();
        c.softwareTimestamping = true;
        PiServo s = new PiServo(c, 0, 900_000_000);
        assertEquals(0.1, s.kp(), 1e-12);
        assertEquals(0.001, s.ki(), 1e-12);
    }

    @Test
    void firstTwoSamplesEstimateFrequencyThenStepWhenOverFirstStepThreshold() {
        PiServo s = new PiServo(hw(), 0, 900_000_000);
        s.sample(1_000_000, 1_000_000_000L, 1.0);
        assertEquals(ServoState.UNLOCKED, s.state());
        // 1 ms offset growing by 100 us per second: the clock is 100 ppm fast.
        double ppb = s.sample(1_100_000, 2_000_000_000L, 1.0);
        assertEquals(ServoState.JUMP, s.state(), "1.1 ms > first_step_threshold 20 us");
        assertEquals(-100_000.0, ppb, 1.0, "set the clock 100 ppm slower");
        s.sample(50, 3_000_000_000L, 1.0);
        assertEquals(ServoState.LOCKED, s.state());
    }

    @Test
    void smallFirstOffsetLocksWithoutStep() {
        PiServo s = new PiServo(hw(), 0, 900_000_000);
        s.sample(1000, 1_000_000_000L, 1.0);
        s.sample(1100, 2_000_000_000L, 1.0);
        assertEquals(ServoState.LOCKED, s.state());
    }

    @Test
    void stepThresholdResetsALockedServo() {
        ServoConfig c = hw();
        c.stepThreshold = 0.001; // 1 ms
        PiServo s = new PiServo(c, 0, 900_000_000);
        s.sample(0, 1_000_000_000L, 1.0);
        s.sample(0, 2_000_000_000L, 1.0);
        s.sample(0, 3_000_000_000L, 1.0);
        assertEquals(ServoState.LOCKED, s.state());
        s.sample(5_000_000, 4_000_000_000L, 1.0);
        assertEquals(ServoState.UNLOCKED, s.state(), "an offset over step_threshold restarts the servo");
    }

    @Test
    void outputIsClampedToMaxFrequency() {
        ServoConfig c = hw();
        c.maxFrequency = 1000;
        PiServo s = new PiServo(c, 0, 900_000_000);
        assertEquals(1000, s.maxFrequencyPpb());
        s.sample(0, 1_000_000_000L, 1.0);
        s.sample(0, 2_000_000_000L, 1.0);
        double ppb = s.sample(10_000, 3_000_000_000L, 1.0);
        assertEquals(-1000.0, ppb, 1e-9);
    }

    @Test
    void lockedStableAfterOffsetThresholdMetEnoughTimes() {
        ServoConfig c = hw();
        c.servoOffsetThreshold = 100;
        c.servoNumOffsetValues = 3;
        PiServo s = new PiServo(c, 0, 900_000_000);
        long t = 1_000_000_000L;
        s.sample(10, t, 1.0);
        s.sample(10, 2 * t, 1.0);
        assertEquals(ServoState.LOCKED, s.state());
        s.sample(10, 3 * t, 1.0);
        assertEquals(ServoState.LOCKED, s.state(), "two of three small offsets so far");
        s.sample(10, 4 * t, 1.0);
        assertEquals(ServoState.LOCKED_STABLE, s.state());
        s.sample(500, 5 * t, 1.0);
        assertEquals(ServoState.LOCKED, s.state());
    }

    /** linuxptp's servo test bar: time rms <= 15 ns at 10 ns jitter. */
    @Test
    void closedLoopRmsAtTenNanosecondJitter() {
        double worst = 0;
        for (long seed = 1; seed <= 5; seed++) {
            ClosedLoop loop = new ClosedLoop(new PiServo(hw(), 0, 900_000_000), 1.0, 10.0, 100_000, 50_000_000, seed);
            double rms = loop.rmsAfter(200, 2000);
            worst = Math.max(worst, rms);
            assertEquals(1, loop.steps, "one step at start, none after");
        }
        System.out.printf("PI servo, 1 s sync, 10 ns jitter, 100 ppm: worst true-time rms %.2f ns%n", worst);
        assertTrue(worst <= 15.0, "rms " + worst + " ns");
    }

    @Test
    void closedLoopAtEightHertz() {
        ClosedLoop loop = new ClosedLoop(new PiServo(hw(), 0, 900_000_000), 0.125, 10.0, -80_000, 1_000_000, 7);
        double rms = loop.rmsAfter(800, 8000);
        System.out.printf("PI servo, 1/8 s sync, 10 ns jitter: true-time rms %.2f ns%n", rms);
        assertTrue(rms <= 15.0, "rms " + rms + " ns");
    }

    @Test
    void initialFrequencyIsKept() {
        PiServo s = new PiServo(hw(), 12_345, 900_000_000);
        s.sample(0, 1_000_000_000L, 1.0);
        assertEquals(ServoState.UNLOCKED, s.state());
        s.sample(0, 2_000_000_000L, 1.0);
        // No drift measured: keep what the clock already had.
        assertEquals(12_345, s.sample(0, 3_000_000_000L, 1.0), 1e-6);
    }

    /** linuxptp's servo test bar for linreg: time rms <= 19 ns at 10 ns jitter. */
    @Test
    void linearRegressionClosedLoop() {
        double worst = 0;
        for (long seed = 1; seed <= 5; seed++) {
            ClosedLoop loop = new ClosedLoop(new LinRegServo(hw(), 0, 900_000_000), 1.0, 10.0, 100_000, 50_000_000, seed);
            worst = Math.max(worst, loop.rmsAfter(300, 2000));
            assertEquals(1, loop.steps, "one step at start");
        }
        System.out.printf("linreg servo, 1 s sync, 10 ns jitter, 100 ppm: worst true-time rms %.2f ns%n", worst);
        assertTrue(worst <= 19.0, "rms " + worst + " ns");
    }
}
