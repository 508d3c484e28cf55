package io.ptp4j.sim;

import static org.junit.jupiter.api.Assertions.*;

import io.ptp4j.core.engine.ClockConfig;
import io.ptp4j.core.engine.EngineListener;
import io.ptp4j.core.port.PortState;
import io.ptp4j.core.servo.ServoState;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * sanity_freq_limit (linuxptp clockcheck.c) in the engine: a disciplined clock that someone else
 * steps is reported in linuxptp's words and the servo starts over (UNLOCKED, a new frequency
 * estimate), as linuxptp's clock_check_ts does. As in linuxptp the restarted servo keeps its
 * first update behind it: whether it then steps is step_threshold's business.
 */
class ClockCheckInSimTest {
    static final long S = 1_000_000_000L;

    static final class Steps extends FaultsInSimTest.Log {
        final List<Long> steps = new ArrayList<>();
        final List<ServoState> states = new ArrayList<>();
        final List<Long> stateTimes = new ArrayList<>();

        Steps(Simulation sim) {
            super(sim);
        }

        @Override
        public void clockStepped(long deltaNanos) {
            steps.add(deltaNanos);
        }

        @Override
        public void servoSample(int port, long offsetNanos, ServoState state, double freqPpb, long pathDelayNanos) {
            states.add(state);
            stateTimes.add(sim.now());
        }

        /** When the servo was first UNLOCKED at or after {@code from}, or -1. */
        long unlockedAfter(long from) {
            for (int i = 0; i < states.size(); i++) if (stateTimes.get(i) >= from && states.get(i) == ServoState.UNLOCKED) return stateTimes.get(i);
            return -1;
        }
    }

    Steps run(int sanityFreqLimit, long jumpNanos) {
        Simulation sim = new Simulation(1_000 * S);
        Network net = new Network(sim, 11);
        ClockConfig gm = FaultsInSimTest.cfg(0x10, 100);
        ClockConfig c = FaultsInSimTest.cfg(0x20, 128);
        c.sanityFreqLimit = sanityFreqLimit;
        Steps log = new Steps(sim);
        net.node("gm", gm, 0, 0, 0, Noise.gaussian(8), null);
        SimNode client = net.node("client", c, 20_000, 10, 0, Noise.gaussian(8), log);
        net.connect(sim.node("gm"), 1, client, 1, 1_000, Noise.NONE);
        net.start();
        sim.runUntil(1_030 * S);
        assertEquals(PortState.SLAVE, client.engine().portState(1));
        assertEquals(1, log.steps.size(), "one step at the start");
        client.clock().step(sim.now(), jumpNanos); // someone else steps the virtual clock
        sim.runUntil(1_040 * S);
        return log;
    }

    @Test
    void aClockMadeToJumpBackIsReportedAndTheServoStartsOver() {
        Steps log = run(200_000_000, -500_000_000L);
        long warned = log.when("clockcheck: clock jumped backward or running slower than expected!", 1_030 * S);
        assertTrue(warned > 0, log.lines.toString());
        long unlocked = log.unlockedAfter(1_030 * S);
        assertTrue(unlocked >= warned && unlocked - warned < S, "the servo starts over at once: " + log.states);
    }

    @Test
    void aClockMadeToJumpForwardIsReportedToo() {
        Steps log = run(200_000_000, 300_000_000L);
        assertTrue(log.when("clockcheck: clock jumped forward or running faster than expected!", 1_030 * S) > 0, log.lines.toString());
        assertTrue(log.unlockedAfter(1_030 * S) > 0);
    }

    @Test
    void withoutTheCheckTheServoNeverNotices() {
        Steps log = run(0, -500_000_000L); // sanity_freq_limit 0: off
        assertEquals(-1, log.unlockedAfter(1_030 * S), "the servo goes on chasing the jump");
        assertFalse(log.lines.stream().anyMatch(l -> l.startsWith("clockcheck")));
    }
}
