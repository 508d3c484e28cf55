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
 * The dataField of each management id as linuxptp's pmc_show prints it, one constant per id
 * (named as the {@link ManagementId}) with linuxptp's labels (padding included) and number
 * formats. Ids linuxptp 3.1.1's pmc does not know are printed only in the linuxptp 4 dialect.
 */
enum PmcFields {
    CLOCK_DESCRIPTION {
        @Override
        void print(Data d, PmcResponse r, boolean v4) {
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
    },
    USER_DESCRIPTION {
        @Override
        void print(Data d, PmcResponse r, boolean v4) {
            str(r, "userDescription  ", d.text());
        }
    },
    DEFAULT_DATA_SET {
        @Override
        void print(Data d, PmcResponse r, boolean v4) {
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
    },
    CURRENT_DATA_SET {
        @Override
        void print(Data d, PmcResponse r, boolean v4) {
            int steps = d.i16();
            double offset = d.i64() / 65536.0, delay = d.i64() / 65536.0;
            num(r, "stepsRemoved     ", steps);
            r.add("offsetFromMaster ", String.format(Locale.ROOT, "%.1f", offset), offset);
            r.add("meanPathDelay    ", String.format(Locale.ROOT, "%.1f", delay), delay);
        }
    },
    PARENT_DATA_SET {
        @Override
        void print(Data d, PmcResponse r, boolean v4) {
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
    },
    TIME_PROPERTIES_DATA_SET {
        @Override
        void print(Data d, PmcResponse r, boolean v4) {
            int utc = d.i16(), flags = d.u8(), src = d.u8();
            num(r, "currentUtcOffset      ", utc);
            timeFlags(r, flags, "");
            r.add("timeSource            ", hex(src, 2), (long) src);
        }
    },
    PRIORITY1("priority1 ", Data::u8),
    PRIORITY2("priority2 ", Data::u8),
    DOMAIN("domainNumber ", Data::u8),
    SLAVE_ONLY {
        @Override
        void print(Data d, PmcResponse r, boolean v4) {
            int v = d.u8();
            num(r, "slaveOnly ", v4 ? v : v & 1);
        }
    },
    CLOCK_ACCURACY {
        @Override
        void print(Data d, PmcResponse r, boolean v4) {
            int v = d.u8();
            r.add("clockAccuracy ", hex(v, 2), (long) v);
        }
    },
    TRACEABILITY_PROPERTIES {
        @Override
        void print(Data d, PmcResponse r, boolean v4) {
            int v = d.u8();
            bit(r, "timeTraceable      ", v, 0x10);
            bit(r, "frequencyTraceable ", v, 0x20);
        }
    },
    TIMESCALE_PROPERTIES {
        @Override
        void print(Data d, PmcResponse r, boolean v4) {
            bit(r, "ptpTimescale ", d.u8(), 0x08);
        }
    },
    ALTERNATE_TIME_OFFSET_ENABLE (PmcDialect.LINUXPTP_4) {
        @Override
        void print(Data d, PmcResponse r, boolean v4) {
            int key = d.u8(), flags = d.u8();
            num(r, "keyField       ", key);
            num(r, "enable         ", flags & 1);
        }
    },
    ALTERNATE_TIME_OFFSET_NAME (PmcDialect.LINUXPTP_4) {
        @Override
        void print(Data d, PmcResponse r, boolean v4) {
            num(r, "keyField       ", d.u8());
            str(r, "displayName    ", d.text());
        }
    },
    ALTERNATE_TIME_OFFSET_PROPERTIES (PmcDialect.LINUXPTP_4) {
        @Override
        void print(Data d, PmcResponse r, boolean v4) {
            int key = d.u8();
            int current = d.i32(), jump = d.i32();
            long next = ((long) d.u16() << 32) | d.u32();
            num(r, "keyField       ", key);
            num(r, "currentOffset  ", current);
            num(r, "jumpSeconds    ", jump);
            num(r, "timeOfNextJump ", next);
        }
    },
    MASTER_ONLY (PmcDialect.LINUXPTP_4) {
        @Override
        void print(Data d, PmcResponse r, boolean v4) {
            num(r, "masterOnly ", d.u8());
        }
    },
    TIME_STATUS_NP {
        @Override
        void print(Data d, PmcResponse r, boolean v4) {
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
    },
    GRANDMASTER_SETTINGS_NP {
        @Override
        void print(Data d, PmcResponse r, boolean v4) {
            int cls = d.u8(), acc = d.u8(), var = d.u16(), utc = d.i16(), flags = d.u8(), src = d.u8();
            num(r, "clockClass              ", cls);
            r.add("clockAccuracy           ", hex(acc, 2), (long) acc);
            r.add("offsetScaledLogVariance ", hex(var, 4), (long) var);
            num(r, "currentUtcOffset        ", utc);
            timeFlags(r, flags, "  ");
            r.add("timeSource              ", hex(src, 2), (long) src);
        }
    },
    SUBSCRIBE_EVENTS_NP {
        @Override
        void print(Data d, PmcResponse r, boolean v4) {
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
    },
    SYNCHRONIZATION_UNCERTAIN_NP("uncertain ", Data::u8),
    EXTERNAL_GRANDMASTER_PROPERTIES_NP (PmcDialect.LINUXPTP_4) {
        @Override
        void print(Data d, PmcResponse r, boolean v4) {
            str(r, "gmIdentity   ", d.clockId());
            num(r, "stepsRemoved ", d.u16());
        }
    },
    PORT_DATA_SET {
        @Override
        void print(Data d, PmcResponse r, boolean v4) {
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
    },
    PORT_DATA_SET_NP {
        @Override
        void print(Data d, PmcResponse r, boolean v4) {
            long thresh = d.u32();
            int capable = d.i32();
            num(r, "neighborPropDelayThresh ", thresh);
            num(r, "asCapable               ", capable != 0 ? 1 : 0);
        }
    },
    PORT_PROPERTIES_NP {
        @Override
        void print(Data d, PmcResponse r, boolean v4) {
            String pid = d.portId();
            int state = d.u8(), ts = d.u8();
            String iface = d.text();
            str(r, "portIdentity            ", pid);
            str(r, "portState               ", portState(state));
            str(r, "timestamping            ", timestamping(ts));
            str(r, "interface               ", iface);
        }
    },
    PORT_STATS_NP {
        @Override
        void print(Data d, PmcResponse r, boolean v4) {
            String pid = d.portId();
            long[] rx = new long[16], tx = new long[16];
            for (int i = 0; i < 16; i++) rx[i] = d.le64();
            for (int i = 0; i < 16; i++) tx[i] = d.le64();
            str(r, "portIdentity              ", pid);
            stats(r, "rx_", rx);
            stats(r, "tx_", tx);
        }
    },
    PORT_SERVICE_STATS_NP (PmcDialect.LINUXPTP_4) {
        @Override
        void print(Data d, PmcResponse r, boolean v4) {
            str(r, "portIdentity              ", d.portId());
            for (String n : new String[] {"announce_timeout", "sync_timeout", "delay_timeout", "unicast_service_timeout",
                "unicast_request_timeout", "master_announce_timeout", "master_sync_timeout", "qualification_timeout",
                "sync_mismatch", "followup_mismatch"}) {
                u64(r, String.format("%-26s", n), d.le64());
            }
        }
    },
    UNICAST_MASTER_TABLE_NP (PmcDialect.LINUXPTP_4) {
        @Override
        void print(Data d, PmcResponse r, boolean v4) {
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
    },
    PORT_HWCLOCK_NP (PmcDialect.LINUXPTP_4) {
        @Override
        void print(Data d, PmcResponse r, boolean v4) {
            str(r, "portIdentity            ", d.portId());
            num(r, "phcIndex                ", d.i32());
            num(r, "flags                   ", d.u8());
        }
    },
    POWER_PROFILE_SETTINGS_NP (PmcDialect.LINUXPTP_4) {
        @Override
        void print(Data d, PmcResponse r, boolean v4) {
            int version = d.u16(), gmId = d.u16();
            long gmIn = d.u32(), netIn = d.u32(), totIn = d.u32();
            num(r, "version                   ", version);
            r.add("grandmasterID             ", hex(gmId, 4), (long) gmId);
            num(r, "grandmasterTimeInaccuracy ", gmIn);
            num(r, "networkTimeInaccuracy     ", netIn);
            num(r, "totalTimeInaccuracy       ", totIn);
        }
    },
    CMLDS_INFO_NP (PmcDialect.LINUXPTP_4) {
        @Override
        void print(Data d, PmcResponse r, boolean v4) {
            num(r, "meanLinkDelay           ", d.i64() >> 16);
            num(r, "scaledNeighborRateRatio ", d.i32());
            num(r, "as_capable              ", d.u32());
        }
    },
    PORT_CORRECTIONS_NP (PmcDialect.LINUXPTP_4) {
        @Override
        void print(Data d, PmcResponse r, boolean v4) {
            long e = d.i64() >> 16, i = d.i64() >> 16, a = d.i64() >> 16;
            // linuxptp prints a space after each of these values.
            r.add("egressLatency  ", e + " ", e);
            r.add("ingressLatency ", i + " ", i);
            r.add("delayAsymmetry ", a + " ", a);
        }
    },
    LOG_ANNOUNCE_INTERVAL("logAnnounceInterval ", Data::i8),
    ANNOUNCE_RECEIPT_TIMEOUT("announceReceiptTimeout ", Data::u8),
    LOG_SYNC_INTERVAL("logSyncInterval ", Data::i8),
    VERSION_NUMBER {
        @Override
        void print(Data d, PmcResponse r, boolean v4) {
            int v = d.u8();
            num(r, "versionNumber ", v4 ? v & 0x0F : v);
        }
    },
    DELAY_MECHANISM("delayMechanism ", Data::u8),
    LOG_MIN_PDELAY_REQ_INTERVAL("logMinPdelayReqInterval ", Data::i8);

    /** cumulativeScaledRateOffset is scaled by 2^41 (linuxptp pmc.c). */
    private static final double P41 = (double) (1L << 41);
    private static final Map<ManagementId, PmcFields> BY_ID = new EnumMap<>(ManagementId.class);

    static {
        for (PmcFields f : values()) BY_ID.put(ManagementId.valueOf(f.name()), f);
    }

    /** The first pmc that shows the id. */
    private final PmcDialect since;
    private final String label;
    private final ToIntFunction<Data> read;

    PmcFields() {
        this(PmcDialect.LINUXPTP_3);
    }

    PmcFields(PmcDialect since) {
        this.since = since;
        this.label = null;
        this.read = null;
    }

    /** An id whose dataField is one number. */
    PmcFields(String label, ToIntFunction<Data> read) {
        this.since = PmcDialect.LINUXPTP_3;
        this.label = label;
        this.read = read;
    }

    /** Reads the dataField into labelled fields; {@code v4}: linuxptp 4's output. */
    void print(Data d, PmcResponse r, boolean v4) {
        num(r, label, read.applyAsInt(d));
    }

    /** Fills {@code r} with the fields of {@code id}'s dataField; ids pmc does not show leave it as it is. */
    static void print(ManagementId id, Data d, PmcResponse r, boolean v4) {
        PmcFields f = id == null ? null : BY_ID.get(id);
        if (f == null || (f.since == PmcDialect.LINUXPTP_4 && !v4)) return;
        r.idName = id.name();
        f.print(d, r, v4);
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
