package io.ptp4j.core.wire;

import java.nio.charset.StandardCharsets;

/**
 * ALTERNATE_TIME_OFFSET_INDICATOR TLV (IEEE 1588-2019 16.3): keyField, currentOffset,
 * jumpSeconds, timeOfNextJump (48-bit seconds), displayName (PTPText), padded to even length.
 */
public final class AlternateTimeOffsetTlv {
    private AlternateTimeOffsetTlv() {}

    public static int keyField(PtpMessage m, int v) {
        return m.u8(v);
    }

    public static int currentOffset(PtpMessage m, int v) {
        return m.buffer().getInt(m.baseOffset() + v + 1);
    }

    public static int jumpSeconds(PtpMessage m, int v) {
        return m.buffer().getInt(m.baseOffset() + v + 5);
    }

    public static long timeOfNextJump(PtpMessage m, int v) {
        return ((long) m.u16(v + 9) << 32) | (m.buffer().getInt(m.baseOffset() + v + 11) & 0xFFFFFFFFL);
    }

    /** displayName; allocates (for tools, not the packet path). */
    public static String displayName(PtpMessage m, int v, int length) throws DecodeException {
        int n = m.u8(v + 15);
        if (16 + n > length) throw new DecodeException("displayName.lengthField", v + 15, "PTPText of " + n + " bytes runs past the TLV");
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) b[i] = (byte) m.u8(v + 16 + i);
        return new String(b, StandardCharsets.UTF_8);
    }

    public static int append(PtpMessage m, int keyField, int currentOffset, int jumpSeconds, long timeOfNextJump, String name) {
        return append(m, keyField, currentOffset, jumpSeconds, timeOfNextJump, name.getBytes(StandardCharsets.UTF_8));
    }

    /** As {@link #append(PtpMessage, int, int, int, long, String)} with the name's UTF-8 octets (no allocation). */
    public static int append(PtpMessage m, int keyField, int currentOffset, int jumpSeconds, long timeOfNextJump, byte[] text) {
        int len = 16 + text.length;
        len += len & 1;
        int v = TlvCursor.append(m, TlvType.ALTERNATE_TIME_OFFSET_INDICATOR, len);
        m.u8(v, keyField);
        m.buffer().putInt(m.baseOffset() + v + 1, currentOffset);
        m.buffer().putInt(m.baseOffset() + v + 5, jumpSeconds);
        m.u16(v + 9, (int) (timeOfNextJump >>> 32));
        m.buffer().putInt(m.baseOffset() + v + 11, (int) timeOfNextJump);
        m.u8(v + 15, text.length);
        for (int i = 0; i < text.length; i++) m.u8(v + 16 + i, text[i]);
        return v;
    }
}
