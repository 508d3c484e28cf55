package io.ptp4j.tools.obs;

import io.ptp4j.core.engine.Driver;
import io.ptp4j.core.engine.ForwardingDriver;
import io.ptp4j.tools.metrics.PtpMetrics;
import java.nio.ByteBuffer;

/**
 * A {@link Driver} in front of the real one that counts every message the engine sends, by
 * messageType (the low nibble of header octet 0, IEEE 1588-2019 13.3.2.2), into {@link PtpMetrics}.
 * Reads one byte per send: nothing allocates.
 */
public final class CountingDriver extends ForwardingDriver {
    private final PtpMetrics metrics;

    public CountingDriver(Driver inner, PtpMetrics metrics) {
        super(inner);
        this.metrics = metrics;
    }

    @Override
    public boolean send(int port, ByteBuffer buf, int offset, int length, boolean event, long destination) {
        boolean ok = inner.send(port, buf, offset, length, event, destination);
        if (ok && length > 0) metrics.messageSent(port, buf.get(offset) & 0x0F);
        return ok;
    }
}
