package io.ptp4j.core.wire;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** Each typed TLV view writes what it reads back, and the cursor walks several TLVs in order. */
class TlvRoundTripTest {
    @Test
    void signalingWithUnicastTlvs() throws DecodeException {
        byte[] b = new byte[128];
        PtpMessage m = new PtpMessage().wrap(ByteBuffer.wrap(b), 0, b.length).initHeader(MessageType.SIGNALING, 1);
        UnicastTlv.appendRequest(m, MessageType.SYNC.code, -3, 60);
        UnicastTlv.appendGrant(m, MessageType.ANNOUNCE.code, 1, 300, true);
        UnicastTlv.appendCancel(m, true, MessageType.DELAY_RESP.code);
        m.validate(new TlvCursor());
        TlvCursor c = new TlvCursor().reset(m);
        assertTrue(c.next());
        assertEquals(TlvType.REQUEST_UNICAST_TRANSMISSION, c.type());
        assertEquals(MessageType.SYNC.code, UnicastTlv.messageType(m, c.valueOffset()));
        assertEquals(-3, UnicastTlv.logInterMessagePeriod(m, c.valueOffset()));
        assertEquals(60, UnicastTlv.durationSeconds(m, c.valueOffset()));
        assertTrue(c.next());
        assertEquals(TlvType.GRANT_UNICAST_TRANSMISSION, c.type());
        assertEquals(MessageType.ANNOUNCE.code, UnicastTlv.messageType(m, c.valueOffset()));
        assertEquals(300, UnicastTlv.durationSeconds(m, c.valueOffset()));
        assertEquals(UnicastTlv.GRANT_RENEWAL, UnicastTlv.grantFlags(m, c.valueOffset()));
        assertTrue(c.next());
        assertEquals(TlvType.ACKNOWLEDGE_CANCEL_UNICAST_TRANSMISSION, c.type());
        assertEquals(MessageType.DELAY_RESP.code, UnicastTlv.messageType(m, c.valueOffset()));
        assertFalse(c.next());
        assertEquals(44 + 10 + 12 + 6, m.messageLength());
    }

    @Test
    void followUpInfoAndPathTrace() throws DecodeException {
        byte[] b = new byte[128];
        PtpMessage m = new PtpMessage().wrap(ByteBuffer.wrap(b), 0, b.length).initHeader(MessageType.FOLLOW_UP, 0);
        FollowUpInfoTlv.append(m, -12345, 7, 1, 0x0102030405060708L, 99);
        PathTraceTlv.append(m, 0x6e6886fffed36905L, 0x16dde9fffe2b0304L);
        TlvCursor c = new TlvCursor().reset(m);
        assertTrue(c.next());
        assertTrue(FollowUpInfoTlv.matches(m, c.valueOffset(), c.length()));
        assertEquals(-12345, FollowUpInfoTlv.cumulativeScaledRateOffset(m, c.valueOffset()));
        assertEquals(7, FollowUpInfoTlv.gmTimeBaseIndicator(m, c.valueOffset()));
        assertEquals(1, FollowUpInfoTlv.lastGmPhaseChangeHigh32(m, c.valueOffset()));
        assertEquals(0x0102030405060708L, FollowUpInfoTlv.lastGmPhaseChangeLow64(m, c.valueOffset()));
        assertEquals(99, FollowUpInfoTlv.scaledLastGmFreqChange(m, c.valueOffset()));
        assertTrue(c.next());
        assertEquals(2, PathTraceTlv.count(c.length()));
        assertEquals(0x16dde9fffe2b0304L, PathTraceTlv.clockIdentity(m, c.valueOffset(), 1));
        assertEquals(44 + 32 + 20, m.messageLength());
    }

    @Test
    void alternateTimeOffsetAndAuthentication() throws DecodeException {
        byte[] b = new byte[128];
        PtpMessage m = new PtpMessage().wrap(ByteBuffer.wrap(b), 0, b.length).initHeader(MessageType.ANNOUNCE, 1);
        AlternateTimeOffsetTlv.append(m, 1, 3600, -3600, 1_800_000_000L, "CET");
        AuthenticationTlv.append(m, 2, 0, 0xDEADBEEFL, 16);
        TlvCursor c = new TlvCursor().reset(m);
        assertTrue(c.next());
        assertEquals(20, c.length(), "16 + 3 text bytes, padded to even");
        assertEquals(3600, AlternateTimeOffsetTlv.currentOffset(m, c.valueOffset()));
        assertEquals(-3600, AlternateTimeOffsetTlv.jumpSeconds(m, c.valueOffset()));
        assertEquals(1_800_000_000L, AlternateTimeOffsetTlv.timeOfNextJump(m, c.valueOffset()));
        assertEquals("CET", AlternateTimeOffsetTlv.displayName(m, c.valueOffset(), c.length()));
        assertTrue(c.next());
        assertEquals(TlvType.AUTHENTICATION, c.type());
        assertEquals(2, AuthenticationTlv.securityParameterPointer(m, c.valueOffset()));
        assertEquals(0xDEADBEEFL, AuthenticationTlv.keyId(m, c.valueOffset()));
    }

    @Test
    void unknownTlvKeptRaw() throws DecodeException {
        byte[] b = new byte[80];
        PtpMessage m = new PtpMessage().wrap(ByteBuffer.wrap(b), 0, b.length).initHeader(MessageType.SIGNALING, 0);
        int v = TlvCursor.append(m, 0x7ABC, 6);
        m.u8(v, 1).u8(v + 5, 6);
        byte[] wire = java.util.Arrays.copyOf(b, m.messageLength());
        DecodedMessage d = DecodedMessage.decode(wire);
        assertEquals("TLV_0x7abc", d.tlvs().get(0).name());
        assertArrayEquals(wire, d.encode());
    }
}
