package io.ptp4j.core.port;

import static io.ptp4j.core.port.PortState.*;

/**
 * The port state machine of IEEE 1588-2019 9.2.5 (figure 30) as linuxptp implements it
 * (fsm.c): {@link #ptp} for ordinary and boundary clock ports, {@link #clientOnly} for
 * slaveOnly/clientOnly clocks, which never become master. {@code masterChanged} is linuxptp's
 * mdiff: a SLAVE port whose master changed goes back to UNCALIBRATED.
 */
public final class Fsm {
    private Fsm() {}

    public static PortState next(PortState state, PortEvent event, boolean masterChanged, boolean clientOnly) {
        return clientOnly ? clientOnly(state, event, masterChanged) : ptp(state, event, masterChanged);
    }

    public static PortState ptp(PortState state, PortEvent event, boolean masterChanged) {
        if (event == PortEvent.INITIALIZE || event == PortEvent.POWERUP) return INITIALIZING;
        PortState common = common(state, event);
        if (common != null) return common;
        return switch (state) {
            case LISTENING -> switch (event) {
                case ANNOUNCE_RECEIPT_TIMEOUT_EXPIRES -> MASTER;
                case RS_MASTER -> PRE_MASTER;
                case RS_GRAND_MASTER -> GRAND_MASTER;
                case RS_SLAVE -> UNCALIBRATED;
                case RS_PASSIVE -> PASSIVE;
                default -> state;
            };
            case PRE_MASTER -> switch (event) {
                case QUALIFICATION_TIMEOUT_EXPIRES -> MASTER;
                case RS_SLAVE -> UNCALIBRATED;
                case RS_PASSIVE -> PASSIVE;
                default -> state;
            };
            case MASTER, GRAND_MASTER -> switch (event) {
                case RS_SLAVE -> UNCALIBRATED;
                case RS_PASSIVE -> PASSIVE;
                default -> state;
            };
            case PASSIVE -> switch (event) {
                case ANNOUNCE_RECEIPT_TIMEOUT_EXPIRES -> MASTER;
                case RS_MASTER -> PRE_MASTER;
                case RS_GRAND_MASTER -> GRAND_MASTER;
                case RS_SLAVE -> UNCALIBRATED;
                default -> state;
            };
            case UNCALIBRATED -> switch (event) {
                case ANNOUNCE_RECEIPT_TIMEOUT_EXPIRES -> MASTER;
                case MASTER_CLOCK_SELECTED -> SLAVE;
                case RS_MASTER -> PRE_MASTER;
                case RS_GRAND_MASTER -> GRAND_MASTER;
                case RS_SLAVE -> UNCALIBRATED;
                case RS_PASSIVE -> PASSIVE;
                default -> state;
            };
            case SLAVE -> switch (event) {
                case ANNOUNCE_RECEIPT_TIMEOUT_EXPIRES -> MASTER;
                case SYNCHRONIZATION_FAULT -> UNCALIBRATED;
                case RS_MASTER -> PRE_MASTER;
                case RS_GRAND_MASTER -> GRAND_MASTER;
                case RS_SLAVE -> masterChanged ? UNCALIBRATED : SLAVE;
                case RS_PASSIVE -> PASSIVE;
                default -> state;
            };
            default -> state;
        };
    }

    public static PortState clientOnly(PortState state, PortEvent event, boolean masterChanged) {
        if (event == PortEvent.INITIALIZE || event == PortEvent.POWERUP) return INITIALIZING;
        PortState common = common(state, event);
        if (common != null) return common;
        return switch (state) {
            case LISTENING -> switch (event) {
                case RS_SLAVE -> UNCALIBRATED;
                default -> state;
            };
            case UNCALIBRATED -> switch (event) {
                case ANNOUNCE_RECEIPT_TIMEOUT_EXPIRES, RS_MASTER, RS_GRAND_MASTER, RS_PASSIVE -> LISTENING;
                case MASTER_CLOCK_SELECTED -> SLAVE;
                default -> state;
            };
            case SLAVE -> switch (event) {
                case ANNOUNCE_RECEIPT_TIMEOUT_EXPIRES, RS_MASTER, RS_GRAND_MASTER, RS_PASSIVE -> LISTENING;
                case SYNCHRONIZATION_FAULT -> UNCALIBRATED;
                case RS_SLAVE -> masterChanged ? UNCALIBRATED : SLAVE;
                default -> state;
            };
            default -> state;
        };
    }

    /**
     * linuxptp's designated_master_fsm / designated_slave_fsm (BMCA noop, the automotive profile):
     * INITIALIZING goes straight to MASTER (serverOnly) or SLAVE (clientOnly) on INIT_COMPLETE; the
     * only other transitions are faults. BMCA recommendations and timeouts change nothing.
     */
    public static PortState designated(PortState state, PortEvent event, boolean master) {
        if (event == PortEvent.INITIALIZE || event == PortEvent.POWERUP) return INITIALIZING;
        return switch (state) {
            case INITIALIZING -> event == PortEvent.FAULT_DETECTED ? FAULTY
                    : event == PortEvent.INIT_COMPLETE ? (master ? MASTER : SLAVE) : state;
            case FAULTY -> event == PortEvent.FAULT_CLEARED ? INITIALIZING : state;
            case MASTER, SLAVE -> event == PortEvent.FAULT_DETECTED ? FAULTY : state;
            default -> state;
        };
    }

    /** Transitions every state shares: faults, disabling, initialisation. Null when none applies. */
    private static PortState common(PortState state, PortEvent event) {
        switch (state) {
            case INITIALIZING:
                if (event == PortEvent.FAULT_DETECTED) return FAULTY;
                if (event == PortEvent.INIT_COMPLETE) return LISTENING;
                return state;
            case FAULTY:
                if (event == PortEvent.DESIGNATED_DISABLED) return DISABLED;
                if (event == PortEvent.FAULT_CLEARED) return INITIALIZING;
                return state;
            case DISABLED:
                return event == PortEvent.DESIGNATED_ENABLED ? INITIALIZING : state;
            default:
                if (event == PortEvent.DESIGNATED_DISABLED) return DISABLED;
                if (event == PortEvent.FAULT_DETECTED) return FAULTY;
                return null;
        }
    }
}
