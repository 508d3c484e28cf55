package io.ptp4j.linux.daemon;

import io.ptp4j.core.engine.Driver;
import io.ptp4j.core.engine.PtpNode;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/** A stand-in PTP node: sends a Sync (event) and a Follow_Up (general) every period; records all. */
final class ToyNode implements PtpNode {
    record Rx(int port, int type, int seq, long ts, long source) {}
    record Tx(int port, int type, int seq, long ts) {}

    final Driver driver;
    final long periodNanos;
    final boolean sender;
    final ByteBuffer out = ByteBuffer.allocate(44);
    final List<Rx> received = new ArrayList<>();
    final List<Tx> txStamps = new ArrayList<>();
    final List<Boolean> sendResults = new ArrayList<>();
    long maxTimerLateNanos, minTimerLateNanos = Long.MAX_VALUE;
    final CountDownLatch gotSyncs;
    long next = Long.MAX_VALUE;
    int seq;

    ToyNode(Driver driver, long periodNanos, boolean sender, int expectSyncs) {
        this.driver = driver;
        this.periodNanos = periodNanos;
        this.sender = sender;
        this.gotSyncs = new CountDownLatch(expectSyncs);
    }

    @Override
    public void start(long now) {
        if (sender) next = now + periodNanos;
    }

    @Override
    public void onReceive(int port, ByteBuffer buf, int offset, int length, long ts, long source, long now) {
        int type = buf.get(offset) & 0x0F;
        received.add(new Rx(port, type, buf.getShort(offset + 30) & 0xFFFF, ts, source));
        if (type == 0) gotSyncs.countDown();
    }

    @Override
    public void onTxTimestamp(int port, int type, int seqId, long ts, long now) {
        txStamps.add(new Tx(port, type, seqId, ts));
    }

    @Override
    public void onTimer(long now) {
        long late = now - next;
        maxTimerLateNanos = Math.max(maxTimerLateNanos, late);
        minTimerLateNanos = Math.min(minTimerLateNanos, late);
        out.put(0, (byte) 0x00).putShort(30, (short) seq);
        sendResults.add(driver.send(1, out, 0, 44, true, Driver.MULTICAST));
        out.put(0, (byte) 0x08);
        driver.send(1, out, 0, 44, false, Driver.MULTICAST);
        seq++;
        next += periodNanos;
    }

    @Override
    public void onLinkStatus(int port, boolean up, String tsLabel, long nowNanos) {}

    @Override
    public long nextTimerNanos() {
        return next;
    }
}
