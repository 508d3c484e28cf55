package io.ptp4j.core.wire;

/** tlvType values (IEEE 1588-2019 14.1.1 Table 52, plus those linuxptp knows). */
public final class TlvType {
    private TlvType() {}

    public static final int MANAGEMENT = 0x0001;
    public static final int MANAGEMENT_ERROR_STATUS = 0x0002;
    public static final int ORGANIZATION_EXTENSION = 0x0003;
    public static final int REQUEST_UNICAST_TRANSMISSION = 0x0004;
    public static final int GRANT_UNICAST_TRANSMISSION = 0x0005;
    public static final int CANCEL_UNICAST_TRANSMISSION = 0x0006;
    public static final int ACKNOWLEDGE_CANCEL_UNICAST_TRANSMISSION = 0x0007;
    public static final int PATH_TRACE = 0x0008;
    public static final int ALTERNATE_TIME_OFFSET_INDICATOR = 0x0009;
    public static final int AUTHENTICATION_2008 = 0x2000;
    public static final int AUTHENTICATION_CHALLENGE = 0x2001;
    public static final int SECURITY_ASSOCIATION_UPDATE = 0x2002;
    public static final int CUM_FREQ_SCALE_FACTOR_OFFSET = 0x2003;
    public static final int PTPMON_REQ = 0x21FE;
    public static final int PTPMON_RESP = 0x21FF;
    public static final int ORGANIZATION_EXTENSION_PROPAGATE = 0x4000;
    public static final int ENHANCED_ACCURACY_METRICS = 0x4001;
    public static final int SLAVE_DELAY_TIMING_DATA_NP = 0x7F00;
    public static final int ORGANIZATION_EXTENSION_DO_NOT_PROPAGATE = 0x8000;
    public static final int L1_SYNC = 0x8001;
    public static final int PORT_COMMUNICATION_AVAILABILITY = 0x8002;
    public static final int PROTOCOL_ADDRESS = 0x8003;
    public static final int SLAVE_RX_SYNC_TIMING_DATA = 0x8004;
    public static final int SLAVE_RX_SYNC_COMPUTED_DATA = 0x8005;
    public static final int SLAVE_TX_EVENT_TIMESTAMPS = 0x8006;
    public static final int CUMULATIVE_RATE_RATIO = 0x8007;
    public static final int PAD = 0x8008;
    public static final int AUTHENTICATION = 0x8009;

    /** The standard's name for a tlvType, or {@code TLV_0x1234} for one we do not know. */
    public static String name(int type) {
        return switch (type) {
            case MANAGEMENT -> "MANAGEMENT";
            case MANAGEMENT_ERROR_STATUS -> "MANAGEMENT_ERROR_STATUS";
            case ORGANIZATION_EXTENSION -> "ORGANIZATION_EXTENSION";
            case REQUEST_UNICAST_TRANSMISSION -> "REQUEST_UNICAST_TRANSMISSION";
            case GRANT_UNICAST_TRANSMISSION -> "GRANT_UNICAST_TRANSMISSION";
            case CANCEL_UNICAST_TRANSMISSION -> "CANCEL_UNICAST_TRANSMISSION";
            case ACKNOWLEDGE_CANCEL_UNICAST_TRANSMISSION -> "ACKNOWLEDGE_CANCEL_UNICAST_TRANSMISSION";
            case PATH_TRACE -> "PATH_TRACE";
            case ALTERNATE_TIME_OFFSET_INDICATOR -> "ALTERNATE_TIME_OFFSET_INDICATOR";
            case AUTHENTICATION_2008 -> "AUTHENTICATION_2008";
            case AUTHENTICATION_CHALLENGE -> "AUTHENTICATION_CHALLENGE";
            case SECURITY_ASSOCIATION_UPDATE -> "SECURITY_ASSOCIATION_UPDATE";
            case CUM_FREQ_SCALE_FACTOR_OFFSET -> "CUM_FREQ_SCALE_FACTOR_OFFSET";
            case PTPMON_REQ -> "PTPMON_REQ";
            case PTPMON_RESP -> "PTPMON_RESP";
            case ORGANIZATION_EXTENSION_PROPAGATE -> "ORGANIZATION_EXTENSION_PROPAGATE";
            case ENHANCED_ACCURACY_METRICS -> "ENHANCED_ACCURACY_METRICS";
            case SLAVE_DELAY_TIMING_DATA_NP -> "SLAVE_DELAY_TIMING_DATA_NP";
            case ORGANIZATION_EXTENSION_DO_NOT_PROPAGATE -> "ORGANIZATION_EXTENSION_DO_NOT_PROPAGATE";
            case L1_SYNC -> "L1_SYNC";
            case PORT_COMMUNICATION_AVAILABILITY -> "PORT_COMMUNICATION_AVAILABILITY";
            case PROTOCOL_ADDRESS -> "PROTOCOL_ADDRESS";
            case SLAVE_RX_SYNC_TIMING_DATA -> "SLAVE_RX_SYNC_TIMING_DATA";
            case SLAVE_RX_SYNC_COMPUTED_DATA -> "SLAVE_RX_SYNC_COMPUTED_DATA";
            case SLAVE_TX_EVENT_TIMESTAMPS -> "SLAVE_TX_EVENT_TIMESTAMPS";
            case CUMULATIVE_RATE_RATIO -> "CUMULATIVE_RATE_RATIO";
            case PAD -> "PAD";
            case AUTHENTICATION -> "AUTHENTICATION";
            default -> String.format("TLV_0x%04x", type);
        };
    }

    /** Minimum lengthField of the TLVs whose fixed part we read (0 when any length goes). */
    static int minimumLength(int type) {
        return switch (type) {
            case MANAGEMENT -> 2;
            case MANAGEMENT_ERROR_STATUS -> 8;
            case ORGANIZATION_EXTENSION, ORGANIZATION_EXTENSION_PROPAGATE, ORGANIZATION_EXTENSION_DO_NOT_PROPAGATE -> 6;
            case REQUEST_UNICAST_TRANSMISSION -> 6;
            case GRANT_UNICAST_TRANSMISSION -> 8;
            case CANCEL_UNICAST_TRANSMISSION, ACKNOWLEDGE_CANCEL_UNICAST_TRANSMISSION -> 2;
            case ALTERNATE_TIME_OFFSET_INDICATOR -> 16;
            case AUTHENTICATION -> 6;
            default -> 0;
        };
    }
}
