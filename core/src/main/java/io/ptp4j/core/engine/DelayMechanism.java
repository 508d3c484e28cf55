package io.ptp4j.core.engine;

/** delay_mechanism: how a port measures the path to its master (IEEE 1588-2019 11.3, 11.4). */
public enum DelayMechanism { E2E, P2P, AUTO, NONE }
