package io.ptp4j.core.wire;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** Bad input yields a DecodeException naming the field and offset, never anything else. */
class DecodeErrorTest {
    private static byte[] sync() {
        byte[] b = new byte[44];
        new PtpMessage().wrap(ByteBuffer.wrap(b), 0, 44).initHeader(MessageType.SYNC, 0).sequenceId(7);
        return b;
    }

    private static DecodeException fails(byte[] b, int len) {
        return assertThrows(DecodeException.class, () -> DecodedMessage.decode(ByteBuffer.wrap(b), 0, len));
    }

    @Test
    void truncatedHeader() {
        DecodeException e = fails(sync(), 20);
        assertEquals("header", e.field());
        assertEquals(0, e.offset());
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void messageLengthPastTheBuffer() {
        byte[] b = sync();
        DecodeException e = fails(b, 40);
        assertEquals("messageLength", e.field());
        assertEquals(2, e.offset());
        assertTrue(e.getMessage().contains("44") && e.getMessage().contains("40"), e.getMessage());
    }

    @Test
    void messageLengthShorterThanTheBody() {
        byte[] b = sync();
        b[3] = 40;
        DecodeException e = fails(b, 44);
        assertEquals("messageLength", e.field());
        assertTrue(e.getMessage().contains("SYNC"), e.getMessage());
    }

    @Test
    void wrongVersion() {
        byte[] b = sync();
        b[1] = 1;
        DecodeException e = fails(b, 44);
        assertEquals("versionPTP", e.field());
        assertEquals(1, e.offset());
    }

    @Test
    void reservedMessageType() {
        byte[] b = sync();
        b[0] = 0x05;
        DecodeException e = fails(b, 44);
        assertEquals("messageType", e.field());
        assertTrue(e.getMessage().contains("0x5"), e.getMessage());
    }

    @Test
    void tlvLengthPastTheEnd() {
        byte[] b = new byte[64];
        PtpMessage m = new PtpMessage().wrap(ByteBuffer.wrap(b), 0, 64).initHeader(MessageType.SIGNALING, 0);
        TlvCursor.append(m, TlvType.PATH_TRACE, 8);
        m.u16(46, 200); // lengthField of the TLV at 44
        DecodeException e = fails(b, m.messageLength());
        assertEquals("tlv[0].lengthField", e.field());
        assertEquals(46, e.offset());
    }

    @Test
    void tlvHeaderCutShort() {
        byte[] b = new byte[64];
        PtpMessage m = new PtpMessage().wrap(ByteBuffer.wrap(b), 0, 64).initHeader(MessageType.SIGNALING, 0);
        m.messageLength(46);
        DecodeException e = fails(b, 46);
        assertEquals("tlv[0].header", e.field());
        assertEquals(44, e.offset());
    }

    @Test
    void tlvShorterThanItsFixedPart() {
        byte[] b = new byte[64];
        PtpMessage m = new PtpMessage().wrap(ByteBuffer.wrap(b), 0, 64).initHeader(MessageType.SIGNALING, 0);
        TlvCursor.append(m, TlvType.GRANT_UNICAST_TRANSMISSION, 2);
        DecodeException e = fails(b, m.messageLength());
        assertTrue(e.getMessage().contains("GRANT_UNICAST_TRANSMISSION"), e.getMessage());
    }

    @Test
    void randomBytesNeverThrowAnythingElse() {
        java.util.SplittableRandom r = new java.util.SplittableRandom(42);
        for (int i = 0; i < 200_000; i++) {
            byte[] b = new byte[r.nextInt(0, 120)];
            for (int j = 0; j < b.length; j++) b[j] = (byte) r.nextInt();
            if (b.length > 1 && r.nextBoolean()) b[1] = 2;
            if (b.length > 3 && r.nextBoolean()) b[3] = (byte) b.length;
            try {
                DecodedMessage d = DecodedMessage.decode(b);
                assertArrayEquals(b, d.encode());
            } catch (DecodeException expected) {
                // the only error allowed
            }
        }
    }
}
