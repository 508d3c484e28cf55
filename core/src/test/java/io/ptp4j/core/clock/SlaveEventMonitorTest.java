package io.ptp4j.core.clock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ptp4j.core.engine.ClockConfig;
import io.ptp4j.core.engine.Driver;
import io.ptp4j.core.port.PortState;
import io.ptp4j.core.wire.MessageType;
import io.ptp4j.core.wire.PtpMessage;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * slave_event_monitor, as linuxptp 4.4's monitor.c: a client clock reports each Sync it takes
 * (SLAVE_RX_SYNC_TIMING_DATA) and each Delay_Resp that answers it (SLAVE_DELAY_TIMING_DATA_NP) in a
 * Signaling message laid out as linuxptp's packed structs (tlv.h), one record per message.
 */
class SlaveEventMonitorTest {
    static final long S = 1_000_000_000L;
    static final long SELF = 0x0200_00ff_fe00_0001L;
    static final long MASTER = 0x0a0b_0cff_fe0d_0e0fL;
    static final long T0 = 1_700_000_000L * S;

    final List<byte[]> monitor = new ArrayList<>();
    int delayReqSeq = -1;

    final Driver driver = Driver.of(() -> T0, (port, buf, offset, length, event, destination) -> {
        if ((buf.get(offset) & 0xF) == MessageType.DELAY_REQ.code) delayReqSeq = buf.getShort(offset + 30) & 0xFFFF;
        return true;
    });

    final ByteBuffer b = ByteBuffer.allocate(128);

    PtpMessage msg(MessageType t, int seq) {
        Arrays.fill(b.array(), (byte) 0);
        return new PtpMessage().wrap(b, 0, 128).initHeader(t, 1).domainNumber(3).sourcePort(MASTER, 1).sequenceId(seq).logMessageInterval(0);
    }

    void rx(PtpClock c, PtpMessage m, long rxTs, long now) {
        c.onReceive(1, b, 0, m.messageLength(), rxTs, 0, now);
    }

    /** A client that took MASTER as its parent (UNCALIBRATED). */
    PtpClock client(boolean monitored) {
        ClockConfig cfg = new ClockConfig();
        cfg.clockIdentity = SELF;
        cfg.freeRunning = true;
        cfg.clientOnly = true;
        cfg.domainNumber = 3;
        PtpClock c = new PtpClock(cfg, driver, null);
        if (monitored) c.slaveEventMonitor((buf, off, len) -> monitor.add(Arrays.copyOfRange(buf.array(), off, off + len)));
        c.start(0);
        for (int i = 0; i < 4; i++) {
            PtpMessage a = msg(MessageType.ANNOUNCE, i).grandmasterPriority1(1).grandmasterClockQuality(6, 0x21, 0x4E5D)
                    .grandmasterPriority2(1).grandmasterIdentity(MASTER);
            rx(c, a, Long.MIN_VALUE, (1 + i) * S);
        }
        assertTrue(c.port(1).isSlaveLike(), "the client follows MASTER: " + c.port(1).state());
        return c;
    }

    static long u48(byte[] m, int at) {
        return ByteBuffer.wrap(m).getLong(at - 2) & 0xFFFF_FFFF_FFFFL;
    }

    static long timestamp(byte[] m, int at) {
        return u48(m, at) * S + (ByteBuffer.wrap(m).getInt(at + 6) & 0xFFFF_FFFFL);
    }

    /** The Signaling header of a monitor message, as port_signaling_construct fills it for the UDS port. */
    static void header(byte[] m, int length, int sequenceId, int tlvType) {
        ByteBuffer w = ByteBuffer.wrap(m);
        assertEquals(length, m.length);
        assertEquals(0x0C, m[0] & 0xFF, "SIGNALING, transportSpecific 0");
        assertEquals(0x12, m[1] & 0xFF, "version 2.1");
        assertEquals(length, w.getShort(2) & 0xFFFF, "messageLength");
        assertEquals(3, m[4], "domainNumber");
        assertEquals(0, w.getShort(6), "flags");
        assertEquals(0L, w.getLong(8), "correctionField");
        assertEquals(SELF, w.getLong(20), "sourcePortIdentity: this clock");
        assertEquals(0, w.getShort(28), "port 0 (the management port)");
        assertEquals(sequenceId, w.getShort(30) & 0xFFFF, "sequenceId");
        assertEquals(0, m[32], "controlField");
        assertEquals(0x7F, m[33], "logMessageInterval");
        for (int i = 34; i < 44; i++) assertEquals((byte) 0xFF, m[i], "wildcard targetPortIdentity");
        assertEquals(tlvType, w.getShort(44) & 0xFFFF, "tlvType");
        assertEquals(length - 48, w.getShort(46) & 0xFFFF, "lengthField");
        assertEquals(MASTER, w.getLong(48), "TLV sourcePortIdentity: the parent");
        assertEquals(1, w.getShort(56), "the parent's port");
    }

    @Test
    void syncAndFollowUpGiveOneSyncTimingRecordEach() {
        PtpClock c = client(true);
        // a two-step Sync: correction 3000.5 ns, then its Follow_Up: correction 200 ns
        long t1 = T0 + 123_456_789L, t2 = T0 + 124_000_000L;
        rx(c, msg(MessageType.SYNC, 40).flag(PtpMessage.FLAG_TWO_STEP, true).correctionField((3000L << 16) | 0x8000), t2, 5 * S);
        assertEquals(0, monitor.size(), "nothing before the Follow_Up");
        rx(c, msg(MessageType.FOLLOW_UP, 40).correctionField(200L << 16).timestampFromNanos(PtpMessage.OFF_BODY, t1), Long.MIN_VALUE,
                5 * S + 1000);
        assertEquals(1, monitor.size());
        byte[] m = monitor.get(0);
        header(m, 92, 1, SlaveEventMonitor.TLV_SLAVE_RX_SYNC_TIMING_DATA);
        ByteBuffer w = ByteBuffer.wrap(m);
        assertEquals(40, w.getShort(58), "record sequenceId");
        assertEquals(t1, timestamp(m, 60), "syncOriginTimestamp: preciseOriginTimestamp, uncorrected");
        assertEquals(3200L << 16, w.getLong(70), "totalCorrectionField: both corrections, whole ns");
        assertEquals(0, w.getInt(78), "scaledCumulativeRateOffset");
        assertEquals(t2, timestamp(m, 82), "syncEventIngressTimestamp");

        // the Follow_Up first, then its Sync; then a one-step Sync: a message each, sequenceIds 2, 3
        rx(c, msg(MessageType.FOLLOW_UP, 41).timestampFromNanos(PtpMessage.OFF_BODY, t1 + S), Long.MIN_VALUE, 6 * S);
        rx(c, msg(MessageType.SYNC, 41).flag(PtpMessage.FLAG_TWO_STEP, true).correctionField(7L << 16), t2 + S, 6 * S + 10);
        rx(c, msg(MessageType.SYNC, 42).correctionField(-5L << 16).timestampFromNanos(PtpMessage.OFF_BODY, t1 + 2 * S), t2 + 2 * S, 7 * S);
        assertEquals(3, monitor.size());
        header(monitor.get(1), 92, 2, SlaveEventMonitor.TLV_SLAVE_RX_SYNC_TIMING_DATA);
        assertEquals(41, ByteBuffer.wrap(monitor.get(1)).getShort(58));
        assertEquals(7L << 16, ByteBuffer.wrap(monitor.get(1)).getLong(70));
        assertEquals(t2 + S, timestamp(monitor.get(1), 82));
        header(monitor.get(2), 92, 3, SlaveEventMonitor.TLV_SLAVE_RX_SYNC_TIMING_DATA);
        assertEquals(t1 + 2 * S, timestamp(monitor.get(2), 60), "a one-step Sync's originTimestamp");
        assertEquals(-5L << 16, ByteBuffer.wrap(monitor.get(2)).getLong(70));
    }

    @Test
    void delayRespGivesOneDelayTimingRecord() {
        PtpClock c = client(true);
        long now = 5 * S;
        while (delayReqSeq < 0 && now < 20 * S) c.onTimer(now += S / 8);
        assertTrue(delayReqSeq >= 0, "a Delay_Req went out");
        long t3 = T0 + 2 * S + 17, t4 = T0 + 2 * S + 90_000;
        c.onTxTimestamp(1, MessageType.DELAY_REQ.code, delayReqSeq, t3, now);
        rx(c, msg(MessageType.DELAY_RESP, delayReqSeq).correctionField((50L << 16) | 0x1234).timestampFromNanos(PtpMessage.OFF_BODY, t4)
                .requestingPort(SELF, 1), Long.MIN_VALUE, now + 1000);
        assertEquals(1, monitor.size());
        byte[] m = monitor.get(0);
        header(m, 88, 0, SlaveEventMonitor.TLV_SLAVE_DELAY_TIMING_DATA_NP);
        ByteBuffer w = ByteBuffer.wrap(m);
        assertEquals(delayReqSeq, w.getShort(58) & 0xFFFF, "the Delay_Resp's sequenceId");
        assertEquals(t3, timestamp(m, 60), "delayOriginTimestamp: t3");
        assertEquals(50L << 16, w.getLong(70), "totalCorrectionField: the Delay_Resp's, whole ns");
        assertEquals(t4, timestamp(m, 78), "delayResponseTimestamp: receiveTimestamp, uncorrected");
    }

    @Test
    void nothingWithoutTheKey() {
        PtpClock c = client(false);
        rx(c, msg(MessageType.SYNC, 1).timestampFromNanos(PtpMessage.OFF_BODY, T0), T0 + 5, 5 * S);
        assertEquals(0, monitor.size());
    }

    @Test
    void recordsAreBatchedAndAnotherParentDropsTheUnsent() {
        ClockConfig cfg = new ClockConfig();
        cfg.clockIdentity = SELF;
        SlaveEventMonitor mon = new SlaveEventMonitor(cfg, (buf, off, len) -> monitor.add(Arrays.copyOfRange(buf.array(), off, off + len)), 3);
        mon.sync(MASTER, 1, 10, T0, 0, T0 + 1);
        mon.sync(MASTER, 1, 11, T0 + S, 0, T0 + S + 1);
        assertEquals(0, monitor.size(), "not full yet");
        mon.sync(MASTER + 1, 1, 12, T0 + 2 * S, 0, T0 + 2 * S + 1); // another parent: 10 and 11 are dropped
        mon.sync(MASTER + 1, 1, 13, T0 + 3 * S, 0, T0 + 3 * S + 1);
        mon.sync(MASTER + 1, 1, 14, T0 + 4 * S, 1L << 50, T0 + 4 * S + 1);
        assertEquals(1, monitor.size());
        byte[] m = monitor.get(0);
        ByteBuffer w = ByteBuffer.wrap(m);
        assertEquals(44 + 4 + 10 + 3 * 34, m.length);
        assertEquals(10 + 3 * 34, w.getShort(46));
        assertEquals(MASTER + 1, w.getLong(48));
        for (int i = 0; i < 3; i++) {
            assertEquals(12 + i, w.getShort(58 + 34 * i), "record " + i);
            assertEquals(T0 + (2 + i) * S + 1, timestamp(m, 58 + 34 * i + 24));
        }
        assertEquals(0x7FFF_FFFF_FFFFL << 16, w.getLong(58 + 68 + 12), "a correction beyond 48 bits saturates (tmv_to_TimeInterval)");
    }

    @Test
    void onlySlavePortsReport() {
        ClockConfig cfg = new ClockConfig();
        cfg.clockIdentity = SELF;
        cfg.freeRunning = true;
        cfg.domainNumber = 3;
        PtpClock c = new PtpClock(cfg, driver, null);
        c.slaveEventMonitor((buf, off, len) -> monitor.add(new byte[len]));
        c.start(0);
        rx(c, msg(MessageType.SYNC, 1).timestampFromNanos(PtpMessage.OFF_BODY, T0), T0 + 5, S);
        assertEquals(PortState.LISTENING, c.port(1).state());
        assertEquals(0, monitor.size());
    }
}
