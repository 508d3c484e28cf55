package io.ptp4j.core.port;

/**
 * One row of a port's unicast master table as management reports it (UNICAST_MASTER_TABLE_NP):
 * the configured address, the master's port identity once it granted something (all ones
 * before), and the negotiation state as linuxptp's enum unicast_state (0 WAIT, 1 HAVE_ANN,
 * 2 NEED_SYDY, 3 HAVE_SYDY).
 */
public record UnicastTableEntry(String address, long clockIdentity, int portNumber, int state) {}
