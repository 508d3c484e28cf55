package io.ptp4j.tools.obs;

import io.ptp4j.core.engine.ForwardingNode;
import io.ptp4j.core.engine.PtpNode;
import io.ptp4j.tools.metrics.PtpMetrics;
import java.nio.ByteBuffer;

/**
 * A {@link PtpNode} in front of the engine that counts every received message by messageType and
 * records the correctionField of Sync and Follow_Up (non-zero: a transparent clock is on the path,
 * IEEE 1588-2019 10.2.2). Reads header bytes only; nothing allocates.
 */
public final class CountingNode extends ForwardingNode {
    private static final int SYNC = 0x0;
    private static final int FOLLOW_UP = 0x8;
    private static final int CORRECTION_OFFSET = 8;
    private static final int HEADER_LENGTH = 34;
    private static final int FLAGS_OFFSET = 6; // flagField octet 0: twoStepFlag is bit 1 (Table 37)
    private static final int TWO_STEP = 0x02;

    private final PtpMetrics metrics;

    public CountingNode(PtpNode inner, PtpMetrics metrics) {
        super(inner);
        this.metrics = metrics;
    }

    @Override
    public void onReceive(int port, ByteBuffer buf, int offset, int length, long rxTimestampNanos, long source, long nowNanos) {
        countReceived(metrics, port, buf, offset, length);
        inner.onReceive(port, buf, offset, length, rxTimestampNanos, source, nowNanos);
    }

    /** Counts one received message and records a Sync/Follow_Up correctionField; shorter than a header: ignored. */
    public static void countReceived(PtpMetrics metrics, int port, ByteBuffer buf, int offset, int length) {
        if (length >= HEADER_LENGTH) {
            int type = buf.get(offset) & 0x0F;
            metrics.messageReceived(port, type);
            if (type == SYNC || type == FOLLOW_UP) {
                long scaled = 0;
                for (int i = 0; i < 8; i++) scaled = (scaled << 8) | (buf.get(offset + CORRECTION_OFFSET + i) & 0xFF);
                if (type == SYNC) metrics.syncReceived(port, scaled >> 16, (buf.get(offset + FLAGS_OFFSET) & TWO_STEP) != 0);
                else metrics.followUpReceived(port, scaled >> 16);
            }
        }
    }

}
