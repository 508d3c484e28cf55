package io.ptp4j.core.dataset;

import io.ptp4j.core.engine.PortConfig;
import io.ptp4j.core.port.PortState;

/**
 * portDS (IEEE 1588-2019 8.2.15) as it changes at run time: the port's state and its current
 * intervals, which start from the configuration and follow a message interval request
 * (802.1AS 10.6.4.3) or the master's Delay_Resp (logMinDelayReqInterval, 9.5.11.2); and
 * PORT_DATA_SET_NP's neighborPropDelayThresh, which management may set.
 */
public final class PortDS {
    private final int portNumber;
    private PortState portState = PortState.INITIALIZING;
    private int logMinDelayReqInterval;
    private int logAnnounceInterval, logSyncInterval, logMinPdelayReqInterval;
    private long neighborPropDelayThreshNanos;

    public PortDS(int portNumber, PortConfig cfg) {
        this.portNumber = portNumber;
        this.neighborPropDelayThreshNanos = cfg.neighborPropDelayThreshNanos;
        initialIntervals(cfg);
    }

    /** linuxptp port_initialize: the configured intervals, until a message interval request changes them. */
    public void initialIntervals(PortConfig cfg) {
        logSyncInterval = cfg.logSyncInterval;
        logAnnounceInterval = cfg.logAnnounceInterval;
        logMinPdelayReqInterval = cfg.logMinPdelayReqInterval;
    }

    public int portNumber() {
        return portNumber;
    }

    public PortState portState() {
        return portState;
    }

    public void portState(PortState s) {
        portState = s;
    }

    public int logMinDelayReqInterval() {
        return logMinDelayReqInterval;
    }

    public void logMinDelayReqInterval(int v) {
        logMinDelayReqInterval = v;
    }

    public int logAnnounceInterval() {
        return logAnnounceInterval;
    }

    public void logAnnounceInterval(int v) {
        logAnnounceInterval = v;
    }

    public int logSyncInterval() {
        return logSyncInterval;
    }

    public void logSyncInterval(int v) {
        logSyncInterval = v;
    }

    public int logMinPdelayReqInterval() {
        return logMinPdelayReqInterval;
    }

    public void logMinPdelayReqInterval(int v) {
        logMinPdelayReqInterval = v;
    }

    public long neighborPropDelayThreshNanos() {
        return neighborPropDelayThreshNanos;
    }

    public void neighborPropDelayThreshNanos(long v) {
        neighborPropDelayThreshNanos = v;
    }
}
