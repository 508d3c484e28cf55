package io.ptp4j.sim;

import static org.junit.jupiter.api.Assertions.*;

import io.ptp4j.core.engine.ClockConfig;
import io.ptp4j.core.engine.DelayMechanism;
import io.ptp4j.core.engine.EngineListener;
import io.ptp4j.core.port.FaultType;
import io.ptp4j.core.port.PortEvent;
import io.ptp4j.core.port.PortState;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Port faults in the simulator, as linuxptp 4.4's port.c and clock.c handle them: a transmit
 * timestamp that never comes, a link that goes down and up, several peers answering one
 * Pdelay_Req. Each ends in FAULTY with linuxptp's words and fault type, and the port recovers
 * (FAULTY to LISTENING on INIT_COMPLETE) when the fault's interval is over, or at once (ASAP).
 */
class FaultsInSimTest {
    static final long S = 1_000_000_000L;
    static final long T0 = 1_000 * S;

    /** Every line with the simulated second it came at. */
    static class Log implements EngineListener {
        final Simulation sim;
        final List<String> lines = new ArrayList<>();
        final List<Long> times = new ArrayList<>();

        Log(Simulation sim) {
            this.sim = sim;
        }

        void add(String line) {
            lines.add(line);
            times.add(sim.now());
        }

        @Override
        public void portStateChanged(int port, PortState from, PortState to, PortEvent event, FaultType fault) {
            add("port " + port + ": " + from + " to " + to + " on " + event + (fault == null ? "" : " (" + fault + ")"));
        }

        @Override
        public void notice(int port, String text) {
            add(port == 0 ? text : "port " + port + ": " + text);
        }

        @Override
        public void notice(int port, int level, String text) {
            notice(port, text);
        }

        /** When {@code line} was first logged at or after {@code from}, or -1. */
        long when(String line, long from) {
            for (int i = 0; i < lines.size(); i++) if (times.get(i) >= from && lines.get(i).equals(line)) return times.get(i);
            return -1;
        }

        long count(String line) {
            return lines.stream().filter(line::equals).count();
        }
    }

    static ClockConfig cfg(long id, int priority1) {
        return EngineInSimTest.cfg(id, priority1);
    }

    record Pair(Simulation sim, SimNode gm, SimNode client, Log gmLog, Log clientLog, Link link) {}

    static Pair pair(ClockConfig clientCfg) {
        Simulation sim = new Simulation(T0);
        Network net = new Network(sim, 3);
        Log gmLog = new Log(sim), clientLog = new Log(sim);
        SimNode gm = net.node("gm", cfg(0x10, 100), 0, 0, 0, Noise.gaussian(8), gmLog);
        SimNode client = net.node("client", clientCfg, 20_000, 10, 0, Noise.gaussian(8), clientLog);
        Link link = net.connect(gm, 1, client, 1, 1_000, Noise.NONE);
        net.start();
        sim.runUntil(T0 + 30 * S);
        assertEquals(PortState.SLAVE, client.engine().portState(1), clientLog.lines.toString());
        return new Pair(sim, gm, client, gmLog, clientLog, link);
    }

    @Test
    void aTransmitTimestampThatNeverComesFaultsTheClientUntilFaultResetInterval() {
        ClockConfig c = cfg(0x20, 128);
        c.port.faultResetInterval = 2; // 2^2 = 4 s
        Pair p = pair(c);
        long t = p.sim.now();
        p.client.withholdTxTimestamps(1); // the next Delay_Req's stamp never comes back
        p.sim.runUntil(t + 20 * S);
        Log log = p.clientLog;
        long failed = log.when("port 1: send delay request failed", t);
        long faulty = log.when("port 1: SLAVE to FAULTY on FAULT_DETECTED (FT_UNSPECIFIED)", t);
        long listening = log.when("port 1: FAULTY to LISTENING on INIT_COMPLETE", t);
        assertTrue(failed > 0 && faulty == failed, log.lines.toString());
        assertEquals(4 * S, listening - faulty, "FAULTY for 2^fault_reset_interval s");
        assertTrue(log.when("port 1: UNCALIBRATED to SLAVE on MASTER_CLOCK_SELECTED", listening) > 0, "synchronizes again: " + log.lines);
        assertEquals(PortState.SLAVE, p.client.engine().portState(1));
        assertEquals(1, log.count("port 1: send delay request failed"), "a FAULTY port sends nothing");
    }

    @Test
    void aMasterWhoseSyncStampIsLostFaultsAndComesBack() {
        Pair p = pair(cfg(0x20, 128)); // the default fault_reset_interval 4: 16 s
        long t = p.sim.now();
        p.gm.withholdTxTimestamps(1);
        p.sim.runUntil(t + 40 * S);
        Log log = p.gmLog;
        long faulty = log.when("port 1: MASTER to FAULTY on FAULT_DETECTED (FT_UNSPECIFIED)", t);
        assertTrue(log.when("port 1: send sync failed", t) == faulty && faulty > 0, log.lines.toString());
        long listening = log.when("port 1: FAULTY to LISTENING on INIT_COMPLETE", t);
        assertEquals(16 * S, listening - faulty);
        // no Announce for 3 intervals: the client took over as master meanwhile, then the GM won again
        assertTrue(p.gm.engine().port(1).isMaster(), p.gm.engine().portState(1).toString());
        assertEquals(PortState.SLAVE, p.client.engine().portState(1));
    }

    @Test
    void faultResetIntervalAsapClearsTheFaultAtOnce() {
        ClockConfig c = cfg(0x20, 128);
        c.port.faultResetInterval = -128; // ASAP
        Pair p = pair(c);
        long t = p.sim.now();
        p.client.withholdTxTimestamps(1);
        p.sim.runUntil(t + 5 * S);
        Log log = p.clientLog;
        long cleared = log.when("port 1: clearing fault immediately", t);
        assertTrue(cleared > 0, log.lines.toString());
        assertEquals(cleared, log.when("port 1: SLAVE to LISTENING on INIT_COMPLETE", t), "linuxptp prints one transition");
        assertEquals(-1, log.when("port 1: SLAVE to FAULTY on FAULT_DETECTED (FT_UNSPECIFIED)", t));
    }

    @Test
    void linkDownFaultsAtOnceAndLinkUpRecoversWhateverTheFaultInterval() {
        Pair p = pair(cfg(0x20, 128));
        long t = p.sim.now();
        p.link.setUp(false);
        p.sim.runUntil(t + 30 * S); // longer than the 16 s fault interval: the link is still down
        Log log = p.clientLog;
        assertEquals(t, log.when("port 1: link down", t));
        assertEquals(t, log.when("port 1: SLAVE to FAULTY on FAULT_DETECTED (FT_UNSPECIFIED)", t));
        assertEquals(t, log.when("selected local clock 000000.0000.000020 as best master", t), "the clock decides again");
        assertEquals(PortState.FAULTY, p.client.engine().portState(1), "the fault timer does not clear a fault while the link is down");
        assertEquals(PortState.FAULTY, p.gm.engine().portState(1));
        long up = p.sim.now();
        p.link.setUp(true);
        p.sim.runUntil(up + 30 * S);
        assertEquals(up, log.when("port 1: link up", up));
        assertEquals(up, log.when("port 1: FAULTY to LISTENING on INIT_COMPLETE", up));
        assertTrue(log.when("port 1: UNCALIBRATED to SLAVE on MASTER_CLOCK_SELECTED", up) > 0, log.lines.toString());
        assertEquals(PortState.SLAVE, p.client.engine().portState(1));
        assertTrue(p.gm.engine().port(1).isMaster());
    }

    @Test
    void aNewTsLabelFaultsThePortAndTheClockFollowsThePhc() {
        Pair p = pair(cfg(0x20, 128));
        int[] switched = {0};
        p.client.onClockSwitch(port -> ++switched[0] > 0);
        long t = p.sim.now();
        p.client.engine().onLinkStatus(1, true, "eth1", t); // the first label only sets it
        assertEquals(PortState.SLAVE, p.client.engine().portState(1));
        p.client.engine().onLinkStatus(1, true, "eth2", t);
        Log log = p.clientLog;
        assertTrue(log.when("port 1: ts label changed to eth2", t) == t, log.lines.toString());
        assertTrue(log.when("port 1: SLAVE to FAULTY on FAULT_DETECTED (FT_UNSPECIFIED)", t) == t, log.lines.toString());
        assertEquals(1, switched[0], "the driver was asked to follow the new slave's PHC");
        assertEquals(-1, log.when("port 1: ts label changed to eth1", T0));
    }

    @Test
    void severalPeersAnsweringOnePdelayReqAreABadPeerNetwork() {
        Simulation sim = new Simulation(T0);
        Network net = new Network(sim, 5);
        Switch hub = net.hub("hub");
        List<Log> logs = new ArrayList<>();
        List<SimNode> nodes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ClockConfig c = cfg(0x30 + i, 100 + i);
            c.port.delayMechanism = DelayMechanism.P2P;
            if (i == 2) c.port.faultBadpeernetInterval = 0; // cleared at once
            Log log = new Log(sim);
            logs.add(log);
            SimNode n = net.node("n" + i, c, 0, 0, 0, Noise.gaussian(8), log);
            net.connect(n, 1, hub, 500, Noise.NONE);
            nodes.add(n);
        }
        net.start();
        sim.runUntil(T0 + 40 * S);
        Log log = logs.get(1);
        long multiple = log.when("port 1: multiple peer responses", T0);
        long faulty = log.lines.stream().filter(l -> l.endsWith("to FAULTY on FAULT_DETECTED (FT_BAD_PEER_NETWORK)"))
                .mapToLong(l -> log.when(l, T0)).min().orElse(-1);
        assertTrue(multiple >= T0 && faulty > multiple, log.lines.toString());
        // logMinPdelayReqInterval 0: one round a second; allowedLostResponses 3: the 4th round in a row faults
        assertTrue(faulty - multiple >= 3 * S && faulty - multiple < 4 * S, (faulty - multiple) + " ns");
        long listening = log.when("port 1: FAULTY to LISTENING on INIT_COMPLETE", faulty);
        assertEquals(16 * S, listening - faulty, "fault_badpeernet_interval: 16 s");
        assertTrue(logs.get(2).count("port 1: clearing fault immediately") >= 1, "fault_badpeernet_interval 0 clears at once: " + logs.get(2).lines);
        assertEquals(0, logs.get(2).lines.stream().filter(l -> l.contains("FT_BAD_PEER_NETWORK")).count());
    }
}
