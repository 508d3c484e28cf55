package io.ptp4j.tools.pmc;

import io.ptp4j.core.management.ManagementErrorId;
import io.ptp4j.core.management.ManagementId;
import io.ptp4j.core.wire.ClockIdentity;
import io.ptp4j.core.wire.MessageType;
import io.ptp4j.core.wire.PtpMessage;
import io.ptp4j.core.wire.TlvCursor;
import io.ptp4j.core.wire.TlvType;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * linuxptp pmc.c pmc_show: turns a received management message into {@link PmcResponse} with
 * exactly the labels, padding and number formats linuxptp prints for each id.
 */
public final class PmcPrinter {
    static final String[] ACTIONS = {"GET", "SET", "RESPONSE", "COMMAND", "ACKNOWLEDGE"};
    static final String[] PORT_STATES = {"NONE", "INITIALIZING", "FAULTY", "DISABLED", "LISTENING", "PRE_MASTER", "MASTER",
        "PASSIVE", "UNCALIBRATED", "SLAVE", "GRAND_MASTER"};
    private static final double P41 = (double) (1L << 41);

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
            fields(ManagementId.of(id), d, r);
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
            if (protocol == 2 && a.length == 16) return ipv6(a);
        } catch (java.net.UnknownHostException e) {
            // fall through to hex
        }
        return bin2str(a);
    }

    /** inet_ntop's IPv6 text: lowercase, the longest run (>= 2) of zero groups as "::". */
    static String ipv6(byte[] a) {
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) g[i] = ((a[2 * i] & 0xFF) << 8) | (a[2 * i + 1] & 0xFF);
        int bestStart = -1, bestLen = 0;
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) j++;
            if (j - i > bestLen && j - i >= 2) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                s.append("::");
                i += bestLen - 1;
                continue;
            }
            if (s.length() > 0 && s.charAt(s.length() - 1) != ':') s.append(':');
            s.append(Integer.toHexString(g[i]));
        }
        return s.toString();
    }

    private static String portState(int v) {
        return PORT_STATES[v > 9 ? 0 : v];
    }

    private static String timestamping(int v) {
        return switch (v) {
            case 0 -> "SOFTWARE";
            case 1 -> "HARDWARE";
            case 2 -> "LEGACY_HW";
            case 3 -> "ONESTEP";
            case 4 -> "P2P1STEP";
            default -> "???";
        };
    }

    private static String unicastState(int v) {
        return switch (v) {
            case 0 -> "WAIT";
            case 1 -> "HAVE_ANN";
            case 2 -> "NEED_SYDY";
            case 3 -> "HAVE_SYDY";
            default -> "???";
        };
    }

    private static void bit(PmcResponse r, String label, int flags, int mask) {
        int v = (flags & mask) != 0 ? 1 : 0;
        r.add(label, Integer.toString(v), (long) v);
    }

    private static void num(PmcResponse r, String label, long v) {
        r.add(label, Long.toString(v), v);
    }

    private static void str(PmcResponse r, String label, String v) {
        r.add(label, v, v);
    }

    private void fields(ManagementId id, Data d, PmcResponse r) {
        if (id == null) return;
        boolean v4 = dialect == PmcDialect.LINUXPTP_4;
        switch (id) {
            case CLOCK_DESCRIPTION -> {
                r.idName = id.name();
                int clockType = d.u16();
                String phys = d.text();
                byte[] mac = d.bytes(d.u16());
                int proto = d.u16();
                byte[] addr = d.bytes(d.u16());
                byte[] oui = d.bytes(3);
                d.skip(1);
                String product = d.text(), revision = d.text(), user = d.text();
                byte[] profile = d.bytes(6);
                r.add("clockType             ", String.format("0x%x", clockType), (long) clockType);
                str(r, "physicalLayerProtocol ", phys);
                str(r, "physicalAddress       ", bin2str(mac));
                r.add("protocolAddress       ", proto + " " + portAddress(proto, addr), proto + " " + portAddress(proto, addr));
                str(r, "manufacturerId        ", bin2str(oui));
                str(r, "productDescription    ", product);
                str(r, "revisionData          ", revision);
                str(r, "userDescription       ", user);
                str(r, "profileId             ", bin2str(profile));
            }
            case USER_DESCRIPTION -> {
                r.idName = id.name();
                str(r, "userDescription  ", d.text());
            }
            case DEFAULT_DATA_SET -> {
                r.idName = id.name();
                int flags = d.u8();
                d.skip(1);
                int ports = d.u16(), p1 = d.u8(), cls = d.u8(), acc = d.u8(), var = d.u16(), p2 = d.u8();
                String cid = d.clockId();
                int domain = d.u8();
                bit(r, "twoStepFlag             ", flags, 1);
                bit(r, "slaveOnly               ", flags, 2);
                num(r, "numberPorts             ", ports);
                num(r, "priority1               ", p1);
                num(r, "clockClass              ", cls);
                r.add("clockAccuracy           ", hex(acc, 2), (long) acc);
                r.add("offsetScaledLogVariance ", hex(var, 4), (long) var);
                num(r, "priority2               ", p2);
                str(r, "clockIdentity           ", cid);
                num(r, "domainNumber            ", domain);
            }
            case CURRENT_DATA_SET -> {
                r.idName = id.name();
                int steps = d.i16();
                double offset = d.i64() / 65536.0, delay = d.i64() / 65536.0;
                num(r, "stepsRemoved     ", steps);
                r.add("offsetFromMaster ", String.format(Locale.ROOT, "%.1f", offset), offset);
                r.add("meanPathDelay    ", String.format(Locale.ROOT, "%.1f", delay), delay);
            }
            case PARENT_DATA_SET -> {
                r.idName = id.name();
                String parent = d.portId();
                int stats = d.u8();
                d.skip(1);
                int var = d.u16();
                long rate = d.u32();
                int p1 = d.u8(), cls = d.u8(), acc = d.u8(), gvar = d.u16(), p2 = d.u8();
                String gm = d.clockId();
                str(r, "parentPortIdentity                    ", parent);
                num(r, "parentStats                           ", stats);
                r.add("observedParentOffsetScaledLogVariance ", hex(var, 4), (long) var);
                r.add("observedParentClockPhaseChangeRate    ", hex(rate, 8), rate);
                num(r, "grandmasterPriority1                  ", p1);
                num(r, "gm.ClockClass                         ", cls);
                r.add("gm.ClockAccuracy                      ", hex(acc, 2), (long) acc);
                r.add("gm.OffsetScaledLogVariance            ", hex(gvar, 4), (long) gvar);
                num(r, "grandmasterPriority2                  ", p2);
                str(r, "grandmasterIdentity                   ", gm);
            }
            case TIME_PROPERTIES_DATA_SET -> {
                r.idName = id.name();
                int utc = d.i16(), flags = d.u8(), src = d.u8();
                num(r, "currentUtcOffset      ", utc);
                timeFlags(r, flags, "");
                r.add("timeSource            ", hex(src, 2), (long) src);
            }
            case PRIORITY1 -> datum(r, id, "priority1 ", d.u8());
            case PRIORITY2 -> datum(r, id, "priority2 ", d.u8());
            case DOMAIN -> datum(r, id, "domainNumber ", d.u8());
            case SLAVE_ONLY -> {
                int v = d.u8();
                datum(r, id, "slaveOnly ", v4 ? v : v & 1);
            }
            case CLOCK_ACCURACY -> {
                r.idName = id.name();
                int v = d.u8();
                r.add("clockAccuracy ", hex(v, 2), (long) v);
            }
            case TRACEABILITY_PROPERTIES -> {
                r.idName = id.name();
                int v = d.u8();
                bit(r, "timeTraceable      ", v, 0x10);
                bit(r, "frequencyTraceable ", v, 0x20);
            }
            case TIMESCALE_PROPERTIES -> {
                r.idName = id.name();
                bit(r, "ptpTimescale ", d.u8(), 0x08);
            }
            case ALTERNATE_TIME_OFFSET_ENABLE -> {
                if (!v4) return;
                r.idName = id.name();
                int key = d.u8(), flags = d.u8();
                num(r, "keyField       ", key);
                num(r, "enable         ", flags & 1);
            }
            case ALTERNATE_TIME_OFFSET_NAME -> {
                if (!v4) return;
                r.idName = id.name();
                num(r, "keyField       ", d.u8());
                str(r, "displayName    ", d.text());
            }
            case ALTERNATE_TIME_OFFSET_PROPERTIES -> {
                if (!v4) return;
                r.idName = id.name();
                int key = d.u8();
                int current = d.i32(), jump = d.i32();
                long next = ((long) d.u16() << 32) | d.u32();
                num(r, "keyField       ", key);
                num(r, "currentOffset  ", current);
                num(r, "jumpSeconds    ", jump);
                num(r, "timeOfNextJump ", next);
            }
            case MASTER_ONLY -> {
                if (!v4) return;
                datum(r, id, "masterOnly ", d.u8());
            }
            case TIME_STATUS_NP -> {
                r.idName = id.name();
                long offset = d.i64(), ingress = d.i64();
                int rate = d.i32(), phase = d.i32(), tbi = d.u16();
                int msb = d.u16();
                long lsb = d.i64();
                int frac = d.u16();
                int present = d.i32();
                String gm = d.clockId();
                double r41 = (rate + 0.0) / P41;
                num(r, "master_offset              ", offset);
                num(r, "ingress_time               ", ingress);
                r.add("cumulativeScaledRateOffset ", String.format(Locale.ROOT, "%+.9f", r41), r41);
                num(r, "scaledLastGmPhaseChange    ", phase);
                num(r, "gmTimeBaseIndicator        ", tbi);
                String lgpc = String.format("0x%04x'%016x.%04x", msb, lsb, frac);
                str(r, "lastGmPhaseChange          ", lgpc);
                r.add("gmPresent                  ", present != 0 ? "true" : "false", present != 0);
                str(r, "gmIdentity                 ", gm);
            }
            case GRANDMASTER_SETTINGS_NP -> {
                r.idName = id.name();
                int cls = d.u8(), acc = d.u8(), var = d.u16(), utc = d.i16(), flags = d.u8(), src = d.u8();
                num(r, "clockClass              ", cls);
                r.add("clockAccuracy           ", hex(acc, 2), (long) acc);
                r.add("offsetScaledLogVariance ", hex(var, 4), (long) var);
                num(r, "currentUtcOffset        ", utc);
                timeFlags(r, flags, "  ");
                r.add("timeSource              ", hex(src, 2), (long) src);
            }
            case SUBSCRIBE_EVENTS_NP -> {
                r.idName = id.name();
                int duration = d.u16();
                byte[] mask = d.bytes(64);
                if (v4) {
                    num(r, "duration               ", duration);
                    onOff(r, "NOTIFY_PORT_STATE      ", mask, 0);
                    onOff(r, "NOTIFY_TIME_SYNC       ", mask, 1);
                    onOff(r, "NOTIFY_PARENT_DATA_SET ", mask, 2);
                    onOff(r, "NOTIFY_CMLDS           ", mask, 3);
                } else {
                    num(r, "duration          ", duration);
                    onOff(r, "NOTIFY_PORT_STATE ", mask, 0);
                }
            }
            case SYNCHRONIZATION_UNCERTAIN_NP -> datum(r, id, "uncertain ", d.u8());
            case EXTERNAL_GRANDMASTER_PROPERTIES_NP -> {
                if (!v4) return;
                r.idName = id.name();
                str(r, "gmIdentity   ", d.clockId());
                num(r, "stepsRemoved ", d.u16());
            }
            case PORT_DATA_SET -> {
                r.idName = id.name();
                String pid = d.portId();
                int state = d.u8(), minDelay = d.i8();
                long peer = d.i64() >> 16;
                int ann = d.i8(), timeout = d.u8(), sync = d.i8(), dm = d.u8(), pdelay = d.i8(), version = d.u8();
                str(r, "portIdentity            ", pid);
                str(r, "portState               ", portState(state));
                num(r, "logMinDelayReqInterval  ", minDelay);
                num(r, "peerMeanPathDelay       ", peer);
                num(r, "logAnnounceInterval     ", ann);
                num(r, "announceReceiptTimeout  ", timeout);
                num(r, "logSyncInterval         ", sync);
                num(r, "delayMechanism          ", dm);
                num(r, "logMinPdelayReqInterval ", pdelay);
                num(r, "versionNumber           ", v4 ? version & 0x0F : version);
            }
            case PORT_DATA_SET_NP -> {
                r.idName = id.name();
                long thresh = d.u32();
                int capable = d.i32();
                num(r, "neighborPropDelayThresh ", thresh);
                num(r, "asCapable               ", capable != 0 ? 1 : 0);
            }
            case PORT_PROPERTIES_NP -> {
                r.idName = id.name();
                String pid = d.portId();
                int state = d.u8(), ts = d.u8();
                String iface = d.text();
                str(r, "portIdentity            ", pid);
                str(r, "portState               ", portState(state));
                str(r, "timestamping            ", timestamping(ts));
                str(r, "interface               ", iface);
            }
            case PORT_STATS_NP -> {
                r.idName = id.name();
                String pid = d.portId();
                long[] rx = new long[16], tx = new long[16];
                for (int i = 0; i < 16; i++) rx[i] = d.le64();
                for (int i = 0; i < 16; i++) tx[i] = d.le64();
                str(r, "portIdentity              ", pid);
                stats(r, "rx_", rx);
                stats(r, "tx_", tx);
            }
            case PORT_SERVICE_STATS_NP -> {
                if (!v4) return;
                r.idName = id.name();
                str(r, "portIdentity              ", d.portId());
                for (String n : new String[] {"announce_timeout", "sync_timeout", "delay_timeout", "unicast_service_timeout",
                    "unicast_request_timeout", "master_announce_timeout", "master_sync_timeout", "qualification_timeout",
                    "sync_mismatch", "followup_mismatch"}) {
                    u64(r, String.format("%-26s", n), d.le64());
                }
            }
            case UNICAST_MASTER_TABLE_NP -> {
                if (!v4) return;
                r.idName = id.name();
                int size = d.i16();
                num(r, "actual_table_size ", size);
                String head = String.format("%s  %-24s %-34s %-9s %s %s %s %s  %s", "BM", "identity", "address", "state",
                        "clockClass", "clockQuality", "offsetScaledLogVariance", "p1", "p2");
                r.add("", head, head);
                for (int i = 0; i < size; i++) {
                    String pid = d.portId();
                    int cls = d.u8(), acc = d.u8(), var = d.u16(), sel = d.u8(), st = d.u8(), p1 = d.u8(), p2 = d.u8();
                    int proto = d.u16();
                    byte[] a = d.bytes(d.u16());
                    String row = String.format("%s %-24s %-34s %-9s %-10d 0x%02x         0x%04x                  %-3d %-3d",
                            sel != 0 ? "yes" : "no ", pid, portAddress(proto, a), unicastState(st), cls, acc, var, p1, p2);
                    r.add("", row, row);
                }
            }
            case PORT_HWCLOCK_NP -> {
                if (!v4) return;
                r.idName = id.name();
                str(r, "portIdentity            ", d.portId());
                num(r, "phcIndex                ", d.i32());
                num(r, "flags                   ", d.u8());
            }
            case POWER_PROFILE_SETTINGS_NP -> {
                if (!v4) return;
                r.idName = id.name();
                int version = d.u16(), gmId = d.u16();
                long gmIn = d.u32(), netIn = d.u32(), totIn = d.u32();
                num(r, "version                   ", version);
                r.add("grandmasterID             ", hex(gmId, 4), (long) gmId);
                num(r, "grandmasterTimeInaccuracy ", gmIn);
                num(r, "networkTimeInaccuracy     ", netIn);
                num(r, "totalTimeInaccuracy       ", totIn);
            }
            case CMLDS_INFO_NP -> {
                if (!v4) return;
                r.idName = id.name();
                num(r, "meanLinkDelay           ", d.i64() >> 16);
                num(r, "scaledNeighborRateRatio ", d.i32());
                num(r, "as_capable              ", d.u32());
            }
            case PORT_CORRECTIONS_NP -> {
                if (!v4) return;
                r.idName = id.name();
                long e = d.i64() >> 16, i = d.i64() >> 16, a = d.i64() >> 16;
                // linuxptp prints a space after each of these values.
                r.add("egressLatency  ", e + " ", e);
                r.add("ingressLatency ", i + " ", i);
                r.add("delayAsymmetry ", a + " ", a);
            }
            case LOG_ANNOUNCE_INTERVAL -> datum(r, id, "logAnnounceInterval ", d.i8());
            case ANNOUNCE_RECEIPT_TIMEOUT -> datum(r, id, "announceReceiptTimeout ", d.u8());
            case LOG_SYNC_INTERVAL -> datum(r, id, "logSyncInterval ", d.i8());
            case VERSION_NUMBER -> {
                int v = d.u8();
                datum(r, id, "versionNumber ", v4 ? v & 0x0F : v);
            }
            case DELAY_MECHANISM -> datum(r, id, "delayMechanism ", d.u8());
            case LOG_MIN_PDELAY_REQ_INTERVAL -> datum(r, id, "logMinPdelayReqInterval ", d.i8());
            default -> { }
        }
    }

    private static void datum(PmcResponse r, ManagementId id, String label, long v) {
        r.idName = id.name();
        num(r, label, v);
    }

    private static void u64(PmcResponse r, String label, long v) {
        r.add(label, unsigned64(v), v >= 0 ? (Object) v : new BigInteger(unsigned64(v)));
    }

    private static void onOff(PmcResponse r, String label, byte[] mask, int event) {
        boolean on = (mask[event / 8] & (1 << (event % 8))) != 0;
        r.add(label, on ? "on" : "off", on);
    }

    /** The six timePropertiesDS flags; {@code pad} widens the labels for GRANDMASTER_SETTINGS_NP. */
    private static void timeFlags(PmcResponse r, int flags, String pad) {
        bit(r, "leap61                " + pad, flags, 0x01);
        bit(r, "leap59                " + pad, flags, 0x02);
        bit(r, "currentUtcOffsetValid " + pad, flags, 0x04);
        bit(r, "ptpTimescale          " + pad, flags, 0x08);
        bit(r, "timeTraceable         " + pad, flags, 0x10);
        bit(r, "frequencyTraceable    " + pad, flags, 0x20);
    }

    private static final String[][] STATS = {{"Sync", "0"}, {"Delay_Req", "1"}, {"Pdelay_Req", "2"}, {"Pdelay_Resp", "3"},
        {"Follow_Up", "8"}, {"Delay_Resp", "9"}, {"Pdelay_Resp_Follow_Up", "10"}, {"Announce", "11"}, {"Signaling", "12"},
        {"Management", "13"}};

    private static void stats(PmcResponse r, String prefix, long[] v) {
        for (String[] s : STATS) u64(r, String.format("%-26s", prefix + s[0]), v[Integer.parseInt(s[1])]);
    }
}
