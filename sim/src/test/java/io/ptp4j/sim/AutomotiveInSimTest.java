package io.ptp4j.sim;

import static org.junit.jupiter.api.Assertions.*;

import io.ptp4j.core.engine.ClockConfig;
import io.ptp4j.core.engine.DelayMechanism;
import io.ptp4j.core.port.PortState;
import io.ptp4j.core.servo.ServoState;
import io.ptp4j.core.wire.MessageType;
import org.junit.jupiter.api.Test;

/**
 * The automotive profile (linuxptp configs/automotive-master.cfg and automotive-slave.cfg) in the
 * simulator: designated states without a BMCA, no Announce on the wire, synchronization from Syncs
 * alone, and the slave's message interval request slowing the master's Syncs once it is stable.
 */
class AutomotiveInSimTest {
    static final long S = 1_000_000_000L;
    static final int ANNOUNCE = MessageType.ANNOUNCE.code, SYNC = MessageType.SYNC.code;
    static final int PDELAY_REQ = MessageType.PDELAY_REQ.code, PDELAY_RESP = MessageType.PDELAY_RESP.code;
    static final int SIGNALING = MessageType.SIGNALING.code;

    /** The keys both automotive configs share ("Options carried over from gPTP"). */
    static ClockConfig gptp(long id) {
        ClockConfig c = new ClockConfig();
        c.clockIdentity = id;
        c.priority1 = 248;
        c.priority2 = 248;
        c.port.logSyncInterval = -3;
        c.port.syncReceiptTimeout = 3;
        c.port.neighborPropDelayThreshNanos = 800;
        c.pathTraceEnabled = true;
        c.port.followUpInfo = true;
        c.port.transportSpecific = 1;
        c.port.delayMechanism = DelayMechanism.P2P;
        c.port.bmcaNoop = true;
        c.port.inhibitAnnounce = true;
        c.port.alwaysAsCapable = true;
        return c;
    }

    static ClockConfig master(long id) {
        ClockConfig c = gptp(id);
        c.port.serverOnly = true;
        c.port.inhibitDelayReq = true;
        return c;
    }

    static ClockConfig slave(long id) {
        ClockConfig c = gptp(id);
        c.clientOnly = true;
        c.port.ignoreSourceId = true;
        c.servo.stepThreshold = 1;
        c.port.operLogSyncInterval = 0;
        c.port.operLogPdelayReqInterval = 2;
        c.port.msgIntervalRequest = true;
        c.servo.servoOffsetThreshold = 30;
        c.servo.servoNumOffsetValues = 10;
        return c;
    }

    @Test
    void masterAndSlaveSynchronizeWithoutAnnounceAndTheSlaveSlowsTheSyncs() {
        Simulation sim = new Simulation(1_000 * S);
        Network net = new Network(sim, 11);
        EngineInSimTest.Recorder gmLog = new EngineInSimTest.Recorder(), log = new EngineInSimTest.Recorder();
        SimNode gm = net.node("gm", master(0x10), 0, 0, 0, Noise.gaussian(8), gmLog);
        SimNode client = net.node("client", slave(0x20), 80_000, 30, 0, Noise.gaussian(8), log);
        net.connect(gm, 1, client, 1, 300, Noise.NONE);
        net.start();
        sim.runUntil(1_000 * S + S / 10);
        // designated_fsm.c: straight from INITIALIZING, no LISTENING, no BMCA
        assertEquals(PortState.MASTER, gm.engine().portState(1));
        assertEquals(PortState.SLAVE, client.engine().portState(1));
        assertTrue(gmLog.lines.contains("port 1: INITIALIZING to MASTER on INIT_COMPLETE"), gmLog.lines.toString());
        assertTrue(log.lines.contains("port 1: INITIALIZING to SLAVE on INIT_COMPLETE"), log.lines.toString());

        double rms = EngineInSimTest.rms(sim, client, 1_060 * S, 1_120 * S, null);
        var g = gm.engine();
        var c = client.engine();
        System.out.printf("automotive: client true rms %.1f ns, peer delay %d ns, master Sync interval 2^%d%n",
                rms, c.port(1).peerDelay().delayNanos(), g.port(1).ds().logSyncInterval());
        assertEquals(PortState.SLAVE, c.portState(1));
        assertFalse(log.lines.stream().anyMatch(l -> l.contains(" to ") && !l.contains("INIT_COMPLETE")), log.lines.toString());
        assertTrue(rms < 100, "rms " + rms);
        assertEquals(300, c.port(1).peerDelay().delayNanos(), 30);
        // inhibit_announce: nobody sends or hears an Announce
        assertEquals(0, g.port(1).counters().txMessages(ANNOUNCE));
        assertEquals(0, c.port(1).counters().txMessages(ANNOUNCE));
        assertEquals(0, c.port(1).counters().rxMessages(ANNOUNCE));
        // inhibit_delay_req: the master only answers Pdelay_Req
        assertEquals(0, g.port(1).counters().txMessages(PDELAY_REQ));
        assertTrue(g.port(1).counters().txMessages(PDELAY_RESP) > 0);
        assertTrue(c.port(1).counters().txMessages(PDELAY_REQ) > 0);
        // the slave took the master as its parent from the Syncs (no Announce names it)
        assertEquals(0x10, c.parentDS().parentClockIdentity());
        assertEquals(1, c.parentDS().parentPortNumber());
        assertEquals(0x10, c.parentDS().grandmasterIdentity());
        assertFalse(c.isGrandmaster());
        // msg_interval_request: once stable the slave asked for operLogSyncInterval 0 and took
        // operLogPdelayReqInterval 2 for itself
        assertTrue(c.port(1).intervalRequest().sent() >= 1);
        assertEquals(ServoState.LOCKED_STABLE, c.servoState());
        assertEquals(0, g.port(1).ds().logSyncInterval());
        assertEquals(2, c.port(1).ds().logMinPdelayReqInterval());
        assertEquals(0, g.port(1).ds().logMinPdelayReqInterval(), "the request leaves the master's link delay interval alone");
        long syncs = g.port(1).counters().txMessages(SYNC), pdreq = c.port(1).counters().txMessages(PDELAY_REQ);
        sim.runUntil(1_180 * S);
        long syncsPerMinute = g.port(1).counters().txMessages(SYNC) - syncs;
        long pdreqPerMinute = c.port(1).counters().txMessages(PDELAY_REQ) - pdreq;
        assertTrue(syncsPerMinute >= 59 && syncsPerMinute <= 61, "1 Sync/s after the request, got " + syncsPerMinute);
        assertTrue(pdreqPerMinute >= 14 && pdreqPerMinute <= 16, "1 Pdelay_Req per 4 s, got " + pdreqPerMinute);
        assertEquals(c.port(1).intervalRequest().sent(), c.port(1).counters().txMessages(SIGNALING), "one Signaling per request");
        assertEquals(PortState.SLAVE, c.portState(1));
        assertTrue(Math.abs(client.trueErrorNanos()) < 200, "true error " + client.trueErrorNanos());
    }

    @Test
    void withoutIgnoreSourceIdTheSlaveNeverSynchronizes() {
        // linuxptp check_source_identity: no Announce, so the parent is the clock itself and every Sync is foreign
        Simulation sim = new Simulation(1_000 * S);
        Network net = new Network(sim, 12);
        SimNode gm = net.node("gm", master(0x10), 0, 0, 0, Noise.gaussian(8), null);
        ClockConfig sc = slave(0x20);
        sc.port.ignoreSourceId = false;
        SimNode client = net.node("client", sc, 80_000, 30, 0, Noise.gaussian(8), null);
        net.connect(gm, 1, client, 1, 300, Noise.NONE);
        net.start();
        sim.runUntil(1_030 * S);
        assertEquals(PortState.SLAVE, client.engine().portState(1));
        assertEquals(ServoState.UNLOCKED, client.engine().servoState());
        assertTrue(Math.abs(client.trueErrorNanos()) > 50_000, "true error " + client.trueErrorNanos());
        assertEquals(0x20, client.engine().parentDS().parentClockIdentity());
    }

    @Test
    void announcesFromTheMasterStillNameTheParentAndChangeNoState() {
        Simulation sim = new Simulation(1_000 * S);
        Network net = new Network(sim, 13);
        ClockConfig mc = master(0x10);
        mc.port.inhibitAnnounce = false;
        EngineInSimTest.Recorder log = new EngineInSimTest.Recorder();
        SimNode gm = net.node("gm", mc, 0, 0, 0, Noise.gaussian(8), null);
        SimNode client = net.node("client", slave(0x20), 80_000, 30, 0, Noise.gaussian(8), log);
        net.connect(gm, 1, client, 1, 300, Noise.NONE);
        net.start();
        sim.runUntil(1_060 * S);
        assertTrue(gm.engine().port(1).counters().txMessages(ANNOUNCE) > 0);
        assertEquals(PortState.SLAVE, client.engine().portState(1));
        assertEquals(0x10, client.engine().parentDS().grandmasterIdentity());
        assertEquals(248, client.engine().parentDS().grandmasterClockClass(), "parentDS from the Announce (the slave itself is class 255)");
        assertTrue(Math.abs(client.trueErrorNanos()) < 200, "true error " + client.trueErrorNanos());
        gm.setAlive(false);
        sim.runUntil(1_090 * S);
        // designated_slave_fsm: the announce receipt timeout (inhibit_announce: not even armed) changes nothing
        assertEquals(PortState.SLAVE, client.engine().portState(1));
        assertEquals(1, log.lines.stream().filter(l -> l.contains(" to ")).count(), log.lines.toString());
    }

    @Test
    void initialDelayStandsInForAPathDelayNeverMeasured() {
        // a slave that sends no Pdelay_Req (inhibit_delay_req) synchronizes only with initial_delay
        for (long initial : new long[] {0, 2_000}) {
            Simulation sim = new Simulation(1_000 * S);
            Network net = new Network(sim, 14);
            SimNode gm = net.node("gm", master(0x10), 0, 0, 0, Noise.gaussian(8), null);
            ClockConfig sc = slave(0x20);
            sc.port.inhibitDelayReq = true;
            sc.initialDelayNanos = initial;
            SimNode client = net.node("client", sc, 80_000, 30, 0, Noise.gaussian(8), null);
            net.connect(gm, 1, client, 1, 2_000, Noise.NONE);
            net.start();
            sim.runUntil(1_060 * S);
            var c = client.engine();
            assertEquals(0, c.port(1).counters().txMessages(PDELAY_REQ));
            assertEquals(0, c.port(1).peerDelay().delayNanos(), "nothing measured");
            if (initial == 0) {
                assertEquals(ServoState.UNLOCKED, c.servoState(), "no delay, no offset");
                assertTrue(Math.abs(client.trueErrorNanos()) > 50_000, "true error " + client.trueErrorNanos());
            } else {
                assertEquals(2_000, c.currentDS().meanPathDelayNanos());
                assertTrue(Math.abs(client.trueErrorNanos()) < 200, "true error " + client.trueErrorNanos());
            }
        }
    }
}
