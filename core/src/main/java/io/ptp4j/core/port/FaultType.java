package io.ptp4j.core.port;

/**
 * Why a port went FAULTY (linuxptp fault.h {@code enum fault_type}, printed after
 * FAULT_DETECTED as linuxptp prints it). Each type has its own fault interval: how long the port
 * stays FAULTY before it tries again ({@code fault_reset_interval},
 * {@code fault_badpeernet_interval}).
 */
public enum FaultType {
    /** Link down, a send or transmit timestamp that failed, a socket error. */
    FT_UNSPECIFIED,
    /** P2P: several peers answered one Pdelay_Req (a bridge or hub that is not 802.1AS-aware). */
    FT_BAD_PEER_NETWORK,
    /** The clock could not switch to the port's PHC. */
    FT_SWITCH_PHC
}
