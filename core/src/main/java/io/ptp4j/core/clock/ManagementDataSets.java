package io.ptp4j.core.clock;

import io.ptp4j.core.engine.EngineConfig;
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

    private PortDescription port(int n) {
        return n <= ports.length && ports[n - 1] != null ? ports[n - 1] : PortDescription.unknown("");
    }

    /** Clock-level GET data; {@code requester} is who asks (SUBSCRIBE_EVENTS_NP reports its own subscription). */
    Map<String, Object> clockData(ManagementId id, PortIdentity requester, Subscriptions subs, long nowNanos) {
        PtpClock c = clock;
        EngineConfig cfg = c.config();
        Map<String, Object> m = new LinkedHashMap<>();
        switch (id) {
            case USER_DESCRIPTION -> m.put("userDescription", userDescription);
            case DEFAULT_DATA_SET -> {
                m.put("flags", (long) ((cfg.twoStepFlag ? 1 : 0) | (cfg.clientOnly ? 2 : 0)));
                m.put("numberPorts", (long) c.numberPorts());
                m.put("priority1", (long) c.priority1());
                m.put("clockQuality.clockClass", (long) c.clockClass());
                m.put("clockQuality.clockAccuracy", (long) c.clockAccuracy());
                m.put("clockQuality.offsetScaledLogVariance", (long) c.offsetScaledLogVariance());
                m.put("priority2", (long) c.priority2());
                m.put("clockIdentity", c.clockIdentity());
                m.put("domainNumber", (long) cfg.domainNumber);
            }
            case CURRENT_DATA_SET -> {
                m.put("stepsRemoved", (long) c.stepsRemoved());
                m.put("offsetFromMaster", scaled(c.offsetFromMasterNanos()));
                m.put("meanPathDelay", scaled(c.meanPathDelayNanos()));
            }
            case PARENT_DATA_SET -> {
                m.put("parentPortIdentity", c.parentPortIdentity());
                m.put("observedParentOffsetScaledLogVariance", 0xFFFFL);
                m.put("observedParentClockPhaseChangeRate", 0x7FFFFFFFL);
                m.put("grandmasterPriority1", (long) c.grandmasterPriority1());
                m.put("grandmasterClockQuality.clockClass", (long) c.grandmasterClockClass());
                m.put("grandmasterClockQuality.clockAccuracy", (long) c.grandmasterClockAccuracy());
                m.put("grandmasterClockQuality.offsetScaledLogVariance", (long) c.grandmasterVariance());
                m.put("grandmasterPriority2", (long) c.grandmasterPriority2());
                m.put("grandmasterIdentity", c.grandmasterIdentity());
            }
            case TIME_PROPERTIES_DATA_SET -> {
                m.put("currentUtcOffset", (long) c.currentUtcOffset());
                m.put("flags", (long) c.timeFlags());
                m.put("timeSource", (long) c.timeSource());
            }
            case PRIORITY1 -> m.put("priority1", (long) c.priority1());
            case PRIORITY2 -> m.put("priority2", (long) c.priority2());
            case DOMAIN -> m.put("domainNumber", (long) cfg.domainNumber);
            case SLAVE_ONLY -> m.put("flags", cfg.clientOnly ? 1L : 0L);
            case CLOCK_ACCURACY -> m.put("clockAccuracy", (long) c.clockAccuracy());
            case TRACEABILITY_PROPERTIES -> m.put("flags", (long) (c.timeFlags() & 0x30));
            case TIMESCALE_PROPERTIES -> {
                m.put("flags", (long) (c.timeFlags() & 0x08));
                m.put("timeSource", (long) c.timeSource());
            }
            case TIME_STATUS_NP -> {
                m.put("master_offset", c.offsetFromMasterNanos());
                m.put("ingress_time", c.lastIngressNanos());
                m.put("gmPresent", c.isGrandmaster() ? 0L : 1L);
                m.put("gmIdentity", c.grandmasterIdentity());
            }
            case GRANDMASTER_SETTINGS_NP -> {
                // The local settings used when this clock is grandmaster, not the current grandmaster's.
                m.put("clockQuality.clockClass", (long) c.clockClass());
                m.put("clockQuality.clockAccuracy", (long) c.clockAccuracy());
                m.put("clockQuality.offsetScaledLogVariance", (long) c.offsetScaledLogVariance());
                m.put("utc_offset", (long) c.localUtcOffset());
                m.put("time_flags", (long) c.localTimeFlags());
                m.put("time_source", (long) c.localTimeSource());
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

    /** Port-level GET data of port {@code port} (1-based). */
    Map<String, Object> portData(ManagementId id, int port) {
        PtpClock c = clock;
        EngineConfig cfg = c.config();
        Map<String, Object> m = new LinkedHashMap<>();
        PortIdentity pid = new PortIdentity(c.clockIdentity(), port);
        switch (id) {
            case NULL_MANAGEMENT, ENABLE_PORT, DISABLE_PORT -> { }
            case CLOCK_DESCRIPTION -> {
                m.put("clockType", (long) clockType(cfg));
                m.put("physicalLayerProtocol", "IEEE 802.3");
                m.put("physicalAddressLength", (long) port(port).physicalAddress().length);
                m.put("physicalAddressAndMore", clockDescriptionTail(port(port), cfg));

            }
            case PORT_DATA_SET -> {
                PortState st = c.portState(port);
                m.put("portIdentity", pid);
                m.put("portState", (long) (st == PortState.GRAND_MASTER ? PortState.MASTER.code : st.code));
                m.put("logMinDelayReqInterval", (long) cfg.portConfig(port).logMinDelayReqInterval);
                m.put("peerMeanPathDelay", scaled(c.peerDelayNanos(port)));
                m.put("logAnnounceInterval", (long) c.currentLogAnnounceInterval(port));
                m.put("announceReceiptTimeout", (long) cfg.portConfig(port).announceReceiptTimeout);
                m.put("logSyncInterval", (long) c.currentLogSyncInterval(port)); // as a message interval request set it
                m.put("delayMechanism", (long) delayMechanismCode(cfg.portConfig(port).delayMechanism));
                m.put("logMinPdelayReqInterval", (long) cfg.portConfig(port).logMinPdelayReqInterval);
                m.put("versionNumber", 2L);
            }
            case LOG_ANNOUNCE_INTERVAL -> m.put("logAnnounceInterval", (long) c.currentLogAnnounceInterval(port));
            case ANNOUNCE_RECEIPT_TIMEOUT -> m.put("announceReceiptTimeout", (long) cfg.portConfig(port).announceReceiptTimeout);
            case LOG_SYNC_INTERVAL -> m.put("logSyncInterval", (long) c.currentLogSyncInterval(port)); // as a message interval request set it
            case VERSION_NUMBER -> m.put("versionNumber", 2L);
            case MASTER_ONLY -> m.put("flags", cfg.portConfig(port).serverOnly ? 1L : 0L);
            case DELAY_MECHANISM -> m.put("delayMechanism", (long) delayMechanismCode(cfg.portConfig(port).delayMechanism));
            case LOG_MIN_PDELAY_REQ_INTERVAL -> m.put("logMinPdelayReqInterval", (long) cfg.portConfig(port).logMinPdelayReqInterval);
            case PORT_DATA_SET_NP -> {
                m.put("neighborPropDelayThresh", c.neighborPropDelayThreshNanos(port));
                m.put("asCapable", c.asCapable(port) ? 1L : 0L);
            }
            case PORT_PROPERTIES_NP -> {
                PortState st = c.portState(port);
                m.put("portIdentity", pid);
                m.put("port_state", (long) (st == PortState.GRAND_MASTER ? PortState.MASTER.code : st.code));
                m.put("timestamping", (long) port(port).timestamping());
                m.put("interface", port(port).interfaceName());
            }
            case PORT_STATS_NP -> {
                // linuxptp sends these 2 x 16 counters little-endian (tlv.c __cpu_to_le64).
                byte[] stats = new byte[2 * 16 * 8];
                for (int t = 0; t < 16; t++) {
                    putLe64(stats, t * 8, c.rxMessages(port, t));
                    putLe64(stats, 128 + t * 8, c.txMessages(port, t));
                }
                m.put("portIdentity", pid);
                m.put("stats", stats);
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

    private static void putLe64(byte[] b, int at, long v) {
        for (int i = 0; i < 8; i++) b[at + i] = (byte) (v >>> (8 * i));
    }

    /** clockType (15.5.3.1.2.1): ordinary 0x8000, boundary 0x4000, transparent E2E 0x2000 / P2P 0x1000. */
    private static int clockType(EngineConfig cfg) {
        return switch (cfg.clockType) {
            case OC -> 0x8000;
            case BC -> 0x4000;
            case E2E_TC -> 0x2000;
            case P2P_TC -> 0x1000;
        };
    }

    /** CLOCK_DESCRIPTION after physicalAddressLength: as linuxptp's port_management_fill_response lays it out. */
    private byte[] clockDescriptionTail(PortDescription d, EngineConfig cfg) {
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
        b.writeBytes(cfg.delayMechanism == EngineConfig.DelayMechanism.P2P ? PROFILE_P2P : PROFILE_E2E);
        return b.toByteArray();
    }

    private static void text(ByteArrayOutputStream b, byte[] s) {
        byte[] t = PtpText.octets(s); // at most 255 octets: the length octet never wraps
        b.write(t.length);
        b.writeBytes(t);
    }

    static int delayMechanismCode(EngineConfig.DelayMechanism dm) {
        return switch (dm) {
            case E2E -> 1;
            case P2P -> 2;
            case AUTO -> 1; // linuxptp reports DM_E2E when delayMechanism is 0 (auto)
            case NONE -> 0xFE;
        };
    }
}
