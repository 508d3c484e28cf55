package io.ptp4j.core.port;

import io.ptp4j.core.engine.DelayMechanism;
import io.ptp4j.core.engine.Driver;
import io.ptp4j.core.wire.MessageType;
import io.ptp4j.core.wire.PtpMessage;
import io.ptp4j.core.wire.UnicastTlv;
import java.util.ArrayList;

/**
 * A port's unicast master table and its negotiation (IEEE 1588-2019 16.1; linuxptp
 * unicast_client.c): Announce is requested from every entry; once the BMCA selects one, Sync
 * (and Delay_Resp with E2E) from it; grants are renewed at 3/4 of their duration.
 */
final class UnicastClient {
    private static final int ANNOUNCE = MessageType.ANNOUNCE.code;
    private static final int SYNC = MessageType.SYNC.code;
    private static final int DELAY_RESP = MessageType.DELAY_RESP.code;
    private static final int PDELAY_RESP = MessageType.PDELAY_RESP.code;

    private final Port port;
    private final UnicastMaster[] masters;
    private final int logQueryInterval;

    private UnicastClient(Port port, UnicastMaster[] masters, int logQueryInterval) {
        this.port = port;
        this.masters = masters;
        this.logQueryInterval = logQueryInterval;
    }

    /** The client of {@code port}'s unicast master table, or null when it has none; starts asking at once. */
    static UnicastClient create(Port port) {
        String[] texts = port.cfg.unicastMasters;
        if (texts == null) return null;
        ArrayList<UnicastMaster> ok = new ArrayList<>();
        for (String t : texts) {
            long a = port.host.driver().resolveUnicast(port.number, t);
            if (a == -3) {
                port.host.listener().notice(port.number, "unicast master table: '" + t + "' is not an address of this port's transport, skipped");
            } else {
                ok.add(new UnicastMaster(t, a));
            }
        }
        UnicastClient c = new UnicastClient(port, ok.toArray(new UnicastMaster[0]), port.cfg.unicastLogQueryInterval);
        port.arm(PortTimers.UNICAST_REQ, 0);
        return c;
    }

    int logQueryInterval() {
        return logQueryInterval;
    }

    private int sydyMask() {
        int m = 1 << ANNOUNCE | 1 << SYNC;
        DelayMechanism dm = port.cfg.delayMechanism;
        return dm == DelayMechanism.E2E || dm == DelayMechanism.AUTO ? m | 1 << DELAY_RESP : m;
    }

    /** Every logQueryInterval: ask for what is missing, renew what is about to expire. */
    void timer() {
        long now = port.host.now();
        for (UnicastMaster m : masters) {
            switch (m.state) {
                case WAIT -> request(m, false);
                case NEED_SYDY -> request(m, true);
                case HAVE_ANN, HAVE_SYDY -> {
                    if (now >= m.renewalAt) {
                        m.renewalAt = Long.MAX_VALUE;
                        request(m, m.state == UnicastMaster.State.HAVE_SYDY);
                    }
                }
            }
        }
    }

    /**
     * One Signaling message to {@code m}: Announce while not selected; Sync (and Delay_Resp)
     * once selected; all of them when renewing a master we synchronize to.
     */
    private void request(UnicastMaster m, boolean sydy) {
        PtpMessage out = port.startSignaling(m.clockIdentity, m.portNumber, true);
        int duration = port.cfg.unicastReqDuration;
        boolean renewal = m.state == UnicastMaster.State.HAVE_ANN || m.state == UnicastMaster.State.HAVE_SYDY;
        if (!sydy || renewal) UnicastTlv.appendRequest(out, ANNOUNCE, port.cfg.logAnnounceInterval, duration);
        if (sydy) {
            UnicastTlv.appendRequest(out, SYNC, port.cfg.logSyncInterval, duration);
            if ((sydyMask() & 1 << DELAY_RESP) != 0) UnicastTlv.appendRequest(out, DELAY_RESP, port.ds().logMinDelayReqInterval(), duration);
        }
        port.sendSignaling(m.address);
    }

    /** After a state decision: the selected table entry asks for Sync at once, the others drop theirs. */
    void selectionChanged() {
        var parent = port.host.parentDS();
        boolean parentHere = port.host.isParentPort(port.number);
        for (UnicastMaster m : masters) {
            boolean selected = parentHere && parent.isParent(m.clockIdentity, m.portNumber);
            UnicastMaster.State before = m.state;
            if (m.selected(selected)) {
                cancel(m, SYNC);
                if ((sydyMask() & 1 << DELAY_RESP) != 0) cancel(m, DELAY_RESP);
                m.granted &= ~(1 << SYNC | 1 << DELAY_RESP);
            }
            if (before != UnicastMaster.State.NEED_SYDY && m.state == UnicastMaster.State.NEED_SYDY) request(m, true);
        }
    }

    private void cancel(UnicastMaster m, int messageType) {
        UnicastTlv.appendCancel(port.startSignaling(m.clockIdentity, m.portNumber, true), false, messageType);
        port.sendSignaling(m.address);
    }

    /** The address of the table entry that is the parent, or MULTICAST when none is. */
    long parentAddress() {
        var parent = port.host.parentDS();
        for (UnicastMaster m : masters) if (parent.isParent(m.clockIdentity, m.portNumber)) return m.address;
        return Driver.MULTICAST;
    }

    private UnicastMaster entry(long source) {
        for (UnicastMaster m : masters) if (m.address == source) return m;
        return null;
    }

    void onGrant(PtpMessage rx, int v, long source) {
        int mtype = UnicastTlv.messageType(rx, v), log = UnicastTlv.logInterMessagePeriod(rx, v);
        long duration = UnicastTlv.durationSeconds(rx, v);
        UnicastMaster m = entry(source);
        var listener = port.host.listener();
        if (m == null) {
            listener.notice(port.number, "received rogue unicast grant or cancel");
            return;
        }
        MessageType mt = MessageType.ofCode(mtype);
        String name = mt != null ? mt.name() : Integer.toString(mtype);
        if (duration == 0) {
            listener.notice(port.number, "unicast grant of " + name + " rejected");
            if (mtype != PDELAY_RESP) m.cancelled();
            return;
        }
        if (Math.abs(log) > 30) {
            listener.notice(port.number, "ignore bogus unicast message interval 2^" + log);
            return;
        }
        long now = port.host.now();
        m.granted |= 1 << mtype;
        switch (m.state) {
            case WAIT, HAVE_ANN -> {
                if (mtype == ANNOUNCE) {
                    m.grantAnnounce();
                    m.clockIdentity = rx.sourceClockIdentity();
                    m.portNumber = rx.sourcePortNumber();
                    m.renewAfter(now, duration);
                }
            }
            case NEED_SYDY -> {
                if (mtype == SYNC || mtype == DELAY_RESP) {
                    if ((m.granted & sydyMask()) == sydyMask()) m.state = UnicastMaster.State.HAVE_SYDY;
                    m.renewAfter(now, duration);
                    if (mtype == DELAY_RESP) port.ds().logMinDelayReqInterval(log);
                }
            }
            case HAVE_SYDY -> m.renewAfter(now, duration);
        }
    }

    /** A cancel from {@code source}; false when it is not one of the table's masters. */
    boolean onCancel(long source) {
        UnicastMaster m = entry(source);
        if (m == null) return false;
        m.cancelled();
        return true;
    }
}
