package io.ptp4j.sim;

import static org.junit.jupiter.api.Assertions.*;

import io.ptp4j.core.clock.FollowUpInformation;
import io.ptp4j.core.engine.ClockConfig;
import io.ptp4j.core.engine.ClockType;
import io.ptp4j.core.engine.DelayMechanism;
import io.ptp4j.core.port.PortState;
import io.ptp4j.core.wire.FollowUpInfoTlv;
import io.ptp4j.core.wire.MessageType;
import io.ptp4j.core.wire.PtpMessage;
import io.ptp4j.core.wire.TlvCursor;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/**
 * 802.1AS follow_up information along a line of time-aware systems (802.1AS-2020 11.4.4.3,
 * 10.2.8.1.4): a grandmaster sends rate offset 0, a relay sends its rate ratio to the grandmaster
 * (received ratio times its neighbor rate ratio), and a client's TIME_STATUS_NP fields follow.
 * The relay and the client run free (free_running), so their ratios are their oscillators':
 * relay +50 ppm, client -30 ppm. When the grandmaster dies the relay takes over and its clients
 * see a new time base (gmTimeBaseIndicator 1, the phase and frequency step).
 */
class GptpFollowUpInfoInSimTest {
    static final long S = 1_000_000_000L;
    static final double POW2_41 = 2199023255552.0;

    static ClockConfig gptp(long id, int priority1, int ports) {
        ClockConfig c = new ClockConfig();
        c.clockIdentity = id;
        c.priority1 = priority1;
        c.numberPorts = ports;
        if (ports > 1) c.clockType = ClockType.BC;
        c.port.logSyncInterval = -3;
        c.port.logAnnounceInterval = 0;
        c.port.delayMechanism = DelayMechanism.P2P;
        c.port.transportSpecific = 1;
        c.port.followUpInfo = true;
        return c;
    }

    @Test
    void relayPassesItsRateRatioOnAndTheClientReportsItsOwn() {
        Simulation sim = new Simulation(1_000 * S);
        Network net = new Network(sim, 41);
        SimNode gm = net.node("gm", gptp(0x10, 100, 1), 0, 0, 0, Noise.NONE, null);
        ClockConfig r = gptp(0x20, 200, 2);
        r.freeRunning = true;
        SimNode relay = net.node("relay", r, 3_000, 50, 0, Noise.NONE, null);
        ClockConfig c = gptp(0x30, 250, 1);
        c.freeRunning = true;
        SimNode client = net.node("client", c, -7_000, -30, 0, Noise.NONE, null);
        net.connect(gm, 1, relay, 1, 400, Noise.NONE);
        net.connect(relay, 2, client, 1, 600, Noise.NONE);
        int[] relayFollowUp = {Integer.MIN_VALUE};
        relay.tap((port, transmitted, frame, length) -> {
            PtpMessage m = new PtpMessage().wrap(ByteBuffer.wrap(frame, 0, length), 0, length);
            if (!transmitted || port != 2 || m.messageType() != MessageType.FOLLOW_UP) return;
            int v = FollowUpInfoTlv.find(m, new TlvCursor());
            if (v >= 0) relayFollowUp[0] = FollowUpInfoTlv.cumulativeScaledRateOffset(m, v);
        });
        net.start();
        sim.runUntil(1_060 * S);
        assertEquals(PortState.UNCALIBRATED, relay.engine().portState(1), "free_running: measures, never locks");
        assertEquals(PortState.MASTER, relay.engine().portState(2));

        // relay: rate ratio to the GM = GM/relay = 1/(1 + 50e-6)
        FollowUpInformation rf = relay.engine().followUpInformation();
        assertEquals(1 / (1 + 50e-6), rf.rateRatio(false), 1e-9);
        double sent = relayFollowUp[0] / POW2_41;
        assertEquals(1 / (1 + 50e-6) - 1, sent, 1e-9, "the relay's Follow_Ups carry its ratio to the GM");
        // client: received ratio times its neighbor ratio (relay/client) = GM/client = 1/(1 - 30e-6)
        FollowUpInformation cf = client.engine().followUpInformation();
        assertEquals(1 / (1 - 30e-6), cf.rateRatio(false), 1e-9);
        assertEquals(Math.round((1 / (1 - 30e-6) - 1) * POW2_41), cf.cumulativeScaledRateOffset(false), 3000);
        assertEquals(0, cf.gmTimeBaseIndicator(false));
        assertEquals(0, gm.engine().followUpInformation().cumulativeScaledRateOffset(true), "a GM's rate offset is 0");

        // The grandmaster dies: the relay takes over, its clients see time base 1 and the steps
        long relayOffset = relay.engine().currentDS().offsetFromMasterNanos();
        gm.setAlive(false);
        sim.runUntil(1_100 * S);
        assertTrue(relay.engine().isGrandmaster());
        assertEquals(1, rf.gmTimeBaseIndicator(true));
        assertEquals(-relayOffset << 16, rf.lastGmPhaseChangeLow64(true), 3L << 16, "phase step: relay minus old GM");
        assertEquals(50e-6, rf.scaledLastGmFreqChange(true) / POW2_41, 1e-9, "frequency step: relay vs old GM");
        assertEquals(1, cf.gmTimeBaseIndicator(false), "the client received the new time base");
        assertEquals(rf.lastGmPhaseChangeLow64(true), cf.lastGmPhaseChangeLow64(false));
        assertEquals(rf.scaledLastGmFreqChange(true), cf.scaledLastGmFreqChange(false));
        // and its rate ratio is now to the relay: relay/client
        assertEquals((1 + 50e-6) / (1 - 30e-6), cf.rateRatio(false), 1e-9);
    }
}
