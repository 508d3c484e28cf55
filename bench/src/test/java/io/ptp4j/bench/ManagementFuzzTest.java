package io.ptp4j.bench;

import static org.junit.jupiter.api.Assertions.*;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.ptp4j.core.clock.ManagementAgent;
import io.ptp4j.core.clock.PortDescription;
import io.ptp4j.core.clock.PtpClock;
import io.ptp4j.core.engine.ClockConfig;
import io.ptp4j.core.engine.ClockType;
import io.ptp4j.core.engine.Driver;
import io.ptp4j.core.management.ManagementId;
import io.ptp4j.core.management.ManagementRequest;
import io.ptp4j.core.wire.DecodeException;
import io.ptp4j.core.wire.MessageType;
import io.ptp4j.core.wire.PtpMessage;
import io.ptp4j.core.wire.TlvCursor;
import java.nio.ByteBuffer;

/**
 * Management dispatch (GET, SET, COMMAND, subscriptions, forwarding) through ManagementAgent, on
 * the read-write and read-only Unix sockets and from a PTP port through the engine. Requests are
 * well-formed headers with fuzzed action, id, target, hops and dataField, sometimes bytes
 * flipped or cut. Only DecodeException may come out, and every answer must itself decode and fit
 * one datagram.
 */
class ManagementFuzzTest {
    static final ManagementId[] IDS = ManagementId.values();
    private final ByteBuffer buf = ByteBuffer.allocate(2048);
    private final PtpMessage check = new PtpMessage();
    private final TlvCursor tlvs = new TlvCursor();

    private final Driver wire = Driver.of(() -> 1_700_000_000_000_000_000L, (port, b, offset, length, event, destination) -> {
        answer(b, offset, length);
        return true;
    });

    /** Whatever the clock or agent sends must decode and fit one datagram (the engine's own messages too). */
    private void answer(ByteBuffer b, int offset, int length) {
        assertTrue(length <= 1500, "a message of " + length + " octets");
        try {
            assertNotNull(check.wrap(b, offset, length).validate(tlvs));
        } catch (DecodeException e) {
            fail("sent a message that does not decode: " + e.getMessage());
        }
    }

    // One clock for every input (making one per input cost most of the time): SETs and timers
    // carry state from input to input, which only widens what the agent is exercised with.
    private static PtpClock clock;
    private static ManagementAgent agent;
    private static ClockConfig cfg;
    private static long now = 1_000_000_000L;

    private void setUp() {
        if (clock != null) return;
        cfg = new ClockConfig();
        cfg.clockIdentity = 0x0200_00ff_fe00_0001L;
        cfg.numberPorts = 2;
        cfg.clockType = ClockType.BC;
        cfg.freeRunning = true;
        clock = new PtpClock(cfg, wire, null);
        clock.start(0);
        agent = new ManagementAgent(clock).describePorts(PortDescription.unknown("a"), PortDescription.unknown("b"))
                .answerNetworkRequests(wire)
                .forwardWith(new ManagementAgent.Forwarder() {
                    @Override
                    public void toPort(int port, ByteBuffer b, int length) {
                        answer(b, 0, length);
                    }

                    @Override
                    public void toUnixSocket(ByteBuffer b, int length) {
                        answer(b, 0, length);
                    }
                });
    }

    @FuzzTest(maxDuration = "30s")
    void managementDispatchOnlyThrowsDecodeException(FuzzedDataProvider d) {
        setUp();
        try {
            agent.describeClock(new byte[3], d.consumeString(64), d.consumeString(32), d.consumeString(128));
        } catch (IllegalArgumentException e) {
            // texts beyond their PTPText bounds are refused; the previous ones stay
        }
        ManagementRequest rq = new ManagementRequest();
        for (int k = d.consumeInt(1, 6); k > 0 && d.remainingBytes() > 0; k--) {
            rq.sourceClockIdentity = d.consumeLong();
            rq.sourcePortNumber = d.consumeInt(0, 0xFFFF);
            rq.targetClockIdentity = d.consumeBoolean() ? -1L : d.consumeBoolean() ? cfg.clockIdentity : d.consumeLong();
            rq.targetPortNumber = d.consumeBoolean() ? 0xFFFF : d.consumeInt(0, 3);
            rq.boundaryHops = d.consumeInt(0, 3);
            int id = d.consumeBoolean() ? IDS[d.consumeInt(0, IDS.length - 1)].id : d.consumeInt(0, 0xFFFF);
            int n = rq.encode(buf, d.consumeInt(0, 0xFFFF), d.consumeInt(0, 7), id, d.consumeBytes(d.consumeInt(0, 300)));
            if (d.consumeBoolean()) buf.put(d.consumeInt(0, n - 1), d.consumeByte());
            if (d.consumeBoolean()) n = d.consumeInt(0, n);
            int where = d.consumeInt(0, 3);
            now += d.consumeLong(0, 2_000_000_000L); // enough for timers to fire, few enough to keep inputs fast
            try {
                if (where == 3) clock.onReceive(d.consumeInt(1, 2), buf, 0, n, now, 0, now);
                else agent.handle(buf, 0, n, where != 1, where == 2 ? null : "/run/pmc." + k, now, (b, len) -> answer(b, 0, len));
                while (clock.nextTimerNanos() <= now) clock.onTimer(now);
            } catch (DecodeException expected) {
                // the one way a malformed request ends
            }
        }
    }
}
