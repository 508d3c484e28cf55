package io.ptp4j.core.engine;

/**
 * delay_mechanism: how a port measures the path to its master (IEEE 1588-2019 11.3, 11.4).
 * COMMON_P2P takes the peer delay from the Common Mean Link Delay Service (IEEE 802.1AS-2020
 * clause 16, linuxptp 4.4's DM_COMMON_P2P): the port sends and answers no Pdelay messages itself.
 */
public enum DelayMechanism {
    E2E, P2P, AUTO, NONE, COMMON_P2P;

    /** Whether the path delay is a peer (link) delay: measured by this port or given by the CMLDS. */
    public boolean peerToPeer() {
        return this == P2P || this == COMMON_P2P;
    }
}
