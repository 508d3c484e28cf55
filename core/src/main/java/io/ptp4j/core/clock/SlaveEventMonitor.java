package io.ptp4j.core.clock;

import io.ptp4j.core.engine.ClockConfig;
import io.ptp4j.core.wire.PtpMessage;
import java.nio.ByteBuffer;

/**
 * ptp4l's slave event monitor ({@code slave_event_monitor}, linuxptp monitor.c): while a port is
 * UNCALIBRATED or SLAVE, every Sync it takes and every Delay_Resp that answers its Delay_Req is
 * reported to a local listener as a Signaling message, sent from the clock's read-write management
 * port (portNumber 0) to the configured Unix socket path.
 *
 * <p>Two messages are kept, one per kind, each carrying one TLV with the parent's PortIdentity and
 * a fixed number of records ({@link #RECORDS_PER_MESSAGE}, 1 as in linuxptp 4.4); a message goes
 * out when its records are full. A change of parent drops the records not yet sent. Each message
 * has its own sequenceId, counted up after every send; both come from the management port's
 * Signaling counter, which linuxptp draws on for the delay message first (0) and the sync message
 * next (1).
 *
 * <p>Layout (network byte order): a Signaling header (34 octets: messageType 0xC with the
 * transportSpecific nibble, version 0x12, messageLength, domainNumber, zero flags, correction and
 * controlField, sourcePortIdentity = clockIdentity-0, sequenceId, logMessageInterval 0x7F), the
 * wildcard targetPortIdentity (10 octets of 0xFF), then the TLV: type, length, sourcePortIdentity
 * (10), and the records.
 * <ul>
 * <li>SLAVE_RX_SYNC_TIMING_DATA (0x8004) record, 34 octets: sequenceId (2), syncOriginTimestamp
 *     (10), totalCorrectionField (8, ns &lt;&lt; 16, the Sync's and Follow_Up's corrections whole
 *     nanoseconds), scaledCumulativeRateOffset (4, always 0), syncEventIngressTimestamp (10).
 * <li>SLAVE_DELAY_TIMING_DATA_NP (0x7F00) record, 30 octets: sequenceId (2, the Delay_Resp's),
 *     delayOriginTimestamp (10, t3), totalCorrectionField (8, the Delay_Resp's), delayResponseTimestamp
 *     (10, the receiveTimestamp t4).
 * </ul>
 * Sans-IO: the message goes to a {@link Sink}; no allocation per record.
 */
public final class SlaveEventMonitor {
    public static final int TLV_SLAVE_RX_SYNC_TIMING_DATA = 0x8004;
    public static final int TLV_SLAVE_DELAY_TIMING_DATA_NP = 0x7F00;
    /** linuxptp monitor.c RECORDS_PER_MESSAGE. */
    public static final int RECORDS_PER_MESSAGE = 1;
    public static final int SYNC_RECORD_SIZE = 34;
    public static final int DELAY_RECORD_SIZE = 30;
    static final int HEADER = 44, TLV_HEAD = 4 + 10;

    /** Where a finished message goes (ptp4l: a datagram to the configured Unix socket path). */
    @FunctionalInterface
    public interface Sink {
        void send(ByteBuffer buf, int offset, int length);
    }

    private final Sink sink;
    private final Kind sync, delay;

    /** A monitor with linuxptp's {@link #RECORDS_PER_MESSAGE}. */
    public SlaveEventMonitor(ClockConfig cfg, Sink sink) {
        this(cfg, sink, RECORDS_PER_MESSAGE);
    }

    /** A monitor that sends a message per {@code recordsPerMessage} records. */
    public SlaveEventMonitor(ClockConfig cfg, Sink sink, int recordsPerMessage) {
        if (recordsPerMessage < 1) throw new IllegalArgumentException("recordsPerMessage must be >= 1");
        this.sink = sink;
        // linuxptp builds the delay message first: it takes Signaling sequenceId 0, the sync message 1
        this.delay = new Kind(cfg, TLV_SLAVE_DELAY_TIMING_DATA_NP, DELAY_RECORD_SIZE, recordsPerMessage, 0);
        this.sync = new Kind(cfg, TLV_SLAVE_RX_SYNC_TIMING_DATA, SYNC_RECORD_SIZE, recordsPerMessage, 1);
    }

    /**
     * A Sync taken from parent {@code parentClock}-{@code parentPort} (linuxptp monitor_sync):
     * {@code originNanos} is the Sync's (one-step) or Follow_Up's origin timestamp, {@code
     * correctionNanos} the sum of the corrections, {@code ingressNanos} t2.
     */
    public void sync(long parentClock, int parentPort, int sequenceId, long originNanos, long correctionNanos, long ingressNanos) {
        PtpMessage m = sync.next(parentClock, parentPort);
        int at = sync.recordAt();
        m.u16(at, sequenceId).timestampFromNanos(at + 2, originNanos);
        m.buffer().putLong(at + 12, timeInterval(correctionNanos)).putInt(at + 20, 0); // scaledCumulativeRateOffset: linuxptp writes 0
        m.timestampFromNanos(at + 24, ingressNanos);
        sync.recorded(sink);
    }

    /**
     * A Delay_Resp that answered this port's Delay_Req (linuxptp monitor_delay): its sequenceId,
     * the request's egress time t3, the response's correction and its receiveTimestamp t4.
     */
    public void delay(long parentClock, int parentPort, int sequenceId, long t3Nanos, long correctionNanos, long t4Nanos) {
        PtpMessage m = delay.next(parentClock, parentPort);
        int at = delay.recordAt();
        m.u16(at, sequenceId).timestampFromNanos(at + 2, t3Nanos);
        m.buffer().putLong(at + 12, timeInterval(correctionNanos));
        m.timestampFromNanos(at + 20, t4Nanos);
        delay.recorded(sink);
    }

    /** linuxptp tmv_to_TimeInterval: whole nanoseconds scaled by 2^16, saturated at the 48-bit range. */
    static long timeInterval(long nanos) {
        long min = 0xFFFF_8000_0000_0000L, max = 0x0000_7FFF_FFFF_FFFFL;
        return Math.clamp(nanos, min, max) << 16;
    }

    /** One message kind: its buffer, its parent, how many records it holds. */
    private static final class Kind {
        final ByteBuffer buf;
        final PtpMessage msg = new PtpMessage(); // a flyweight over buf, for its field writers
        final int recordSize, perMessage, length;
        int count, sequenceId;
        // the TLV's sourcePortIdentity, all zero at first as in linuxptp's zeroed message
        long parentClock;
        int parentPort;

        Kind(ClockConfig cfg, int tlvType, int recordSize, int perMessage, int firstSequenceId) {
            this.recordSize = recordSize;
            this.perMessage = perMessage;
            this.length = HEADER + TLV_HEAD + recordSize * perMessage;
            this.sequenceId = firstSequenceId;
            buf = ByteBuffer.allocate(length);
            msg.wrap(buf, 0, length);
            buf.put(0, (byte) (((cfg.port.transportSpecific & 0xF) << 4) | 0xC)); // SIGNALING
            buf.put(1, (byte) 0x12); // linuxptp PTP_VERSION: 2.1
            buf.putShort(2, (short) length);
            buf.put(4, (byte) cfg.domainNumber);
            buf.putLong(20, cfg.clockIdentity); // sourcePortIdentity: the management port, number 0
            buf.put(33, (byte) 0x7F);
            for (int i = 34; i < 44; i++) buf.put(i, (byte) 0xFF); // wildcard targetPortIdentity
            buf.putShort(44, (short) tlvType).putShort(46, (short) (10 + recordSize * perMessage));
        }

        /** The message to write the next record in; other parent: the unsent records are dropped. */
        PtpMessage next(long clock, int port) {
            if (clock != parentClock || port != parentPort) {
                parentClock = clock;
                parentPort = port;
                buf.putLong(48, clock).putShort(56, (short) port);
                count = 0;
            }
            return msg;
        }

        int recordAt() {
            return HEADER + TLV_HEAD + count * recordSize;
        }

        void recorded(Sink sink) {
            if (++count < perMessage) return;
            count = 0;
            buf.putShort(30, (short) sequenceId);
            sink.send(buf, 0, length);
            sequenceId = (sequenceId + 1) & 0xFFFF;
        }
    }
}
