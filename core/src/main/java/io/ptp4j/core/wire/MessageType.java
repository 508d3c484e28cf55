package io.ptp4j.core.wire;

/** PTP messageType values, IEEE 1588-2019 Table 36. Event messages carry timestamps. */
public enum MessageType {
    SYNC(0x0, true, 44),
    DELAY_REQ(0x1, true, 44),
    PDELAY_REQ(0x2, true, 54),
    PDELAY_RESP(0x3, true, 54),
    FOLLOW_UP(0x8, false, 44),
    DELAY_RESP(0x9, false, 54),
    PDELAY_RESP_FOLLOW_UP(0xA, false, 54),
    ANNOUNCE(0xB, false, 64),
    SIGNALING(0xC, false, 44),
    MANAGEMENT(0xD, false, 48);

    private static final MessageType[] BY_CODE = new MessageType[16];
    static {
        for (MessageType t : values()) BY_CODE[t.code] = t;
    }

    /** The 4-bit messageType code. */
    public final int code;
    /** True for event messages (sent to port 319 and timestamped). */
    public final boolean event;
    /** Length of header plus the fixed body, before any TLV (Table 36 / clause 13). */
    public final int fixedLength;

    MessageType(int code, boolean event, int fixedLength) {
        this.code = code;
        this.event = event;
        this.fixedLength = fixedLength;
    }

    /** The type for a 4-bit code, or null when the code is reserved. */
    public static MessageType ofCode(int code) {
        return (code < 0 || code > 15) ? null : BY_CODE[code];
    }

    /** The controlField a PTPv1-compatible sender puts in byte 32 (Table 42). */
    public int controlField() {
        return switch (this) {
            case SYNC -> 0;
            case DELAY_REQ -> 1;
            case FOLLOW_UP -> 2;
            case DELAY_RESP -> 3;
            case MANAGEMENT -> 4;
            default -> 5;
        };
    }
}
