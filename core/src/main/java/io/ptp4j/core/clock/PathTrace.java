package io.ptp4j.core.clock;

import io.ptp4j.core.wire.DecodeException;
import io.ptp4j.core.wire.PathTraceTlv;
import io.ptp4j.core.wire.PtpMessage;
import io.ptp4j.core.wire.TlvCursor;
import io.ptp4j.core.wire.TlvType;

/**
 * The path trace (IEEE 1588-2019 16.2, 802.1AS 10.3.8.23): the clocks the parent's Announce went
 * through, which this clock extends with itself in the Announces it sends, and in which it finds
 * itself when an Announce has looped back.
 */
final class PathTrace {
    /** What fits in a 1500-byte frame with the Announce body. */
    private static final int MAX = 179;
    private final long[] path = new long[MAX];
    private int length;

    void clear() {
        length = 0;
    }

    /** 16.2.3: whether the Announce's PATH_TRACE holds {@code clockIdentity}. */
    boolean holds(PtpMessage announce, long clockIdentity, TlvCursor tlvs) {
        try {
            tlvs.reset(announce);
            while (tlvs.next()) {
                if (tlvs.type() != TlvType.PATH_TRACE) continue;
                int n = PathTraceTlv.count(tlvs.length());
                for (int i = 0; i < n; i++) if (PathTraceTlv.clockIdentity(announce, tlvs.valueOffset(), i) == clockIdentity) return true;
            }
        } catch (DecodeException e) {
            return false; // validate() already checked the TLVs
        }
        return false;
    }

    /** 16.2.2: the parent's pathSequence becomes the path this clock extends. */
    void keep(PtpMessage announce, TlvCursor tlvs) {
        try {
            tlvs.reset(announce);
            while (tlvs.next()) {
                if (tlvs.type() != TlvType.PATH_TRACE) continue;
                int n = PathTraceTlv.count(tlvs.length());
                length = 0;
                for (int i = 0; i < n && length < MAX - 1; i++) path[length++] = PathTraceTlv.clockIdentity(announce, tlvs.valueOffset(), i);
            }
        } catch (DecodeException e) {
            // validate() already checked the TLVs
        }
    }

    /** Appends the PATH_TRACE TLV: the path so far, then {@code self}. */
    void append(PtpMessage out, long self) {
        int v = TlvCursor.append(out, TlvType.PATH_TRACE, 8 * (length + 1));
        for (int i = 0; i < length; i++) out.buffer().putLong(out.baseOffset() + v + 8 * i, path[i]);
        out.buffer().putLong(out.baseOffset() + v + 8 * length, self);
    }
}
