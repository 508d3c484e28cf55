package io.ptp4j.tools.pmc;

import static io.ptp4j.tools.pmc.PmcPrinter.bin2str;
import static io.ptp4j.tools.pmc.PmcPrinter.hex;
import static io.ptp4j.tools.pmc.PmcPrinter.portAddress;
import static io.ptp4j.tools.pmc.PmcPrinter.unsigned64;

import io.ptp4j.core.management.ManagementId;
import io.ptp4j.tools.pmc.PmcPrinter.Data;
import java.math.BigInteger;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToIntFunction;

/**
 * The dataField of each management id as linuxptp's pmc_show prints it: one method per id,
 * registered in a table, with linuxptp's labels (padding included) and number formats. Ids
 * linuxptp 3.1.1's pmc does not know are printed only in the linuxptp 4 dialect.
 */
final class PmcFields {
    /** Reads one id's dataField into labelled fields; {@code v4}: linuxptp 4's output. */
    @FunctionalInterface
    interface Fields {
        void print(Data d, PmcResponse r, boolean v4);
    }

    private record Entry(Fields fields, boolean linuxptp4Only) {}

    /** cumulativeScaledRateOffset is scaled by 2^41 (linuxptp pmc.c). */
    private static final double P41 = (double) (1L << 41);

    private static final Map<ManagementId, Entry> TABLE = new EnumMap<>(ManagementId.class);

    static {
        put(ManagementId.CLOCK_DESCRIPTION, PmcFields::clockDescription);
        put(ManagementId.USER_DESCRIPTION, PmcFields::userDescription);
        put(ManagementId.DEFAULT_DATA_SET, PmcFields::defaultDataSet);
        put(ManagementId.CURRENT_DATA_SET, PmcFields::currentDataSet);
        put(ManagementId.PARENT_DATA_SET, PmcFields::parentDataSet);
        put(ManagementId.TIME_PROPERTIES_DATA_SET, PmcFields::timePropertiesDataSet);
        datum(ManagementId.PRIORITY1, "priority1 ", Data::u8);
        datum(ManagementId.PRIORITY2, "priority2 ", Data::u8);
        datum(ManagementId.DOMAIN, "domainNumber ", Data::u8);
        put(ManagementId.SLAVE_ONLY, PmcFields::slaveOnly);
        put(ManagementId.CLOCK_ACCURACY, PmcFields::clockAccuracy);
        put(ManagementId.TRACEABILITY_PROPERTIES, PmcFields::traceabilityProperties);
        put(ManagementId.TIMESCALE_PROPERTIES, PmcFields::timescaleProperties);
        linuxptp4(ManagementId.ALTERNATE_TIME_OFFSET_ENABLE, PmcFields::alternateTimeOffsetEnable);
        linuxptp4(ManagementId.ALTERNATE_TIME_OFFSET_NAME, PmcFields::alternateTimeOffsetName);
        linuxptp4(ManagementId.ALTERNATE_TIME_OFFSET_PROPERTIES, PmcFields::alternateTimeOffsetProperties);
        linuxptp4(ManagementId.MASTER_ONLY, PmcFields::masterOnly);
        put(ManagementId.TIME_STATUS_NP, PmcFields::timeStatusNp);
        put(ManagementId.GRANDMASTER_SETTINGS_NP, PmcFields::grandmasterSettingsNp);
        put(ManagementId.SUBSCRIBE_EVENTS_NP, PmcFields::subscribeEventsNp);
        datum(ManagementId.SYNCHRONIZATION_UNCERTAIN_NP, "uncertain ", Data::u8);
        linuxptp4(ManagementId.EXTERNAL_GRANDMASTER_PROPERTIES_NP, PmcFields::externalGrandmasterPropertiesNp);
        put(ManagementId.PORT_DATA_SET, PmcFields::portDataSet);
        put(ManagementId.PORT_DATA_SET_NP, PmcFields::portDataSetNp);
        put(ManagementId.PORT_PROPERTIES_NP, PmcFields::portPropertiesNp);
        put(ManagementId.PORT_STATS_NP, PmcFields::portStatsNp);
        linuxptp4(ManagementId.PORT_SERVICE_STATS_NP, PmcFields::portServiceStatsNp);
        linuxptp4(ManagementId.UNICAST_MASTER_TABLE_NP, PmcFields::unicastMasterTableNp);
        linuxptp4(ManagementId.PORT_HWCLOCK_NP, PmcFields::portHwclockNp);
        linuxptp4(ManagementId.POWER_PROFILE_SETTINGS_NP, PmcFields::powerProfileSettingsNp);
        linuxptp4(ManagementId.CMLDS_INFO_NP, PmcFields::cmldsInfoNp);
        linuxptp4(ManagementId.PORT_CORRECTIONS_NP, PmcFields::portCorrectionsNp);
        datum(ManagementId.LOG_ANNOUNCE_INTERVAL, "logAnnounceInterval ", Data::i8);
        datum(ManagementId.ANNOUNCE_RECEIPT_TIMEOUT, "announceReceiptTimeout ", Data::u8);
        datum(ManagementId.LOG_SYNC_INTERVAL, "logSyncInterval ", Data::i8);
        put(ManagementId.VERSION_NUMBER, PmcFields::versionNumber);
        datum(ManagementId.DELAY_MECHANISM, "delayMechanism ", Data::u8);
        datum(ManagementId.LOG_MIN_PDELAY_REQ_INTERVAL, "logMinPdelayReqInterval ", Data::i8);
    }

    private PmcFields() {}

    /** Fills {@code r} with the fields of {@code id}'s dataField; ids pmc does not show leave it as it is. */
    static void print(ManagementId id, Data d, PmcResponse r, boolean v4) {
        Entry e = id == null ? null : TABLE.get(id);
        if (e == null || (e.linuxptp4Only() && !v4)) return;
        r.idName = id.name();
        e.fields().print(d, r, v4);
    }

    private static void put(ManagementId id, Fields f) {
        TABLE.put(id, new Entry(f, false));
    }

    private static void linuxptp4(ManagementId id, Fields f) {
        TABLE.put(id, new Entry(f, true));
    }

    /** An id whose dataField is one number. */
    private static void datum(ManagementId id, String label, ToIntFunction<Data> read) {
        put(id, (d, r, v4) -> num(r, label, read.applyAsInt(d)));
    }

    private static void clockDescription(Data d, PmcResponse r, boolean v4) {
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

    private static void userDescription(Data d, PmcResponse r, boolean v4) {
        str(r, "userDescription  ", d.text());
    }

    private static void defaultDataSet(Data d, PmcResponse r, boolean v4) {
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

    private static void currentDataSet(Data d, PmcResponse r, boolean v4) {
        int steps = d.i16();
        double offset = d.i64() / 65536.0, delay = d.i64() / 65536.0;
        num(r, "stepsRemoved     ", steps);
        r.add("offsetFromMaster ", String.format(Locale.ROOT, "%.1f", offset), offset);
        r.add("meanPathDelay    ", String.format(Locale.ROOT, "%.1f", delay), delay);
    }

    private static void parentDataSet(Data d, PmcResponse r, boolean v4) {
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

    private static void timePropertiesDataSet(Data d, PmcResponse r, boolean v4) {
        int utc = d.i16(), flags = d.u8(), src = d.u8();
        num(r, "currentUtcOffset      ", utc);
        timeFlags(r, flags, "");
        r.add("timeSource            ", hex(src, 2), (long) src);
    }

    private static void slaveOnly(Data d, PmcResponse r, boolean v4) {
        int v = d.u8();
        num(r, "slaveOnly ", v4 ? v : v & 1);
    }

    private static void clockAccuracy(Data d, PmcResponse r, boolean v4) {
        int v = d.u8();
        r.add("clockAccuracy ", hex(v, 2), (long) v);
    }

    private static void traceabilityProperties(Data d, PmcResponse r, boolean v4) {
        int v = d.u8();
        bit(r, "timeTraceable      ", v, 0x10);
        bit(r, "frequencyTraceable ", v, 0x20);
    }

    private static void timescaleProperties(Data d, PmcResponse r, boolean v4) {
        bit(r, "ptpTimescale ", d.u8(), 0x08);
    }

    private static void alternateTimeOffsetEnable(Data d, PmcResponse r, boolean v4) {
        int key = d.u8(), flags = d.u8();
        num(r, "keyField       ", key);
        num(r, "enable         ", flags & 1);
    }

    private static void alternateTimeOffsetName(Data d, PmcResponse r, boolean v4) {
        num(r, "keyField       ", d.u8());
        str(r, "displayName    ", d.text());
    }

    private static void alternateTimeOffsetProperties(Data d, PmcResponse r, boolean v4) {
        int key = d.u8();
        int current = d.i32(), jump = d.i32();
        long next = ((long) d.u16() << 32) | d.u32();
        num(r, "keyField       ", key);
        num(r, "currentOffset  ", current);
        num(r, "jumpSeconds    ", jump);
        num(r, "timeOfNextJump ", next);
    }

    private static void masterOnly(Data d, PmcResponse r, boolean v4) {
        num(r, "masterOnly ", d.u8());
    }

    private static void timeStatusNp(Data d, PmcResponse r, boolean v4) {
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

    private static void grandmasterSettingsNp(Data d, PmcResponse r, boolean v4) {
        int cls = d.u8(), acc = d.u8(), var = d.u16(), utc = d.i16(), flags = d.u8(), src = d.u8();
        num(r, "clockClass              ", cls);
        r.add("clockAccuracy           ", hex(acc, 2), (long) acc);
        r.add("offsetScaledLogVariance ", hex(var, 4), (long) var);
        num(r, "currentUtcOffset        ", utc);
        timeFlags(r, flags, "  ");
        r.add("timeSource              ", hex(src, 2), (long) src);
    }

    private static void subscribeEventsNp(Data d, PmcResponse r, boolean v4) {
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

    private static void externalGrandmasterPropertiesNp(Data d, PmcResponse r, boolean v4) {
        str(r, "gmIdentity   ", d.clockId());
        num(r, "stepsRemoved ", d.u16());
    }

    private static void portDataSet(Data d, PmcResponse r, boolean v4) {
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

    private static void portDataSetNp(Data d, PmcResponse r, boolean v4) {
        long thresh = d.u32();
        int capable = d.i32();
        num(r, "neighborPropDelayThresh ", thresh);
        num(r, "asCapable               ", capable != 0 ? 1 : 0);
    }

    private static void portPropertiesNp(Data d, PmcResponse r, boolean v4) {
        String pid = d.portId();
        int state = d.u8(), ts = d.u8();
        String iface = d.text();
        str(r, "portIdentity            ", pid);
        str(r, "portState               ", portState(state));
        str(r, "timestamping            ", timestamping(ts));
        str(r, "interface               ", iface);
    }

    private static void portStatsNp(Data d, PmcResponse r, boolean v4) {
        String pid = d.portId();
        long[] rx = new long[16], tx = new long[16];
        for (int i = 0; i < 16; i++) rx[i] = d.le64();
        for (int i = 0; i < 16; i++) tx[i] = d.le64();
        str(r, "portIdentity              ", pid);
        stats(r, "rx_", rx);
        stats(r, "tx_", tx);
    }

    private static void portServiceStatsNp(Data d, PmcResponse r, boolean v4) {
        str(r, "portIdentity              ", d.portId());
        for (String n : new String[] {"announce_timeout", "sync_timeout", "delay_timeout", "unicast_service_timeout",
            "unicast_request_timeout", "master_announce_timeout", "master_sync_timeout", "qualification_timeout",
            "sync_mismatch", "followup_mismatch"}) {
            u64(r, String.format("%-26s", n), d.le64());
        }
    }

    private static void unicastMasterTableNp(Data d, PmcResponse r, boolean v4) {
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

    private static void portHwclockNp(Data d, PmcResponse r, boolean v4) {
        str(r, "portIdentity            ", d.portId());
        num(r, "phcIndex                ", d.i32());
        num(r, "flags                   ", d.u8());
    }

    private static void powerProfileSettingsNp(Data d, PmcResponse r, boolean v4) {
        int version = d.u16(), gmId = d.u16();
        long gmIn = d.u32(), netIn = d.u32(), totIn = d.u32();
        num(r, "version                   ", version);
        r.add("grandmasterID             ", hex(gmId, 4), (long) gmId);
        num(r, "grandmasterTimeInaccuracy ", gmIn);
        num(r, "networkTimeInaccuracy     ", netIn);
        num(r, "totalTimeInaccuracy       ", totIn);
    }

    private static void cmldsInfoNp(Data d, PmcResponse r, boolean v4) {
        num(r, "meanLinkDelay           ", d.i64() >> 16);
        num(r, "scaledNeighborRateRatio ", d.i32());
        num(r, "as_capable              ", d.u32());
    }

    private static void portCorrectionsNp(Data d, PmcResponse r, boolean v4) {
        long e = d.i64() >> 16, i = d.i64() >> 16, a = d.i64() >> 16;
        // linuxptp prints a space after each of these values.
        r.add("egressLatency  ", e + " ", e);
        r.add("ingressLatency ", i + " ", i);
        r.add("delayAsymmetry ", a + " ", a);
    }

    private static void versionNumber(Data d, PmcResponse r, boolean v4) {
        int v = d.u8();
        num(r, "versionNumber ", v4 ? v & 0x0F : v);
    }

    private static String portState(int v) {
        return PmcPrinter.PORT_STATES[v > 9 ? 0 : v];
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
