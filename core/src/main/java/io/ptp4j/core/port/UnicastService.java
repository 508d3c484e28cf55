package io.ptp4j.core.port;

import io.ptp4j.core.wire.MessageType;
import io.ptp4j.core.wire.PtpMessage;
import io.ptp4j.core.wire.UnicastTlv;
import java.util.ArrayList;

/**
 * A master port's unicast service (IEEE 1588-2019 16.1.2; linuxptp unicast_service.c): with
 * unicast_listen it grants what clients ask for, one Signaling per TLV, and sends each client its
 * granted Announce and Sync at the granted rate until the grant expires.
 */
public final class UnicastService {
    private static final long NS = 1_000_000_000L;
    private static final int ANNOUNCE = MessageType.ANNOUNCE.code;
    private static final int SYNC = MessageType.SYNC.code;
    private static final int DELAY_RESP = MessageType.DELAY_RESP.code;
    private static final int PDELAY_RESP = MessageType.PDELAY_RESP.code;

    private final Port port;
    private final ArrayList<UnicastGrant> grants = new ArrayList<>();

    UnicastService(Port port) {
        this.port = port;
    }

    /** The clients this port has granted unicast service to (for management and metrics). */
    public int clients() {
        return grants.size();
    }

    /** A REQUEST_UNICAST_TRANSMISSION TLV at {@code v} from {@code source}. */
    void onRequest(PtpMessage rx, int v, long source) {
        if (!port.cfg.unicastListen) return; // not a unicast server: requests are ignored, as linuxptp does
        int mtype = UnicastTlv.messageType(rx, v), log = UnicastTlv.logInterMessagePeriod(rx, v);
        long duration = UnicastTlv.durationSeconds(rx, v);
        long fromClock = rx.sourceClockIdentity();
        int fromPort = rx.sourcePortNumber();
        boolean known = mtype == ANNOUNCE || mtype == SYNC || mtype == DELAY_RESP || mtype == PDELAY_RESP;
        boolean grant = !port.clockCfg.clientOnly && known && Math.abs(log) <= 30 && port.active();
        if (grant && (mtype == ANNOUNCE || mtype == SYNC)) {
            UnicastGrant g = null;
            for (UnicastGrant x : grants) {
                if (x.address == source && x.clockIdentity == fromClock && x.portNumber == fromPort) g = x;
            }
            if (g == null) {
                g = new UnicastGrant();
                g.address = source;
                g.clockIdentity = fromClock;
                g.portNumber = fromPort;
                grants.add(g);
            }
            long now = port.host.now();
            long until = now + duration * NS;
            if (mtype == ANNOUNCE) {
                g.announceLog = log;
                g.announceUntil = until;
                if (g.nextAnnounce == Long.MAX_VALUE) g.nextAnnounce = now + 10_000_000; // as linuxptp: 10 ms after the grant
            } else {
                g.syncLog = log;
                g.syncUntil = until;
                if (g.nextSync == Long.MAX_VALUE) g.nextSync = now + 10_000_000;
            }
            armTx();
        }
        UnicastTlv.appendGrant(port.startSignaling(fromClock, fromPort, true), mtype, log, grant ? duration : 0, grant);
        port.sendSignaling(source);
    }

    /** A client cancelled {@code mtype}. */
    void onCancel(long fromClock, int fromPort, long source, int mtype) {
        for (UnicastGrant g : grants) {
            if (g.address != source || g.clockIdentity != fromClock || g.portNumber != fromPort) continue;
            if (mtype == ANNOUNCE) g.announceUntil = Long.MIN_VALUE;
            if (mtype == SYNC) g.syncUntil = Long.MIN_VALUE;
        }
    }

    private void armTx() {
        long next = Long.MAX_VALUE;
        // indexed: this runs at every unicast Sync tick, and an iterator would be garbage each time
        for (int i = 0; i < grants.size(); i++) next = Math.min(next, grants.get(i).nextDue());
        if (next == Long.MAX_VALUE) return;
        port.arm(PortTimers.UNICAST_TX, Math.max(0, next - port.host.now()));
    }

    /** Sends every granted Announce and Sync that is due; drops expired grants. */
    void timer() {
        boolean master = port.isMaster();
        long now = port.host.now();
        for (int i = grants.size() - 1; i >= 0; i--) {
            UnicastGrant g = grants.get(i);
            if (g.expired(now)) {
                grants.remove(i);
                continue;
            }
            if (g.nextAnnounce <= now) {
                if (now <= g.announceUntil) {
                    if (master) {
                        port.sendAnnounce(g.announceSeq, g.address, g.announceLog);
                        g.announceSeq = (g.announceSeq + 1) & 0xFFFF;
                    }
                    g.nextAnnounce = Math.max(g.nextAnnounce + PortTimers.interval(g.announceLog), now);
                } else {
                    g.nextAnnounce = Long.MAX_VALUE;
                }
            }
            if (g.nextSync <= now) {
                if (now <= g.syncUntil) {
                    if (master) {
                        port.syncTransmitter().send(g.syncSeq, g.address, g.syncLog);
                        g.syncSeq = (g.syncSeq + 1) & 0xFFFF;
                    }
                    g.nextSync = Math.max(g.nextSync + PortTimers.interval(g.syncLog), now);
                } else {
                    g.nextSync = Long.MAX_VALUE;
                }
            }
        }
        armTx();
    }
}
