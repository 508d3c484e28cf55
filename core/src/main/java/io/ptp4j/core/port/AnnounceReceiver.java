package io.ptp4j.core.port;

import io.ptp4j.core.bmca.BmcDataset;
import io.ptp4j.core.bmca.ForeignMasterRecords;
import io.ptp4j.core.wire.PtpMessage;

/**
 * A port's received Announce messages (IEEE 1588-2019 9.5.3, 9.3.2; linuxptp process_announce):
 * the sender's data set goes into the port's foreign-master records if it qualifies, an Announce
 * from the parent refreshes the time properties, and a changed record asks the clock for a new
 * state decision. Preallocated: nothing per message.
 */
final class AnnounceReceiver {
    private static final long NS = 1_000_000_000L;
    private static final long NONE = Long.MIN_VALUE;

    private final Port port;
    private final BmcDataset scratch = new BmcDataset();
    /** When "Master clock quality received is greater than configured" was last logged (once a minute). */
    private long lastClassThresholdNoticeNanos = NONE;

    AnnounceReceiver(Port port) {
        this.port = port;
    }

    void receive(PtpMessage rx) {
        if (port.cfg.serverOnly || !port.asCapable()) return; // masterOnly/serverOnly: never follows another master
        BmcDataset d = scratch.fromAnnounce(rx);
        d.localPriority = port.cfg.localPriority; // G.8275.x: the port's, not anything the sender says (port.c)
        // 9.3.2.5: an Announce that went through too many hops (maxStepsRemoved, 255 by default) is
        // not qualified; nor is a master worse than clock_class_threshold (linuxptp process_announce).
        if (d.stepsRemoved >= port.clockCfg.maxStepsRemoved) return;
        if (d.clockClass > port.clockCfg.clockClassThreshold) {
            long now = port.host.now();
            if (lastClassThresholdNoticeNanos == NONE || now - lastClassThresholdNoticeNanos >= 60 * NS) {
                lastClassThresholdNoticeNanos = now;
                port.host.listener().notice(port.number, "Master clock quality received is greater than configured, ignoring master!");
            }
            return;
        }
        if (port.clockCfg.pathTraceEnabled && port.host.pathTraceHolds(rx, port.clockCfg.clockIdentity)) return; // 16.2.3: a loop

        ForeignMasterRecords.AddResult r = port.foreignMasters().add(d, rx.logMessageInterval(), port.host.now());
        if (r == ForeignMasterRecords.AddResult.NEW_FOREIGN_MASTER) {
            port.host.listener().notice(port.number, "new foreign master " + rx.sourcePortIdentity());
        }
        boolean parent = port.fromParent(rx);
        if (parent) {
            boolean wasTimescale = port.host.timeProperties().ptpTimescale();
            port.host.announceFromParent(port, rx);
            if (port.isSlaveLike()) port.armAnnounceReceipt();
            if (wasTimescale && !port.host.timeProperties().ptpTimescale()) port.host.listener().notice(0, "foreign master not using PTP timescale");
        }
        if (r == ForeignMasterRecords.AddResult.CHANGED) {
            boolean wasLocal = port.host.isGrandmaster();
            port.host.stateDecision();
            if (wasLocal && !port.host.isGrandmaster() && (rx.flags() & PtpMessage.FLAG_PTP_TIMESCALE) == 0 && port.fromParent(rx)) {
                port.host.listener().notice(0, "foreign master not using PTP timescale");
            }
            // the parent just chosen gives its time properties at once, as linuxptp's
            // clock_update_slave does (a UTC clock must not take a TAI master's first Syncs raw)
            if (!parent && port.fromParent(rx)) port.host.announceFromParent(port, rx);
        }
    }

}
