package io.ptp4j.sim;

import static org.junit.jupiter.api.Assertions.*;

import io.ptp4j.core.engine.ClockConfig;
import io.ptp4j.core.engine.ClockType;
import io.ptp4j.core.engine.DelayMechanism;
import io.ptp4j.core.port.PortState;
import java.util.concurrent.atomic.AtomicLongArray;
import org.junit.jupiter.api.Test;

/**
 * One-step timestamping (time_stamping onestep / p2p1step) in the simulator, whose nodes act as
 * one-step NICs: the master's Sync carries its own egress time and no Follow_Up follows; a
 * p2p1step responder's Pdelay_Resp carries the turnaround in its correctionField and no
 * Pdelay_Resp_Follow_Up follows; transparent clocks between pass a one-step Sync on as a
 * two-step one with its residence in a Follow_Up they make (linuxptp tc_fwd_sync). The client
 * at the end synchronizes as well as it does behind a two-step master.
 */
class OneStepInSimTest {
    static final long S = 1_000_000_000L;

    /** Message counts a node sent, by messageType. */
    static AtomicLongArray countSent(SimNode n) {
        AtomicLongArray c = new AtomicLongArray(16);
        n.tap((port, tx, frame, length) -> {
            if (tx) c.incrementAndGet(frame[0] & 0x0F);
        });
        return c;
    }

    static ClockConfig oc(long id, int priority1, boolean oneStep, boolean p2p) {
        ClockConfig c = FaultsInSimTest.cfg(id, priority1);
        c.twoStepFlag = !oneStep;
        c.p2pOneStep = oneStep && p2p;
        if (p2p) c.port.delayMechanism = DelayMechanism.P2P;
        return c;
    }

    static ClockConfig tc(long id, boolean p2pOneStep) {
        ClockConfig c = FaultsInSimTest.cfg(id, 128);
        c.numberPorts = 2;
        c.clockType = ClockType.P2P_TC;
        c.port.delayMechanism = DelayMechanism.P2P;
        c.p2pOneStep = p2pOneStep;
        return c;
    }

    @Test
    void aOneStepMasterSendsNoFollowUpAndItsClientLocks() {
        Simulation sim = new Simulation(1_000 * S);
        Network net = new Network(sim, 21);
        SimNode gm = net.node("gm", oc(0x10, 100, true, false), 0, 0, 0, Noise.gaussian(8), null);
        SimNode client = net.node("client", oc(0x20, 128, false, false), 30_000, 20, 0, Noise.gaussian(8), null);
        net.connect(gm, 1, client, 1, 1_500, Noise.NONE);
        AtomicLongArray sent = countSent(gm);
        net.start();
        double[] max = new double[1];
        double rms = EngineInSimTest.rms(sim, client, 1_040 * S, 1_100 * S, max);
        System.out.printf("one-step master, E2E: client true rms %.1f ns, max %.1f ns%n", rms, max[0]);
        assertEquals(PortState.SLAVE, client.engine().portState(1));
        assertTrue(sent.get(0x0) > 500, "Syncs sent");
        assertEquals(0, sent.get(0x8), "no Follow_Up from a one-step master");
        assertTrue(rms < 100, "rms " + rms);
    }

    @Test
    void oneStepThroughP2pTransparentClocksWithOneStepPdelayResponders() {
        Simulation sim = new Simulation(1_000 * S);
        Network net = new Network(sim, 22);
        SimNode gm = net.node("gm", oc(0x10, 100, true, true), 0, 0, 0, Noise.gaussian(8), null);
        SimNode tc1 = net.node("tc1", tc(0x30, true), 5_000, 15, 0, Noise.gaussian(8), null);
        SimNode tc2 = net.node("tc2", tc(0x31, false), -7_000, -12, 0, Noise.gaussian(8), null);
        SimNode client = net.node("client", oc(0x20, 128, false, true), 30_000, 20, 0, Noise.gaussian(8), null);
        net.connect(gm, 1, tc1, 1, 800, Noise.NONE);
        net.connect(tc1, 2, tc2, 1, 1_200, Noise.NONE);
        net.connect(tc2, 2, client, 1, 600, Noise.NONE);
        AtomicLongArray gmSent = countSent(gm), tc1Sent = countSent(tc1);
        net.start();
        double[] max = new double[1];
        double rms = EngineInSimTest.rms(sim, client, 1_060 * S, 1_120 * S, max);
        System.out.printf("one-step GM, p2p1step, 2 P2P TCs: client true rms %.1f ns, max %.1f ns%n", rms, max[0]);
        assertEquals(PortState.SLAVE, client.engine().portState(1));
        assertEquals(0, gmSent.get(0x8), "no Follow_Up from the one-step master");
        assertTrue(gmSent.get(0x3) > 50, "the master answers Pdelay_Req");
        assertEquals(0, gmSent.get(0xA), "one-step Pdelay_Resp: no Pdelay_Resp_Follow_Up");
        assertEquals(0, tc1Sent.get(0xA), "nor from the p2p1step TC");
        assertTrue(tc1Sent.get(0x8) > 500, "the TC turns the one-step Sync into a two-step one with a Follow_Up");
        // each link's delay as the TCs measured it against one-step responders
        TransparentClockProbe.assertDelay(tc1, 1, 800);
        TransparentClockProbe.assertDelay(tc2, 1, 1_200);
        assertTrue(rms < 100, "rms " + rms);
    }

    static final class TransparentClockProbe {
        static void assertDelay(SimNode tc, int port, long expected) {
            long d = ((io.ptp4j.core.clock.TransparentClock) tc.node()).linkDelayNanos(port);
            assertEquals(expected, d, 40, tc.name() + " port " + port + " link delay");
        }
    }
}
