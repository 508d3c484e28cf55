package io.ptp4j.core.port;

/** Port state machine events, named as linuxptp prints them (fsm.h {@code enum fsm_event}). */
public enum PortEvent {
    NONE,
    POWERUP,
    INITIALIZE,
    DESIGNATED_ENABLED,
    DESIGNATED_DISABLED,
    FAULT_CLEARED,
    FAULT_DETECTED,
    STATE_DECISION_EVENT,
    QUALIFICATION_TIMEOUT_EXPIRES,
    ANNOUNCE_RECEIPT_TIMEOUT_EXPIRES,
    SYNCHRONIZATION_FAULT,
    MASTER_CLOCK_SELECTED,
    INIT_COMPLETE,
    RS_MASTER,
    RS_GRAND_MASTER,
    RS_SLAVE,
    RS_PASSIVE;

    /** The event of a recommended state (the state decision's RS_*), NONE when it recommends nothing. */
    public static PortEvent recommending(PortState recommended) {
        return switch (recommended) {
            case GRAND_MASTER -> RS_GRAND_MASTER;
            case MASTER -> RS_MASTER;
            case PASSIVE -> RS_PASSIVE;
            case SLAVE -> RS_SLAVE;
            default -> NONE;
        };
    }
}
