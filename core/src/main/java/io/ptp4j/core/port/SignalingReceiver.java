package io.ptp4j.core.port;

import io.ptp4j.core.wire.DecodeException;
import io.ptp4j.core.wire.MessageIntervalRequestTlv;
import io.ptp4j.core.wire.PtpMessage;
import io.ptp4j.core.wire.TlvCursor;
import io.ptp4j.core.wire.TlvType;
import io.ptp4j.core.wire.UnicastTlv;

/**
 * A port's received Signaling messages (IEEE 1588-2019 13.12; linuxptp port_signaling.c
 * process_signaling): each TLV goes to its handler, unicast negotiation (16.1) to the port's
 * {@link UnicastService} or {@link UnicastClient}, the 802.1AS message interval request to its
 * {@link IntervalRequest}. A Signaling message for another clock or port is ignored.
 */
final class SignalingReceiver {
    private final Port port;
    private final TlvCursor tlvs = new TlvCursor();

    SignalingReceiver(Port port) {
        this.port = port;
    }

    void receive(PtpMessage rx, long source) {
        long target = rx.targetClockIdentity();
        int targetPort = rx.targetPortNumber();
        if (target != -1L && target != port.clockCfg.clockIdentity) return;
        if (targetPort != 0xFFFF && targetPort != port.number) return;
        try {
            tlvs.reset(rx);
            while (tlvs.next()) {
                int v = tlvs.valueOffset();
                switch (tlvs.type()) {
                    case TlvType.REQUEST_UNICAST_TRANSMISSION -> port.unicastService().onRequest(rx, v, source);
                    case TlvType.GRANT_UNICAST_TRANSMISSION -> {
                        UnicastClient client = port.unicastClient();
                        if (client != null) client.onGrant(rx, v, source);
                        else port.host.listener().notice(port.number, "received rogue unicast grant or cancel");
                    }
                    case TlvType.CANCEL_UNICAST_TRANSMISSION -> onCancel(rx, v, source);
                    case TlvType.ORGANIZATION_EXTENSION -> {
                        if (MessageIntervalRequestTlv.matches(rx, v, tlvs.length())) port.intervalRequest().onRequest(rx, v);
                    }
                    default -> { } // ACKNOWLEDGE_CANCEL and others: nothing to do
                }
            }
        } catch (DecodeException e) {
            port.badPacket(e);
        }
    }

    private void onCancel(PtpMessage rx, int v, long source) {
        int mtype = UnicastTlv.messageType(rx, v);
        UnicastClient client = port.unicastClient();
        if (client == null || !client.onCancel(source)) {
            if (!port.cfg.unicastListen) return;
            port.unicastService().onCancel(rx.sourceClockIdentity(), rx.sourcePortNumber(), source, mtype);
        }
        UnicastTlv.appendCancel(port.startSignaling(rx.sourceClockIdentity(), rx.sourcePortNumber(), true), true, mtype);
        port.sendSignaling(source);
    }
}
