package io.ptp4j.core.wire;

/**
 * Unicast negotiation TLVs (IEEE 1588-2019 16.1.4): REQUEST, GRANT, CANCEL and
 * ACKNOWLEDGE_CANCEL_UNICAST_TRANSMISSION. The first octet holds the message type in its high
 * nibble; offsets are value offsets from {@link TlvCursor#valueOffset()}.
 */
public final class UnicastTlv {
    private UnicastTlv() {}

    public static final int REQUEST_LENGTH = 6;
    public static final int GRANT_LENGTH = 8;
    public static final int CANCEL_LENGTH = 2;
    /** GRANT flags bit 0: the grant renews an existing one (16.1.4.2.6). */
    public static final int GRANT_RENEWAL = 0x01;

    /** The message type granted/requested (Table 36 code). */
    public static int messageType(PtpMessage m, int value) {
        return m.u8(value) >>> 4;
    }

    public static void messageType(PtpMessage m, int value, int code) {
        m.u8(value, (code & 0xF) << 4 | (m.u8(value) & 0x0F));
    }

    /** logInterMessagePeriod (REQUEST, GRANT). */
    public static int logInterMessagePeriod(PtpMessage m, int value) {
        return (byte) m.u8(value + 1);
    }

    public static void logInterMessagePeriod(PtpMessage m, int value, int v) {
        m.u8(value + 1, v);
    }

    /** durationField in seconds (REQUEST, GRANT); 0 in a GRANT means denied. */
    public static long durationSeconds(PtpMessage m, int value) {
        return m.buffer().getInt(m.baseOffset() + value + 2) & 0xFFFFFFFFL;
    }

    public static void durationSeconds(PtpMessage m, int value, long seconds) {
        m.buffer().putInt(m.baseOffset() + value + 2, (int) seconds);
    }

    /** GRANT flags (the octet after the reserved one): bit 0 renewal invited. */
    public static int grantFlags(PtpMessage m, int value) {
        return m.u8(value + 7);
    }

    public static void grantFlags(PtpMessage m, int value, int flags) {
        m.u8(value + 7, flags);
    }

    /** CANCEL / ACKNOWLEDGE_CANCEL flags octet (after the message type nibble). */
    public static int cancelFlags(PtpMessage m, int value) {
        return m.u8(value) & 0x0F;
    }

    /** Appends a REQUEST_UNICAST_TRANSMISSION TLV. */
    public static int appendRequest(PtpMessage m, int messageTypeCode, int logPeriod, long durationSeconds) {
        int v = TlvCursor.append(m, TlvType.REQUEST_UNICAST_TRANSMISSION, REQUEST_LENGTH);
        messageType(m, v, messageTypeCode);
        logInterMessagePeriod(m, v, logPeriod);
        durationSeconds(m, v, durationSeconds);
        return v;
    }

    /** Appends a GRANT_UNICAST_TRANSMISSION TLV. */
    public static int appendGrant(PtpMessage m, int messageTypeCode, int logPeriod, long durationSeconds, boolean renewal) {
        int v = TlvCursor.append(m, TlvType.GRANT_UNICAST_TRANSMISSION, GRANT_LENGTH);
        messageType(m, v, messageTypeCode);
        logInterMessagePeriod(m, v, logPeriod);
        durationSeconds(m, v, durationSeconds);
        grantFlags(m, v, renewal ? GRANT_RENEWAL : 0);
        return v;
    }

    /** Appends a CANCEL_ or ACKNOWLEDGE_CANCEL_UNICAST_TRANSMISSION TLV. */
    public static int appendCancel(PtpMessage m, boolean acknowledge, int messageTypeCode) {
        int v = TlvCursor.append(m, acknowledge ? TlvType.ACKNOWLEDGE_CANCEL_UNICAST_TRANSMISSION : TlvType.CANCEL_UNICAST_TRANSMISSION, CANCEL_LENGTH);
        messageType(m, v, messageTypeCode);
        return v;
    }
}
