package io.ptp4j.core.bmca;

import io.ptp4j.core.port.PortState;

/**
 * The state decision algorithm (IEEE 1588-2019 9.3.3, figure 33; linuxptp bmc_state_decision)
 * for ordinary and boundary clocks. The result is the recommended state: GRAND_MASTER (M1/M2),
 * MASTER (M3), SLAVE (S1) or PASSIVE (P1/P2), or the current state when there is nothing to
 * decide. clientOnly/serverOnly are applied by the port state machine, as in linuxptp.
 */
public final class StateDecision {
    private StateDecision() {}

    /**
     * @param clockDs          this clock's own data set (D0)
     * @param clockBest        the best foreign data set over all ports (Ebest), or null
     * @param portBest         the best foreign data set of this port (Erbest), or null
     * @param portIsBestPort   whether Ebest was received on this port
     * @param currentState     the port's state now
     * @param cmp              the comparison in use
     */
    public static PortState decide(BmcDataset clockDs, BmcDataset clockBest, BmcDataset portBest,
                                   boolean portIsBestPort, PortState currentState, DatasetComparison cmp) {
        if (portBest == null && currentState == PortState.LISTENING) return currentState;
        if (clockDs.clockClass <= 127) {
            return cmp.compare(clockDs, portBest) > 0 ? PortState.GRAND_MASTER /* M1 */ : PortState.PASSIVE /* P1 */;
        }
        if (cmp.compare(clockDs, clockBest) > 0) return PortState.GRAND_MASTER; /* M2 */
        if (portIsBestPort) return PortState.SLAVE; /* S1 */
        if (cmp.compare(clockBest, portBest) == DatasetComparison.A_BETTER_TOPO) return PortState.PASSIVE; /* P2 */
        return PortState.MASTER; /* M3 */
    }
}
