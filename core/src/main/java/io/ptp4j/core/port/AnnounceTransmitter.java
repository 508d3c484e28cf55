package io.ptp4j.core.port;

import io.ptp4j.core.engine.Driver;
import io.ptp4j.core.wire.MessageType;
import io.ptp4j.core.wire.PtpMessage;

/**
 * A master port's Announce (IEEE 1588-2019 9.5.3, 13.5; linuxptp port_tx_announce): the parent's
 * data set and the clock's time properties, then its TLVs in linuxptp's order: PATH_TRACE (16.2),
 * the port's IEEE C37.238 power profile TLV ({@link PowerProfile}), one
 * ALTERNATE_TIME_OFFSET_INDICATOR per enabled alternate timescale (16.3). Multicast on the
 * announce timer, unicast to the clients a {@link UnicastService} granted.
 */
final class AnnounceTransmitter {
    private final Port port;
    private final PowerProfile powerProfile;
    private int sequenceId;

    AnnounceTransmitter(Port port) {
        this.port = port;
        this.powerProfile = new PowerProfile(port.cfg);
    }

    /** The next multicast Announce. */
    void sendMulticast() {
        port.host.announcing();
        sequenceId = (sequenceId + 1) & 0xFFFF;
        send(sequenceId, Driver.MULTICAST, port.ds().logAnnounceInterval());
    }

    void send(int seq, long dest, int logInterval) {
        PortHost host = port.host;
        var parent = host.parentDS();
        var time = host.timeProperties();
        PtpMessage m = port.start(MessageType.ANNOUNCE, seq, logInterval).flags(host.announcedTimeFlags())
                .flag(PtpMessage.FLAG_UNICAST, dest != Driver.MULTICAST)
                .currentUtcOffset(time.currentUtcOffset()).grandmasterPriority1(parent.grandmasterPriority1())
                .grandmasterClockQuality(parent.grandmasterClockClass(), parent.grandmasterClockAccuracy(),
                        parent.grandmasterOffsetScaledLogVariance())
                .grandmasterPriority2(parent.grandmasterPriority2()).grandmasterIdentity(parent.grandmasterIdentity())
                .stepsRemoved(host.currentDS().stepsRemoved()).timeSource(time.timeSource());
        if (port.clockCfg.pathTraceEnabled) host.appendPathTrace(m);
        powerProfile.appendTo(m);
        host.appendAlternateTimeOffsets(m);
        port.send(m, false, dest);
    }

    PowerProfile powerProfile() {
        return powerProfile;
    }
}
