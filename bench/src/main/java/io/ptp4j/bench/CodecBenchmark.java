package io.ptp4j.bench;

import io.ptp4j.core.wire.DecodeException;
import io.ptp4j.core.wire.MessageType;
import io.ptp4j.core.wire.PtpMessage;
import io.ptp4j.core.wire.TlvCursor;
import io.ptp4j.core.wire.TlvType;
import java.nio.ByteBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Decode + encode of the messages a daemon handles most, on the flyweight path a daemon uses:
 * validate the received bytes, read the fields the engine needs, write the answer in place.
 * Each message sits in its own receive buffer, as recvmsg leaves it: no copy is measured.
 * Target: <= 50 ns per message and 0 B allocated per operation (run with -prof gc).
 */
@State(Scope.Thread)
public class CodecBenchmark extends NanosPerOperation {
    private final ByteBuffer syncIn = ByteBuffer.allocateDirect(128), followUpIn = ByteBuffer.allocateDirect(128),
            announceIn = ByteBuffer.allocateDirect(128), managementIn = ByteBuffer.allocateDirect(128);
    private final ByteBuffer out = ByteBuffer.allocateDirect(128);
    private final PtpMessage rx = new PtpMessage();
    private final PtpMessage tx = new PtpMessage();
    private final TlvCursor tlvs = new TlvCursor();
    private int syncLen, followUpLen, announceLen, managementLen;
    private final byte[] sync = new byte[128], followUp = new byte[128], announce = new byte[128], management = new byte[128];
    private int seq;

    @Setup
    public void setup() {
        syncLen = build(sync, MessageType.SYNC);
        followUpLen = build(followUp, MessageType.FOLLOW_UP);
        announceLen = build(announce, MessageType.ANNOUNCE);
        managementLen = build(management, MessageType.MANAGEMENT);
        syncIn.put(0, sync, 0, syncLen);
        followUpIn.put(0, followUp, 0, followUpLen);
        announceIn.put(0, announce, 0, announceLen);
        managementIn.put(0, management, 0, managementLen);
    }

    private static int build(byte[] b, MessageType t) {
        PtpMessage m = new PtpMessage().wrap(ByteBuffer.wrap(b), 0, b.length).initHeader(t, 1).sourcePort(0x6e6886fffed36905L, 1)
                .sequenceId(7).logMessageInterval(-3).bodyTimestamp(1_795_479_381L, 525_715_361);
        if (t == MessageType.ANNOUNCE) {
            m.currentUtcOffset(37).grandmasterPriority1(128).grandmasterClockQuality(248, 0xFE, 0xFFFF).grandmasterPriority2(128)
                    .grandmasterIdentity(0x6e6886fffed36905L).timeSource(0xA0);
        }
        if (t == MessageType.MANAGEMENT) {
            m.targetPort(-1L, 0xFFFF).startingBoundaryHops(1).boundaryHops(1).actionField(2);
            int v = TlvCursor.append(m, TlvType.MANAGEMENT, 2 + 4);
            m.u16(v, 0x2005).u8(v + 2, 128); // PRIORITY1 = 128 (+ reserved, padding)
        }
        return m.messageLength();
    }

    private PtpMessage receive(ByteBuffer in, int len) throws DecodeException {
        rx.wrap(in, 0, len).validate(tlvs);
        return rx;
    }

    @Benchmark
    public long sync() throws DecodeException {
        PtpMessage m = receive(syncIn, syncLen);
        long t1 = m.bodyTimestampAsNanos() + (m.correctionField() >> 16);
        tx.wrap(out, 0, 128).initHeader(MessageType.SYNC, 1).sourcePort(m.sourceClockIdentity(), m.sourcePortNumber())
                .sequenceId(++seq).flag(PtpMessage.FLAG_TWO_STEP, true).logMessageInterval(-3);
        return t1 + tx.messageLength();
    }

    @Benchmark
    public long followUp() throws DecodeException {
        PtpMessage m = receive(followUpIn, followUpLen);
        long t = m.bodyTimestampAsNanos() + m.sequenceId();
        tx.wrap(out, 0, 128).initHeader(MessageType.FOLLOW_UP, 1).sourcePort(0x6e6886fffed36905L, 1).sequenceId(++seq)
                .timestampFromNanos(PtpMessage.OFF_BODY, t);
        return tx.messageLength();
    }

    @Benchmark
    public long announce() throws DecodeException {
        PtpMessage m = receive(announceIn, announceLen);
        long key = m.grandmasterIdentity() ^ m.grandmasterPriority1() ^ m.grandmasterClockClass() ^ m.grandmasterOffsetScaledLogVariance()
                ^ m.stepsRemoved() ^ m.currentUtcOffset();
        tx.wrap(out, 0, 128).initHeader(MessageType.ANNOUNCE, 1).sourcePort(0x6e6886fffed36905L, 1).sequenceId(++seq)
                .currentUtcOffset(37).grandmasterPriority1(128).grandmasterClockQuality(248, 0xFE, 0xFFFF).grandmasterPriority2(128)
                .grandmasterIdentity(m.grandmasterIdentity()).stepsRemoved(m.stepsRemoved() + 1).timeSource(0xA0);
        return key + tx.messageLength();
    }

    @Benchmark
    public long managementTlv() throws DecodeException {
        PtpMessage m = receive(managementIn, managementLen);
        tlvs.reset(m);
        long id = 0;
        while (tlvs.next()) id += m.u16(tlvs.valueOffset()) + m.u8(tlvs.valueOffset() + 2);
        tx.wrap(out, 0, 128).initHeader(MessageType.MANAGEMENT, 1).sourcePort(0x6e6886fffed36905L, 0).sequenceId(++seq)
                .targetPort(-1L, 0xFFFF).actionField(2);
        int v = TlvCursor.append(tx, TlvType.MANAGEMENT, 6);
        tx.u16(v, 0x2005).u8(v + 2, 128);
        return id + tx.messageLength();
    }
}
