package io.ptp4j.core.bmca;

import io.ptp4j.core.wire.PtpMessage;

/**
 * The fields the best master clock algorithm compares (IEEE 1588-2019 9.3.4 Table 30; linuxptp's
 * {@code struct dataset}): a candidate grandmaster as seen through one foreign master on one port.
 * Mutable and reused, so that comparisons allocate nothing.
 */
public final class BmcDataset {
    public int priority1;
    public long identity;
    public int clockClass;
    public int clockAccuracy;
    public int offsetScaledLogVariance;
    public int priority2;
    /** G.8275.x localPriority (Telecom profiles only). */
    public int localPriority = 128;
    public int stepsRemoved;
    public long senderClock;
    public int senderPort;
    public long receiverClock;
    public int receiverPort;

    public BmcDataset copyFrom(BmcDataset o) {
        priority1 = o.priority1;
        identity = o.identity;
        clockClass = o.clockClass;
        clockAccuracy = o.clockAccuracy;
        offsetScaledLogVariance = o.offsetScaledLogVariance;
        priority2 = o.priority2;
        localPriority = o.localPriority;
        stepsRemoved = o.stepsRemoved;
        senderClock = o.senderClock;
        senderPort = o.senderPort;
        receiverClock = o.receiverClock;
        receiverPort = o.receiverPort;
        return this;
    }

    /**
     * Takes the grandmaster, stepsRemoved and sender fields of a received Announce (linuxptp
     * announce_to_dataset); localPriority and the receiver fields are left as they are.
     */
    public BmcDataset fromAnnounce(PtpMessage announce) {
        priority1 = announce.grandmasterPriority1();
        identity = announce.grandmasterIdentity();
        clockClass = announce.grandmasterClockClass();
        clockAccuracy = announce.grandmasterClockAccuracy();
        offsetScaledLogVariance = announce.grandmasterOffsetScaledLogVariance();
        priority2 = announce.grandmasterPriority2();
        stepsRemoved = announce.stepsRemoved();
        senderClock = announce.sourceClockIdentity();
        senderPort = announce.sourcePortNumber();
        return this;
    }

    @Override
    public String toString() {
        return String.format("gm %016x p1 %d class %d acc 0x%02x var 0x%04x p2 %d steps %d sender %016x-%d",
                identity, priority1, clockClass, clockAccuracy, offsetScaledLogVariance, priority2, stepsRemoved, senderClock, senderPort);
    }
}
