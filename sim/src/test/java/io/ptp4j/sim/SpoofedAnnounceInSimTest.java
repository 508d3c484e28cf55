package io.ptp4j.sim;

import static org.junit.jupiter.api.Assertions.*;

import io.ptp4j.core.engine.Driver;
import io.ptp4j.core.engine.ClockConfig;
import io.ptp4j.core.port.PortState;
import io.ptp4j.core.wire.MessageType;
import io.ptp4j.core.wire.PtpMessage;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/**
 * Issue 13's BMCA churn in the simulator: besides the real grandmaster (priority1 100), a host on
 * the same switch sends 27 spoofed Announces a second from 9 identities (each picked at random) that are all worse
 * (priority1 120). With a foreign-master table that evicted the least recently heard record, the
 * client followed a spoofed grandmaster within seconds; it must keep the real one.
 */
class SpoofedAnnounceInSimTest {
    static final long S = 1_000_000_000L;

    @Test
    void churnOfWorseSpoofedClocksLeavesTheRealMasterSelected() {
        Simulation sim = new Simulation(1_000 * S);
        Network net = new Network(sim, 13);
        Switch sw = net.plainSwitch("sw", Noise.NONE);
        SimNode gm = net.node("gm", EngineInSimTest.cfg(0x10, 100), 0, 0, 0, Noise.gaussian(8), null);
        EngineInSimTest.Recorder log = new EngineInSimTest.Recorder();
        SimNode client = net.node("client", EngineInSimTest.cfg(0x30, 128), 20_000, -10, 0, Noise.gaussian(8), log);
        ClockConfig quiet = EngineInSimTest.cfg(0x66, 255);
        quiet.clientOnly = true; // the attacker's own engine never announces
        SimNode attacker = net.node("attacker", quiet, 0, 0, 0, Noise.NONE, null);
        EngineInSimTest.runOnSwitch(net, sw, 1_030 * S, gm, client, attacker);
        assertEquals(0x10, client.engine().parentDS().grandmasterIdentity());
        assertEquals(PortState.SLAVE, client.engine().portState(1));

        long start = sim.now(), end = start + 30 * S;
        ByteBuffer frame = ByteBuffer.allocate(64);
        PtpMessage m = new PtpMessage();
        int[] sent = {0};
        // each spoofed Announce from one of the 9 identities picked at random, as a flooding tool does
        java.util.SplittableRandom pick = new java.util.SplittableRandom(7);
        for (long t = start; t < end; t += S / 27) {
            int k = sent[0]++;
            long id = 0x5000 + pick.nextInt(9);
            sim.at(t, () -> {
                m.wrap(frame, 0, 64).initHeader(MessageType.ANNOUNCE, 0).sourcePort(id, 1).sequenceId(k).logMessageInterval(1)
                        .grandmasterPriority1(120).grandmasterClockQuality(248, 0xFE, 0xFFFF).grandmasterPriority2(128)
                        .grandmasterIdentity(id).stepsRemoved(0).timeSource(0xA0);
                attacker.send(1, frame, 0, m.messageLength(), false, Driver.MULTICAST);
            });
        }
        for (long t = start; t < end + 10 * S; t += S / 8) {
            sim.runUntil(t);
            assertEquals(0x10, client.engine().parentDS().grandmasterIdentity(), "at " + (t - start) / 1e9 + " s of the attack");
            assertEquals(PortState.SLAVE, client.engine().portState(1), "at " + (t - start) / 1e9 + " s of the attack");
        }
        long heard = log.lines.stream().filter(l -> l.contains("new foreign master 000000.0000.00500")).count();
        long identities = log.lines.stream().filter(l -> l.contains("new foreign master 000000.0000.00500")).distinct().count();
        assertEquals(9, identities, "every spoofed identity reached the client");
        System.out.printf("spoofed churn: %d Announces from 9 identities in 30 s, %d new-foreign-master notices, master kept%n",
                sent[0], heard);
    }
}
