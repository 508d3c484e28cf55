package io.ptp4j.core.bound;

import static org.junit.jupiter.api.Assertions.*;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The estimator against a synthetic clock whose true error is known exactly: an oscillator off by
 * {@code naturalPpb}, a crude proportional servo, Gaussian measurement noise and a fixed path
 * asymmetry. Each case also checks the bound is not vacuous.
 */
class ErrorBoundEstimatorTest {
    static final long S = 1_000_000_000L, INTERVAL = S / 8;

    /** A clock and its estimator; {@code error} is clock minus true time, ns. */
    static final class Rig {
        final ErrorBoundEstimator est = new ErrorBoundEstimator();
        final SplittableRandom random = new SplittableRandom(7);
        long now = 1000 * S;
        double error = 30_000, naturalPpb = 12_000, freqPpb, asymmetry = 300, noise = 20, pathDelay = 1_000, accuracy = 25;

        Rig() {
            est.frequency(now, freqPpb);
        }

        /** Advances the clock's true error by the oscillator and the applied frequency. */
        void run(long nanos) {
            error += (freqPpb - naturalPpb) * (nanos / 1e9);
            now += nanos;
        }

        /** One Sync: measure, let the servo correct the frequency (and step when far off). */
        void sample() {
            double offset = error + asymmetry + random.nextGaussian() * noise;
            long step = 0;
            if (Math.abs(offset) > 20_000) {
                step = -Math.round(offset);
                error += step;
                est.stepped(now, step);
            }
            est.sample(now, offset, step, pathDelay, accuracy);
            freqPpb = naturalPpb - 0.7 * (offset + step) * 8; // a crude locked servo
            est.frequency(now, freqPpb);
        }

        /** Runs {@code count} Sync intervals, each ending in a sample. */
        void syncs(int count) {
            for (int i = 0; i < count; i++) {
                run(INTERVAL);
                sample();
            }
        }

        ErrorBound publish() {
            return est.publish(now);
        }
    }

    @Test
    void lockedClockLiesInsideItsBound() {
        Rig r = new Rig();
        int claims = 0;
        double widest = 0;
        for (int i = 0; i < 8 * 60; i++) {
            r.run(INTERVAL);
            r.sample();
            ErrorBound b = r.publish();
            if (b.status() != BoundStatus.SYNCHRONIZED) continue;
            claims++;
            // a reader halfway to the next Sync, extrapolating as the protocol says
            long mid = r.now + INTERVAL / 2;
            double errorMid = r.error + (r.freqPpb - r.naturalPpb) * (INTERVAL / 2 / 1e9);
            assertTrue(Math.abs(errorMid) <= b.boundAt(mid), "t=" + i + ": error " + errorMid + " bound " + b.boundAt(mid));
            if (i >= 8 * 20) widest = Math.max(widest, b.boundNanos()); // once the start's big corrections left the window
        }
        assertTrue(claims > 8 * 50, "claims: " + claims);
        // accuracy 25 + asymmetry allowance 1000 + residual and spread of 20 ns noise: well under 2 us
        assertTrue(widest < 2_000, "widest " + widest);
        assertEquals(25, r.est.accuracyTermNanos());
        // the 1 us path delay, plus twice the delay skew: the servo's rate changes times half a Sync interval
        assertTrue(r.est.asymmetryTermNanos() >= 1_000 && r.est.asymmetryTermNanos() < 1_200, "asymmetry " + r.est.asymmetryTermNanos());
    }

    @Test
    void holdoverGrowsTheBoundAndKeepsTheTruthInside() {
        Rig r = new Rig();
        r.noise = 5;
        r.syncs(8 * 30);
        long lastSample = r.now;
        ErrorBound atLoss = r.publish();
        long boundAtLoss = atLoss.boundNanos();
        // the master is gone: the servo holds its frequency, the oscillator drifts 40 ppb away
        r.freqPpb = r.naturalPpb + 5;
        r.est.frequency(r.now, r.freqPpb);
        r.naturalPpb -= 40;
        ErrorBound b = null;
        for (int sec = 1; sec <= 60; sec++) {
            r.run(S);
            b = r.publish();
            assertTrue(Math.abs(r.error) <= b.boundNanos(), sec + " s: error " + r.error + " bound " + b.boundNanos());
        }
        assertEquals(BoundStatus.FREE_RUNNING, b.status(), "no measurement for 60 s");
        assertTrue(b.boundNanos() > boundAtLoss + 40 * 60, "the bound grew with the frequency uncertainty: " + b);
        assertTrue(r.now - lastSample > ErrorBoundEstimator.SYNCHRONIZED_FOR_NANOS);
    }

    /** A step the estimator was told about keeps the bound right; the same step unreported does not. */
    @Test
    void stepsCountInThePhaseThatWasPutIn() {
        Rig r = new Rig();
        r.syncs(8 * 20);
        long marker = r.publish().disruptionMarker();
        r.error += 500_000;
        r.est.stepped(r.now, 500_000);
        ErrorBound b = r.publish();
        assertEquals(marker + 1, b.disruptionMarker());
        assertTrue(b.boundNanos() >= 500_000, "the step is in the bound: " + b);
        assertTrue(Math.abs(r.error) <= b.boundNanos());

        Rig blind = new Rig();
        blind.syncs(8 * 20);
        blind.error += 500_000; // stepped behind the estimator's back
        assertTrue(Math.abs(blind.error) > blind.publish().boundNanos(), "an unreported step escapes the bound (the test can fail)");
    }

    @Test
    void unknownGrandmasterAccuracyGivesNoMeasurementBound() {
        Rig r = new Rig();
        r.accuracy = -1;
        r.syncs(8 * 20);
        ErrorBound b = r.publish();
        assertEquals(BoundStatus.UNKNOWN, b.status());
        assertFalse(b.status().trusted());
    }

    /** After a failover to a grandmaster of much worse accuracy the holdover bound stays the tighter one. */
    @Test
    void aWorseGrandmasterDoesNotWidenAGoodBoundAtOnce() {
        Rig r = new Rig();
        r.syncs(8 * 30);
        long before = r.publish().boundNanos();
        r.est.referenceChanged(r.now);
        r.accuracy = 1e6; // the backup announces clockAccuracy 0x29: within 1 ms
        for (int i = 0; i < 8 * 3; i++) {
            r.run(INTERVAL);
            r.sample();
            ErrorBound b = r.publish();
            assertTrue(Math.abs(r.error) <= b.boundNanos());
            assertTrue(b.boundNanos() < 100_000, "kept the holdover bound, not 1 ms: " + b);
        }
        assertTrue(before < 2_000);
    }

    @Test
    void aGrandmasterOfDeclaredAccuracyPublishesIt() {
        ErrorBoundEstimator e = new ErrorBoundEstimator();
        e.ownReference(ClockAccuracy.nanos(0x21));
        ErrorBound b = e.publish(5 * S);
        assertEquals(BoundStatus.SYNCHRONIZED, b.status());
        assertEquals(100, b.boundNanos());
        assertEquals(0, b.maxDriftPpb());
        assertEquals(5 * S + ErrorBoundEstimator.HORIZON_NANOS, b.voidAfterNanos());
    }

    @Test
    void clockAccuracyTable() {
        assertEquals(25, ClockAccuracy.nanos(0x20));
        assertEquals(100, ClockAccuracy.nanos(0x21));
        assertEquals(1_000, ClockAccuracy.nanos(0x23));
        assertEquals(1e6, ClockAccuracy.nanos(0x29));
        assertEquals(1e10, ClockAccuracy.nanos(0x30));
        assertEquals(-1, ClockAccuracy.nanos(0x31), "more than 10 s bounds nothing");
        assertEquals(-1, ClockAccuracy.nanos(ClockAccuracy.UNKNOWN));
        assertEquals(-1, ClockAccuracy.nanos(0x16), "reserved");
        assertEquals(-1, ClockAccuracy.nanos(0x80), "alternate profiles");
    }

    @Test
    void boundAtExtrapolatesAsAClockBoundReaderDoes() {
        ErrorBound b = new ErrorBound();
        b.asOfNanos = 10 * S;
        b.boundNanos = 1_000;
        b.maxDriftPpb = 1_500;
        assertEquals(1_000, b.boundAt(10 * S));
        assertEquals(1_000, b.boundAt(9 * S), "never shrinks before as_of");
        assertEquals(4_000, b.boundAt(12 * S));
        assertEquals(1_002, b.boundAt(10 * S + 1_000_000), "rounded up");
    }
}
