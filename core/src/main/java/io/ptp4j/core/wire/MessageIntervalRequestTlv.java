package io.ptp4j.core.wire;

/**
 * IEEE 802.1AS message interval request TLV (802.1AS-2020 10.6.4.3): an ORGANIZATION_EXTENSION
 * with organizationId 00-80-C2 and subtype 00-00-02, length 12, carried in a Signaling message.
 * Each interval is a log2 seconds value, or {@link #NO_CHANGE} / {@link #SET_INITIAL} (linuxptp
 * SIGNAL_NO_CHANGE, SIGNAL_SET_INITIAL). Offsets are from the TLV value.
 */
public final class MessageIntervalRequestTlv {
    private MessageIntervalRequestTlv() {}

    public static final int ORGANIZATION_ID = 0x0080C2;
    public static final int SUBTYPE = 0x000002;
    public static final int LENGTH = 12;
    /** Keep the interval as it is. */
    public static final int NO_CHANGE = -128;
    /** Go back to the configured (initial) interval. */
    public static final int SET_INITIAL = 126;

    /** Whether the ORGANIZATION_EXTENSION at {@code value} is a message interval request. */
    public static boolean matches(PtpMessage m, int value, int length) {
        return length >= LENGTH && OrganizationTlv.organizationId(m, value) == ORGANIZATION_ID
                && OrganizationTlv.subtype(m, value) == SUBTYPE;
    }

    public static int linkDelayInterval(PtpMessage m, int value) {
        return m.buffer().get(m.baseOffset() + value + 6);
    }

    public static int timeSyncInterval(PtpMessage m, int value) {
        return m.buffer().get(m.baseOffset() + value + 7);
    }

    public static int announceInterval(PtpMessage m, int value) {
        return m.buffer().get(m.baseOffset() + value + 8);
    }

    /** Appends the TLV; flags 0 as linuxptp sends it. */
    public static int append(PtpMessage m, int linkDelayInterval, int timeSyncInterval, int announceInterval) {
        int v = TlvCursor.append(m, TlvType.ORGANIZATION_EXTENSION, LENGTH);
        OrganizationTlv.organizationId(m, v, ORGANIZATION_ID);
        OrganizationTlv.subtype(m, v, SUBTYPE);
        int b = m.baseOffset() + v;
        m.buffer().put(b + 6, (byte) linkDelayInterval);
        m.buffer().put(b + 7, (byte) timeSyncInterval);
        m.buffer().put(b + 8, (byte) announceInterval);
        m.buffer().put(b + 9, (byte) 0);
        m.buffer().putShort(b + 10, (short) 0);
        return v;
    }

    /** linuxptp set_interval: the interval after a request field. */
    public static int apply(int current, int requested, int initial) {
        return switch (requested) {
            case NO_CHANGE -> current;
            case SET_INITIAL -> initial;
            default -> requested;
        };
    }
}
