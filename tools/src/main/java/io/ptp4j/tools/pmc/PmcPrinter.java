package io.ptp4j.tools.pmc;

import io.ptp4j.core.management.ManagementErrorId;
import io.ptp4j.core.management.ManagementId;
import io.ptp4j.core.wire.ClockIdentity;
import io.ptp4j.core.wire.DecodedMessage;
import io.ptp4j.core.wire.MessageType;
import io.ptp4j.core.wire.PtpMessage;
import io.ptp4j.core.wire.TlvCursor;
import io.ptp4j.core.wire.TlvType;
import io.ptp4j.linux.transport.Ipv6Text;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * linuxptp pmc.c pmc_show: turns a received management message into {@link PmcResponse} with
 * exactly the labels, padding and number formats linuxptp prints for each id, and a Signaling
 * message (the slave event monitor's, ptp4l {@code slave_event_monitor}) as pmc_show_signaling
 * prints it.
 */
public final class PmcPrinter {
    static final String[] ACTIONS = {"GET", "SET", "RESPONSE", "COMMAND", "ACKNOWLEDGE"};
    static final String[] PORT_STATES = {"NONE", "INITIALIZING", "FAULTY", "DISABLED", "LISTENING", "PRE_MASTER", "MASTER",
        "PASSIVE", "UNCALIBRATED", "SLAVE", "GRAND_MASTER"};

    private final PmcDialect dialect;

    public PmcPrinter(PmcDialect dialect) {
        this.dialect = dialect;
    }

    /** The message shown, or null when pmc shows nothing for it (neither management nor signaling, bad action). */
    public PmcResponse show(ByteBuffer buf, int offset, int length) throws io.ptp4j.core.wire.DecodeException {
        PtpMessage m = new PtpMessage().wrap(buf, offset, length);
        TlvCursor tlvs = new TlvCursor();
        MessageType kind = m.validate(tlvs);
        if (kind == MessageType.SIGNALING) return signaling(m, tlvs, buf, offset);
        if (kind != MessageType.MANAGEMENT) return null;
        int action = m.actionField();
        if (action < 0 || action > 4) return null;
        PmcResponse r = new PmcResponse();
        r.source = m.sourcePortIdentity().toString();
        r.sequenceId = m.sequenceId();
        r.action = ACTIONS[action];
        tlvs.reset(m);
        int count = 0, type = -1, value = 0, len = 0;
        while (tlvs.next()) {
            if (count++ == 0) {
                type = tlvs.type();
                value = tlvs.valueOffset();
                len = tlvs.length();
            } else if (count == 2 && tlvs.type() == TlvType.AUTHENTICATION && dialect.v4()) {
                count = 1; // linuxptp 4 shows a management TLV followed by an AUTHENTICATION TLV
            }
        }
        if (count != 1) return r;
        if (type == TlvType.MANAGEMENT_ERROR_STATUS) {
            r.tlv = "MANAGEMENT_ERROR_STATUS";
            if (len >= 4) {
                ManagementErrorId e = ManagementErrorId.of(m.u16(value));
                r.error = e == null ? String.format("0x%04x", m.u16(value)) : e.name();
                r.managementId = m.u16(value + 2);
            }
            return r;
        }
        if (type != TlvType.MANAGEMENT) {
            r.tlv = "unknown-tlv";
            return r;
        }
        r.tlv = "MANAGEMENT";
        int id = m.u16(value);
        r.managementId = id;
        if (len == 2 && id != ManagementId.NULL_MANAGEMENT.id) {
            r.emptyTlv = true;
            return r;
        }
        Data d = new Data(buf, offset + value + 2, Math.max(0, len - 2));
        try {
            PmcFields.print(ManagementId.of(id), d, r, dialect.v4());
        } catch (IndexOutOfBoundsException e) {
            // linuxptp drops a TLV shorter than its id needs ("bad message"); say what was cut short.
            throw new io.ptp4j.core.wire.DecodeException(PmcCommands.nameOf(id), value, "data field of " + (len - 2) + " bytes is too short");
        }
        return r;
    }

    /**
     * linuxptp pmc_show_signaling: the header with "SIGNALING" where a management message has its
     * action, then each SLAVE_RX_SYNC_TIMING_DATA and SLAVE_DELAY_TIMING_DATA_NP TLV with its
     * records; other TLVs are passed over. As linuxptp's tlv.c, a TLV of these types whose length
     * is not the 10-octet sourcePortIdentity plus whole records makes the message a bad one.
     */
    private static PmcResponse signaling(PtpMessage m, TlvCursor tlvs, ByteBuffer buf, int offset)
            throws io.ptp4j.core.wire.DecodeException {
        PmcResponse r = new PmcResponse();
        r.source = m.sourcePortIdentity().toString();
        r.sequenceId = m.sequenceId();
        r.action = "SIGNALING";
        r.signaling = true;
        tlvs.reset(m);
        while (tlvs.next()) {
            boolean sync = tlvs.type() == TlvType.SLAVE_RX_SYNC_TIMING_DATA;
            if (!sync && tlvs.type() != TlvType.SLAVE_DELAY_TIMING_DATA_NP) continue;
            int size = sync ? SYNC_RECORD : DELAY_RECORD, len = tlvs.length();
            if (len < 10 || (len - 10) % size != 0) {
                throw new io.ptp4j.core.wire.DecodeException(TlvType.name(tlvs.type()), tlvs.tlvOffset() + 2,
                        "length " + len + " is not 10 + a multiple of " + size);
            }
            Data d = new Data(buf, offset + tlvs.valueOffset(), len);
            PmcResponse.SignalingTlv t = new PmcResponse.SignalingTlv(TlvType.name(tlvs.type()), d.portId(), new java.util.ArrayList<>());
            for (int i = 0; i < (len - 10) / size; i++) {
                java.util.List<PmcResponse.Field> rec = new java.util.ArrayList<>();
                long seq = d.u16();
                field(rec, "sequenceId", Long.toString(seq), seq);
                String origin = d.timestamp();
                field(rec, sync ? "syncOriginTimestamp" : "delayOriginTimestamp", origin, origin);
                long correction = d.i64() >> 16;
                field(rec, "totalCorrectionField", Long.toString(correction), correction);
                if (sync) {
                    long rate = d.u32(); // an Integer32 that pmc prints with %u
                    field(rec, "scaledCumulativeRateOffset", Long.toString(rate), rate);
                }
                String rx = d.timestamp();
                field(rec, sync ? "syncEventIngressTimestamp" : "delayResponseTimestamp", rx, rx);
                t.records().add(rec);
            }
            r.signalingTlvs.add(t);
        }
        return r;
    }

    /** Octets of a SLAVE_RX_SYNC_TIMING_DATA and of a SLAVE_DELAY_TIMING_DATA_NP record (linuxptp tlv.h). */
    static final int SYNC_RECORD = 34, DELAY_RECORD = 30;

    /** A record field: pmc.c pads every label of these TLVs to 27 columns. */
    private static void field(java.util.List<PmcResponse.Field> rec, String name, String text, Object json) {
        rec.add(new PmcResponse.Field(PmcResponse.signalingLabel(name), text, json));
    }

    /** Reads the dataField with bounds checks against its own length. */
    static final class Data {
        final ByteBuffer b;
        final int start, end;
        int at;

        Data(ByteBuffer b, int start, int length) {
            this.b = b;
            this.start = start;
            this.end = start + length;
            this.at = start;
        }

        private int need(int n) {
            if (at + n > end) throw new IndexOutOfBoundsException();
            int a = at;
            at += n;
            return a;
        }

        int u8() {
            return b.get(need(1)) & 0xFF;
        }

        int i8() {
            return b.get(need(1));
        }

        int u16() {
            return b.getShort(need(2)) & 0xFFFF;
        }

        int i16() {
            return b.getShort(need(2));
        }

        long u32() {
            return b.getInt(need(4)) & 0xFFFFFFFFL;
        }

        int i32() {
            return b.getInt(need(4));
        }

        long i64() {
            return b.getLong(need(8));
        }

        long le64() {
            return Long.reverseBytes(b.getLong(need(8)));
        }

        byte[] bytes(int n) {
            byte[] o = new byte[n];
            b.get(need(n), o);
            return o;
        }

        String clockId() {
            return ClockIdentity.format(i64());
        }

        String portId() {
            return clockId() + "-" + u16();
        }

        /** A Timestamp (48-bit seconds, 32-bit nanoseconds) as pmc prints it: seconds.nanoseconds, 9 digits. */
        String timestamp() {
            long seconds = ((long) u16() << 32) | u32();
            return new DecodedMessage.Timestamp(seconds, u32()).toString();
        }

        String text() {
            int n = u8();
            return new String(bytes(n), StandardCharsets.UTF_8);
        }

        void skip(int n) {
            need(n);
        }
    }

    static String hex(long v, int digits) {
        return String.format("0x%0" + digits + "x", v);
    }

    static String unsigned64(long v) {
        return Long.toUnsignedString(v);
    }

    /** linuxptp bin2str: colon-separated hex, at most 16 octets. */
    static String bin2str(byte[] b) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < Math.min(b.length, 16); i++) {
            if (i > 0) s.append(':');
            s.append(String.format("%02x", b[i] & 0xFF));
        }
        return s.toString();
    }

    /** linuxptp portaddr2str: dotted IPv4, IPv6 text, otherwise bin2str. */
    public static String portAddress(int protocol, byte[] a) {
        try {
            if (protocol == 1 && a.length == 4) return java.net.InetAddress.getByAddress(a).getHostAddress();
            if (protocol == 2 && a.length == 16) return Ipv6Text.of(a);
        } catch (java.net.UnknownHostException e) {
            // fall through to hex
        }
        return bin2str(a);
    }
}
