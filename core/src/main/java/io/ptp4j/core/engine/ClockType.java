package io.ptp4j.core.engine;

/** clock_type: ordinary, boundary, or end-to-end / peer-to-peer transparent clock. */
public enum ClockType { OC, BC, E2E_TC, P2P_TC }
