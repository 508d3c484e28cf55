package io.ptp4j.core.dataset;

import io.ptp4j.core.bmca.BmcDataset;
import io.ptp4j.core.wire.PortIdentity;

/**
 * parentDS (IEEE 1588-2019 8.2.3): the port this clock follows and the grandmaster behind it, or
 * this clock itself when it is the grandmaster.
 */
public final class ParentDS {
    private long parentClockIdentity;
    private int parentPortNumber;
    private long grandmasterIdentity;
    private int grandmasterPriority1, grandmasterPriority2;
    private int grandmasterClockClass, grandmasterClockAccuracy, grandmasterOffsetScaledLogVariance;

    /** parentDS.parentPortIdentity's clock identity, without allocating (per-sample paths). */
    public long parentClockIdentity() {
        return parentClockIdentity;
    }

    public int parentPortNumber() {
        return parentPortNumber;
    }

    public PortIdentity parentPortIdentity() {
        return new PortIdentity(parentClockIdentity, parentPortNumber);
    }

    public boolean isParent(long clockIdentity, int portNumber) {
        return clockIdentity == parentClockIdentity && portNumber == parentPortNumber;
    }

    public long grandmasterIdentity() {
        return grandmasterIdentity;
    }

    public int grandmasterPriority1() {
        return grandmasterPriority1;
    }

    public int grandmasterPriority2() {
        return grandmasterPriority2;
    }

    public int grandmasterClockClass() {
        return grandmasterClockClass;
    }

    public int grandmasterClockAccuracy() {
        return grandmasterClockAccuracy;
    }

    public int grandmasterOffsetScaledLogVariance() {
        return grandmasterOffsetScaledLogVariance;
    }

    /** 9.3.5 Table 31 (update for state decision code M1/M2): this clock is the grandmaster. */
    public void selfAsGrandmaster(DefaultDS d) {
        parentClockIdentity = d.clockIdentity();
        parentPortNumber = 0;
        grandmasterIdentity = d.clockIdentity();
        grandmasterPriority1 = d.priority1();
        grandmasterPriority2 = d.priority2();
        grandmasterClockClass = d.clockClass();
        grandmasterClockAccuracy = d.clockAccuracy();
        grandmasterOffsetScaledLogVariance = d.offsetScaledLogVariance();
    }

    /** 9.3.5 Table 33 (state decision code S1): the foreign master {@code d} is the parent. */
    public void follow(BmcDataset d) {
        parentClockIdentity = d.senderClock;
        parentPortNumber = d.senderPort;
        grandmasterIdentity = d.identity;
        grandmasterPriority1 = d.priority1;
        grandmasterPriority2 = d.priority2;
        grandmasterClockClass = d.clockClass;
        grandmasterClockAccuracy = d.clockAccuracy;
        grandmasterOffsetScaledLogVariance = d.offsetScaledLogVariance;
    }

    /** A designated slave that hears no Announce takes the Sync sender as parent and grandmaster. */
    public void followSyncSender(long clockIdentity, int portNumber) {
        parentClockIdentity = clockIdentity;
        parentPortNumber = portNumber;
        grandmasterIdentity = clockIdentity;
    }
}
