package io.ptp4j.core.clock;

import static io.ptp4j.core.clock.ManagementAgentTest.decode;
import static io.ptp4j.core.clock.ManagementAgentTest.only;
import static org.junit.jupiter.api.Assertions.*;

import io.ptp4j.core.clock.ManagementAgentTest.Reply;
import io.ptp4j.core.engine.ClockConfig;
import io.ptp4j.core.engine.DelayMechanism;
import io.ptp4j.core.engine.Driver;
import io.ptp4j.core.engine.PortConfig;
import io.ptp4j.core.management.ManagementErrorId;
import io.ptp4j.core.management.ManagementId;
import io.ptp4j.core.management.ManagementRequest;
import io.ptp4j.core.port.PortCounters;
import io.ptp4j.core.wire.AlternateTimeOffsetTlv;
import io.ptp4j.core.wire.MessageType;
import io.ptp4j.core.wire.PowerProfileTlv;
import io.ptp4j.core.wire.PtpMessage;
import io.ptp4j.core.wire.TlvCursor;
import io.ptp4j.core.wire.TlvType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The management ids linuxptp 4.4's pmc knows and 3.1.1's did not, answered as linuxptp 4.4's
 * ptp4l answers them (clock.c, port.c port_management_fill_response), and what the settable ones
 * change on the wire: the C37.238 and ALTERNATE_TIME_OFFSET_INDICATOR TLVs in Announce.
 */
class Linuxptp44ManagementIdsTest {
    static final long ID = 0x0200_00ff_fe00_0001L, NS = 1_000_000_000L;

    final List<ByteBuffer> sent = new ArrayList<>();
    final Driver driver = new io.ptp4j.core.engine.ForwardingDriver(Driver.of(() -> 0, (port, buf, offset, length, event, destination) -> {
        ByteBuffer c = ByteBuffer.allocate(length);
        c.put(0, buf, offset, length);
        sent.add(c);
        return true;
    })) {
        @Override
        public long resolveUnicast(int port, String address) {
            return 7; // any handle: the test only reads the table
        }
    };
    PtpClock clock;
    ManagementAgent agent;
    final ManagementRequest rq = new ManagementRequest();
    final ByteBuffer buf = ByteBuffer.allocate(1500);
    long now;
    int seq;

    void start(PortConfig port) {
        ClockConfig cfg = new ClockConfig();
        cfg.clockIdentity = ID;
        cfg.freeRunning = true;
        cfg.port = port;
        clock = new PtpClock(cfg, driver, null);
        clock.start(0);
        agent = new ManagementAgent(clock).describePorts(PortDescription.unknown("vA"));
        rq.sourceClockIdentity = 0x1122_33ff_fe44_5566L;
        rq.sourcePortNumber = 4242;
        rq.boundaryHops = 0;
    }

    List<Reply> ask(int action, ManagementId id, byte[] data) throws Exception {
        int n = rq.encode(buf, seq++, action, id.id, data);
        List<Reply> out = new ArrayList<>();
        agent.handle(buf, 0, n, true, "/tmp/pmc.test", now, (b, len) -> out.add(decode(b, len, null)));
        return out;
    }

    void run(double seconds) {
        long end = now + (long) (seconds * NS);
        clock.runTimers(now, end);
        now = end;
    }

    int count(MessageType type) {
        int n = 0;
        for (ByteBuffer b : sent) if (new PtpMessage().wrap(b, 0, b.capacity()).messageType() == type) n++;
        return n;
    }

    /** The value offsets of every TLV of type {@code tlvType} in the last Announce sent. */
    List<Integer> lastAnnounceTlvs(PtpMessage m, int tlvType) throws Exception {
        for (int i = sent.size() - 1; i >= 0; i--) {
            m.wrap(sent.get(i), 0, sent.get(i).capacity());
            if (m.messageType() != MessageType.ANNOUNCE) continue;
            TlvCursor t = new TlvCursor().reset(m);
            List<Integer> at = new ArrayList<>();
            while (t.next()) if (t.type() == tlvType) at.add(t.valueOffset());
            return at;
        }
        fail("no Announce sent");
        return null;
    }

    static long le64(byte[] b, int at) {
        return ByteBuffer.wrap(b, at, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    @Test
    void portServiceStatsCountTheTimeoutsThatFired() throws Exception {
        start(new PortConfig());
        run(20);
        Reply r = only(ask(ManagementRequest.GET, ManagementId.PORT_SERVICE_STATS_NP, new byte[90]));
        byte[] stats = (byte[]) r.data().get("stats");
        assertEquals(80, stats.length);
        // announce receipt timeout in LISTENING, then master: one master timeout per Announce and Sync sent
        assertEquals(1, le64(stats, 8 * PortCounters.ANNOUNCE_TIMEOUT));
        assertEquals(count(MessageType.ANNOUNCE), le64(stats, 8 * PortCounters.MASTER_ANNOUNCE_TIMEOUT));
        assertEquals(count(MessageType.SYNC), le64(stats, 8 * PortCounters.MASTER_SYNC_TIMEOUT));
        assertTrue(count(MessageType.SYNC) > 10);
        assertEquals(0, le64(stats, 8 * PortCounters.SYNC_MISMATCH));
        assertEquals(ID, r.source().clockIdentity());
        assertEquals(1, r.source().portNumber(), "a port-level answer");
    }

    @Test
    void powerProfileSettingsAreAnnouncedAndSettable() throws Exception {
        PortConfig p = new PortConfig();
        p.powerProfileVersion = 1;
        p.powerProfileGrandmasterId = 0x1234;
        p.powerProfileGrandmasterTimeInaccuracy = 50;
        p.powerProfileNetworkTimeInaccuracy = 200;
        start(p);
        Reply r = only(ask(ManagementRequest.GET, ManagementId.POWER_PROFILE_SETTINGS_NP, new byte[16]));
        assertEquals(1L, r.data().get("version"));
        assertEquals(0x1234L, r.data().get("grandmasterID"));
        assertEquals(50L, r.data().get("grandmasterTimeInaccuracy"));
        assertEquals(0xFFFFFFFFL, r.data().get("totalTimeInaccuracy"), "linuxptp's default -1");
        run(10);
        PtpMessage m = new PtpMessage();
        List<Integer> orgs = lastAnnounceTlvs(m, TlvType.ORGANIZATION_EXTENSION);
        assertEquals(1, orgs.size());
        int v = orgs.get(0);
        assertTrue(PowerProfileTlv.matches(m, v, PowerProfileTlv.LENGTH));
        assertEquals(PowerProfileTlv.SUBTYPE_2011, PowerProfileTlv.subtype(m, v));
        assertEquals(0x1234, PowerProfileTlv.grandmasterId(m, v));
        assertEquals(50, PowerProfileTlv.grandmasterTimeInaccuracy(m, v));
        assertEquals(200, PowerProfileTlv.networkOrTotalTimeInaccuracy(m, v));

        // SET the 2017 edition: the answer shows it, the next Announces carry it
        ByteBuffer set = ByteBuffer.allocate(16).putShort((short) 2).putShort((short) 0xBEEF).putInt(1).putInt(2).putInt(1500);
        r = only(ask(ManagementRequest.SET, ManagementId.POWER_PROFILE_SETTINGS_NP, set.array()));
        assertEquals(2L, r.data().get("version"));
        assertEquals(1500L, r.data().get("totalTimeInaccuracy"));
        run(5);
        v = lastAnnounceTlvs(m, TlvType.ORGANIZATION_EXTENSION).get(0);
        assertEquals(PowerProfileTlv.SUBTYPE_2017, PowerProfileTlv.subtype(m, v));
        assertEquals(0xBEEF, PowerProfileTlv.grandmasterId(m, v));
        assertEquals(1500, PowerProfileTlv.networkOrTotalTimeInaccuracy(m, v));
        assertEquals(22, m.messageLength() - 64, "Announce body 64 octets, then a 22-octet TLV");

        // a version other than none, 2011, 2017 changes nothing; none removes the TLV
        set.putShort(0, (short) 3);
        ManagementAgentTest.Reply err = only(ask(ManagementRequest.SET, ManagementId.POWER_PROFILE_SETTINGS_NP, set.array()));
        assertEquals(ManagementErrorId.WRONG_VALUE.code, err.error());
        set.putShort(0, (short) 0);
        ask(ManagementRequest.SET, ManagementId.POWER_PROFILE_SETTINGS_NP, set.array());
        run(5);
        assertTrue(lastAnnounceTlvs(m, TlvType.ORGANIZATION_EXTENSION).isEmpty());
    }

    @Test
    void alternateTimeOffsetsAreSetPerKeyAndAnnouncedWhenEnabled() throws Exception {
        start(new PortConfig());
        byte[] name = {1, 3, 'C', 'E', 'T'};
        Reply r = only(ask(ManagementRequest.SET, ManagementId.ALTERNATE_TIME_OFFSET_NAME, name));
        assertEquals(1L, r.data().get("keyField"));
        assertEquals("CET", r.data().get("displayName"));
        ByteBuffer props = ByteBuffer.allocate(16).put((byte) 1).putInt(3600 - 37).putInt(3600).putShort((short) 0).putInt(1774746000);
        r = only(ask(ManagementRequest.SET, ManagementId.ALTERNATE_TIME_OFFSET_PROPERTIES, props.array()));
        assertEquals(3563L, r.data().get("currentOffset"));
        assertEquals(3600L, r.data().get("jumpSeconds"));
        run(10);
        PtpMessage m = new PtpMessage();
        assertTrue(lastAnnounceTlvs(m, TlvType.ALTERNATE_TIME_OFFSET_INDICATOR).isEmpty(), "not enabled yet");

        r = only(ask(ManagementRequest.SET, ManagementId.ALTERNATE_TIME_OFFSET_ENABLE, new byte[] {1, 1}));
        assertEquals(1L, r.data().get("flags"));
        run(5);
        List<Integer> atoi = lastAnnounceTlvs(m, TlvType.ALTERNATE_TIME_OFFSET_INDICATOR);
        assertEquals(1, atoi.size());
        int v = atoi.get(0);
        assertEquals(1, AlternateTimeOffsetTlv.keyField(m, v));
        assertEquals(3563, AlternateTimeOffsetTlv.currentOffset(m, v));
        assertEquals(3600, AlternateTimeOffsetTlv.jumpSeconds(m, v));
        assertEquals(1774746000L, AlternateTimeOffsetTlv.timeOfNextJump(m, v));
        assertEquals("CET", AlternateTimeOffsetTlv.displayName(m, v, 20));

        // GETs pick the key with their data field; an empty one asks for key 0
        r = only(ask(ManagementRequest.GET, ManagementId.ALTERNATE_TIME_OFFSET_PROPERTIES, new byte[] {1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}));
        assertEquals(1774746000L, ByteBuffer.allocate(8).put(2, (byte[]) r.data().get("timeOfNextJump")).getLong(0));
        r = only(ask(ManagementRequest.GET, ManagementId.ALTERNATE_TIME_OFFSET_NAME, new byte[0]));
        assertEquals(0L, r.data().get("keyField"));
        assertEquals("", r.data().get("displayName"));
        // a key out of range: an answer without data (linuxptp), a SET of it: refused
        int n = rq.encode(buf, seq++, ManagementRequest.GET, ManagementId.ALTERNATE_TIME_OFFSET_ENABLE.id, new byte[] {7, 0});
        List<Integer> tlvLength = new ArrayList<>();
        agent.handle(buf, 0, n, true, "/tmp/pmc.test", now, (b, len) -> {
            PtpMessage a = new PtpMessage().wrap(b, 0, len);
            tlvLength.add(a.u16(48 + 2));
        });
        assertEquals(List.of(2), tlvLength, "managementId only, no data");
        assertEquals(ManagementErrorId.WRONG_VALUE.code, only(ask(ManagementRequest.SET, ManagementId.ALTERNATE_TIME_OFFSET_ENABLE,
                new byte[] {7, 1})).error());
        byte[] longName = {0, 11, 'E', 'u', 'r', 'o', 'p', 'e', '/', 'V', 'i', 'e', 'n'};
        assertEquals(ManagementErrorId.WRONG_VALUE.code, only(ask(ManagementRequest.SET, ManagementId.ALTERNATE_TIME_OFFSET_NAME,
                java.util.Arrays.copyOf(longName, 14))).error(), "displayName is at most 10 characters");
        // MAX_KEY stays unserved, as in linuxptp 4.4
        assertEquals(ManagementErrorId.NOT_SUPPORTED.code, only(ask(ManagementRequest.GET, ManagementId.ALTERNATE_TIME_OFFSET_MAX_KEY,
                new byte[2])).error());
        // keyField 0xFF switches every key off
        ask(ManagementRequest.SET, ManagementId.ALTERNATE_TIME_OFFSET_ENABLE, new byte[] {(byte) 0xFF, 0});
        run(5);
        assertTrue(lastAnnounceTlvs(m, TlvType.ALTERNATE_TIME_OFFSET_INDICATOR).isEmpty());
    }

    @Test
    void commonP2pPortTakesItsLinkFromTheCmldsAndReportsIt() throws Exception {
        PortConfig p = new PortConfig();
        p.delayMechanism = DelayMechanism.COMMON_P2P;
        start(p);
        Reply r = only(ask(ManagementRequest.GET, ManagementId.CMLDS_INFO_NP, new byte[16]));
        assertEquals(0L, r.data().get("meanLinkDelay"));
        assertEquals(0L, r.data().get("scaledNeighborRateRatio"));
        run(10);
        assertEquals(0, count(MessageType.PDELAY_REQ), "COMMON_P2P: the CMLDS measures, the port does not");
        clock.port(1).peerDelay().common(1234L << 16, 219902326, true); // 1234 ns, +100 ppm, as CmldsClient passes it on
        clock.peerDelayMeasured(clock.port(1), 1234);
        r = only(ask(ManagementRequest.GET, ManagementId.CMLDS_INFO_NP, new byte[16]));
        assertEquals(1234L << 16, r.data().get("meanLinkDelay"));
        assertEquals(219902326L, r.data().get("scaledNeighborRateRatio"));
        assertEquals(1L, r.data().get("as_capable"));
        assertEquals(3L, only(ask(ManagementRequest.GET, ManagementId.DELAY_MECHANISM, new byte[2])).data().get("delayMechanism"));
        Reply pds = only(ask(ManagementRequest.GET, ManagementId.PORT_DATA_SET, new byte[26]));
        assertEquals(1234L << 16, pds.data().get("peerMeanPathDelay"));
    }

    @Test
    void p2pPortReportsItsMeasuredLinkAsCmldsInfo() throws Exception {
        PortConfig p = new PortConfig();
        p.delayMechanism = DelayMechanism.P2P;
        start(p);
        run(3);
        assertTrue(count(MessageType.PDELAY_REQ) >= 2, "P2P measures itself");
        Reply r = only(ask(ManagementRequest.GET, ManagementId.CMLDS_INFO_NP, new byte[16]));
        assertEquals(1L, r.data().get("as_capable"), "a 1588 port is always capable");
    }

    @Test
    void unicastMasterTableListsTheConfiguredMasters() throws Exception {
        PortConfig p = new PortConfig();
        p.unicastMasters = new String[] {"192.0.2.7"};
        start(p);
        Reply r = only(ask(ManagementRequest.GET, ManagementId.UNICAST_MASTER_TABLE_NP, new byte[2]));
        assertEquals(1L, r.data().get("actual_table_size"));
        ByteBuffer t = ByteBuffer.wrap((byte[]) r.data().get("table"));
        assertEquals(-1L, t.getLong(0), "no grant yet: identity all ones");
        assertEquals(0xFFFF, t.getShort(8) & 0xFFFF);
        assertEquals(0, t.get(15), "state WAIT");
        assertEquals(1, t.getShort(18), "UDP/IPv4");
        assertEquals(4, t.getShort(20));
        assertEquals(0xC0000207, t.getInt(22));
        start(new PortConfig());
        assertEquals(0L, only(ask(ManagementRequest.GET, ManagementId.UNICAST_MASTER_TABLE_NP, new byte[2])).data().get("actual_table_size"));
    }
}
