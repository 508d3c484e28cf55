package io.ptp4j.core.management;

/**
 * Events a SUBSCRIBE_EVENTS_NP subscriber can ask for (linuxptp notification.h): bit N of the
 * 64-octet bitmask is octet N/8, bit N%8. Each is pushed as an unsolicited management RESPONSE.
 */
public enum Notification {
    /** A port changed state: PORT_DATA_SET of that port. */
    NOTIFY_PORT_STATE(ManagementId.PORT_DATA_SET),
    /** The clock took a servo sample: TIME_STATUS_NP. */
    NOTIFY_TIME_SYNC(ManagementId.TIME_STATUS_NP),
    /** parentDS changed (new parent or grandmaster): PARENT_DATA_SET. */
    NOTIFY_PARENT_DATA_SET(ManagementId.PARENT_DATA_SET),
    /** The common mean link delay service changed: CMLDS_INFO_NP. */
    NOTIFY_CMLDS(ManagementId.CMLDS_INFO_NP);

    /** The data set the notification carries. */
    public final ManagementId carries;

    Notification(ManagementId carries) {
        this.carries = carries;
    }

    public boolean in(byte[] bitmask) {
        return (bitmask[ordinal() / 8] & (1 << (ordinal() % 8))) != 0;
    }

    public static void set(byte[] bitmask, Notification n, boolean on) {
        int bit = 1 << (n.ordinal() % 8);
        bitmask[n.ordinal() / 8] = (byte) (on ? bitmask[n.ordinal() / 8] | bit : bitmask[n.ordinal() / 8] & ~bit);
    }
}
