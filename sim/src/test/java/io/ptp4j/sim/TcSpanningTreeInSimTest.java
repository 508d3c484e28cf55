package io.ptp4j.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ptp4j.core.clock.TransparentClock;
import io.ptp4j.core.engine.ClockConfig;
import io.ptp4j.core.engine.ClockType;
import io.ptp4j.core.port.PortState;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * tc_spanning_tree breaks a loop of transparent clocks (linuxptp tc.c): three E2E TCs wired in a
 * triangle, the grandmaster on one, the client on another. Without the key every TC forwards
 * every message out of every other port and the triangle multiplies them without end; with it the
 * TCs' port states cut the link between the two far TCs (PASSIVE at both ends) and the client
 * synchronizes through the one remaining path.
 */
class TcSpanningTreeInSimTest {
    private static final long S = 1_000_000_000L;

    /** A three-port E2E transparent clock with tc_spanning_tree on. */
    static ClockConfig tc(long id) {
        ClockConfig c = new ClockConfig();
        c.clockIdentity = id;
        c.tcSpanningTree = true;
        return EngineInSimTest.withPorts(c, ClockType.E2E_TC, 3);
    }

    private static long total(long[] counts) {
        return java.util.Arrays.stream(counts).sum();
    }

    @Test
    void aTriangleOfTransparentClocksCarriesEachMessageOnce() {
        Simulation sim = new Simulation(1_000 * S);
        Network net = new Network(sim, 31);
        SimNode gm = net.node("gm", EngineInSimTest.cfg(0x10, 100), 0, 0, 0, Noise.gaussian(8), null);
        SimNode a = net.node("tcA", tc(0x21), 3_000, 10, 0, Noise.gaussian(8), null);
        EngineInSimTest.Recorder bLog = new EngineInSimTest.Recorder(), cLog = new EngineInSimTest.Recorder();
        SimNode b = net.node("tcB", tc(0x22), -4_000, -8, 0, Noise.gaussian(8), bLog);
        SimNode c = net.node("tcC", tc(0x23), 1_000, 5, 0, Noise.gaussian(8), cLog);
        SimNode client = net.node("client", EngineInSimTest.cfg(0x30, 128), 20_000, 20, 0, Noise.gaussian(8), null);
        net.connect(gm, 1, a, 1, 500, Noise.NONE);
        net.connect(a, 2, b, 1, 700, Noise.NONE);
        net.connect(a, 3, c, 1, 900, Noise.NONE);
        net.connect(b, 2, c, 2, 600, Noise.NONE); // closes the loop a-b-c
        net.connect(b, 3, client, 1, 400, Noise.NONE);
        // what reached the grandmaster and the client, by message type
        long[] gmHeard = new long[16], clientHeard = new long[16], gmSent = new long[16], clientSent = new long[16];
        gm.tap((port, tx, frame, length) -> (tx ? gmSent : gmHeard)[frame[0] & 0x0F]++);
        client.tap((port, tx, frame, length) -> (tx ? clientSent : clientHeard)[frame[0] & 0x0F]++);
        net.start();
        double[] max = new double[1];
        // a storm would never end: bound the run in wall-clock time, so that it fails instead
        double rms = assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> EngineInSimTest.rms(sim, client, 1_060 * S, 1_120 * S, max));
        TransparentClock ta = (TransparentClock) a.node(), tb = (TransparentClock) b.node();
        assertEquals(PortState.SLAVE, ta.portState(1));
        assertEquals(PortState.MASTER, ta.portState(2));
        assertEquals(PortState.MASTER, ta.portState(3));
        assertEquals(PortState.SLAVE, tb.portState(1));
        assertEquals(PortState.MASTER, tb.portState(3));
        assertEquals(PortState.SLAVE, ((TransparentClock) c.node()).portState(1));
        // b and c hear the grandmaster one step further through each other: the link between them
        // is cut (PASSIVE). A PASSIVE port forwards nothing, so the other end stops hearing and
        // times out to MASTER, as linuxptp's do; a MASTER port takes nothing in, so the loop stays open
        assertTrue(bLog.lines.contains("port 2: MASTER to PASSIVE on RS_PASSIVE"), bLog.lines.toString());
        assertTrue(cLog.lines.contains("port 2: MASTER to PASSIVE on RS_PASSIVE"), cLog.lines.toString());
        assertEquals(PortState.SLAVE, client.engine().portState(1));
        assertEquals(3, client.engine().currentDS().stepsRemoved(), "the Announce came with 2: each TC on the path (a, b) adds a step");
        assertTrue(rms < 200, "client true rms " + rms + " ns, max " + max[0]);
        // nothing came round: the grandmaster never hears a Sync, Follow_Up or Announce (its own back),
        // and the client each of the grandmaster's at most once
        assertEquals(0, gmHeard[0x0] + gmHeard[0x8] + gmHeard[0xB], "the grandmaster heard its own messages back");
        for (int type : new int[] {0x0, 0x8, 0xB}) {
            assertTrue(clientHeard[type] <= gmSent[type], "type " + type + ": client heard " + clientHeard[type]
                    + ", the grandmaster sent " + gmSent[type]);
        }
        assertTrue(clientHeard[0x0] > gmSent[0x0] * 3 / 4, "the client heard most Syncs: " + clientHeard[0x0]);
        assertTrue(tb.forwarded() <= 2 * (total(gmSent) + total(clientSent)), "tcB forwarded " + tb.forwarded());
    }
}
