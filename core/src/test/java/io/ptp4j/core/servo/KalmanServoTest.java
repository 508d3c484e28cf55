package io.ptp4j.core.servo;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class KalmanServoTest {
    @Test
    void stepsOnceThenHoldsTheClockCloserThanPiOnTheSameNoise() {
        // 40 ppm fast, 150 us off, 8 Hz, 10 ns of measurement noise (hardware stamps)
        ClosedLoop k = new ClosedLoop(new KalmanServo(new ServoConfig(), 0, 900_000_000), 0.125, 10, 40_000, 150_000, 7);
        ClosedLoop p = new ClosedLoop(new PiServo(new ServoConfig(), 0, 900_000_000), 0.125, 10, 40_000, 150_000, 7);
        double kalman = k.rmsAfter(480, 960), pi = p.rmsAfter(480, 960);
        assertEquals(1, k.steps, "one step at the first update (150 us > first_step_threshold)");
        assertEquals(-40_000, k.adjustPpb, 5, "the frequency error is cancelled");
        assertTrue(kalman < 0.8 * pi, "kalman " + kalman + " ns vs pi " + pi + " ns");
    }

    @Test
    void aLateSampleIsLeftOutOnceTheNoiseIsKnown() {
        KalmanServo s = new KalmanServo(new ServoConfig(), 0, 900_000_000);
        ClosedLoop loop = new ClosedLoop(s, 0.125, 10, 5_000, 0, 3);
        loop.rmsAfter(400, 1);
        double before = loop.adjustPpb;
        // one Sync 100 us late: the measured offset jumps, the clock did not
        long t = loop.trueNanos + 125_000_000L + (long) loop.localMinusTrue;
        double ppb = s.sample(Math.round(loop.localMinusTrue) + 100_000, t, 1.0);
        assertEquals(ServoState.LOCKED, s.state());
        assertEquals(before, ppb, 20, "a 100 us outlier moves the frequency by less than 20 ppb");
        assertTrue(s.noiseNanos() < 30, "learned noise " + s.noiseNanos() + " ns");
    }

    @Test
    void softwareNoiseIsLearnedNotConfigured() {
        ClosedLoop k = new ClosedLoop(new KalmanServo(new ServoConfig(), 0, 900_000_000), 0.125, 1_000, -25_000, -2_000_000, 5);
        double rms = k.rmsAfter(1600, 1600);
        assertTrue(rms < 250, "true error rms " + rms + " ns with 1 us of noise");
    }
}
