package io.ptp4j.core.clock;

import io.ptp4j.core.management.ManagementData;
import io.ptp4j.core.management.ManagementErrorId;
import io.ptp4j.core.management.ManagementErrorStatus;
import io.ptp4j.core.management.ManagementId;
import io.ptp4j.core.wire.DecodeException;
import io.ptp4j.core.wire.MessageType;
import io.ptp4j.core.wire.PortIdentity;
import io.ptp4j.core.wire.PtpMessage;
import io.ptp4j.core.wire.TlvCursor;
import io.ptp4j.core.wire.TlvType;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Answers management GETs (IEEE 1588-2019 clause 15) from a {@link PtpClock}'s data sets, the
 * way linuxptp's ptp4l does on its Unix socket: clock-level ids from port 0, port-level ids once
 * per addressed port, MANAGEMENT_ERROR_STATUS NOT_SUPPORTED for what ptp4j does not serve and
 * NOT_SETABLE for SETs (settings change through the config file for now). Management is not a
 * per-packet path: responses are built through the layout tables.
 */
public final class ManagementAgent {
    /** Where responses go (the caller sends them back to the requester). */
    public interface Sink {
        void send(ByteBuffer buf, int length);
    }

    private final PtpClock clock;
    private final PtpMessage req = new PtpMessage();
    private final PtpMessage resp = new PtpMessage();
    private final TlvCursor tlvs = new TlvCursor();
    private final ByteBuffer out = ByteBuffer.allocate(1500);
    private String[] interfaces = new String[0];
    private int timestamping;

    public ManagementAgent(PtpClock clock) {
        this.clock = clock;
    }

    /**
     * What PORT_PROPERTIES_NP tells (linuxptp's phc2sys -a reads it to find each port's PHC): the
     * interface of port N at index N-1, and the timestamping (linuxptp's enum timestamp_type:
     * 0 software, 1 hardware). Without this call PORT_PROPERTIES_NP answers NOT_SUPPORTED.
     */
    public ManagementAgent portProperties(String[] interfaceNames, int timestampType) {
        this.interfaces = interfaceNames.clone();
        this.timestamping = timestampType;
        return this;
    }

    /** Handles one request; malformed requests get no answer (and a DecodeException for the caller to log). */
    public void handle(ByteBuffer buf, int offset, int length, Sink sink) throws DecodeException {
        req.wrap(buf, offset, length);
        if (req.validate(tlvs) != MessageType.MANAGEMENT) return;
        tlvs.reset(req);
        if (!tlvs.next() || tlvs.type() != TlvType.MANAGEMENT) return;
        int idCode = req.u16(tlvs.valueOffset());
        int action = req.actionField();
        if (action != 0 && action != 1 && action != 3) return; // only GET, SET, COMMAND are requests
        ManagementId id = ManagementId.of(idCode);
        int targetPort = req.targetPortNumber();
        boolean portLevel = id != null && isPortLevel(id);
        if (portLevel) {
            for (int p = 1; p <= clock.numberPorts(); p++) {
                if (targetPort == 0xFFFF || targetPort == p) respond(id, idCode, action, p, sink);
            }
        } else {
            respond(id, idCode, action, 0, sink);
        }
    }

    private static boolean isPortLevel(ManagementId id) {
        return switch (id) {
            case PORT_DATA_SET, LOG_ANNOUNCE_INTERVAL, ANNOUNCE_RECEIPT_TIMEOUT, LOG_SYNC_INTERVAL, VERSION_NUMBER,
                 DELAY_MECHANISM, LOG_MIN_PDELAY_REQ_INTERVAL, PORT_DATA_SET_NP, PORT_PROPERTIES_NP, PORT_STATS_NP,
                 PORT_SERVICE_STATS_NP, PORT_HWCLOCK_NP, ENABLE_PORT, DISABLE_PORT -> true;
            default -> false;
        };
    }

    private void respond(ManagementId id, int idCode, int action, int port, Sink sink) {
        resp.wrap(out, 0, out.capacity()).initHeader(MessageType.MANAGEMENT, 0)
                .majorSdoId(req.majorSdoId()).domainNumber(req.domainNumber())
                .sourcePort(clock.clockIdentity(), port).sequenceId(req.sequenceId()).logMessageInterval(0x7F)
                .targetPort(req.sourceClockIdentity(), req.sourcePortNumber())
                .startingBoundaryHops(req.startingBoundaryHops() - req.boundaryHops()).boundaryHops(0);
        Map<String, Object> data = action == 0 && id != null ? data(id, port) : null;
        if (data == null) {
            ManagementErrorId err = id == null ? ManagementErrorId.NO_SUCH_ID
                    : action == 1 ? ManagementErrorId.NOT_SETABLE : ManagementErrorId.NOT_SUPPORTED;
            resp.actionField(2);
            new ManagementErrorStatus(err.code, idCode, "").append(resp);
        } else {
            resp.actionField(2);
            int v = TlvCursor.append(resp, TlvType.MANAGEMENT, 2);
            resp.u16(v, idCode);
            int n = ManagementData.encode(id, data, out, v + 2);
            if ((n & 1) == 1) out.put(v + 2 + n++, (byte) 0); // dataField is padded to an even length
            resp.u16(v - 2, 2 + n).messageLength(v + 2 + n);
        }
        sink.send(out, resp.messageLength());
    }

    private static long scaled(long nanos) {
        return nanos << 16; // TimeInterval: ns * 2^16
    }

    /** The dataField values of a GET, or null when ptp4j does not serve that id. */
    private Map<String, Object> data(ManagementId id, int port) {
        PtpClock c = clock;
        var cfg = c.config();
        Map<String, Object> m = new LinkedHashMap<>();
        switch (id) {
            case NULL_MANAGEMENT -> { }
            case DEFAULT_DATA_SET -> {
                m.put("flags", (long) ((cfg.twoStepFlag ? 1 : 0) | (cfg.clientOnly ? 2 : 0)));
                m.put("numberPorts", (long) c.numberPorts());
                m.put("priority1", (long) cfg.priority1);
                m.put("clockQuality.clockClass", (long) (cfg.clientOnly ? 255 : cfg.clockClass));
                m.put("clockQuality.clockAccuracy", (long) cfg.clockAccuracy);
                m.put("clockQuality.offsetScaledLogVariance", (long) cfg.offsetScaledLogVariance);
                m.put("priority2", (long) cfg.priority2);
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
            case PRIORITY1 -> m.put("priority1", (long) cfg.priority1);
            case PRIORITY2 -> m.put("priority2", (long) cfg.priority2);
            case DOMAIN -> m.put("domainNumber", (long) cfg.domainNumber);
            case SLAVE_ONLY -> m.put("flags", cfg.clientOnly ? 1L : 0L);
            case CLOCK_ACCURACY -> m.put("clockAccuracy", (long) cfg.clockAccuracy);
            case TRACEABILITY_PROPERTIES -> m.put("flags", (long) (c.timeFlags() & 0x30));
            case TIMESCALE_PROPERTIES -> {
                m.put("flags", (long) (c.timeFlags() & 0x08));
                m.put("timeSource", (long) c.timeSource());
            }
            case PORT_DATA_SET -> {
                m.put("portIdentity", new PortIdentity(c.clockIdentity(), port));
                m.put("portState", (long) c.portState(port).code);
                m.put("logMinDelayReqInterval", (long) cfg.logMinDelayReqInterval);
                m.put("peerMeanPathDelay", scaled(c.peerDelayNanos(port)));
                m.put("logAnnounceInterval", (long) cfg.logAnnounceInterval);
                m.put("announceReceiptTimeout", (long) cfg.announceReceiptTimeout);
                m.put("logSyncInterval", (long) cfg.logSyncInterval);
                m.put("delayMechanism", (long) delayMechanismCode(cfg.delayMechanism));
                m.put("logMinPdelayReqInterval", (long) cfg.logMinPdelayReqInterval);
                m.put("versionNumber", 2L);
            }
            case LOG_ANNOUNCE_INTERVAL -> m.put("logAnnounceInterval", (long) cfg.logAnnounceInterval);
            case ANNOUNCE_RECEIPT_TIMEOUT -> m.put("announceReceiptTimeout", (long) cfg.announceReceiptTimeout);
            case LOG_SYNC_INTERVAL -> m.put("logSyncInterval", (long) cfg.logSyncInterval);
            case VERSION_NUMBER -> m.put("versionNumber", 2L);
            case DELAY_MECHANISM -> m.put("delayMechanism", (long) delayMechanismCode(cfg.delayMechanism));
            case LOG_MIN_PDELAY_REQ_INTERVAL -> m.put("logMinPdelayReqInterval", (long) cfg.logMinPdelayReqInterval);
            case TIME_STATUS_NP -> {
                m.put("master_offset", c.offsetFromMasterNanos());
                m.put("ingress_time", c.lastIngressNanos());
                m.put("gmPresent", c.grandmasterIdentity() != c.clockIdentity() ? 1L : 0L);
                m.put("gmIdentity", c.grandmasterIdentity());
            }
            case GRANDMASTER_SETTINGS_NP -> {
                m.put("clockQuality.clockClass", (long) c.grandmasterClockClass());
                m.put("clockQuality.clockAccuracy", (long) c.grandmasterClockAccuracy());
                m.put("clockQuality.offsetScaledLogVariance", (long) c.grandmasterVariance());
                m.put("utc_offset", (long) c.currentUtcOffset());
                m.put("time_flags", (long) c.timeFlags());
                m.put("time_source", (long) c.timeSource());
            }
            case PORT_PROPERTIES_NP -> {
                if (port < 1 || port > interfaces.length) return null;
                m.put("portIdentity", new PortIdentity(c.clockIdentity(), port));
                m.put("port_state", (long) c.portState(port).code);
                m.put("timestamping", (long) timestamping);
                m.put("interface", interfaces[port - 1]);
            }
            case PORT_DATA_SET_NP -> {
                m.put("neighborPropDelayThresh", cfg.neighborPropDelayThreshNanos);
                m.put("asCapable", 1L);
            }
            default -> {
                return null;
            }
        }
        return m;
    }

    private static int delayMechanismCode(io.ptp4j.core.engine.EngineConfig.DelayMechanism dm) {
        return switch (dm) {
            case E2E -> 1;
            case P2P -> 2;
            case AUTO -> 0;
            case NONE -> 0xFE;
        };
    }
}
