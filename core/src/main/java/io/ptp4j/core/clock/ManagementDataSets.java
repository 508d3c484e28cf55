package io.ptp4j.core.clock;

import io.ptp4j.core.dataset.AlternateTimeOffsets;
import io.ptp4j.core.dataset.CurrentDS;
import io.ptp4j.core.dataset.DefaultDS;
import io.ptp4j.core.dataset.ParentDS;
import io.ptp4j.core.dataset.TimePropertiesDS;
import io.ptp4j.core.engine.ClockConfig;
import io.ptp4j.core.engine.DelayMechanism;
import io.ptp4j.core.engine.PortConfig;
import io.ptp4j.core.port.Port;
import io.ptp4j.core.port.PortCounters;
import io.ptp4j.core.port.PowerProfile;
import io.ptp4j.core.port.UnicastTableEntry;
import io.ptp4j.core.management.ManagementId;
import io.ptp4j.core.management.PtpText;
import io.ptp4j.core.management.Subscriptions;
import io.ptp4j.core.port.PortState;
import io.ptp4j.core.wire.PortIdentity;
import java.io.ByteArrayOutputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The dataField values of management responses, read from a {@link PtpClock} the way linuxptp
 * fills them (clock.c clock_management_fill_response, port.c port_management_fill_response).
 * Null means ptp4j does not serve that id at that level.
 */
final class ManagementDataSets {
    /** linuxptp's profile identities (port.c): the default delay request-response and peer-to-peer profiles. */
    private static final byte[] PROFILE_E2E = {0x00, 0x1B, 0x19, 0x00, 0x01, 0x00};
    private static final byte[] PROFILE_P2P = {0x00, 0x1B, 0x19, 0x00, 0x02, 0x00};

    private final PtpClock clock;
    PortDescription[] ports = new PortDescription[0];
    // clock_description (linuxptp config keys manufacturerIdentity, productDescription, revisionData, userDescription)
    byte[] manufacturerIdentity = new byte[3];
    // as UTF-8 octets, each checked against its PTPText bounds when set (ManagementAgent.describeClock)
    byte[] productDescription = {';', ';'}, revisionData = {';', ';'}, userDescription = {};

    ManagementDataSets(PtpClock clock) {
        this.clock = clock;
    }

    private static long scaled(long nanos) {
        return nanos << 16; // TimeInterval: ns * 2^16
    }

    /** A ClockQuality (5.3.7) as three fields under {@code name}, in the order it has on the wire. */
    private static void clockQuality(Map<String, Object> m, String name, int clockClass, int clockAccuracy, int offsetScaledLogVariance) {
        m.put(name + ".clockClass", (long) clockClass);
        m.put(name + ".clockAccuracy", (long) clockAccuracy);
        m.put(name + ".offsetScaledLogVariance", (long) offsetScaledLogVariance);
    }

    private PortDescription port(int n) {
        return n <= ports.length && ports[n - 1] != null ? ports[n - 1] : PortDescription.unknown("");
    }

    /** Clock-level GET data; {@code requester} is who asks (SUBSCRIBE_EVENTS_NP reports its own subscription). */
    Map<String, Object> clockData(ManagementId id, PortIdentity requester, Subscriptions subs, long nowNanos) {
        PtpClock c = clock;
        DefaultDS dds = c.defaultDS();
        CurrentDS cds = c.currentDS();
        ParentDS pds = c.parentDS();
        TimePropertiesDS tds = c.timeProperties();
        Map<String, Object> m = new LinkedHashMap<>();
        switch (id) {
            case USER_DESCRIPTION -> m.put("userDescription", userDescription);
            case DEFAULT_DATA_SET -> {
                m.put("flags", (long) ((dds.twoStepFlag() ? 1 : 0) | (dds.slaveOnly() ? 2 : 0)));
                m.put("numberPorts", (long) dds.numberPorts());
                m.put("priority1", (long) dds.priority1());
                clockQuality(m, "clockQuality", dds.clockClass(), dds.clockAccuracy(), dds.offsetScaledLogVariance());
                m.put("priority2", (long) dds.priority2());
                m.put("clockIdentity", dds.clockIdentity());
                m.put("domainNumber", (long) dds.domainNumber());
            }
            case CURRENT_DATA_SET -> {
                m.put("stepsRemoved", (long) cds.stepsRemoved());
                m.put("offsetFromMaster", scaled(cds.offsetFromMasterNanos()));
                m.put("meanPathDelay", scaled(cds.meanPathDelayNanos()));
            }
            case PARENT_DATA_SET -> {
                m.put("parentPortIdentity", pds.parentPortIdentity());
                m.put("observedParentOffsetScaledLogVariance", 0xFFFFL);
                m.put("observedParentClockPhaseChangeRate", 0x7FFFFFFFL);
                m.put("grandmasterPriority1", (long) pds.grandmasterPriority1());
                clockQuality(m, "grandmasterClockQuality", pds.grandmasterClockClass(), pds.grandmasterClockAccuracy(),
                        pds.grandmasterOffsetScaledLogVariance());
                m.put("grandmasterPriority2", (long) pds.grandmasterPriority2());
                m.put("grandmasterIdentity", pds.grandmasterIdentity());
            }
            case TIME_PROPERTIES_DATA_SET -> {
                m.put("currentUtcOffset", (long) tds.currentUtcOffset());
                m.put("flags", (long) tds.flags());
                m.put("timeSource", (long) tds.timeSource());
            }
            case PRIORITY1 -> m.put("priority1", (long) dds.priority1());
            case PRIORITY2 -> m.put("priority2", (long) dds.priority2());
            case DOMAIN -> m.put("domainNumber", (long) dds.domainNumber());
            case SLAVE_ONLY -> m.put("flags", dds.slaveOnly() ? 1L : 0L);
            case CLOCK_ACCURACY -> m.put("clockAccuracy", (long) dds.clockAccuracy());
            case TRACEABILITY_PROPERTIES -> m.put("flags", (long) (tds.flags() & 0x30));
            case TIMESCALE_PROPERTIES -> {
                m.put("flags", (long) (tds.flags() & 0x08));
                m.put("timeSource", (long) tds.timeSource());
            }
            case TIME_STATUS_NP -> {
                // 802.1AS follow_up information: the parent's, with our rate ratio to it (FollowUpInformation)
                FollowUpInformation f = c.followUpInformation();
                boolean gm = c.isGrandmaster();
                m.put("master_offset", cds.offsetFromMasterNanos());
                m.put("ingress_time", c.lastIngressNanos());
                m.put("cumulativeScaledRateOffset", (long) f.cumulativeScaledRateOffset(gm));
                m.put("scaledLastGmPhaseChange", (long) f.scaledLastGmFreqChange(gm)); // linuxptp's name for the frequency change
                m.put("gmTimeBaseIndicator", (long) f.gmTimeBaseIndicator(gm));
                m.put("lastGmPhaseChange", java.nio.ByteBuffer.allocate(12).putInt(f.lastGmPhaseChangeHigh32(gm))
                        .putLong(f.lastGmPhaseChangeLow64(gm)).array());
                m.put("gmPresent", gm ? 0L : 1L);
                m.put("gmIdentity", pds.grandmasterIdentity());
            }
            case GRANDMASTER_SETTINGS_NP -> {
                // The local settings used when this clock is grandmaster, not the current grandmaster's.
                TimePropertiesDS local = c.localTimeProperties();
                clockQuality(m, "clockQuality", dds.clockClass(), dds.clockAccuracy(), dds.offsetScaledLogVariance());
                m.put("utc_offset", (long) local.currentUtcOffset());
                m.put("time_flags", (long) local.flags());
                m.put("time_source", (long) local.timeSource());
            }
            case SUBSCRIBE_EVENTS_NP -> {
                Subscriptions.Subscriber s = requester == null ? null : subs.find(requester);
                m.put("duration", requester == null ? 0L : (long) subs.remainingSeconds(requester, nowNanos));
                m.put("bitmask", s == null ? new byte[Subscriptions.BITMASK_OCTETS] : s.events.clone());
            }
            case SYNCHRONIZATION_UNCERTAIN_NP -> m.put("val", (long) c.syncUncertain());
            default -> {
                return null;
            }
        }
        return m;
    }

    /**
     * ALTERNATE_TIME_OFFSET_ENABLE, _NAME and _PROPERTIES of one key (linuxptp
     * clock_management_fill_response): an empty data field for a key out of range, as linuxptp.
     */
    Map<String, Object> alternateTimeOffset(ManagementId id, int key) {
        AlternateTimeOffsets a = clock.alternateTimeOffsets();
        Map<String, Object> m = new LinkedHashMap<>();
        if (key < 0 || key >= AlternateTimeOffsets.MAX_KEYS) return m;
        m.put("keyField", (long) key);
        switch (id) {
            case ALTERNATE_TIME_OFFSET_ENABLE -> m.put("flags", a.enabled(key) ? 1L : 0L);
            case ALTERNATE_TIME_OFFSET_NAME -> m.put("displayName", a.displayName(key));
            case ALTERNATE_TIME_OFFSET_PROPERTIES -> {
                m.put("currentOffset", (long) a.currentOffset(key));
                m.put("jumpSeconds", (long) a.jumpSeconds(key));
                long t = a.timeOfNextJump(key);
                m.put("timeOfNextJump", new byte[] {(byte) (t >> 40), (byte) (t >> 32), (byte) (t >> 24), (byte) (t >> 16), (byte) (t >> 8), (byte) t});
            }
            default -> throw new IllegalArgumentException(id.name());
        }
        return m;
    }

    /** Port-level GET data of port {@code port} (1-based). */
    Map<String, Object> portData(ManagementId id, int port) {
        PtpClock c = clock;
        ClockConfig cfg = c.config();
        Port p = c.port(port);
        PortConfig pc = p.config();
        Map<String, Object> m = new LinkedHashMap<>();
        PortIdentity pid = new PortIdentity(c.defaultDS().clockIdentity(), port);
        switch (id) {
            case NULL_MANAGEMENT, ENABLE_PORT, DISABLE_PORT -> { }
            case CLOCK_DESCRIPTION -> {
                m.put("clockType", (long) clockType(cfg));
                m.put("physicalLayerProtocol", "IEEE 802.3");
                m.put("physicalAddressLength", (long) port(port).physicalAddress().length);
                m.put("physicalAddressAndMore", clockDescriptionTail(port(port), pc));

            }
            case PORT_DATA_SET -> {
                PortState st = p.state();
                m.put("portIdentity", pid);
                m.put("portState", (long) (st == PortState.GRAND_MASTER ? PortState.MASTER.code : st.code));
                m.put("logMinDelayReqInterval", (long) pc.logMinDelayReqInterval);
                m.put("peerMeanPathDelay", scaled(p.peerDelay().delayNanos()));
                m.put("logAnnounceInterval", (long) p.ds().logAnnounceInterval());
                m.put("announceReceiptTimeout", (long) pc.announceReceiptTimeout);
                m.put("logSyncInterval", (long) p.ds().logSyncInterval()); // as a message interval request set it
                m.put("delayMechanism", (long) delayMechanismCode(pc.delayMechanism));
                m.put("logMinPdelayReqInterval", (long) pc.logMinPdelayReqInterval);
                m.put("versionNumber", 2L);
            }
            case LOG_ANNOUNCE_INTERVAL -> m.put("logAnnounceInterval", (long) p.ds().logAnnounceInterval());
            case ANNOUNCE_RECEIPT_TIMEOUT -> m.put("announceReceiptTimeout", (long) pc.announceReceiptTimeout);
            case LOG_SYNC_INTERVAL -> m.put("logSyncInterval", (long) p.ds().logSyncInterval()); // as a message interval request set it
            case VERSION_NUMBER -> m.put("versionNumber", 2L);
            case MASTER_ONLY -> m.put("flags", pc.serverOnly ? 1L : 0L);
            case DELAY_MECHANISM -> m.put("delayMechanism", (long) delayMechanismCode(pc.delayMechanism));
            case LOG_MIN_PDELAY_REQ_INTERVAL -> m.put("logMinPdelayReqInterval", (long) pc.logMinPdelayReqInterval);
            case PORT_DATA_SET_NP -> {
                m.put("neighborPropDelayThresh", p.ds().neighborPropDelayThreshNanos());
                m.put("asCapable", p.asCapable() ? 1L : 0L);
            }
            case PORT_PROPERTIES_NP -> {
                PortState st = p.state();
                m.put("portIdentity", pid);
                m.put("port_state", (long) (st == PortState.GRAND_MASTER ? PortState.MASTER.code : st.code));
                m.put("timestamping", (long) port(port).timestamping());
                m.put("interface", port(port).interfaceName());
            }
            case PORT_STATS_NP -> {
                // linuxptp sends these 2 x 16 counters little-endian (tlv.c __cpu_to_le64).
                byte[] stats = new byte[2 * 16 * 8];
                for (int t = 0; t < 16; t++) {
                    putLe64(stats, t * 8, p.counters().rxMessages(t));
                    putLe64(stats, 128 + t * 8, p.counters().txMessages(t));
                }
                m.put("portIdentity", pid);
                m.put("stats", stats);
            }
            case PORT_SERVICE_STATS_NP -> {
                // linuxptp 4.4 sends the ten PortServiceStats counters little-endian, as PORT_STATS_NP's
                byte[] stats = new byte[PortCounters.SERVICE_STATS * 8];
                for (int i = 0; i < PortCounters.SERVICE_STATS; i++) putLe64(stats, i * 8, p.counters().serviceStat(i));
                m.put("portIdentity", pid);
                m.put("stats", stats);
            }
            case UNICAST_MASTER_TABLE_NP -> {
                UnicastTableEntry[] t = p.unicastMasterTable();
                m.put("actual_table_size", (long) t.length);
                m.put("table", unicastMasterTable(t, p));
            }
            case POWER_PROFILE_SETTINGS_NP -> {
                PowerProfile pp = p.powerProfile();
                m.put("version", (long) pp.version());
                m.put("grandmasterID", (long) pp.grandmasterId());
                m.put("grandmasterTimeInaccuracy", pp.grandmasterTimeInaccuracy());
                m.put("networkTimeInaccuracy", pp.networkTimeInaccuracy());
                m.put("totalTimeInaccuracy", pp.totalTimeInaccuracy());
            }
            case CMLDS_INFO_NP -> {
                // linuxptp: the port's peerMeanPathDelay, (nrate.ratio - 1) * 2^41, asCapable
                m.put("meanLinkDelay", scaled(p.peerDelay().delayNanos()));
                m.put("scaledNeighborRateRatio", Math.round((p.peerDelay().neighborRateRatio() - 1.0) * FollowUpInformation.POW2_41));
                m.put("as_capable", p.asCapable() ? 1L : 0L);
            }
            case PORT_HWCLOCK_NP -> {
                m.put("portIdentity", pid);
                m.put("phc_index", (long) port(port).phcIndex());
                m.put("flags", 0L);
            }
            default -> {
                return null;
            }
        }
        return m;
    }

    /**
     * UNICAST_MASTER_TABLE_NP's entries (linuxptp struct unicast_master_entry): the master's port
     * identity, the quality and priorities of its last Announce, whether it is the parent, the
     * negotiation state, and its address as a PortAddress.
     */
    private byte[] unicastMasterTable(UnicastTableEntry[] table, Port p) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        java.nio.ByteBuffer e = java.nio.ByteBuffer.allocate(64);
        for (UnicastTableEntry t : table) {
            io.ptp4j.core.bmca.BmcDataset d = p.foreignMasters().latest(t.clockIdentity(), t.portNumber());
            boolean selected = clock.isParentPort(p.number()) && clock.parentDS().isParent(t.clockIdentity(), t.portNumber());
            byte[] addr = io.ptp4j.core.wire.PortAddresses.octets(t.address());
            e.clear();
            e.putLong(t.clockIdentity()).putShort((short) t.portNumber());
            e.put((byte) (d == null ? 0 : d.clockClass)).put((byte) (d == null ? 0 : d.clockAccuracy))
                    .putShort((short) (d == null ? 0 : d.offsetScaledLogVariance));
            e.put((byte) (selected ? 1 : 0)).put((byte) t.state()).put((byte) (d == null ? 0 : d.priority1)).put((byte) (d == null ? 0 : d.priority2));
            e.putShort((short) io.ptp4j.core.wire.PortAddresses.networkProtocol(t.address())).putShort((short) addr.length).put(addr);
            b.write(e.array(), 0, e.position());
        }
        return b.toByteArray();
    }

    private static void putLe64(byte[] b, int at, long v) {
        for (int i = 0; i < 8; i++) b[at + i] = (byte) (v >>> (8 * i));
    }

    /** clockType (15.5.3.1.2.1): ordinary 0x8000, boundary 0x4000, transparent E2E 0x2000 / P2P 0x1000. */
    private static int clockType(ClockConfig cfg) {
        return switch (cfg.clockType) {
            case OC -> 0x8000;
            case BC -> 0x4000;
            case E2E_TC -> 0x2000;
            case P2P_TC -> 0x1000;
        };
    }

    /** CLOCK_DESCRIPTION after physicalAddressLength: as linuxptp's port_management_fill_response lays it out. */
    private byte[] clockDescriptionTail(PortDescription d, PortConfig cfg) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(d.physicalAddress());
        b.write(d.networkProtocol() >> 8);
        b.write(d.networkProtocol());
        b.write(d.protocolAddress().length >> 8);
        b.write(d.protocolAddress().length);
        b.writeBytes(d.protocolAddress());
        b.writeBytes(manufacturerIdentity);
        b.write(0); // reserved
        text(b, productDescription);
        text(b, revisionData);
        text(b, userDescription);
        b.writeBytes(cfg.delayMechanism.peerToPeer() ? PROFILE_P2P : PROFILE_E2E);
        return b.toByteArray();
    }

    private static void text(ByteArrayOutputStream b, byte[] s) {
        byte[] t = PtpText.octets(s); // at most 255 octets: the length octet never wraps
        b.write(t.length);
        b.writeBytes(t);
    }

    static int delayMechanismCode(DelayMechanism dm) {
        return switch (dm) {
            case E2E -> 1;
            case P2P -> 2;
            case AUTO -> 1; // linuxptp reports DM_E2E when delayMechanism is 0 (auto)
            case COMMON_P2P -> 3; // linuxptp 4.4 DM_COMMON_P2P
            case NONE -> 0xFE;
        };
    }
}
