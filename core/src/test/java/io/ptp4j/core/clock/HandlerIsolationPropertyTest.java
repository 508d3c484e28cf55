package io.ptp4j.core.clock;

import static org.junit.jupiter.api.Assertions.*;

import io.ptp4j.core.engine.ClockConfig;
import io.ptp4j.core.engine.ClockType;
import io.ptp4j.core.engine.DelayMechanism;
import io.ptp4j.core.engine.Driver;
import io.ptp4j.core.engine.EngineListener;
import io.ptp4j.core.engine.PtpNode;
import io.ptp4j.core.management.ManagementId;
import io.ptp4j.core.wire.MessageType;
import io.ptp4j.core.wire.PtpMessage;
import io.ptp4j.core.wire.TlvCursor;
import io.ptp4j.core.wire.TlvType;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/**
 * Issue 13, "every message handled in isolation", through the public PtpNode API: random
 * valid-looking messages (well-formed headers of every type, plausible and implausible field
 * values, TLVs of every kind with consistent lengths, from a few senders including this clock)
 * interleaved with timers, into ordinary, boundary, P2P, unicast and transparent clocks. No
 * message may make the engine throw, and the engine still runs afterwards.
 */
class HandlerIsolationPropertyTest {
    static final long S = 1_000_000_000L;
    static final long SELF = 0x0200_00ff_fe00_0001L;
    static final MessageType[] TYPES = MessageType.values();
    static final int[] TLVS = {TlvType.MANAGEMENT, TlvType.MANAGEMENT_ERROR_STATUS, TlvType.ORGANIZATION_EXTENSION,
            TlvType.REQUEST_UNICAST_TRANSMISSION, TlvType.GRANT_UNICAST_TRANSMISSION, TlvType.CANCEL_UNICAST_TRANSMISSION,
            TlvType.ACKNOWLEDGE_CANCEL_UNICAST_TRANSMISSION, TlvType.PATH_TRACE, TlvType.ALTERNATE_TIME_OFFSET_INDICATOR,
            TlvType.AUTHENTICATION, TlvType.PAD, TlvType.ORGANIZATION_EXTENSION_DO_NOT_PROPAGATE, 0x1234};
    static final ManagementId[] IDS = ManagementId.values();

    static final Driver QUIET = new io.ptp4j.core.engine.ForwardingDriver(Driver.quiet(() -> 1_700_000_000L * S)) {
        @Override
        public long resolveUnicast(int port, String address) {
            return 7;
        }
    };

    static ClockConfig oc() {
        ClockConfig c = new ClockConfig();
        c.clockIdentity = SELF;
        c.freeRunning = true;
        return c;
    }

    /** A message with a valid header for its type and random everything else; returns its length. */
    static int message(SplittableRandom r, ByteBuffer b) {
        MessageType t = TYPES[r.nextInt(TYPES.length)];
        java.util.Arrays.fill(b.array(), (byte) 0);
        PtpMessage m = new PtpMessage().wrap(b, 0, b.capacity()).initHeader(t, r.nextInt(2));
        long sender = switch (r.nextInt(5)) {
            case 0 -> SELF;
            case 1 -> 0x10;
            case 2 -> r.nextLong();
            default -> 0x20 + r.nextInt(3);
        };
        m.domainNumber(r.nextInt(10) == 0 ? r.nextInt(256) : 0).flags(r.nextInt(0x10000)).correctionField(r.nextLong() >> r.nextInt(64))
                .sourcePort(sender, r.nextInt(4) == 0 ? r.nextInt(0x10000) : 1).sequenceId(r.nextInt(0x10000))
                .logMessageInterval(r.nextInt(6) == 0 ? r.nextInt(256) : r.nextInt(-7, 5));
        for (int i = 34; i < t.fixedLength; i++) b.put(i, (byte) r.nextInt(256));
        if (r.nextInt(3) > 0) m.bodyTimestamp(r.nextLong(0, 1L << 48), r.nextInt(3) == 0 ? r.nextInt() : r.nextInt(1_000_000_000));
        if (t == MessageType.ANNOUNCE) {
            m.grandmasterPriority1(r.nextInt(256)).grandmasterClockQuality(r.nextInt(256), r.nextInt(256), r.nextInt(0x10000))
                    .grandmasterPriority2(r.nextInt(256)).grandmasterIdentity(r.nextInt(3) == 0 ? SELF : sender).stepsRemoved(r.nextInt(4) == 0 ? r.nextInt(0x10000) : r.nextInt(3));
        }
        if (t == MessageType.MANAGEMENT) {
            m.targetPort(r.nextBoolean() ? -1L : r.nextBoolean() ? SELF : r.nextLong(), r.nextBoolean() ? 0xFFFF : r.nextInt(4))
                    .startingBoundaryHops(r.nextInt(4)).boundaryHops(r.nextInt(4)).actionField(r.nextInt(6));
        }
        if (t == MessageType.SIGNALING) m.targetPort(r.nextBoolean() ? -1L : SELF, r.nextBoolean() ? 0xFFFF : 1);
        m.messageLength(t.fixedLength);
        for (int n = r.nextInt(4); n > 0; n--) {
            int type = t == MessageType.MANAGEMENT && n == 1 ? TlvType.MANAGEMENT : TLVS[r.nextInt(TLVS.length)];
            int len = Math.max(minimum(type), r.nextInt(0, 40)) & ~1;
            if (m.messageLength() + 4 + len > 400) break;
            int v = TlvCursor.append(m, type, len);
            for (int i = 0; i < len; i++) b.put(v + i, (byte) r.nextInt(256));
            if (type == TlvType.MANAGEMENT && len >= 2) m.u16(v, IDS[r.nextInt(IDS.length)].id);
            if (type == TlvType.PATH_TRACE && len >= 8 && r.nextBoolean()) b.putLong(v, SELF);
            if (type >= TlvType.REQUEST_UNICAST_TRANSMISSION && type <= TlvType.ACKNOWLEDGE_CANCEL_UNICAST_TRANSMISSION && len >= 2)
                b.put(v, (byte) ((r.nextInt(0xC) << 4) | r.nextInt(2)));
        }
        return m.messageLength();
    }

    /** TlvType's minimum lengths (package-private there). */
    static int minimum(int type) {
        return switch (type) {
            case TlvType.MANAGEMENT -> 2;
            case TlvType.MANAGEMENT_ERROR_STATUS, TlvType.GRANT_UNICAST_TRANSMISSION -> 8;
            case TlvType.ORGANIZATION_EXTENSION, TlvType.ORGANIZATION_EXTENSION_DO_NOT_PROPAGATE, TlvType.REQUEST_UNICAST_TRANSMISSION,
                 TlvType.AUTHENTICATION -> 6;
            case TlvType.CANCEL_UNICAST_TRANSMISSION, TlvType.ACKNOWLEDGE_CANCEL_UNICAST_TRANSMISSION -> 2;
            case TlvType.ALTERNATE_TIME_OFFSET_INDICATOR -> 16;
            default -> 0;
        };
    }

    static void drive(String name, Supplier<PtpNode> make, long seed, int messages) {
        PtpNode node = make.get();
        SplittableRandom r = new SplittableRandom(seed);
        ByteBuffer b = ByteBuffer.allocate(512);
        long now = 1_000 * S;
        node.start(now);
        for (int i = 0; i < messages; i++) {
            now += r.nextLong(0, S / 20);
            int len = message(r, b);
            int port = r.nextInt(8) == 0 ? r.nextInt(0, 4) : 1;
            long rxTs = r.nextInt(10) == 0 ? Long.MIN_VALUE : now + r.nextLong(-S, S);
            try {
                node.onReceive(port, b, 0, len, rxTs, r.nextLong(), now);
                if (r.nextInt(4) == 0) node.onTxTimestamp(port, r.nextInt(16), r.nextInt(0x10000), now, now);
                while (node.nextTimerNanos() <= now) node.onTimer(now);
            } catch (RuntimeException e) {
                byte[] bytes = java.util.Arrays.copyOf(b.array(), len);
                throw new AssertionError(name + ": message " + i + " (" + java.util.HexFormat.of().formatHex(bytes) + ") threw", e);
            }
        }
        assertTrue(node.nextTimerNanos() > now && node.nextTimerNanos() != Long.MAX_VALUE, name + ": the engine still runs its timers");
    }

    @Test
    void randomMessagesNeverStopAnOrdinaryClock() {
        drive("OC E2E", () -> {
            PtpClock c = new PtpClock(oc(), QUIET, null);
            new ManagementAgent(c).answerNetworkRequests(QUIET);
            return c;
        }, 1, 60_000);
    }

    @Test
    void randomMessagesNeverStopPeerToPeerBoundaryAndUnicastClocks() {
        drive("OC P2P", () -> {
            ClockConfig c = oc();
            c.port.delayMechanism = DelayMechanism.P2P;
            return new PtpClock(c, QUIET, null);
        }, 2, 30_000);
        drive("BC", () -> {
            ClockConfig c = oc();
            c.numberPorts = 3;
            c.clockType = ClockType.BC;
            PtpClock clock = new PtpClock(c, QUIET, null);
            new ManagementAgent(clock).answerNetworkRequests(QUIET);
            return clock;
        }, 3, 30_000);
        drive("unicast client and server", () -> {
            ClockConfig c = oc();
            c.port.unicastMasters = new String[] {"192.0.2.1"};
            c.port.unicastListen = true;
            return new PtpClock(c, QUIET, null);
        }, 4, 30_000);
    }

    @Test
    void randomMessagesNeverStopATransparentClock() {
        drive("P2P TC", () -> {
            ClockConfig c = oc();
            c.numberPorts = 3;
            c.clockType = ClockType.P2P_TC;
            c.port.delayMechanism = DelayMechanism.P2P; // its Pdelay timers show it still runs
            return new TransparentClock(c, QUIET, null);
        }, 5, 30_000);
    }

    /**
     * A handler that fails (here: an engine listener, as a metrics or log bug would) must cost
     * one message, not the daemon. Today the exception leaves PtpClock.onReceive and would end
     * the event loop: the engine needs its per-message isolation (see the hook in issue 13's
     * report: a try/catch around Port.receive in PtpClock.onReceive that counts and reports).
     */
    @Test
    @Disabled("needs the engine's per-message isolation in PtpClock.onReceive (lead's file); fails today: the exception escapes")
    void oneFailingHandlerCostsOneMessage() {
        int[] calls = {0};
        EngineListener failsOnce = new EngineListener() {
            @Override
            public void notice(int port, String text) {
                if (calls[0]++ == 0) throw new IllegalStateException("a broken listener");
            }
        };
        PtpClock c = new PtpClock(oc(), QUIET, failsOnce);
        c.start(0);
        ByteBuffer b = ByteBuffer.allocate(128);
        PtpMessage m = new PtpMessage().wrap(b, 0, 128).initHeader(MessageType.ANNOUNCE, 1).sourcePort(0x10, 1).logMessageInterval(1)
                .grandmasterPriority1(1).grandmasterClockQuality(6, 0x21, 0x4E5D).grandmasterPriority2(1).grandmasterIdentity(0x10);
        assertDoesNotThrow(() -> c.onReceive(1, b, 0, m.messageLength(), 0, 0, S), "the first Announce's notice throws");
        for (int i = 1; i < 4; i++) c.onReceive(1, b, 0, m.sequenceId(i).messageLength(), 0, 0, (1 + i) * S);
        assertEquals(0x10, c.parentDS().grandmasterIdentity(), "the next Announces are handled as ever");
    }
}
