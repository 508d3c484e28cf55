package io.ptp4j.core.clock;

import static org.junit.jupiter.api.Assertions.*;

import io.ptp4j.core.engine.Driver;
import io.ptp4j.core.engine.ClockConfig;
import io.ptp4j.core.management.ManagementData;
import io.ptp4j.core.management.ManagementErrorId;
import io.ptp4j.core.management.ManagementId;
import io.ptp4j.core.management.ManagementRequest;
import io.ptp4j.core.management.Notification;
import io.ptp4j.core.port.PortState;
import io.ptp4j.core.wire.MessageType;
import io.ptp4j.core.wire.PortIdentity;
import io.ptp4j.core.wire.PtpMessage;
import io.ptp4j.core.wire.TlvCursor;
import io.ptp4j.core.wire.TlvType;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** GET/SET/COMMAND dispatch, error statuses and notifications, as linuxptp's clock_manage/port_manage. */
class ManagementAgentTest {
    static final long ID = 0x0200_00ff_fe00_0001L;
    static final long NS = 1_000_000_000L;

    /** A decoded response. */
    record Reply(int action, PortIdentity source, PortIdentity target, int sequenceId, int tlvType, int id, int error,
            Map<String, Object> data, String to) {}

    final List<ByteBuffer> sent = new ArrayList<>();
    final Driver driver = Driver.of(() -> 0, (port, buf, offset, length, event, destination) -> {
        ByteBuffer c = ByteBuffer.allocate(length);
        c.put(0, buf, offset, length);
        sent.add(c);
        return true;
    });
    PtpClock clock;
    ManagementAgent agent;
    final ManagementRequest rq = new ManagementRequest();
    final ByteBuffer buf = ByteBuffer.allocate(1500);
    int seq;
    long now = 1000 * NS;

    @BeforeEach
    void setUp() {
        ClockConfig cfg = new ClockConfig();
        cfg.clockIdentity = ID;
        cfg.numberPorts = 2;
        cfg.freeRunning = true;
        clock = new PtpClock(cfg, driver, null);
        clock.start(0);
        agent = new ManagementAgent(clock).describePorts(PortDescription.unknown("vA"), PortDescription.unknown("vB"));
        rq.sourceClockIdentity = 0x1122_33ff_fe44_5566L;
        rq.sourcePortNumber = 4242;
        rq.boundaryHops = 0;
    }

    List<Reply> ask(int action, ManagementId id, byte[] data, boolean rw) throws Exception {
        return ask(action, id.id, data, rw);
    }

    List<Reply> ask(int action, int idCode, byte[] data, boolean rw) throws Exception {
        int n = rq.encode(buf, seq++, action, idCode, data);
        List<Reply> out = new ArrayList<>();
        agent.handle(buf, 0, n, rw, "/tmp/pmc.test", now, (b, len) -> out.add(decode(b, len, null)));
        return out;
    }

    static Reply decode(ByteBuffer b, int len, String to) {
        try {
            ByteBuffer copy = ByteBuffer.allocate(len);
            copy.put(0, b, 0, len);
            PtpMessage m = new PtpMessage().wrap(copy, 0, len);
            TlvCursor t = new TlvCursor();
            assertEquals(MessageType.MANAGEMENT, m.validate(t));
            t.reset(m);
            assertTrue(t.next());
            int id = t.type() == TlvType.MANAGEMENT ? m.u16(t.valueOffset()) : m.u16(t.valueOffset() + 2);
            int err = t.type() == TlvType.MANAGEMENT_ERROR_STATUS ? m.u16(t.valueOffset()) : 0;
            Map<String, Object> data = null;
            if (t.type() == TlvType.MANAGEMENT && t.length() == 2) {
                data = Map.of(); // an empty data field (linuxptp: a GET of an alternate time offset key it lacks)
            } else if (t.type() == TlvType.MANAGEMENT && ManagementId.of(id) != null) {
                data = ManagementData.decode(ManagementId.of(id), copy, t.valueOffset() + 2, t.length() - 2);
            }
            return new Reply(m.actionField(), m.sourcePortIdentity(), new PortIdentity(m.targetClockIdentity(), m.targetPortNumber()),
                    m.sequenceId(), t.type(), id, err, data, to);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static Reply only(List<Reply> r) {
        assertEquals(1, r.size(), r.toString());
        return r.get(0);
    }

    void assertError(Reply r, ManagementErrorId err, int port) {
        assertEquals(TlvType.MANAGEMENT_ERROR_STATUS, r.tlvType(), r.toString());
        assertEquals(err.code, r.error(), r.toString());
        assertEquals(port, r.source().portNumber());
    }

    /** Runs the engine's timers for {@code seconds} (free running, no peers: it becomes master). */
    void run(double seconds) {
        long end = now + (long) (seconds * NS);
        clock.runTimers(now, end);
        now = end;
    }

    /** A field of the last Announce the clock sent, or -1 when it sent none. */
    int lastAnnounced(ToIntFunction<PtpMessage> field) {
        for (int i = sent.size() - 1; i >= 0; i--) {
            PtpMessage m = new PtpMessage().wrap(sent.get(i), 0, sent.get(i).capacity());
            if (m.messageType() == MessageType.ANNOUNCE) return field.applyAsInt(m);
        }
        return -1;
    }

    int lastAnnouncedPriority1() {
        return lastAnnounced(PtpMessage::grandmasterPriority1);
    }

    @Test
    void getPriority1AnswersFromPortZeroWithTheRequestersSequenceAndTarget() throws Exception {
        Reply r = only(ask(ManagementRequest.GET, ManagementId.PRIORITY1, new byte[2], true));
        assertEquals(ManagementRequest.RESPONSE, r.action());
        assertEquals(new PortIdentity(ID, 0), r.source());
        assertEquals(new PortIdentity(rq.sourceClockIdentity, 4242), r.target());
        assertEquals(128L, r.data().get("priority1"));
    }

    @Test
    void setPriority1ChangesTheDataSetAndTheAnnouncedGrandmaster() throws Exception {
        clock = null;
        setUp();
        now = 0;
        run(10);
        assertEquals(128, lastAnnouncedPriority1());
        Reply r = only(ask(ManagementRequest.SET, ManagementId.PRIORITY1, new byte[] {50, 0}, true));
        assertEquals(ManagementRequest.RESPONSE, r.action());
        assertEquals(50L, r.data().get("priority1"));
        assertEquals(50L, only(ask(ManagementRequest.GET, ManagementId.DEFAULT_DATA_SET, new byte[20], true)).data().get("priority1"));
        assertEquals(50L, only(ask(ManagementRequest.GET, ManagementId.PARENT_DATA_SET, new byte[32], true)).data().get("grandmasterPriority1"));
        run(5);
        assertEquals(50, lastAnnouncedPriority1(), "announce carries the new priority1");
        assertEquals(50, clock.defaultDS().priority1());
    }

    int lastAnnouncedFlags() {
        return lastAnnounced(PtpMessage::flags);
    }

    @Test
    void synchronizationUncertainIsAnnounced() throws Exception {
        now = 0;
        run(10);
        assertEquals(0, lastAnnouncedFlags() & PtpMessage.FLAG_SYNCHRONIZATION_UNCERTAIN);
        ask(ManagementRequest.SET, ManagementId.SYNCHRONIZATION_UNCERTAIN_NP, new byte[] {1, 0}, true);
        run(5);
        assertNotEquals(0, lastAnnouncedFlags() & PtpMessage.FLAG_SYNCHRONIZATION_UNCERTAIN, "uncertain 1: flag set");
        ask(ManagementRequest.SET, ManagementId.SYNCHRONIZATION_UNCERTAIN_NP, new byte[] {(byte) 0xFF, 0}, true);
        run(5);
        assertEquals(0, lastAnnouncedFlags() & PtpMessage.FLAG_SYNCHRONIZATION_UNCERTAIN, "don't care: flag cleared");
    }

    @Test
    void networkRequestsGetMulticastAnswersAndCannotSet() throws Exception {
        agent.answerNetworkRequests(driver);
        sent.clear();
        int n = rq.encode(buf, 9, ManagementRequest.GET, ManagementId.PRIORITY1.id, new byte[2]);
        clock.onReceive(1, buf, 0, n, 0, -7, now);
        assertEquals(1, sent.size());
        Reply r = decode(sent.get(0), sent.get(0).capacity(), null);
        assertEquals(128L, r.data().get("priority1"));
        assertEquals(9, r.sequenceId());
        assertEquals(new PortIdentity(ID, 1), r.source(), "clock-level answers carry the ingress port's identity");
        sent.clear();
        n = rq.encode(buf, 10, ManagementRequest.SET, ManagementId.PRIORITY1.id, new byte[] {1, 0});
        clock.onReceive(1, buf, 0, n, 0, -7, now);
        assertError(decode(sent.get(0), sent.get(0).capacity(), null), ManagementErrorId.NOT_SUPPORTED, 1);
        assertEquals(128, clock.defaultDS().priority1(), "SET only on the read-write Unix socket");
    }

    @Test
    void clockDescriptionTexts() throws Exception {
        agent.describeClock(new byte[] {0x00, 0x1B, 0x19}, "ptp4j;Java;0.1", "1;2;3", "lab clock");
        assertEquals("lab clock", only(ask(ManagementRequest.GET, ManagementId.USER_DESCRIPTION, new byte[2], true)).data().get("userDescription"));
        rq.targetPortNumber = 1;
        Reply cd = only(ask(ManagementRequest.GET, ManagementId.CLOCK_DESCRIPTION, new byte[0], true));
        assertEquals(0x8000L, cd.data().get("clockType"));
        assertEquals("IEEE 802.3", cd.data().get("physicalLayerProtocol"));
        String tail = new String((byte[]) cd.data().get("physicalAddressAndMore"), java.nio.charset.StandardCharsets.ISO_8859_1);
        assertTrue(tail.contains("\u0000\u001b\u0019\u0000\u000eptp4j;Java;0.1\u00051;2;3\u0009lab clock"), tail);
    }

    /** Issue 13: a 1,450-character userDescription made GET USER_DESCRIPTION or CLOCK_DESCRIPTION end ptp4l. */
    @Test
    void descriptionsBeyondTheirBoundsAreRefused() throws Exception {
        byte[] oui = {0, 0x1B, 0x19};
        String a129 = "a".repeat(129), e128 = "\u00e9".repeat(128); // 128 symbols in 256 octets
        for (String[] texts : new String[][] {{"p", "r", a129}, {"p", "r", e128}, {"a".repeat(65), "r", "u"}, {"p", "a".repeat(33), "u"},
                {"p", "r", "a".repeat(1500)}}) {
            var e = assertThrows(IllegalArgumentException.class, () -> agent.describeClock(oui, texts[0], texts[1], texts[2]));
            assertTrue(e.getMessage().startsWith("invalid "), e.getMessage());
        }
        // what was refused left the previous texts in place
        agent.describeClock(oui, "a".repeat(64), "b".repeat(32), "c".repeat(128));
        assertThrows(IllegalArgumentException.class, () -> agent.describeClock(oui, "p", "r", a129));
        assertEquals("c".repeat(128), getUserDescription().data().get("userDescription"));
    }

    private Reply getUserDescription() throws Exception {
        return only(ask(ManagementRequest.GET, ManagementId.USER_DESCRIPTION, new byte[0], true));
    }

    @Test
    void longestDescriptionsFitEveryReply() throws Exception {
        // the most octets each field may carry: 3-octet symbols up to the symbol or octet bound
        String product = "\u20ac".repeat(64), revision = "\u20ac".repeat(32), user = "\u20ac".repeat(85); // 192, 96, 255 octets
        agent.describeClock(new byte[] {0, 0x1B, 0x19}, product, revision, user);
        assertEquals(user, getUserDescription().data().get("userDescription"));
        Reply cd = only(ask(ManagementRequest.GET, ManagementId.CLOCK_DESCRIPTION, new byte[0], true).subList(0, 1));
        byte[] tail = (byte[]) cd.data().get("physicalAddressAndMore");
        // physical address (none), protocol, address length and 4 octets, OUI, reserved: then the three PTPTexts
        int at = 2 + 2 + 4 + 3 + 1;
        for (String t : new String[] {product, revision, user}) {
            int len = tail[at] & 0xFF;
            assertEquals(t, new String(tail, at + 1, len, java.nio.charset.StandardCharsets.UTF_8));
            at += 1 + len;
        }
        assertArrayEquals(new byte[] {0, 0x1B, 0x19, 0, 1, 0}, java.util.Arrays.copyOfRange(tail, at, at + 6), "profileIdentity follows");
        assertTrue(tail.length - at <= 7, "then at most the pad octet");
    }

    @Test
    void theEncoderNeverWrapsATextsLengthOctet() {
        ByteBuffer b = ByteBuffer.allocate(2000);
        int n = ManagementData.encode(ManagementId.USER_DESCRIPTION, Map.of("userDescription", "a".repeat(1500)), b, 0);
        assertEquals(256, n);
        assertEquals(255, b.get(0) & 0xFF);
        // cut at a symbol boundary: 127 two-octet symbols, not 127.5
        n = ManagementData.encode(ManagementId.USER_DESCRIPTION, Map.of("userDescription", "\u00e9".repeat(200)), b, 0);
        assertEquals(254, b.get(0) & 0xFF);
        assertEquals(255, n);
        assertEquals(n, ManagementData.encodedLength(ManagementId.USER_DESCRIPTION, Map.of("userDescription", "\u00e9".repeat(200))));
    }

    @Test
    void setUserDescriptionIsRefusedAsLinuxptpWhateverItCarries() throws Exception {
        // linuxptp 4.4 has no SET for USER_DESCRIPTION (clock_management_set): NOT_SUPPORTED, for any length
        for (int len : new int[] {1, 2, 256, 1400}) {
            byte[] data = new byte[len];
            data[0] = (byte) 255; // a length octet that promises more than some of these carry
            java.util.Arrays.fill(data, 1, len, (byte) 'x');
            assertError(only(ask(ManagementRequest.SET, ManagementId.USER_DESCRIPTION, data, true)), ManagementErrorId.NOT_SUPPORTED, 0);
        }
        assertEquals("", getUserDescription().data().get("userDescription"));
    }

    @Test
    void aReplyTooLargeForOneMessageIsAnErrorNotAnOverflow() throws Exception {
        agent.describePorts(new PortDescription("vA", 0, new byte[1450], 3, new byte[6], -1), PortDescription.unknown("vB"));
        rq.targetPortNumber = 1;
        assertError(only(ask(ManagementRequest.GET, ManagementId.CLOCK_DESCRIPTION, new byte[0], true)), ManagementErrorId.GENERAL_ERROR, 1);
        rq.targetPortNumber = 2;
        assertEquals(0x8000L, only(ask(ManagementRequest.GET, ManagementId.CLOCK_DESCRIPTION, new byte[0], true)).data().get("clockType"));
    }

    static io.ptp4j.core.auth.Authenticator uds(String secret) throws Exception {
        return new io.ptp4j.core.auth.Authenticator(io.ptp4j.core.auth.SaFile.parse("sa", "spp 3\n5 SHA256-128 ASCII:" + secret + "\n"), 2)
                .port(0, 3, 5);
    }

    /** linuxptp 4.4's UDS port with the global spp: requests must verify, answers are signed. */
    @Test
    void authenticatedUnixSocket() throws Exception {
        io.ptp4j.core.auth.Authenticator mine = uds("k3y"), pmc = uds("k3y"), stranger = uds("other");
        agent.authenticateWith(mine);
        int n = pmc.sign(buf, 0, rq.encode(buf, seq++, ManagementRequest.GET, ManagementId.PRIORITY1.id, new byte[0]), 0);
        List<ByteBuffer> answers = new ArrayList<>();
        List<Integer> lengths = new ArrayList<>();
        agent.handle(buf, 0, n, true, "/tmp/pmc.test", now, (b, len) -> {
            ByteBuffer c = ByteBuffer.allocate(len);
            c.put(0, b, 0, len);
            answers.add(c);
            lengths.add(len);
        });
        assertEquals(1, answers.size());
        assertEquals(io.ptp4j.core.auth.AuthResult.ACCEPTED, pmc.verify(answers.get(0), 0, lengths.get(0), 0), "the answer is signed");
        assertEquals(128L, decode(answers.get(0), lengths.get(0), null).data().get("priority1"), "management TLV, then AUTHENTICATION");
        // unsigned, or signed with another key: dropped, and the caller hears why
        int plain = rq.encode(buf, seq++, ManagementRequest.GET, ManagementId.PRIORITY1.id, new byte[0]);
        var e = assertThrows(io.ptp4j.core.wire.DecodeException.class, () -> agent.handle(buf, 0, plain, true, null, now, (b, l) -> fail()));
        assertTrue(e.getMessage().contains("auth: bad message (NOT_LAST)"), e.getMessage()); // its only TLV is the management one
        int forged = stranger.sign(buf, 0, rq.encode(buf, seq++, ManagementRequest.SET, ManagementId.PRIORITY1.id, new byte[] {1, 0}), 0);
        assertThrows(io.ptp4j.core.wire.DecodeException.class, () -> agent.handle(buf, 0, forged, true, null, now, (b, l) -> fail()));
        assertEquals(128, clock.defaultDS().priority1(), "the forged SET changed nothing");
    }

    @Test
    void aForwardedSignedMessageIsSignedAgainAfterItsHopCountChanged() throws Exception {
        io.ptp4j.core.auth.Authenticator mine = uds("k3y"), pmc = uds("k3y");
        agent.authenticateWith(mine);
        List<ByteBuffer> forwarded = new ArrayList<>();
        agent.forwardWith(new ManagementAgent.Forwarder() {
            @Override
            public void toPort(int port, ByteBuffer b, int length) {
                ByteBuffer c = ByteBuffer.allocate(length);
                c.put(0, b, 0, length);
                forwarded.add(c);
            }

            @Override
            public void toUnixSocket(ByteBuffer b, int length) {}
        });
        run(20); // both ports become MASTER: they forward
        rq.boundaryHops = 2;
        int n = pmc.sign(buf, 0, rq.encode(buf, seq++, ManagementRequest.GET, ManagementId.PRIORITY1.id, new byte[0]), 0);
        agent.handle(buf, 0, n, true, null, now, (b, l) -> {});
        assertFalse(forwarded.isEmpty());
        for (ByteBuffer f : forwarded) {
            assertEquals(1, new PtpMessage().wrap(f, 0, f.capacity()).boundaryHops());
            assertEquals(io.ptp4j.core.auth.AuthResult.ACCEPTED, pmc.verify(f, 0, f.capacity(), 0));
        }
    }

    @Test
    void mutatedRequestsNeverBreakTheAgent() throws Exception {
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(42);
        ManagementId[] ids = ManagementId.values();
        int answered = 0;
        for (int i = 0; i < 20_000; i++) {
            ManagementId id = ids[rnd.nextInt(ids.length)];
            byte[] data = new byte[rnd.nextInt(0, 80)];
            int n = rq.encode(buf, i, rnd.nextInt(0, 5), id.id, data);
            for (int k = rnd.nextInt(0, 4); k > 0; k--) buf.put(rnd.nextInt(0, n), (byte) rnd.nextInt(256));
            int len = rnd.nextInt(4) == 0 ? rnd.nextInt(0, n + 1) : n;
            List<Reply> out = new ArrayList<>();
            try {
                agent.handle(buf, 0, len, rnd.nextBoolean(), "/tmp/x", now, (b, l) -> out.add(decode(b, l, null)));
            } catch (io.ptp4j.core.wire.DecodeException e) {
                continue; // reported to the caller, never answered
            }
            answered += out.size();
        }
        assertTrue(answered > 5_000, "most mutated requests still get answers: " + answered);
    }

    @Test
    void forwardsLikeLinuxptpWithBoundaryHopsLeft() throws Exception {
        now = 0;
        run(10); // both ports MASTER: forwarding states
        List<String> fwd = new ArrayList<>();
        agent.forwardWith(new ManagementAgent.Forwarder() {
            @Override
            public void toPort(int port, ByteBuffer b, int len) {
                fwd.add("port " + port + " hops " + new PtpMessage().wrap(b, 0, len).boundaryHops() + " action "
                        + new PtpMessage().wrap(b, 0, len).actionField());
            }

            @Override
            public void toUnixSocket(ByteBuffer b, int len) {
                fwd.add("uds hops " + new PtpMessage().wrap(b, 0, len).boundaryHops());
            }
        });
        rq.boundaryHops = 1;
        assertEquals(2, ask(ManagementRequest.GET, ManagementId.PORT_DATA_SET, new byte[0], true).size(), "still answered locally");
        assertEquals(List.of("port 1 hops 0 action 0", "port 2 hops 0 action 0"), fwd, "pmc -u -b 1: out of every port");
        fwd.clear();
        ask(ManagementRequest.GET, ManagementId.PORT_DATA_SET, new byte[0], false);
        assertEquals(List.of(), fwd, "the read-only socket never forwards");
        rq.boundaryHops = 0;
        ask(ManagementRequest.GET, ManagementId.PORT_DATA_SET, new byte[0], true);
        assertEquals(List.of(), fwd, "no hops left");
        // From the network: a request goes on out of the other port only; an answer also to the Unix socket.
        agent.answerNetworkRequests(driver);
        rq.boundaryHops = 2;
        int n = rq.encode(buf, 1, ManagementRequest.GET, ManagementId.PRIORITY1.id, new byte[2]);
        clock.onReceive(1, buf, 0, n, 0, -7, now);
        assertEquals(List.of("port 2 hops 1 action 0"), fwd);
        fwd.clear();
        n = rq.encode(buf, 2, ManagementRequest.RESPONSE, ManagementId.PRIORITY1.id, new byte[2]);
        clock.onReceive(2, buf, 0, n, 0, -7, now);
        assertEquals(List.of("port 1 hops 1 action 2", "uds hops 1"), fwd);
        fwd.clear();
        clock.port(1).enable(false);
        clock.onReceive(2, buf, 0, n, 0, -7, now);
        assertEquals(List.of("uds hops 1"), fwd, "a disabled port does not forward");
    }

    @Test
    void setPriority2() throws Exception {
        Reply r = only(ask(ManagementRequest.SET, ManagementId.PRIORITY2, new byte[] {(byte) 200, 0}, true));
        assertEquals(200L, r.data().get("priority2"));
        assertEquals(200, clock.defaultDS().priority2());
    }

    @Test
    void readOnlySocketRefusesSetAndCommandButAnswersGet() throws Exception {
        assertError(only(ask(ManagementRequest.SET, ManagementId.PRIORITY1, new byte[] {1, 0}, false)), ManagementErrorId.NOT_SUPPORTED, 0);
        assertEquals(128, clock.defaultDS().priority1());
        assertError(only(ask(ManagementRequest.COMMAND, ManagementId.DISABLE_PORT, new byte[0], false)), ManagementErrorId.NOT_SUPPORTED, 0);
        assertError(only(ask(ManagementRequest.GET, ManagementId.PORT_PROPERTIES_NP, new byte[0], false)), ManagementErrorId.NOT_SUPPORTED, 0);
        assertEquals(128L, only(ask(ManagementRequest.GET, ManagementId.PRIORITY1, new byte[2], false)).data().get("priority1"));
        Reply err = only(ask(ManagementRequest.COMMAND, ManagementId.DISABLE_PORT, new byte[0], false));
        assertEquals(ManagementRequest.ACKNOWLEDGE, err.action(), "errors to a COMMAND are acknowledgements");
    }

    @Test
    void errorStatusesFollowLinuxptp() throws Exception {
        assertError(only(ask(ManagementRequest.SET, ManagementId.PRIORITY1, new byte[0], true)), ManagementErrorId.WRONG_LENGTH, 0);
        assertError(only(ask(ManagementRequest.SET, ManagementId.GRANDMASTER_SETTINGS_NP, new byte[2], true)), ManagementErrorId.WRONG_LENGTH, 0);
        assertError(only(ask(ManagementRequest.SET, ManagementId.DEFAULT_DATA_SET, new byte[20], true)), ManagementErrorId.NOT_SUPPORTED, 0);
        assertError(only(ask(ManagementRequest.SET, ManagementId.SYNCHRONIZATION_UNCERTAIN_NP, new byte[] {7, 0}, true)),
                ManagementErrorId.WRONG_VALUE, 0);
        assertError(only(ask(ManagementRequest.GET, ManagementId.UTC_PROPERTIES, new byte[4], true)), ManagementErrorId.NOT_SUPPORTED, 0);
        // Unknown ids: NO_SUCH_ID once (from the first port), not once per port.
        assertError(only(ask(ManagementRequest.GET, 0x7777, new byte[0], true)), ManagementErrorId.NO_SUCH_ID, 1);
        // Known port-level ids ptp4j does not serve: NOT_SUPPORTED from every port.
        List<Reply> r = ask(ManagementRequest.GET, ManagementId.UNICAST_MASTER_MAX_TABLE_SIZE, new byte[0], true);
        assertEquals(2, r.size());
        assertError(r.get(1), ManagementErrorId.NOT_SUPPORTED, 2);
        // A port that does not exist: WRONG_VALUE (IEEE 1588 interpretation #21).
        rq.targetPortNumber = 9;
        assertError(only(ask(ManagementRequest.GET, ManagementId.PORT_DATA_SET, new byte[0], true)), ManagementErrorId.WRONG_VALUE, 0);
    }

    @Test
    void portLevelIdsAnswerPerAddressedPort() throws Exception {
        List<Reply> all = ask(ManagementRequest.GET, ManagementId.PORT_DATA_SET, new byte[26], true);
        assertEquals(2, all.size());
        assertEquals(new PortIdentity(ID, 2), all.get(1).data().get("portIdentity"));
        rq.targetPortNumber = 2;
        Reply r = only(ask(ManagementRequest.GET, ManagementId.PORT_PROPERTIES_NP, new byte[0], true));
        assertEquals("vB", r.data().get("interface"));
        assertEquals(2, r.source().portNumber());
    }

    @Test
    void otherClocksRequestsAreIgnored() throws Exception {
        rq.targetClockIdentity = 0x0102030405060708L;
        assertTrue(ask(ManagementRequest.GET, ManagementId.PRIORITY1, new byte[2], true).isEmpty());
        rq.targetClockIdentity = ID;
        assertEquals(1, ask(ManagementRequest.GET, ManagementId.PRIORITY1, new byte[2], true).size());
        rq.domainNumber = 1;
        assertTrue(ask(ManagementRequest.GET, ManagementId.PRIORITY1, new byte[2], true).isEmpty(), "another domain (pmc -d 1)");
        rq.domainNumber = 0;
        rq.transportSpecific = 1;
        assertTrue(ask(ManagementRequest.GET, ManagementId.PRIORITY1, new byte[2], true).isEmpty(), "another transportSpecific (pmc -t 1)");
    }

    @Test
    void grandmasterSettingsChangeTheLocalQualityAndTimeProperties() throws Exception {
        byte[] d = {6, 0x21, 0x4e, 0x5d, 0, 37, 0x3c, 0x20}; // class 6, accuracy 0x21, variance 0x4e5d, UTC 37, flags, GPS
        Reply r = only(ask(ManagementRequest.SET, ManagementId.GRANDMASTER_SETTINGS_NP, d, true));
        assertEquals(6L, r.data().get("clockQuality.clockClass"));
        assertEquals(0x3cL, r.data().get("time_flags"));
        Map<String, Object> dds = only(ask(ManagementRequest.GET, ManagementId.DEFAULT_DATA_SET, new byte[20], true)).data();
        assertEquals(6L, dds.get("clockQuality.clockClass"));
        assertEquals(0x4e5dL, dds.get("clockQuality.offsetScaledLogVariance"));
        Map<String, Object> tp = only(ask(ManagementRequest.GET, ManagementId.TIME_PROPERTIES_DATA_SET, new byte[4], true)).data();
        assertEquals(0x3cL, tp.get("flags"), "a grandmaster announces its new time properties");
        assertEquals(0x20L, tp.get("timeSource"));
    }

    @Test
    void synchronizationUncertainAndPortDataSetNp() throws Exception {
        assertEquals(255L, only(ask(ManagementRequest.GET, ManagementId.SYNCHRONIZATION_UNCERTAIN_NP, new byte[2], true)).data().get("val"));
        assertEquals(1L, only(ask(ManagementRequest.SET, ManagementId.SYNCHRONIZATION_UNCERTAIN_NP, new byte[] {1, 0}, true)).data().get("val"));
        assertEquals(1, clock.syncUncertain());
        rq.targetPortNumber = 1;
        byte[] d = {0, 0, 0x03, (byte) 0xE8, 0, 0, 0, 1}; // 1000 ns
        assertEquals(1000L, only(ask(ManagementRequest.SET, ManagementId.PORT_DATA_SET_NP, d, true)).data().get("neighborPropDelayThresh"));
        assertEquals(1000L, clock.port(1).ds().neighborPropDelayThreshNanos());
        assertEquals(20_000_000L, clock.port(2).ds().neighborPropDelayThreshNanos(), "only the addressed port");
    }

    @Test
    void disableAndEnablePortCommands() throws Exception {
        rq.targetPortNumber = 2;
        Reply r = only(ask(ManagementRequest.COMMAND, ManagementId.DISABLE_PORT, new byte[0], true));
        assertEquals(ManagementRequest.ACKNOWLEDGE, r.action());
        assertEquals(ManagementId.DISABLE_PORT.id, r.id());
        assertEquals(PortState.DISABLED, clock.portState(2));
        assertNotEquals(PortState.DISABLED, clock.portState(1));
        assertEquals((long) PortState.DISABLED.code, only(ask(ManagementRequest.GET, ManagementId.PORT_DATA_SET, new byte[0], true)).data().get("portState"));
        only(ask(ManagementRequest.COMMAND, ManagementId.ENABLE_PORT, new byte[0], true));
        assertEquals(PortState.LISTENING, clock.portState(2));
        // GET of a command-only id is no such action: NOT_SUPPORTED per port
        assertError(only(ask(ManagementRequest.SET, ManagementId.ENABLE_PORT, new byte[2], true)), ManagementErrorId.NOT_SUPPORTED, 2);
    }

    @Test
    void subscribersGetPortStateNotificationsUntilTheyExpire() throws Exception {
        byte[] d = new byte[66];
        d[1] = 60; // duration 60 s
        d[2] = (byte) (1 << Notification.NOTIFY_PORT_STATE.ordinal());
        Reply set = only(ask(ManagementRequest.SET, ManagementId.SUBSCRIBE_EVENTS_NP, d, true));
        assertEquals(60L, set.data().get("duration"));
        assertEquals(1, ((byte[]) set.data().get("bitmask"))[0]);
        assertTrue(agent.wants(Notification.NOTIFY_PORT_STATE));
        assertFalse(agent.wants(Notification.NOTIFY_TIME_SYNC));
        // Another requester has no subscription.
        rq.sourcePortNumber = 7;
        assertEquals(0L, only(ask(ManagementRequest.GET, ManagementId.SUBSCRIBE_EVENTS_NP, new byte[66], true)).data().get("duration"));
        rq.sourcePortNumber = 4242;

        List<Reply> pushed = new ArrayList<>();
        ManagementAgent.Notifier n = (addr, b, len) -> pushed.add(decode(b, len, addr));
        clock.port(1).enable(false);
        agent.portStateChanged(1, now, n);
        clock.port(1).enable(true);
        agent.portStateChanged(1, now + NS, n);
        assertEquals(2, pushed.size());
        Reply first = pushed.get(0);
        assertEquals("/tmp/pmc.test", first.to());
        assertEquals(ManagementRequest.RESPONSE, first.action());
        assertEquals(ManagementId.PORT_DATA_SET.id, first.id());
        assertEquals(new PortIdentity(ID, 1), first.source());
        assertEquals(new PortIdentity(rq.sourceClockIdentity, 4242), first.target());
        assertEquals((long) PortState.DISABLED.code, first.data().get("portState"));
        assertEquals(0, first.sequenceId());
        assertEquals(1, pushed.get(1).sequenceId(), "per-subscriber sequence");
        agent.portStateChanged(1, now + 61 * NS, n);
        assertEquals(2, pushed.size(), "expired after 60 s");
        assertFalse(agent.wants(Notification.NOTIFY_PORT_STATE));
    }

    @Test
    void timeSyncAndParentNotificationsAndUnsubscribe() throws Exception {
        byte[] d = new byte[66];
        d[0] = (byte) 0xFF;
        d[1] = (byte) 0xFF; // never expires
        d[2] = (byte) ((1 << Notification.NOTIFY_TIME_SYNC.ordinal()) | (1 << Notification.NOTIFY_PARENT_DATA_SET.ordinal()));
        ask(ManagementRequest.SET, ManagementId.SUBSCRIBE_EVENTS_NP, d, true);
        List<Reply> pushed = new ArrayList<>();
        ManagementAgent.Notifier n = (addr, b, len) -> pushed.add(decode(b, len, addr));
        agent.timeSync(now, n);
        assertEquals(ManagementId.TIME_STATUS_NP.id, pushed.get(0).id());
        assertEquals(ManagementId.PARENT_DATA_SET.id, pushed.get(1).id(), "first look at parentDS counts as a change");
        agent.timeSync(now + 1000 * NS, n);
        assertEquals(3, pushed.size(), "parentDS unchanged: time sync only");
        ask(ManagementRequest.SET, ManagementId.SUBSCRIBE_EVENTS_NP, new byte[66], true);
        agent.timeSync(now, n);
        assertEquals(3, pushed.size(), "all-zero bitmask unsubscribes");
    }
}
