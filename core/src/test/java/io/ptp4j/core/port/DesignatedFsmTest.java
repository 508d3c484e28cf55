package io.ptp4j.core.port;

import static io.ptp4j.core.port.PortState.*;
import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/** linuxptp designated_fsm.c: BMCA noop ports skip LISTENING and only leave their state on a fault. */
class DesignatedFsmTest {
    @Test
    void initCompleteGoesStraightToMasterOrSlave() {
        assertEquals(MASTER, Fsm.designated(INITIALIZING, PortEvent.INIT_COMPLETE, true));
        assertEquals(SLAVE, Fsm.designated(INITIALIZING, PortEvent.INIT_COMPLETE, false));
        assertEquals(FAULTY, Fsm.designated(INITIALIZING, PortEvent.FAULT_DETECTED, false));
    }

    @Test
    void bmcaRecommendationsAndTimeoutsChangeNothing() {
        for (PortEvent e : new PortEvent[] {PortEvent.RS_MASTER, PortEvent.RS_GRAND_MASTER, PortEvent.RS_SLAVE, PortEvent.RS_PASSIVE,
                PortEvent.ANNOUNCE_RECEIPT_TIMEOUT_EXPIRES, PortEvent.SYNCHRONIZATION_FAULT, PortEvent.MASTER_CLOCK_SELECTED,
                PortEvent.QUALIFICATION_TIMEOUT_EXPIRES, PortEvent.DESIGNATED_DISABLED}) {
            assertEquals(MASTER, Fsm.designated(MASTER, e, true), e.name());
            assertEquals(SLAVE, Fsm.designated(SLAVE, e, false), e.name());
        }
    }

    @Test
    void faultsAndReinitialisation() {
        assertEquals(FAULTY, Fsm.designated(MASTER, PortEvent.FAULT_DETECTED, true));
        assertEquals(FAULTY, Fsm.designated(SLAVE, PortEvent.FAULT_DETECTED, false));
        assertEquals(INITIALIZING, Fsm.designated(FAULTY, PortEvent.FAULT_CLEARED, false));
        assertEquals(FAULTY, Fsm.designated(FAULTY, PortEvent.INIT_COMPLETE, false));
        assertEquals(INITIALIZING, Fsm.designated(SLAVE, PortEvent.INITIALIZE, false));
        assertEquals(INITIALIZING, Fsm.designated(MASTER, PortEvent.POWERUP, true));
    }
}
