package io.ptp4j.core.dataset;

import io.ptp4j.core.bmca.BmcDataset;
import io.ptp4j.core.engine.ClockConfig;

/**
 * defaultDS (IEEE 1588-2019 8.2.1): the clock's own identity, quality and priorities, as the BMCA
 * compares them (data set D0) and management reports and sets them. Starts from the
 * configuration; PRIORITY1, PRIORITY2 and GRANDMASTER_SETTINGS_NP change it at run time.
 */
public final class DefaultDS {
    private final long clockIdentity;
    private final int numberPorts;
    private final int domainNumber;
    private final boolean twoStepFlag;
    private final boolean slaveOnly;
    private final int localPriority;
    private int priority1, priority2;
    private int clockClass, clockAccuracy, offsetScaledLogVariance;

    public DefaultDS(ClockConfig cfg) {
        clockIdentity = cfg.clockIdentity;
        numberPorts = cfg.numberPorts;
        domainNumber = cfg.domainNumber;
        twoStepFlag = cfg.twoStepFlag;
        slaveOnly = cfg.clientOnly;
        localPriority = cfg.localPriority;
        priority1 = cfg.priority1;
        priority2 = cfg.priority2;
        // A slaveOnly/clientOnly clock announces itself as class 255 so it never wins (linuxptp
        // clock.c); an 802.1AS clock that is not gmCapable does the same.
        clockClass = cfg.clientOnly || !cfg.gmCapable ? 255 : cfg.clockClass;
        clockAccuracy = cfg.clockAccuracy;
        offsetScaledLogVariance = cfg.offsetScaledLogVariance;
    }

    public long clockIdentity() {
        return clockIdentity;
    }

    public int numberPorts() {
        return numberPorts;
    }

    public int domainNumber() {
        return domainNumber;
    }

    public boolean twoStepFlag() {
        return twoStepFlag;
    }

    public boolean slaveOnly() {
        return slaveOnly;
    }

    public int priority1() {
        return priority1;
    }

    public int priority2() {
        return priority2;
    }

    public int clockClass() {
        return clockClass;
    }

    public int clockAccuracy() {
        return clockAccuracy;
    }

    public int offsetScaledLogVariance() {
        return offsetScaledLogVariance;
    }

    public void priority1(int v) {
        priority1 = v;
    }

    public void priority2(int v) {
        priority2 = v;
    }

    /** GRANDMASTER_SETTINGS_NP: the quality this clock announces as grandmaster. */
    public void clockQuality(int clockClass, int clockAccuracy, int offsetScaledLogVariance) {
        this.clockClass = clockClass;
        this.clockAccuracy = clockAccuracy;
        this.offsetScaledLogVariance = offsetScaledLogVariance;
    }

    /** D0, the data set the BMCA compares foreign masters with (9.3.4). */
    public BmcDataset describe(BmcDataset d) {
        d.priority1 = priority1;
        d.identity = clockIdentity;
        d.clockClass = clockClass;
        d.clockAccuracy = clockAccuracy;
        d.offsetScaledLogVariance = offsetScaledLogVariance;
        d.priority2 = priority2;
        d.stepsRemoved = 0;
        d.senderClock = clockIdentity;
        d.receiverClock = clockIdentity;
        d.localPriority = localPriority;
        return d;
    }
}
