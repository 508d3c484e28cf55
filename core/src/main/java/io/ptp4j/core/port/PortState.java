package io.ptp4j.core.port;

/** portState values (IEEE 1588-2019 8.2.15.3.1, Table 20), printed with linuxptp's names. */
public enum PortState {
    INITIALIZING(1),
    FAULTY(2),
    DISABLED(3),
    LISTENING(4),
    PRE_MASTER(5),
    MASTER(6),
    PASSIVE(7),
    UNCALIBRATED(8),
    SLAVE(9),
    /** linuxptp's GRAND_MASTER pseudo-state (10) used only inside its FSM; never on the wire. */
    GRAND_MASTER(10);

    /** The enumeration value on the wire (PORT_DATA_SET portState). */
    public final int code;

    PortState(int code) {
        this.code = code;
    }

    public static PortState ofCode(int code) {
        for (PortState s : values()) if (s.code == code) return s;
        return null;
    }
}
