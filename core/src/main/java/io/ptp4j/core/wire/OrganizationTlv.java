package io.ptp4j.core.wire;

/** ORGANIZATION_EXTENSION TLVs (IEEE 1588-2019 14.3): 3-octet organizationId, 3-octet subtype, data. */
public final class OrganizationTlv {
    private OrganizationTlv() {}

    public static int organizationId(PtpMessage m, int value) {
        return m.u8(value) << 16 | m.u8(value + 1) << 8 | m.u8(value + 2);
    }

    public static void organizationId(PtpMessage m, int value, int id) {
        m.u8(value, id >>> 16).u8(value + 1, id >>> 8).u8(value + 2, id);
    }

    public static int subtype(PtpMessage m, int value) {
        return m.u8(value + 3) << 16 | m.u8(value + 4) << 8 | m.u8(value + 5);
    }

    public static void subtype(PtpMessage m, int value, int subtype) {
        m.u8(value + 3, subtype >>> 16).u8(value + 4, subtype >>> 8).u8(value + 5, subtype);
    }

    /** Offset of the organization-specific data. */
    public static int dataOffset(int value) {
        return value + 6;
    }
}
