package io.ptp4j.core.management;

/** managementErrorId values of MANAGEMENT_ERROR_STATUS (IEEE 1588-2019 15.5.4.4, Table 109). */
public enum ManagementErrorId {
    RESPONSE_TOO_BIG(0x0001),
    NO_SUCH_ID(0x0002),
    WRONG_LENGTH(0x0003),
    WRONG_VALUE(0x0004),
    NOT_SETABLE(0x0005),
    NOT_SUPPORTED(0x0006),
    UNPOPULATED(0x0007),
    GENERAL_ERROR(0xFFFE);

    public final int code;

    ManagementErrorId(int code) {
        this.code = code;
    }

    public static ManagementErrorId of(int code) {
        for (ManagementErrorId e : values()) if (e.code == code) return e;
        return null;
    }
}
