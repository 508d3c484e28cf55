package io.ptp4j.core.wire;

import java.nio.ByteBuffer;

/**
 * Flyweight over one PTP message in a buffer (IEEE 1588-2019 clause 13): reads and writes the
 * common header and every fixed message body in place, big-endian, with no allocation.
 *
 * <p>Wrap a buffer, then {@link #validate()} before trusting any field of a received packet.
 * Offsets are relative to the start of the PTP message (after any UDP/Ethernet framing).
 */
public final class PtpMessage {
    // Common header, 13.3.1 Table 35.
    public static final int HEADER_LENGTH = 34;
    static final int OFF_SDO_TYPE = 0;
    static final int OFF_VERSION = 1;
    static final int OFF_LENGTH = 2;
    static final int OFF_DOMAIN = 4;
    static final int OFF_MINOR_SDO = 5;
    static final int OFF_FLAGS = 6;
    static final int OFF_CORRECTION = 8;
    static final int OFF_TYPE_SPECIFIC = 16;
    static final int OFF_SOURCE_PORT = 20;
    static final int OFF_SEQUENCE = 30;
    static final int OFF_CONTROL = 32;
    static final int OFF_LOG_INTERVAL = 33;
    /** Body start; every message's first body field (timestamp or targetPortIdentity) is here. */
    public static final int OFF_BODY = 34;
    /** Second body field: requestingPortIdentity, or the Announce currentUtcOffset. */
    static final int OFF_BODY2 = 44;

    // flagField bits (13.3.2.8 Table 37), as the 16-bit big-endian field: octet 0 is the high byte.
    public static final int FLAG_ALTERNATE_MASTER = 0x0100;
    public static final int FLAG_TWO_STEP = 0x0200;
    public static final int FLAG_UNICAST = 0x0400;
    public static final int FLAG_PROFILE_SPECIFIC_1 = 0x2000;
    public static final int FLAG_PROFILE_SPECIFIC_2 = 0x4000;
    public static final int FLAG_SECURITY = 0x8000;
    public static final int FLAG_LEAP61 = 0x0001;
    public static final int FLAG_LEAP59 = 0x0002;
    public static final int FLAG_UTC_OFFSET_VALID = 0x0004;
    public static final int FLAG_PTP_TIMESCALE = 0x0008;
    public static final int FLAG_TIME_TRACEABLE = 0x0010;
    public static final int FLAG_FREQUENCY_TRACEABLE = 0x0020;
    public static final int FLAG_SYNCHRONIZATION_UNCERTAIN = 0x0040;

    // Announce body (13.5.1 Table 43).
    static final int OFF_ANN_UTC_OFFSET = 44;
    static final int OFF_ANN_PRIORITY1 = 47;
    static final int OFF_ANN_CLOCK_CLASS = 48;
    static final int OFF_ANN_CLOCK_ACCURACY = 49;
    static final int OFF_ANN_VARIANCE = 50;
    static final int OFF_ANN_PRIORITY2 = 52;
    static final int OFF_ANN_GM_IDENTITY = 53;
    static final int OFF_ANN_STEPS_REMOVED = 61;
    static final int OFF_ANN_TIME_SOURCE = 63;

    // Management body (15.4.1 Table 58).
    static final int OFF_MGMT_STARTING_HOPS = 44;
    static final int OFF_MGMT_HOPS = 45;
    static final int OFF_MGMT_ACTION = 46;

    private ByteBuffer buf;
    private int base;
    private int capacity;

    /** Wraps {@code length} bytes of {@code buffer} starting at {@code offset}. */
    public PtpMessage wrap(ByteBuffer buffer, int offset, int length) {
        this.buf = buffer;
        this.base = offset;
        this.capacity = length;
        return this;
    }

    public ByteBuffer buffer() {
        return buf;
    }

    public int baseOffset() {
        return base;
    }

    /** Bytes available in the wrapped region (the datagram length on receive). */
    public int capacity() {
        return capacity;
    }

    /**
     * Checks that the wrapped bytes hold a well-formed PTPv2 message of a known type whose
     * messageLength fits the buffer and covers the fixed body. Throws a DecodeException naming
     * the field and offset otherwise. TLVs are checked separately by {@link TlvCursor}.
     */
    public MessageType validate() throws DecodeException {
        if (capacity < HEADER_LENGTH) {
            throw new DecodeException("header", 0, "truncated: " + capacity + " bytes, need " + HEADER_LENGTH);
        }
        int version = versionPtp();
        if (version != 2) {
            throw new DecodeException("versionPTP", OFF_VERSION, "unsupported version " + version);
        }
        MessageType type = messageType();
        if (type == null) {
            throw new DecodeException("messageType", OFF_SDO_TYPE, "reserved value 0x" + Integer.toHexString(messageTypeCode()));
        }
        int len = messageLength();
        if (len > capacity) {
            throw new DecodeException("messageLength", OFF_LENGTH, "says " + len + " but only " + capacity + " bytes arrived");
        }
        if (len < type.fixedLength) {
            throw new DecodeException("messageLength", OFF_LENGTH, "says " + len + ", shorter than the " + type.fixedLength + " bytes a " + type + " needs");
        }
        return type;
    }

    /** {@link #validate()} and then every TLV (lengths inside messageLength, fixed parts present). */
    public MessageType validate(TlvCursor tlvs) throws DecodeException {
        MessageType type = validate();
        tlvs.reset(this).validateAll();
        return type;
    }

    // ---- header -------------------------------------------------------------------------

    public int majorSdoId() {
        return (u8(OFF_SDO_TYPE) >>> 4) & 0xF;
    }

    /** The 4-bit majorSdoId; PTPv2 calls it transportSpecific (802.1AS sets 1). */
    public PtpMessage majorSdoId(int v) {
        return u8(OFF_SDO_TYPE, ((v & 0xF) << 4) | (u8(OFF_SDO_TYPE) & 0xF));
    }

    public int messageTypeCode() {
        return u8(OFF_SDO_TYPE) & 0xF;
    }

    public MessageType messageType() {
        return MessageType.ofCode(messageTypeCode());
    }

    public PtpMessage messageType(MessageType t) {
        return u8(OFF_SDO_TYPE, (u8(OFF_SDO_TYPE) & 0xF0) | t.code);
    }

    public int minorVersionPtp() {
        return (u8(OFF_VERSION) >>> 4) & 0xF;
    }

    public int versionPtp() {
        return u8(OFF_VERSION) & 0xF;
    }

    public PtpMessage version(int major, int minor) {
        return u8(OFF_VERSION, ((minor & 0xF) << 4) | (major & 0xF));
    }

    public int messageLength() {
        return u16(OFF_LENGTH);
    }

    public PtpMessage messageLength(int v) {
        return u16(OFF_LENGTH, v);
    }

    public int domainNumber() {
        return u8(OFF_DOMAIN);
    }

    public PtpMessage domainNumber(int v) {
        return u8(OFF_DOMAIN, v);
    }

    public int minorSdoId() {
        return u8(OFF_MINOR_SDO);
    }

    public PtpMessage minorSdoId(int v) {
        return u8(OFF_MINOR_SDO, v);
    }

    public int flags() {
        return u16(OFF_FLAGS);
    }

    public PtpMessage flags(int v) {
        return u16(OFF_FLAGS, v);
    }

    public boolean flag(int mask) {
        return (flags() & mask) != 0;
    }

    public PtpMessage flag(int mask, boolean on) {
        return flags(on ? flags() | mask : flags() & ~mask);
    }

    /** correctionField in scaled nanoseconds (ns × 2^16), 13.3.2.9. */
    public long correctionField() {
        return buf.getLong(base + OFF_CORRECTION);
    }

    public PtpMessage correctionField(long scaledNanos) {
        buf.putLong(base + OFF_CORRECTION, scaledNanos);
        return this;
    }

    public int messageTypeSpecific() {
        return buf.getInt(base + OFF_TYPE_SPECIFIC);
    }

    public PtpMessage messageTypeSpecific(int v) {
        buf.putInt(base + OFF_TYPE_SPECIFIC, v);
        return this;
    }

    public long sourceClockIdentity() {
        return buf.getLong(base + OFF_SOURCE_PORT);
    }

    public int sourcePortNumber() {
        return u16(OFF_SOURCE_PORT + 8);
    }

    public PtpMessage sourcePort(long clockIdentity, int portNumber) {
        buf.putLong(base + OFF_SOURCE_PORT, clockIdentity);
        return u16(OFF_SOURCE_PORT + 8, portNumber);
    }

    /** Allocates; for logs and management, not the per-packet path. */
    public PortIdentity sourcePortIdentity() {
        return new PortIdentity(sourceClockIdentity(), sourcePortNumber());
    }

    public int sequenceId() {
        return u16(OFF_SEQUENCE);
    }

    public PtpMessage sequenceId(int v) {
        return u16(OFF_SEQUENCE, v);
    }

    public int controlField() {
        return u8(OFF_CONTROL);
    }

    public PtpMessage controlField(int v) {
        return u8(OFF_CONTROL, v);
    }

    public int logMessageInterval() {
        return buf.get(base + OFF_LOG_INTERVAL);
    }

    public PtpMessage logMessageInterval(int v) {
        buf.put(base + OFF_LOG_INTERVAL, (byte) v);
        return this;
    }

    /**
     * Writes a fresh header for {@code type}: version 2.{minor}, messageLength = the fixed length,
     * controlField per Table 42, everything else zero. Callers then set the fields they need.
     */
    public PtpMessage initHeader(MessageType type, int minorVersion) {
        int i = 0;
        for (; i + 8 <= type.fixedLength; i += 8) buf.putLong(base + i, 0L);
        for (; i < type.fixedLength; i++) buf.put(base + i, (byte) 0);
        messageType(type);
        version(2, minorVersion);
        messageLength(type.fixedLength);
        controlField(type.controlField());
        return this;
    }

    // ---- timestamps (5.3.3: 48-bit seconds, 32-bit nanoseconds) ---------------------------

    public long timestampSeconds(int off) {
        return ((long) u16(off) << 32) | (buf.getInt(base + off + 2) & 0xFFFFFFFFL);
    }

    public int timestampNanos(int off) {
        return buf.getInt(base + off + 6);
    }

    /** The timestamp at {@code off} as nanoseconds since the epoch of its timescale. */
    public long timestampAsNanos(int off) {
        return timestampSeconds(off) * 1_000_000_000L + timestampNanos(off);
    }

    public PtpMessage timestamp(int off, long seconds, int nanos) {
        u16(off, (int) (seconds >>> 32));
        buf.putInt(base + off + 2, (int) seconds);
        buf.putInt(base + off + 6, nanos);
        return this;
    }

    public PtpMessage timestampFromNanos(int off, long nanos) {
        return timestamp(off, Math.floorDiv(nanos, 1_000_000_000L), (int) Math.floorMod(nanos, 1_000_000_000L));
    }

    /** originTimestamp / preciseOriginTimestamp / receiveTimestamp / requestReceiptTimestamp / responseOriginTimestamp. */
    public long bodyTimestampSeconds() {
        return timestampSeconds(OFF_BODY);
    }

    public int bodyTimestampNanos() {
        return timestampNanos(OFF_BODY);
    }

    public long bodyTimestampAsNanos() {
        return timestampAsNanos(OFF_BODY);
    }

    public PtpMessage bodyTimestamp(long seconds, int nanos) {
        return timestamp(OFF_BODY, seconds, nanos);
    }

    // ---- port identities in bodies --------------------------------------------------------

    /** requestingPortIdentity of Delay_Resp, Pdelay_Resp, Pdelay_Resp_Follow_Up. */
    public long requestingClockIdentity() {
        return buf.getLong(base + OFF_BODY2);
    }

    public int requestingPortNumber() {
        return u16(OFF_BODY2 + 8);
    }

    public PtpMessage requestingPort(long clockIdentity, int portNumber) {
        buf.putLong(base + OFF_BODY2, clockIdentity);
        return u16(OFF_BODY2 + 8, portNumber);
    }

    /** targetPortIdentity of Signaling and Management. */
    public long targetClockIdentity() {
        return buf.getLong(base + OFF_BODY);
    }

    public int targetPortNumber() {
        return u16(OFF_BODY + 8);
    }

    public PtpMessage targetPort(long clockIdentity, int portNumber) {
        buf.putLong(base + OFF_BODY, clockIdentity);
        return u16(OFF_BODY + 8, portNumber);
    }

    // ---- Announce ---------------------------------------------------------------------------

    public int currentUtcOffset() {
        return buf.getShort(base + OFF_ANN_UTC_OFFSET);
    }

    public PtpMessage currentUtcOffset(int v) {
        buf.putShort(base + OFF_ANN_UTC_OFFSET, (short) v);
        return this;
    }

    public int grandmasterPriority1() {
        return u8(OFF_ANN_PRIORITY1);
    }

    public PtpMessage grandmasterPriority1(int v) {
        return u8(OFF_ANN_PRIORITY1, v);
    }

    public int grandmasterClockClass() {
        return u8(OFF_ANN_CLOCK_CLASS);
    }

    public int grandmasterClockAccuracy() {
        return u8(OFF_ANN_CLOCK_ACCURACY);
    }

    public int grandmasterOffsetScaledLogVariance() {
        return u16(OFF_ANN_VARIANCE);
    }

    public PtpMessage grandmasterClockQuality(int clockClass, int clockAccuracy, int variance) {
        u8(OFF_ANN_CLOCK_CLASS, clockClass);
        u8(OFF_ANN_CLOCK_ACCURACY, clockAccuracy);
        return u16(OFF_ANN_VARIANCE, variance);
    }

    public int grandmasterPriority2() {
        return u8(OFF_ANN_PRIORITY2);
    }

    public PtpMessage grandmasterPriority2(int v) {
        return u8(OFF_ANN_PRIORITY2, v);
    }

    public long grandmasterIdentity() {
        return buf.getLong(base + OFF_ANN_GM_IDENTITY);
    }

    public PtpMessage grandmasterIdentity(long v) {
        buf.putLong(base + OFF_ANN_GM_IDENTITY, v);
        return this;
    }

    public int stepsRemoved() {
        return u16(OFF_ANN_STEPS_REMOVED);
    }

    public PtpMessage stepsRemoved(int v) {
        return u16(OFF_ANN_STEPS_REMOVED, v);
    }

    public int timeSource() {
        return u8(OFF_ANN_TIME_SOURCE);
    }

    public PtpMessage timeSource(int v) {
        return u8(OFF_ANN_TIME_SOURCE, v);
    }

    // ---- Management ---------------------------------------------------------------------------

    public int startingBoundaryHops() {
        return u8(OFF_MGMT_STARTING_HOPS);
    }

    public PtpMessage startingBoundaryHops(int v) {
        return u8(OFF_MGMT_STARTING_HOPS, v);
    }

    public int boundaryHops() {
        return u8(OFF_MGMT_HOPS);
    }

    public PtpMessage boundaryHops(int v) {
        return u8(OFF_MGMT_HOPS, v);
    }

    /** actionField: 0 GET, 1 SET, 2 RESPONSE, 3 COMMAND, 4 ACKNOWLEDGE (15.4.1.6 Table 57). */
    public int actionField() {
        return u8(OFF_MGMT_ACTION) & 0xF;
    }

    public PtpMessage actionField(int v) {
        return u8(OFF_MGMT_ACTION, (u8(OFF_MGMT_ACTION) & 0xF0) | (v & 0xF));
    }

    // ---- TLV area ---------------------------------------------------------------------------

    /** Offset of the first TLV: the end of the fixed body for this message's type. */
    public int tlvOffset() {
        MessageType t = messageType();
        return t == null ? HEADER_LENGTH : t.fixedLength;
    }

    // ---- raw access ---------------------------------------------------------------------------

    public int u8(int off) {
        return buf.get(base + off) & 0xFF;
    }

    public PtpMessage u8(int off, int v) {
        buf.put(base + off, (byte) v);
        return this;
    }

    public int u16(int off) {
        return buf.getShort(base + off) & 0xFFFF;
    }

    public PtpMessage u16(int off, int v) {
        buf.putShort(base + off, (short) v);
        return this;
    }
}
