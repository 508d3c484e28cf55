package io.ptp4j.core.wire;

/**
 * IEEE 802.1AS follow_up information TLV (802.1AS-2020 11.4.4.3): an ORGANIZATION_EXTENSION with
 * organizationId 00-80-C2 and subtype 00-00-01, length 28. Offsets are from the TLV value.
 */
public final class FollowUpInfoTlv {
    private FollowUpInfoTlv() {}

    public static final int ORGANIZATION_ID = 0x0080C2;
    public static final int SUBTYPE = 0x000001;
    public static final int LENGTH = 28;

    /** Whether the ORGANIZATION_EXTENSION at {@code value} is a follow_up information TLV. */
    public static boolean matches(PtpMessage m, int value, int length) {
        return length >= LENGTH && OrganizationTlv.organizationId(m, value) == ORGANIZATION_ID
                && OrganizationTlv.subtype(m, value) == SUBTYPE;
    }

    /** The value offset of the first follow_up information TLV of {@code m}, or -1 (none, or TLVs that do not decode). */
    public static int find(PtpMessage m, TlvCursor tlvs) {
        try {
            tlvs.reset(m);
            while (tlvs.next()) {
                if (tlvs.type() == TlvType.ORGANIZATION_EXTENSION && matches(m, tlvs.valueOffset(), tlvs.length())) return tlvs.valueOffset();
            }
        } catch (DecodeException e) {
            // validated before; a TLV that does not decode carries no information
        }
        return -1;
    }

    /** cumulativeScaledRateOffset: (rateRatio - 1) * 2^41. */
    public static int cumulativeScaledRateOffset(PtpMessage m, int value) {
        return m.buffer().getInt(m.baseOffset() + value + 6);
    }

    public static int gmTimeBaseIndicator(PtpMessage m, int value) {
        return m.u16(value + 10);
    }

    /** lastGmPhaseChange: ScaledNs, 96 bits; returned as its low 64 bits (the high 32 are kept raw). */
    public static long lastGmPhaseChangeLow64(PtpMessage m, int value) {
        return m.buffer().getLong(m.baseOffset() + value + 16);
    }

    public static int lastGmPhaseChangeHigh32(PtpMessage m, int value) {
        return m.buffer().getInt(m.baseOffset() + value + 12);
    }

    public static int scaledLastGmFreqChange(PtpMessage m, int value) {
        return m.buffer().getInt(m.baseOffset() + value + 24);
    }

    /** Appends a follow_up information TLV with the given fields. */
    public static int append(PtpMessage m, int cumulativeScaledRateOffset, int gmTimeBaseIndicator,
                             int phaseChangeHigh32, long phaseChangeLow64, int scaledLastGmFreqChange) {
        int v = TlvCursor.append(m, TlvType.ORGANIZATION_EXTENSION, LENGTH);
        OrganizationTlv.organizationId(m, v, ORGANIZATION_ID);
        OrganizationTlv.subtype(m, v, SUBTYPE);
        m.buffer().putInt(m.baseOffset() + v + 6, cumulativeScaledRateOffset);
        m.u16(v + 10, gmTimeBaseIndicator);
        m.buffer().putInt(m.baseOffset() + v + 12, phaseChangeHigh32);
        m.buffer().putLong(m.baseOffset() + v + 16, phaseChangeLow64);
        m.buffer().putInt(m.baseOffset() + v + 24, scaledLastGmFreqChange);
        return v;
    }
}
