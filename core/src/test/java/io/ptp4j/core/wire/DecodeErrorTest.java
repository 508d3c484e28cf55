package io.ptp4j.core.wire;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.ByteBuffer;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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

    /** The 44-byte Sync with one byte overwritten, which must fail to decode. */
    private static DecodeException failsWithByte(int index, int value) {
        byte[] b = sync();
        b[index] = (byte) value;
        return fails(b, 44);
    }

    /** A 64-byte SIGNALING message that edit adds to, decoded up to its messageLength: it must fail. */
    private static DecodeException signalingFails(Consumer<PtpMessage> edit) {
        byte[] b = new byte[64];
        PtpMessage m = new PtpMessage().wrap(ByteBuffer.wrap(b), 0, 64).initHeader(MessageType.SIGNALING, 0);
        edit.accept(m);
        return fails(b, m.messageLength());
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

    /** messageLength shorter than a Sync's body (byte 3 = 40); a reserved messageType (byte 0 = 0x05). */
    @ParameterizedTest(name = "{2}: byte {0} = {1}")
    @CsvSource({"3, 40, messageLength, SYNC", "0, 0x05, messageType, 0x5"})
    void aBadHeaderFieldIsNamed(int index, String value, String field, String mention) {
        DecodeException e = failsWithByte(index, Integer.decode(value));
        assertEquals(field, e.field());
        assertTrue(e.getMessage().contains(mention), e.getMessage());
    }

    @Test
    void wrongVersion() {
        DecodeException e = failsWithByte(1, 1);
        assertEquals("versionPTP", e.field());
        assertEquals(1, e.offset());
    }

    @Test
    void tlvLengthPastTheEnd() {
        DecodeException e = signalingFails(m -> {
            TlvCursor.append(m, TlvType.PATH_TRACE, 8);
            m.u16(46, 200); // lengthField of the TLV at 44
        });
        assertEquals("tlv[0].lengthField", e.field());
        assertEquals(46, e.offset());
    }

    @Test
    void tlvHeaderCutShort() {
        DecodeException e = signalingFails(m -> m.messageLength(46));
        assertEquals("tlv[0].header", e.field());
        assertEquals(44, e.offset());
    }

    @Test
    void tlvShorterThanItsFixedPart() {
        DecodeException e = signalingFails(m -> TlvCursor.append(m, TlvType.GRANT_UNICAST_TRANSMISSION, 2));
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
