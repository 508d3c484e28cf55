package io.ptp4j.tools.pmc;

import io.ptp4j.core.management.ManagementErrorId;
import io.ptp4j.core.management.ManagementId;
import io.ptp4j.core.wire.ClockIdentity;
import io.ptp4j.core.wire.MessageType;
import io.ptp4j.core.wire.PtpMessage;
import io.ptp4j.core.wire.TlvCursor;
import io.ptp4j.core.wire.TlvType;
import io.ptp4j.linux.transport.Ipv6Text;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * linuxptp pmc.c pmc_show: turns a received management message into {@link PmcResponse} with
 * exactly the labels, padding and number formats linuxptp prints for each id.
 */
public final class PmcPrinter {
    static final String[] ACTIONS = {"GET", "SET", "RESPONSE", "COMMAND", "ACKNOWLEDGE"};
    static final String[] PORT_STATES = {"NONE", "INITIALIZING", "FAULTY", "DISABLED", "LISTENING", "PRE_MASTER", "MASTER",
        "PASSIVE", "UNCALIBRATED", "SLAVE", "GRAND_MASTER"};

    private final PmcDialect dialect;

    public PmcPrinter(PmcDialect dialect) {
        this.dialect = dialect;
    }

    /** The message shown, or null when pmc shows nothing for it (not management, bad action). */
    public PmcResponse show(ByteBuffer buf, int offset, int length) throws io.ptp4j.core.wire.DecodeException {
        PtpMessage m = new PtpMessage().wrap(buf, offset, length);
        TlvCursor tlvs = new TlvCursor();
        if (m.validate(tlvs) != MessageType.MANAGEMENT) return null;
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
            } else if (count == 2 && tlvs.type() == TlvType.AUTHENTICATION && dialect == PmcDialect.LINUXPTP_4) {
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
            PmcFields.print(ManagementId.of(id), d, r, dialect == PmcDialect.LINUXPTP_4);
        } catch (IndexOutOfBoundsException e) {
            // linuxptp drops a TLV shorter than its id needs ("bad message"); say what was cut short.
            throw new io.ptp4j.core.wire.DecodeException(PmcCommands.nameOf(id), value, "data field of " + (len - 2) + " bytes is too short");
        }
        return r;
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
    static String portAddress(int protocol, byte[] a) {
        try {
            if (protocol == 1 && a.length == 4) return java.net.InetAddress.getByAddress(a).getHostAddress();
            if (protocol == 2 && a.length == 16) return Ipv6Text.of(a);
        } catch (java.net.UnknownHostException e) {
            // fall through to hex
        }
        return bin2str(a);
    }
}
