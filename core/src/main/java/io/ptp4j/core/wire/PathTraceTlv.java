package io.ptp4j.core.wire;

/** PATH_TRACE TLV (IEEE 1588-2019 16.2): a list of clockIdentities, 8 octets each. */
public final class PathTraceTlv {
    private PathTraceTlv() {}

    public static int count(int length) {
        return length / 8;
    }

    public static long clockIdentity(PtpMessage m, int value, int i) {
        return m.buffer().getLong(m.baseOffset() + value + 8 * i);
    }

    /** Appends a PATH_TRACE TLV holding {@code ids}. */
    public static int append(PtpMessage m, long... ids) {
        int v = TlvCursor.append(m, TlvType.PATH_TRACE, 8 * ids.length);
        for (int i = 0; i < ids.length; i++) m.buffer().putLong(m.baseOffset() + v + 8 * i, ids[i]);
        return v;
    }
}
