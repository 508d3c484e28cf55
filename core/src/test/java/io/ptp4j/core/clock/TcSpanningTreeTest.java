package io.ptp4j.core.clock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ptp4j.core.engine.ClockConfig;
import io.ptp4j.core.engine.ClockType;
import io.ptp4j.core.engine.Driver;
import io.ptp4j.core.engine.EngineListener;
import io.ptp4j.core.port.FaultType;
import io.ptp4j.core.port.PortEvent;
import io.ptp4j.core.port.PortState;
import io.ptp4j.core.wire.MessageType;
import io.ptp4j.core.wire.PtpMessage;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * tc_spanning_tree (linuxptp tc.c tc_blocked / tc_forward): a three-port E2E transparent clock
 * runs the BMCA on its ports and forwards only along the tree, with stepsRemoved + 1 on the
 * Announces it passes on; without the key it forwards everything out of every other port.
 */
class TcSpanningTreeTest {
    private static final long S = 1_000_000_000L;
    private static final long TC = 0x20, GM = 0x10, WORSE = 0x40, CLIENT = 0x30;

    /** What the TC sent: port, message type, and stepsRemoved for an Announce (else -1). */
    record Sent(int port, MessageType type, int stepsRemoved) {}

    static final class Recorder extends io.ptp4j.core.engine.ForwardingDriver {
        final List<Sent> sent;

        Recorder() {
            this(new ArrayList<>());
        }

        private Recorder(List<Sent> sent) {
            super(Driver.of(() -> 0, (port, buf, offset, length, event, destination) -> {
                PtpMessage m = new PtpMessage().wrap(buf, offset, length);
                MessageType t = MessageType.ofCode(m.messageTypeCode());
                sent.add(new Sent(port, t, t == MessageType.ANNOUNCE ? m.stepsRemoved() : -1));
                return true;
            }));
            this.sent = sent;
        }

        List<Integer> portsOf(MessageType type) {
            return sent.stream().filter(s -> s.type() == type).map(Sent::port).sorted().toList();
        }
    }

    static final class Transitions implements EngineListener {
        final List<String> lines = new ArrayList<>();

        @Override
        public void portStateChanged(int port, PortState from, PortState to, PortEvent event, FaultType fault) {
            lines.add("port " + port + ": " + from + " to " + to + " on " + event);
        }
    }

    private final Recorder driver = new Recorder();
    private final Transitions log = new Transitions();
    private final ByteBuffer buf = ByteBuffer.allocate(128);
    private int seq;

    private TransparentClock tc(boolean spanningTree) {
        ClockConfig c = new ClockConfig();
        c.clockIdentity = TC;
        c.numberPorts = 3;
        c.clockType = ClockType.E2E_TC;
        c.freeRunning = true;
        c.tcSpanningTree = spanningTree;
        TransparentClock tc = new TransparentClock(c, driver, log);
        tc.start(0);
        return tc;
    }

    /** Runs the TC's timers up to {@code until}. */
    private static void advance(TransparentClock tc, long until) {
        for (long t = tc.nextTimerNanos(); t <= until; t = tc.nextTimerNanos()) tc.onTimer(t);
    }

    private void announce(TransparentClock tc, int port, long from, int priority1, int steps, long now) {
        PtpMessage m = new PtpMessage().wrap(buf, 0, 128).initHeader(MessageType.ANNOUNCE, 1).sourcePort(from, 1)
                .sequenceId(seq++).logMessageInterval(1).grandmasterPriority1(priority1).grandmasterClockQuality(6, 0x21, 0x4E5D)
                .grandmasterPriority2(128).grandmasterIdentity(from).stepsRemoved(steps);
        tc.onReceive(port, buf, 0, m.messageLength(), Long.MIN_VALUE, 0, now);
    }

    private void event(TransparentClock tc, MessageType type, int port, long from, long now) {
        PtpMessage m = new PtpMessage().wrap(buf, 0, 128).initHeader(type, 1).sourcePort(from, 1).sequenceId(seq++)
                .flag(PtpMessage.FLAG_TWO_STEP, type == MessageType.SYNC);
        tc.onReceive(port, buf, 0, m.messageLength(), now, 0, now);
    }

    /**
     * linuxptp forwards another domain's messages unconditionally (tc_blocked) and acts on none
     * of them (tc_ignore): they cross the tree's blocked ports, an Announce among them is one
     * step further on, and the port states do not move.
     */
    @Test
    void anotherDomainsMessagesAreForwardedUnconditionallyAndNotActedOn() {
        for (boolean spanningTree : new boolean[] {true, false}) {
            driver.sent.clear();
            TransparentClock tc = tc(spanningTree);
            advance(tc, 10 * S);
            PtpMessage m = new PtpMessage().wrap(buf, 0, 128).initHeader(MessageType.SYNC, 1).domainNumber(24).sourcePort(GM, 1)
                    .sequenceId(seq++).flag(PtpMessage.FLAG_TWO_STEP, true);
            tc.onReceive(1, buf, 0, m.messageLength(), 10 * S, 0, 10 * S);
            assertEquals(List.of(2, 3), driver.portsOf(MessageType.SYNC), "domain 24's Sync, spanning tree " + spanningTree);
            m = new PtpMessage().wrap(buf, 0, 128).initHeader(MessageType.ANNOUNCE, 1).domainNumber(24).sourcePort(GM, 1)
                    .sequenceId(seq++).logMessageInterval(1).grandmasterPriority1(1).grandmasterClockQuality(6, 0x21, 0x4E5D)
                    .grandmasterPriority2(128).grandmasterIdentity(GM).stepsRemoved(0);
            for (long t = 11 * S; t <= 19 * S; t += S) {
                advance(tc, t);
                tc.onReceive(1, buf, 0, m.messageLength(), Long.MIN_VALUE, 0, t);
            }
            List<Integer> out = driver.portsOf(MessageType.ANNOUNCE);
            assertEquals(18, out.size(), "each of domain 24's nine Announces goes on out of ports 2 and 3: " + out);
            assertEquals(9, out.stream().filter(p -> p == 2).count(), out.toString());
            int steps = spanningTree ? 1 : 0;
            assertTrue(driver.sent.stream().filter(x -> x.type() == MessageType.ANNOUNCE).allMatch(x -> x.stepsRemoved() == steps), driver.sent.toString());
            if (spanningTree) {
                for (int p = 1; p <= 3; p++) assertEquals(PortState.MASTER, tc.portState(p), "domain 24's grandmaster is no master here");
            }
        }
    }

    @Test
    void withNoMasterHeardEveryPortEndsMasterAndNothingIsForwarded() {
        TransparentClock tc = tc(true);
        for (int p = 1; p <= 3; p++) assertEquals(PortState.LISTENING, tc.portState(p));
        advance(tc, 10 * S);
        for (int p = 1; p <= 3; p++) assertEquals(PortState.MASTER, tc.portState(p), log.lines.toString());
        assertTrue(log.lines.contains("port 2: LISTENING to MASTER on ANNOUNCE_RECEIPT_TIMEOUT_EXPIRES"), log.lines.toString());
        event(tc, MessageType.SYNC, 1, GM, 10 * S);
        event(tc, MessageType.FOLLOW_UP, 1, GM, 10 * S + 1);
        event(tc, MessageType.DELAY_REQ, 2, CLIENT, 10 * S + 2);
        assertEquals(List.of(), driver.sent, "a MASTER port takes in nothing but Delay_Req, and no port is SLAVE to pass it to");
    }

    @Test
    void aBetterGrandmasterOnPortOneMakesTheTree() {
        TransparentClock tc = tc(true);
        // the grandmaster (priority1 100) on port 1; on port 2 a master worse than the grandmaster
        // (priority1 200), which port 2 is to serve as master
        for (long t = S; t <= 9 * S; t += 2 * S) {
            advance(tc, t);
            announce(tc, 1, GM, 100, 0, t);
            announce(tc, 2, WORSE, 200, 0, t + 1);
        }
        advance(tc, 10 * S);
        assertEquals(PortState.UNCALIBRATED, tc.portState(1), log.lines.toString());
        assertTrue(log.lines.contains("port 1: LISTENING to UNCALIBRATED on RS_SLAVE"), log.lines.toString());
        // port 2 heard a master, worse than the grandmaster: it qualifies as master first (PRE_MASTER)
        assertTrue(log.lines.contains("port 2: LISTENING to PRE_MASTER on RS_MASTER"), log.lines.toString());
        assertTrue(log.lines.contains("port 2: PRE_MASTER to MASTER on QUALIFICATION_TIMEOUT_EXPIRES"), log.lines.toString());
        assertEquals(PortState.MASTER, tc.portState(2));
        assertEquals(PortState.MASTER, tc.portState(3), log.lines.toString());

        driver.sent.clear();
        announce(tc, 1, GM, 100, 0, 11 * S);
        assertEquals(List.of(new Sent(2, MessageType.ANNOUNCE, 1), new Sent(3, MessageType.ANNOUNCE, 1)), driver.sent,
                "the grandmaster's Announce goes out of the MASTER ports one step further");
        driver.sent.clear();
        announce(tc, 2, WORSE, 200, 0, 11 * S + 1);
        assertEquals(List.of(), driver.sent, "an Announce into a MASTER port goes nowhere");

        event(tc, MessageType.SYNC, 1, GM, 12 * S);
        assertEquals(List.of(2, 3), driver.portsOf(MessageType.SYNC), "Sync from the SLAVE side to the MASTER ports only");
        assertEquals(PortState.SLAVE, tc.portState(1), "the first Sync of the master completes UNCALIBRATED");
        assertTrue(log.lines.contains("port 1: UNCALIBRATED to SLAVE on MASTER_CLOCK_SELECTED"), log.lines.toString());
        event(tc, MessageType.FOLLOW_UP, 1, GM, 12 * S + 1);
        assertEquals(List.of(2, 3), driver.portsOf(MessageType.FOLLOW_UP));

        driver.sent.clear();
        event(tc, MessageType.SYNC, 2, WORSE, 12 * S + 2);
        event(tc, MessageType.FOLLOW_UP, 2, WORSE, 12 * S + 3);
        assertEquals(List.of(), driver.sent, "a Sync into a MASTER port is dropped");

        event(tc, MessageType.DELAY_REQ, 2, CLIENT, 12 * S + 4);
        assertEquals(List.of(new Sent(1, MessageType.DELAY_REQ, -1)), driver.sent, "Delay_Req swims against the stream, to the SLAVE port only");
        driver.sent.clear();
        event(tc, MessageType.DELAY_REQ, 1, CLIENT, 12 * S + 5);
        assertEquals(List.of(), driver.sent, "a Delay_Req into the SLAVE port goes nowhere");

        // the grandmaster falls silent: port 1 times out to MASTER, and the TC is its own best
        advance(tc, 30 * S);
        assertEquals(PortState.MASTER, tc.portState(1), log.lines.toString());
        assertTrue(log.lines.contains("port 1: SLAVE to MASTER on ANNOUNCE_RECEIPT_TIMEOUT_EXPIRES"), log.lines.toString());
    }

    @Test
    void aLinkGoingDownFaultsItsPortAndComingBackListensAgain() {
        TransparentClock tc = tc(true);
        advance(tc, 10 * S);
        tc.onLinkStatus(3, false, null, 10 * S);
        assertEquals(PortState.FAULTY, tc.portState(3));
        tc.onLinkStatus(3, true, null, 11 * S);
        assertEquals(PortState.LISTENING, tc.portState(3), log.lines.toString());
    }

    @Test
    void withoutTheKeyEverythingGoesOutOfEveryOtherPort() {
        TransparentClock tc = tc(false);
        assertNull(tc.portState(1));
        assertEquals(Long.MAX_VALUE, tc.nextTimerNanos(), "no port timers");
        announce(tc, 2, WORSE, 200, 3, S);
        assertEquals(List.of(new Sent(1, MessageType.ANNOUNCE, 3), new Sent(3, MessageType.ANNOUNCE, 3)), driver.sent,
                "stepsRemoved untouched");
        event(tc, MessageType.SYNC, 2, WORSE, 2 * S);
        event(tc, MessageType.DELAY_REQ, 1, CLIENT, 2 * S + 1);
        assertEquals(List.of(1, 3), driver.portsOf(MessageType.SYNC));
        assertEquals(List.of(2, 3), driver.portsOf(MessageType.DELAY_REQ));
        tc.onLinkStatus(3, false, null, 3 * S);
        assertEquals(List.of(), log.lines, "no port states, no transitions");
    }
}
