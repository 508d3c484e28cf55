package io.ptp4j.core.wire;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A whole PTP message as values: header, body and TLVs, every octet accounted for (reserved
 * fields included) so that {@link #encode()} reproduces the decoded bytes exactly. For tools,
 * tests and management; the packet path uses the {@link PtpMessage} flyweight instead.
 */
public record DecodedMessage(Header header, Body body, List<Tlv> tlvs, byte[] trailer) {

    /** The common header (13.3). {@code sdoAndType} and {@code version} are kept as whole octets. */
    public record Header(int majorSdoId, MessageType type, int minorVersion, int version, int messageLength,
                         int domainNumber, int minorSdoId, int flags, long correctionField, int messageTypeSpecific,
                         PortIdentity sourcePortIdentity, int sequenceId, int controlField, int logMessageInterval) {
        /** correctionField in nanoseconds (it is carried as ns * 2^16). */
        public double correctionNanos() {
            return correctionField / 65536.0;
        }
    }

    /** A 48-bit seconds + 32-bit nanoseconds timestamp (5.3.3). */
    public record Timestamp(long seconds, long nanoseconds) {
        @Override
        public String toString() {
            return String.format("%d.%09d", seconds, nanoseconds);
        }
    }

    /** The message body after the header, by type. */
    public sealed interface Body permits TimestampBody, PdelayReqBody, ResponseBody, AnnounceBody, SignalingBody, ManagementBody {}

    /** Sync, Delay_Req (originTimestamp), Follow_Up (preciseOriginTimestamp). */
    public record TimestampBody(Timestamp timestamp) implements Body {}

    /** Pdelay_Req: originTimestamp and 10 reserved octets. */
    public record PdelayReqBody(Timestamp originTimestamp, byte[] reserved) implements Body {}

    /** Delay_Resp, Pdelay_Resp, Pdelay_Resp_Follow_Up: a timestamp and requestingPortIdentity. */
    public record ResponseBody(Timestamp timestamp, PortIdentity requestingPortIdentity) implements Body {}

    /** Announce (13.5). */
    public record AnnounceBody(Timestamp originTimestamp, int currentUtcOffset, int reserved, int grandmasterPriority1,
                               ClockQuality grandmasterClockQuality, int grandmasterPriority2, long grandmasterIdentity,
                               int stepsRemoved, int timeSource) implements Body {}

    /** Signaling (13.10): targetPortIdentity; its TLVs carry the content. */
    public record SignalingBody(PortIdentity targetPortIdentity) implements Body {}

    /** Management (15.4): the actionField octet is kept whole (its high nibble is reserved). */
    public record ManagementBody(PortIdentity targetPortIdentity, int startingBoundaryHops, int boundaryHops,
                                 int actionOctet, int reserved) implements Body {
        public int actionField() {
            return actionOctet & 0x0F;
        }
    }

    /** One TLV: its type and its value bytes (lengthField = value.length). */
    public record Tlv(int type, byte[] value) {
        public String name() {
            return TlvType.name(type);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Tlv t && t.type == type && Arrays.equals(t.value, value);
        }

        @Override
        public int hashCode() {
            return 31 * type + Arrays.hashCode(value);
        }
    }

    /**
     * Decodes {@code length} bytes of {@code buf} at {@code offset}. Bytes past messageLength
     * (padding some senders add) are kept as the trailer.
     */
    public static DecodedMessage decode(ByteBuffer buf, int offset, int length) throws DecodeException {
        PtpMessage m = new PtpMessage().wrap(buf, offset, length);
        TlvCursor cursor = new TlvCursor();
        MessageType type = m.validate(cursor);
        Header h = new Header(m.majorSdoId(), type, m.minorVersionPtp(), m.versionPtp(), m.messageLength(), m.domainNumber(),
                m.minorSdoId(), m.flags(), m.correctionField(), m.messageTypeSpecific(), m.sourcePortIdentity(), m.sequenceId(),
                m.controlField(), m.logMessageInterval());
        Body body = switch (type) {
            case SYNC, DELAY_REQ, FOLLOW_UP -> new TimestampBody(ts(m, PtpMessage.OFF_BODY));
            case PDELAY_REQ -> new PdelayReqBody(ts(m, PtpMessage.OFF_BODY), bytes(m, PtpMessage.OFF_BODY2, 10));
            case DELAY_RESP, PDELAY_RESP, PDELAY_RESP_FOLLOW_UP -> new ResponseBody(ts(m, PtpMessage.OFF_BODY),
                    new PortIdentity(m.requestingClockIdentity(), m.requestingPortNumber()));
            case ANNOUNCE -> new AnnounceBody(ts(m, PtpMessage.OFF_BODY), m.currentUtcOffset(), m.u8(46), m.grandmasterPriority1(),
                    new ClockQuality(m.grandmasterClockClass(), m.grandmasterClockAccuracy(), m.grandmasterOffsetScaledLogVariance()),
                    m.grandmasterPriority2(), m.grandmasterIdentity(), m.stepsRemoved(), m.timeSource());
            case SIGNALING -> new SignalingBody(new PortIdentity(m.targetClockIdentity(), m.targetPortNumber()));
            case MANAGEMENT -> new ManagementBody(new PortIdentity(m.targetClockIdentity(), m.targetPortNumber()),
                    m.startingBoundaryHops(), m.boundaryHops(), m.u8(PtpMessage.OFF_MGMT_ACTION), m.u8(47));
        };
        List<Tlv> tlvs = new ArrayList<>();
        cursor.reset(m);
        while (cursor.next()) tlvs.add(new Tlv(cursor.type(), bytes(m, cursor.valueOffset(), cursor.length())));
        byte[] trailer = bytes(m, m.messageLength(), length - m.messageLength());
        return new DecodedMessage(h, body, List.copyOf(tlvs), trailer);
    }

    public static DecodedMessage decode(byte[] bytes) throws DecodeException {
        return decode(ByteBuffer.wrap(bytes), 0, bytes.length);
    }

    /** Encodes back to bytes: header, body, TLVs and trailer, exactly as decoded. */
    public byte[] encode() {
        int len = header.messageLength() + trailer.length;
        int needed = header.type().fixedLength;
        for (Tlv t : tlvs) needed += 4 + t.value().length;
        byte[] out = new byte[Math.max(len, needed + trailer.length)];
        ByteBuffer buf = ByteBuffer.wrap(out);
        PtpMessage m = new PtpMessage().wrap(buf, 0, out.length);
        m.initHeader(header.type(), header.minorVersion());
        m.u8(PtpMessage.OFF_SDO_TYPE, (header.majorSdoId() & 0xF) << 4 | header.type().code);
        m.u8(PtpMessage.OFF_VERSION, (header.minorVersion() & 0xF) << 4 | (header.version() & 0xF));
        m.domainNumber(header.domainNumber()).minorSdoId(header.minorSdoId()).flags(header.flags())
                .correctionField(header.correctionField()).messageTypeSpecific(header.messageTypeSpecific())
                .sourcePort(header.sourcePortIdentity().clockIdentity(), header.sourcePortIdentity().portNumber())
                .sequenceId(header.sequenceId()).controlField(header.controlField()).logMessageInterval(header.logMessageInterval());
        switch (body) {
            case TimestampBody b -> m.bodyTimestamp(b.timestamp().seconds(), (int) b.timestamp().nanoseconds());
            case PdelayReqBody b -> {
                m.bodyTimestamp(b.originTimestamp().seconds(), (int) b.originTimestamp().nanoseconds());
                for (int i = 0; i < 10; i++) m.u8(PtpMessage.OFF_BODY2 + i, b.reserved()[i]);
            }
            case ResponseBody b -> {
                m.bodyTimestamp(b.timestamp().seconds(), (int) b.timestamp().nanoseconds());
                m.requestingPort(b.requestingPortIdentity().clockIdentity(), b.requestingPortIdentity().portNumber());
            }
            case AnnounceBody b -> {
                m.bodyTimestamp(b.originTimestamp().seconds(), (int) b.originTimestamp().nanoseconds());
                m.currentUtcOffset(b.currentUtcOffset()).u8(46, b.reserved()).grandmasterPriority1(b.grandmasterPriority1())
                        .grandmasterClockQuality(b.grandmasterClockQuality().clockClass(), b.grandmasterClockQuality().clockAccuracy(),
                                b.grandmasterClockQuality().offsetScaledLogVariance())
                        .grandmasterPriority2(b.grandmasterPriority2()).grandmasterIdentity(b.grandmasterIdentity())
                        .stepsRemoved(b.stepsRemoved()).timeSource(b.timeSource());
            }
            case SignalingBody b -> m.targetPort(b.targetPortIdentity().clockIdentity(), b.targetPortIdentity().portNumber());
            case ManagementBody b -> {
                m.targetPort(b.targetPortIdentity().clockIdentity(), b.targetPortIdentity().portNumber());
                m.startingBoundaryHops(b.startingBoundaryHops()).boundaryHops(b.boundaryHops())
                        .u8(PtpMessage.OFF_MGMT_ACTION, b.actionOctet()).u8(47, b.reserved());
            }
        }
        for (Tlv t : tlvs) {
            int v = TlvCursor.append(m, t.type(), t.value().length);
            buf.put(v, t.value());
        }
        // messageLength as decoded (it may differ from the sum if a sender padded inside it).
        m.messageLength(header.messageLength());
        System.arraycopy(trailer, 0, out, header.messageLength(), trailer.length);
        return out.length == len ? out : Arrays.copyOf(out, len);
    }

    private static Timestamp ts(PtpMessage m, int off) {
        return new Timestamp(m.timestampSeconds(off), m.timestampNanos(off) & 0xFFFFFFFFL);
    }

    private static byte[] bytes(PtpMessage m, int off, int n) {
        byte[] b = new byte[Math.max(0, n)];
        m.buffer().get(m.baseOffset() + off, b);
        return b;
    }
}
