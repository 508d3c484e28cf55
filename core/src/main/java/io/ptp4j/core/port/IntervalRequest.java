package io.ptp4j.core.port;

import io.ptp4j.core.dataset.PortDS;
import io.ptp4j.core.engine.Driver;
import io.ptp4j.core.servo.ServoState;
import io.ptp4j.core.wire.MessageIntervalRequestTlv;
import io.ptp4j.core.wire.PtpMessage;

/**
 * The message interval request (802.1AS-2020 10.6.4.3; linuxptp port_signaling.c, port.c
 * message_interval_request and process_interval_request): a slave asks its master for another
 * Sync interval once its servo is stable, and a master's port changes its intervals when asked.
 */
public final class IntervalRequest {
    private final Port port;
    private long sent;

    IntervalRequest(Port port) {
        this.port = port;
    }

    /** Signaling messages with a message interval request this port sent. */
    public long sent() {
        return sent;
    }

    /**
     * msg_interval_request, after a servo sample: when the servo becomes LOCKED_STABLE the slave
     * adopts operLogPdelayReqInterval and asks for operLogSyncInterval; when it falls back to
     * UNLOCKED it asks for the initial Sync interval again. Returns true when a stable servo
     * still sees another Sync interval: the master most likely restarted, and the caller resets
     * the servo and raises a synchronization fault.
     */
    public boolean afterSample(ServoState last, ServoState now, int servoOffsetThreshold) {
        var cfg = port.cfg;
        PortDS ds = port.ds();
        int syncLog = port.lastSyncLogInterval;
        if (now == ServoState.UNLOCKED) {
            if (servoOffsetThreshold != 0 && syncLog != cfg.logSyncInterval) {
                ds.logMinPdelayReqInterval(cfg.logMinPdelayReqInterval);
                ds.logSyncInterval(cfg.logSyncInterval);
                send(MessageIntervalRequestTlv.SET_INITIAL);
            }
        } else if (now == ServoState.LOCKED_STABLE) {
            if (last == ServoState.LOCKED) {
                ds.logMinPdelayReqInterval(cfg.operLogPdelayReqInterval);
                ds.logSyncInterval(cfg.operLogSyncInterval);
                send(cfg.operLogSyncInterval);
            } else if (syncLog != cfg.operLogSyncInterval) {
                return true;
            }
        }
        return false;
    }

    /** A Signaling message to all ports (wildcard target) with one message interval request TLV. */
    private void send(int timeSyncInterval) {
        if (!port.asCapable()) return;
        PtpMessage m = port.startSignaling(-1L, 0xFFFF, false);
        MessageIntervalRequestTlv.append(m, MessageIntervalRequestTlv.NO_CHANGE, timeSyncInterval, MessageIntervalRequestTlv.NO_CHANGE);
        sent++;
        port.sendSignaling(Driver.MULTICAST);
    }

    /** linuxptp process_interval_request: the port's intervals change from the next message on. */
    void onRequest(PtpMessage rx, int v) {
        var cfg = port.cfg;
        PortDS ds = port.ds();
        ds.logAnnounceInterval(MessageIntervalRequestTlv.apply(ds.logAnnounceInterval(),
                MessageIntervalRequestTlv.announceInterval(rx, v), cfg.logAnnounceInterval));
        ds.logSyncInterval(MessageIntervalRequestTlv.apply(ds.logSyncInterval(),
                MessageIntervalRequestTlv.timeSyncInterval(rx, v), cfg.logSyncInterval));
        ds.logMinPdelayReqInterval(MessageIntervalRequestTlv.apply(ds.logMinPdelayReqInterval(),
                MessageIntervalRequestTlv.linkDelayInterval(rx, v), cfg.logMinPdelayReqInterval));
    }
}
