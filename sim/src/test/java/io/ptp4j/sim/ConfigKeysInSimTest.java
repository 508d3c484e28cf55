package io.ptp4j.sim;

import static io.ptp4j.sim.EngineInSimTest.S;
import static io.ptp4j.sim.EngineInSimTest.cfg;
import static org.junit.jupiter.api.Assertions.*;

import io.ptp4j.core.engine.ClockConfig;
import io.ptp4j.core.engine.PortConfig;
import io.ptp4j.core.engine.DelayMechanism;
import io.ptp4j.core.port.PortState;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** linuxptp keys that change what the engine does, each checked against the behaviour it names. */
class ConfigKeysInSimTest {
    /** A GM and a client on one 1 us link; the client's config is adjusted by the caller. */
    record Pair(Simulation sim, SimNode gm, SimNode client, EngineInSimTest.Recorder log) {}

    static Pair pair(int seed, ClockConfig gmCfg, ClockConfig clientCfg) {
        Simulation sim = new Simulation(1_000 * S);
        Network net = new Network(sim, seed);
        EngineInSimTest.Recorder log = new EngineInSimTest.Recorder();
        SimNode gm = net.node("gm", gmCfg, 0, 0, 0, Noise.NONE, null);
        SimNode client = net.node("client", clientCfg, 20_000, 10, 0, Noise.NONE, log);
        net.connect(gm, 1, client, 1, 1_000, Noise.NONE);
        net.start();
        return new Pair(sim, gm, client, log);
    }

    @Test
    void ingressAndEgressLatencyMoveTheClockByHalfTheirSum() {
        // A PHY that stamps 300 ns late on receive and 100 ns early on transmit: without the keys
        // the client would sit (300 - (-100)) / 2 ... the keys put the stamps back on the wire.
        ClockConfig plain = cfg(0x20, 128);
        Pair a = pair(11, cfg(0x10, 1), plain);
        a.sim().runUntil(1_100 * S);
        double base = a.client().trueErrorNanos();

        ClockConfig c = cfg(0x20, 128);
        c.port.ingressLatencyNanos = 400; // rx stamps move 400 ns earlier: t2 and t4-side... only ours
        Pair b = pair(11, cfg(0x10, 1), c);
        b.sim().runUntil(1_100 * S);
        // offset = ((t2 - t1) - (t4 - t3)) / 2; only t2 is a local receive stamp: the measured
        // offset drops by 200 ns, so the servo moves the clock 200 ns later
        assertEquals(base + 200, b.client().trueErrorNanos(), 30, "ingressLatency 400");

        ClockConfig e = cfg(0x20, 128);
        e.port.egressLatencyNanos = 400; // t3 moves 400 ns later: the offset grows by 200 ns
        Pair d = pair(11, cfg(0x10, 1), e);
        d.sim().runUntil(1_100 * S);
        assertEquals(base - 200, d.client().trueErrorNanos(), 30, "egressLatency 400");
    }

    @Test
    void maxStepsRemovedAndClockClassThresholdDisqualifyAMaster() {
        ClockConfig c = cfg(0x20, 128);
        c.maxStepsRemoved = 2;
        Pair ok = pair(12, cfg(0x10, 1), c); // the GM announces stepsRemoved 0
        ok.sim().runUntil(1_030 * S);
        assertEquals(PortState.SLAVE, ok.client().engine().portState(1));

        ClockConfig gm = cfg(0x10, 1);
        gm.clockClass = 248;
        ClockConfig strict = cfg(0x20, 128);
        strict.clockClassThreshold = 7; // only a locked telecom GM (class 6/7) will do
        strict.clientOnly = true;
        Pair no = pair(13, gm, strict);
        no.sim().runUntil(1_030 * S);
        assertNotEquals(PortState.SLAVE, no.client().engine().portState(1));
        assertNotEquals(PortState.UNCALIBRATED, no.client().engine().portState(1));
        long notices = no.log().lines.stream().filter(l -> l.contains("Master clock quality received is greater than configured")).count();
        assertEquals(1, notices, "logged once a minute, not per Announce: " + no.log().lines);
    }

    @Test
    void notGmCapableAnnouncesClass255AndLosesToAnyGrandmasterCapableClock() {
        ClockConfig a = cfg(0x10, 128); // would win on identity
        a.gmCapable = false;
        ClockConfig b = cfg(0x20, 128);
        Pair p = pair(14, a, b);
        p.sim().runUntil(1_030 * S);
        assertEquals(255, p.gm().engine().defaultDS().clockClass());
        assertEquals(PortState.SLAVE, p.gm().engine().portState(1), "the not-gmCapable clock follows");
        assertEquals(0x20, p.gm().engine().parentDS().grandmasterIdentity());
    }

    @Test
    void g8275LocalPriorityOfThePortDecidesBetweenEqualMasters() {
        assertEquals(0x10, g8275Pick(false), "equal localPriority: the identity decides");
        assertEquals(0x11, g8275Pick(true), "port 2's localPriority 100 beats port 1's 128");
    }

    static long g8275Pick(boolean second) {
        // Two equal GMs (same class, priority1/2, identity decides in IEEE 1588: 0x10 wins);
        // under G.8275.x the port's localPriority is applied to the masters heard on it.
        Simulation sim = new Simulation(1_000 * S);
        Network net = new Network(sim, 15);
        ClockConfig g1 = cfg(0x10, 128), g2 = cfg(0x11, 128);
        g1.datasetComparison = g2.datasetComparison = "G.8275.x";
        g1.port.serverOnly = g2.port.serverOnly = true;
        ClockConfig bc = EngineInSimTest.bc(0x30, 128);
        bc.datasetComparison = "G.8275.x";
        bc.clientOnly = true;
        boolean preferSecond = second;
        if (preferSecond) {
            bc.ports = new PortConfig[] {bc.port.copy(), bc.port.copy()};
            bc.ports[1].localPriority = 100;
        }
        SimNode m1 = net.node("m1", g1, 0, 0, 0, Noise.NONE, null);
        SimNode m2 = net.node("m2", g2, 0, 0, 0, Noise.NONE, null);
        SimNode client = net.node("client", bc, 0, 0, 0, Noise.NONE, null);
        net.connect(m1, 1, client, 1, 1_000, Noise.NONE);
        net.connect(m2, 1, client, 2, 1_000, Noise.NONE);
        net.start();
        sim.runUntil(1_030 * S);
        return client.engine().parentDS().grandmasterIdentity();
    }

    @Test
    void assumeTwoStepWaitsForTheFollowUpOfAOneStepLookingSync() {
        ClockConfig gm = cfg(0x10, 1);
        ClockConfig c = cfg(0x20, 128);
        c.assumeTwoStep = true;
        Pair p = pair(16, gm, c); // the GM is two-step anyway: the client must still lock
        p.sim().runUntil(1_100 * S);
        assertEquals(PortState.SLAVE, p.client().engine().portState(1));
        assertTrue(Math.abs(p.client().trueErrorNanos()) < 100, "error " + p.client().trueErrorNanos());
    }

    @Test
    void ignoreTransportSpecificAcceptsAnotherMajorSdoId() {
        ClockConfig gm = cfg(0x10, 1);
        gm.port.transportSpecific = 1; // an 802.1AS master
        ClockConfig strict = cfg(0x20, 128);
        Pair no = pair(17, gm, strict);
        no.sim().runUntil(1_030 * S);
        assertNotEquals(PortState.SLAVE, no.client().engine().portState(1), "a 1588 client ignores transportSpecific 1");

        ClockConfig gm2 = cfg(0x10, 1);
        gm2.port.transportSpecific = 1;
        gm2.port.ignoreTransportSpecific = true; // so it answers the client's Delay_Reqs (transportSpecific 0)
        ClockConfig lax = cfg(0x20, 128);
        lax.port.ignoreTransportSpecific = true;
        Pair yes = pair(17, gm2, lax);
        yes.sim().runUntil(1_030 * S);
        assertEquals(PortState.SLAVE, yes.client().engine().portState(1));
    }

    @Test
    void jbodSwitchesTheDisciplinedClockToThePortThatFollowsTheMaster() {
        Simulation sim = new Simulation(1_000 * S);
        Network net = new Network(sim, 18);
        ClockConfig bcCfg = EngineInSimTest.bc(0x20, 128);
        bcCfg.boundaryClockJbod = true;
        EngineInSimTest.Recorder log = new EngineInSimTest.Recorder();
        SimNode gm = net.node("gm", cfg(0x10, 1), 0, 0, 0, Noise.NONE, null);
        SimNode bc = net.node("bc", bcCfg, 30_000, 20, 0, Noise.NONE, log);
        SimNode leaf = net.node("leaf", cfg(0x30, 200), 0, 0, 0, Noise.NONE, null);
        java.util.List<Integer> asked = new java.util.ArrayList<>();
        int[] current = {1};
        bc.onClockSwitch(port -> {
            asked.add(port);
            boolean changed = port != current[0];
            current[0] = port;
            return changed;
        });
        // the GM on port 2: the BC starts on port 1's PHC and must move to port 2's
        net.connect(gm, 1, bc, 2, 1_000, Noise.NONE);
        net.connect(bc, 1, leaf, 1, 1_000, Noise.NONE);
        net.start();
        sim.runUntil(1_120 * S);
        assertEquals(java.util.List.of(2), asked, "asked once, for the port that went UNCALIBRATED");
        assertTrue(log.lines.contains("port 2: switched the disciplined clock to this port's (boundary_clock_jbod)"), log.lines.toString());
        assertEquals(PortState.SLAVE, bc.engine().portState(2));
        assertTrue(Math.abs(bc.trueErrorNanos()) < 100, "a new servo from the new clock's frequency locks: " + bc.trueErrorNanos());
    }

    /** A GM on port 1 of a two-port BC (0x20), a leaf on its port 2; all started, not yet run. */
    record Chain(Simulation sim, SimNode gm, SimNode bc, SimNode leaf) {}

    /** The BC's ports get sections of their own: {@code port1} and {@code port2} adjust copies of its port. */
    static Chain chain(int seed, Consumer<PortConfig> port1, Consumer<PortConfig> port2, ClockConfig leafCfg,
                       double leafOffsetNanos, double leafFreqPpm, long leafLinkNanos) {
        Simulation sim = new Simulation(1_000 * S);
        Network net = new Network(sim, seed);
        ClockConfig bcCfg = EngineInSimTest.bc(0x20, 128);
        PortConfig p1 = bcCfg.port.copy(), p2 = bcCfg.port.copy();
        port1.accept(p1);
        port2.accept(p2);
        bcCfg.ports = new PortConfig[] {p1, p2};
        SimNode gm = net.node("gm", cfg(0x10, 1), 0, 0, 0, Noise.NONE, null);
        SimNode bc = net.node("bc", bcCfg, 30_000, 20, 0, Noise.NONE, null);
        SimNode leaf = net.node("leaf", leafCfg, leafOffsetNanos, leafFreqPpm, 0, Noise.NONE, null);
        net.connect(gm, 1, bc, 1, 1_000, Noise.NONE);
        net.connect(bc, 2, leaf, 1, leafLinkNanos, Noise.NONE);
        net.start();
        return new Chain(sim, gm, bc, leaf);
    }

    @Test
    void aBoundaryClockTakesEachPortsOwnSection() {
        // [eth0] E2E toward the GM, [eth1] P2P toward a P2P leaf: linuxptp reads delay_mechanism per port
        ClockConfig leafCfg = cfg(0x30, 200);
        leafCfg.port.delayMechanism = DelayMechanism.P2P;
        Chain c = chain(19, up -> {}, down -> down.delayMechanism = DelayMechanism.P2P, leafCfg, -40_000, -30, 2_000);
        c.sim().runUntil(1_150 * S);
        assertEquals(PortState.SLAVE, c.bc().engine().portState(1));
        assertEquals(PortState.MASTER, c.bc().engine().portState(2));
        assertEquals(2_000, c.bc().engine().port(2).peerDelay().delayNanos(), 5, "port 2 measures its peer delay (P2P)");
        assertEquals(0, c.bc().engine().port(1).counters().txMessages(2), "port 1 sends no Pdelay_Req (E2E)");
        assertEquals(PortState.SLAVE, c.leaf().engine().portState(1));
        assertTrue(Math.abs(c.leaf().trueErrorNanos()) < 100, "leaf error " + c.leaf().trueErrorNanos());
    }

    @Test
    void serverOnlyOnOnePortKeepsThatPortFromFollowing() {
        // the GM is heard on port 1, which is [eth0] serverOnly 1: the BC may not follow it there
        Chain c = chain(20, p1 -> p1.serverOnly = true, p2 -> {}, cfg(0x30, 200), 0, 0, 1_000);
        c.sim().runUntil(1_060 * S);
        assertNotEquals(PortState.SLAVE, c.bc().engine().portState(1));
        assertEquals(0x20, c.bc().engine().parentDS().grandmasterIdentity(), "the BC is its own grandmaster");
        assertEquals(0x20, c.leaf().engine().parentDS().grandmasterIdentity());
    }

    /** Simulated seconds from the client's step to its next servo sample, with that step_window. */
    static double firstSampleAfterStep(int stepWindow) {
        Simulation sim = new Simulation(1_000 * S);
        Network net = new Network(sim, 21);
        ClockConfig c = cfg(0x20, 128);
        c.stepWindow = stepWindow;
        long[] stepAt = {-1}, firstAfter = {-1};
        io.ptp4j.core.engine.EngineListener l = new io.ptp4j.core.engine.EngineListener() {
            @Override
            public void clockStepped(long deltaNanos) {
                stepAt[0] = sim.now();
            }

            @Override
            public void servoSample(int port, long offsetNanos, io.ptp4j.core.servo.ServoState state, double freqPpb, long pathDelayNanos) {
                if (stepAt[0] >= 0 && firstAfter[0] < 0 && sim.now() > stepAt[0]) firstAfter[0] = sim.now();
            }
        };
        SimNode gm = net.node("gm", cfg(0x10, 1), 0, 0, 0, Noise.NONE, null);
        SimNode client = net.node("client", c, 5_000_000, 50, 0, Noise.NONE, l);
        net.connect(gm, 1, client, 1, 1_000, Noise.NONE);
        net.start();
        sim.runUntil(1_060 * S);
        assertTrue(stepAt[0] >= 0, "the client never stepped");
        assertTrue(firstAfter[0] >= 0, "no servo sample after the step");
        assertEquals(PortState.SLAVE, client.engine().portState(1));
        return (firstAfter[0] - stepAt[0]) / 1e9;
    }

    @Test
    void stepWindowSkipsTheSyncsRightAfterAStep() {
        double plain = firstSampleAfterStep(0), windowed = firstSampleAfterStep(16);
        // 8 Sync/s: 16 skipped Syncs are 2 s
        assertTrue(plain < 1.0, "without step_window the next sample follows within a second: " + plain);
        assertTrue(windowed >= 2.0 && windowed < 3.0, "step_window 16 skips 2 s of Syncs: " + windowed);
    }

    /** Fraction of 1/8 s samples over 200 s in which a gPTP client's port was not asCapable. */
    static double notCapableFraction(int allowedLostResponses, long minNeighborPropDelay) {
        Simulation sim = new Simulation(1_000 * S);
        Network net = new Network(sim, 22);
        ClockConfig g = cfg(0x10, 1), c = cfg(0x20, 128);
        EngineInSimTest.gptp(p -> {
            p.allowedLostResponses = allowedLostResponses;
            p.minNeighborPropDelayNanos = minNeighborPropDelay;
        }, g, c);
        SimNode gm = net.node("gm", g, 0, 0, 0, Noise.NONE, null);
        SimNode client = net.node("client", c, 0, 0, 0, Noise.NONE, null);
        net.connect(gm, 1, client, 1, 1_000, Noise.NONE).loss(0.25);
        net.start();
        sim.runUntil(1_020 * S);
        int not = 0, n = 0;
        for (long t = sim.now(); t < 1_220 * S; t += S / 8) {
            sim.runUntil(t);
            n++;
            if (!client.engine().port(1).asCapable()) not++;
        }
        return (double) not / n;
    }

    @Test
    void allowedLostResponsesAndMinNeighborPropDelayGateAsCapable() {
        double tolerant = notCapableFraction(255, -20_000_000), strict = notCapableFraction(1, -20_000_000);
        assertEquals(0.0, tolerant, 1e-9, "255 lost responses allowed: always asCapable once measured");
        assertTrue(strict > 0.05, "1 allowed on a 25 % lossy link: not asCapable now and then: " + strict);
        // min_neighbor_prop_delay is negative in linuxptp's range (at most -1 ns): with the limit at
        // -1 ns a 1000 ns link stays capable
        assertEquals(0.0, notCapableFraction(255, -1), 1e-9);
    }

    @Test
    void delayResponseTimeoutIsASynchronizationFaultWhenTheMasterStopsAnswering() {
        ClockConfig c = cfg(0x20, 128);
        c.port.delayResponseTimeout = 3;
        Pair p = pair(23, cfg(0x10, 1), c);
        p.sim().runUntil(1_060 * S);
        assertEquals(PortState.SLAVE, p.client().engine().portState(1));
        assertFalse(p.log().lines.contains("port 1: delay response timeout"));
        // the master keeps sending Sync but stops answering Delay_Req
        p.gm().engine().port(1).config().delayMechanism = DelayMechanism.NONE;
        p.sim().runUntil(1_070 * S);
        assertTrue(p.log().lines.contains("port 1: delay response timeout"), p.log().lines.toString());
        assertTrue(p.log().lines.contains("port 1: SLAVE to UNCALIBRATED on SYNCHRONIZATION_FAULT"), p.log().lines.toString());
    }

    /** Whether the client saw an announce-type timeout within 3 s of its master's Syncs stopping. */
    static boolean timesOutWhenSyncsStop(int syncReceiptTimeout) {
        ClockConfig c = cfg(0x20, 128);
        c.port.syncReceiptTimeout = syncReceiptTimeout;
        Pair p = pair(24, cfg(0x10, 1), c);
        p.sim().runUntil(1_060 * S);
        assertEquals(PortState.SLAVE, p.client().engine().portState(1));
        int before = p.log().lines.size();
        // the master keeps announcing but its Syncs (and Follow_Ups) stop
        p.gm().filterSent(frame -> (frame[0] & 0x0F) != 0x0 && (frame[0] & 0x0F) != 0x8);
        p.sim().runUntil(1_063 * S);
        return p.log().lines.subList(before, p.log().lines.size()).stream()
                .anyMatch(l -> l.contains("SLAVE to") && l.contains("ANNOUNCE_RECEIPT_TIMEOUT_EXPIRES"));
    }

    @Test
    void syncReceiptTimeoutNoticesSyncsStoppingWhileAnnouncesGoOn() {
        assertTrue(timesOutWhenSyncsStop(3), "syncReceiptTimeout 3 at 8 Sync/s: a timeout within 375 ms");
        assertFalse(timesOutWhenSyncsStop(0), "off: Announces alone keep the master");
    }
}
