package io.ptp4j.core.wire;

/**
 * The IEEE C37.238 power profile TLV that a master appends to its Announce: an
 * ORGANIZATION_EXTENSION with organizationId 1C-12-9D; subtype 1 is the 2011 edition
 * (grandmasterID, grandmasterTimeInaccuracy, networkTimeInaccuracy), subtype 2 the 2017 edition
 * (grandmasterID, reserved, totalTimeInaccuracy). Both are 18 octets of value (22 with type and
 * length), the last two padding, as linuxptp 4.4's ieee_c37_238_2011_tlv and ieee_c37_238_2017_tlv. Offsets are from
 * the TLV value.
 */
public final class PowerProfileTlv {
    private PowerProfileTlv() {}

    public static final int ORGANIZATION_ID = 0x1C129D;
    public static final int SUBTYPE_2011 = 1, SUBTYPE_2017 = 2;
    public static final int LENGTH = 18;

    /** Whether the ORGANIZATION_EXTENSION at {@code value} is a C37.238 TLV (either edition). */
    public static boolean matches(PtpMessage m, int value, int length) {
        int sub = OrganizationTlv.subtype(m, value);
        return length >= LENGTH && OrganizationTlv.organizationId(m, value) == ORGANIZATION_ID
                && (sub == SUBTYPE_2011 || sub == SUBTYPE_2017);
    }

    public static int subtype(PtpMessage m, int value) {
        return OrganizationTlv.subtype(m, value);
    }

    public static int grandmasterId(PtpMessage m, int value) {
        return m.u16(value + 6);
    }

    /** 2011: grandmasterTimeInaccuracy (ns); 2017: reserved. */
    public static long grandmasterTimeInaccuracy(PtpMessage m, int value) {
        return m.buffer().getInt(m.baseOffset() + value + 8) & 0xFFFFFFFFL;
    }

    /** 2011: networkTimeInaccuracy (ns); 2017: totalTimeInaccuracy (ns). */
    public static long networkOrTotalTimeInaccuracy(PtpMessage m, int value) {
        return m.buffer().getInt(m.baseOffset() + value + 12) & 0xFFFFFFFFL;
    }

    /** Appends the 2011 edition's TLV. */
    public static int append2011(PtpMessage m, int grandmasterId, long grandmasterTimeInaccuracy, long networkTimeInaccuracy) {
        return append(m, SUBTYPE_2011, grandmasterId, grandmasterTimeInaccuracy, networkTimeInaccuracy);
    }

    /** Appends the 2017 edition's TLV (the 2011 inaccuracies give way to one totalTimeInaccuracy). */
    public static int append2017(PtpMessage m, int grandmasterId, long totalTimeInaccuracy) {
        return append(m, SUBTYPE_2017, grandmasterId, 0, totalTimeInaccuracy);
    }

    private static int append(PtpMessage m, int subtype, int gmId, long word1, long word2) {
        int v = TlvCursor.append(m, TlvType.ORGANIZATION_EXTENSION, LENGTH);
        OrganizationTlv.organizationId(m, v, ORGANIZATION_ID);
        OrganizationTlv.subtype(m, v, subtype);
        m.u16(v + 6, gmId);
        m.buffer().putInt(m.baseOffset() + v + 8, (int) word1);
        m.buffer().putInt(m.baseOffset() + v + 12, (int) word2);
        return v; // TlvCursor.append zeroed the padding
    }
}
