package io.ptp4j.core.engine;

import io.ptp4j.core.servo.ServoConfig;

/**
 * Settings of one PTP instance, named after linuxptp's config keys (camelCase) with linuxptp's
 * defaults. The linuxptp config parser in tools maps a config file onto this class.
 */
public final class EngineConfig {
    public enum DelayMechanism { E2E, P2P, AUTO, NONE }

    public enum ClockType { OC, BC, E2E_TC, P2P_TC }

    // defaultDS (8.2.1) and clock description
    public long clockIdentity = 0x0000_00ff_fe00_0001L;
    public int domainNumber = 0;
    public int priority1 = 128;
    public int priority2 = 128;
    public int clockClass = 248;
    public int clockAccuracy = 0xFE;
    public int offsetScaledLogVariance = 0xFFFF;
    /** slaveOnly / clientOnly: never MASTER. */
    public boolean clientOnly = false;
    /** masterOnly / serverOnly: never SLAVE (foreign masters are ignored). */
    public boolean serverOnly = false;
    public boolean twoStepFlag = true;
    public ClockType clockType = ClockType.OC;
    public String datasetComparison = "ieee1588";

    // timePropertiesDS of a grandmaster (8.2.4)
    public int utcOffset = 37;
    public int timeSource = 0xA0;
    public boolean ptpTimescale = false;

    // portDS (8.2.15), per port in linuxptp; one value for every port here
    public int logAnnounceInterval = 1;
    public int logSyncInterval = 0;
    public int logMinDelayReqInterval = 0;
    public int logMinPdelayReqInterval = 0;
    public int announceReceiptTimeout = 3;
    public int syncReceiptTimeout = 0;
    public DelayMechanism delayMechanism = DelayMechanism.E2E;
    public int transportSpecific = 0;
    public long delayAsymmetryNanos = 0;
    public long neighborPropDelayThreshNanos = 20_000_000;
    public boolean followUpInfo = false;
    public boolean pathTraceEnabled = false;
    /** gmCapable (802.1AS): 0 makes the clock announce class 255, like clientOnly (linuxptp clock.c). */
    public boolean gmCapable = true;
    public int minorVersion = 1;
    /** maxStepsRemoved: an Announce whose stepsRemoved is at least this is not qualified (linuxptp port.c). */
    public int maxStepsRemoved = 255;
    /** clock_class_threshold: a master announcing a worse (higher) clockClass is ignored. */
    public int clockClassThreshold = 248;
    /** G.8275.defaultDS.localPriority: this clock's own localPriority in the G.8275.x comparison. */
    public int localPriority = 128;
    /**
     * G.8275.portDS.localPriority per port (index portNumber - 1; null: 128 everywhere): given to
     * every foreign master heard on that port (telecom profiles).
     */
    public int[] portLocalPriority = null;
    /** ingressLatency: ns taken off every receive timestamp (the PHY's delay after the stamp point). */
    public long ingressLatencyNanos = 0;
    /** egressLatency: ns added to every transmit timestamp. */
    public long egressLatencyNanos = 0;
    /** ignore_transport_specific: accept any transportSpecific (majorSdoId) nibble. */
    public boolean ignoreTransportSpecific = false;
    /** min_neighbor_prop_delay (ns): a gPTP port whose peer delay is below this is not asCapable. */
    public long minNeighborPropDelayNanos = -20_000_000;
    /** allowedLostResponses: Pdelay responses that may go missing in a row before asCapable drops. */
    public int allowedLostResponses = 3;
    /** delay_response_timeout: Delay_Reqs in a row without a Delay_Resp before a synchronization fault (0 off). */
    public int delayResponseTimeout = 0;
    /** step_window: Syncs ignored after a step (no frequency or step adjustment) while stamps settle. */
    public int stepWindow = 0;
    /** boundary_clock_jbod: the ports have different PHCs; the slave port's is the one disciplined. */
    public boolean boundaryClockJbod = false;
    /** assume_two_step: treat every Sync as two-step (wait for its Follow_Up), for buggy 802.1AS switches. */
    public boolean assumeTwoStep = false;

    // clock discipline
    // Unicast (IEEE 1588-2019 16.1 negotiation; linuxptp unicast_client.c, unicast_service.c)
    /** unicast_listen: grant unicast Announce/Sync/Delay_Resp to clients that ask. */
    public boolean unicastListen = false;
    /** inhibit_multicast_service: a master sends only what it granted, no multicast Announce/Sync. */
    public boolean inhibitMulticastService = false;
    /** hybrid_e2e: multicast Sync, unicast Delay_Req/Delay_Resp with the master's address. */
    public boolean hybridE2e = false;
    /** unicast_req_duration: seconds a client asks each grant to last. */
    public int unicastReqDuration = 3600;
    /** Per port (index portNumber - 1): the unicast master table's addresses, or null for none. */
    public String[][] unicastMasters = null;
    /** Per port: the table's logQueryInterval (log2 s between requests while waiting). */
    public int[] unicastLogQueryInterval = null;

    public boolean freeRunning = false;
    public ServoConfig servo = new ServoConfig();
    /**
     * A servo made outside the engine, used instead of the one clock_servo names (ptp4l's ntpshm
     * servo writes shared memory, which the sans-IO core cannot). Null: the engine's own.
     */
    public java.util.function.Supplier<io.ptp4j.core.servo.Servo> externalServo = null;
    public String tsprocMode = "filter";
    public String delayFilter = "moving_median";
    public int delayFilterLength = 10;
    public int freqEstInterval = 1;
    /** ptp4j: lucky_packet_window (0 off): offsets from the fastest of the last N Syncs once locked. */
    public int luckyPacketWindow = 0;

    // Automotive profile (linuxptp configs/automotive-*.cfg; port.c, designated_fsm.c, bmc.c)
    /** BMCA noop: designated state machines, serverOnly ports are MASTER and clientOnly ones SLAVE. */
    public boolean bmcaNoop = false;
    /** inhibit_announce: no Announce sent, no announce receipt timeout armed. */
    public boolean inhibitAnnounce = false;
    /** ignore_source_id: Sync, Follow_Up and Delay_Resp are taken whatever their sourcePortIdentity. */
    public boolean ignoreSourceId = false;
    /** inhibit_delay_req: no Delay_Req and no Pdelay_Req sent (linuxptp needs asCapable true). */
    public boolean inhibitDelayReq = false;
    /** asCapable true (linuxptp ALWAYS_CAPABLE); false is linuxptp's "auto". */
    public boolean alwaysAsCapable = false;
    /** initial_delay: the path delay assumed until one is measured (0: none). */
    public long initialDelayNanos = 0;
    /** msg_interval_request: once LOCKED_STABLE ask the master for operLogSyncInterval (802.1AS 10.6.4.3). */
    public boolean msgIntervalRequest = false;
    public int operLogSyncInterval = 0;
    public int operLogPdelayReqInterval = 0;

    /**
     * Per-port configurations (index portNumber - 1), for the values linuxptp reads per port
     * (intervals, delay mechanism, serverOnly, transportSpecific, asymmetry, latencies, unicast):
     * a linuxptp config's port sections. Null, or a null entry: the port uses this configuration.
     * Clock-wide values (identity, domain, priorities, servo) are always taken from this one.
     */
    public EngineConfig[] ports = null;

    /** The configuration port {@code portNumber} uses. */
    public EngineConfig portConfig(int portNumber) {
        if (ports == null || portNumber < 1 || portNumber > ports.length || ports[portNumber - 1] == null) return this;
        return ports[portNumber - 1];
    }

    /** Number of PTP ports (1 for an ordinary clock, more for a boundary clock). */
    public int numberPorts = 1;
    /** Seed for the random parts of timers (9.5.11.2); a daemon seeds from the clock identity. */
    public long randomSeed = 1;

    /** A copy, for nodes that start from a shared template. */
    public EngineConfig copy() {
        EngineConfig c = new EngineConfig();
        c.clockIdentity = clockIdentity;
        c.domainNumber = domainNumber;
        c.priority1 = priority1;
        c.priority2 = priority2;
        c.clockClass = clockClass;
        c.clockAccuracy = clockAccuracy;
        c.offsetScaledLogVariance = offsetScaledLogVariance;
        c.clientOnly = clientOnly;
        c.serverOnly = serverOnly;
        c.twoStepFlag = twoStepFlag;
        c.maxStepsRemoved = maxStepsRemoved;
        c.clockClassThreshold = clockClassThreshold;
        c.localPriority = localPriority;
        c.portLocalPriority = portLocalPriority == null ? null : portLocalPriority.clone();
        c.ingressLatencyNanos = ingressLatencyNanos;
        c.egressLatencyNanos = egressLatencyNanos;
        c.ignoreTransportSpecific = ignoreTransportSpecific;
        c.assumeTwoStep = assumeTwoStep;
        c.boundaryClockJbod = boundaryClockJbod;
        c.minNeighborPropDelayNanos = minNeighborPropDelayNanos;
        c.allowedLostResponses = allowedLostResponses;
        c.stepWindow = stepWindow;
        c.delayResponseTimeout = delayResponseTimeout;
        c.ports = ports == null ? null : ports.clone();
        c.clockType = clockType;
        c.datasetComparison = datasetComparison;
        c.utcOffset = utcOffset;
        c.timeSource = timeSource;
        c.ptpTimescale = ptpTimescale;
        c.logAnnounceInterval = logAnnounceInterval;
        c.logSyncInterval = logSyncInterval;
        c.logMinDelayReqInterval = logMinDelayReqInterval;
        c.logMinPdelayReqInterval = logMinPdelayReqInterval;
        c.announceReceiptTimeout = announceReceiptTimeout;
        c.syncReceiptTimeout = syncReceiptTimeout;
        c.delayMechanism = delayMechanism;
        c.transportSpecific = transportSpecific;
        c.delayAsymmetryNanos = delayAsymmetryNanos;
        c.neighborPropDelayThreshNanos = neighborPropDelayThreshNanos;
        c.followUpInfo = followUpInfo;
        c.pathTraceEnabled = pathTraceEnabled;
        c.gmCapable = gmCapable;
        c.minorVersion = minorVersion;
        c.freeRunning = freeRunning;
        c.unicastListen = unicastListen;
        c.inhibitMulticastService = inhibitMulticastService;
        c.hybridE2e = hybridE2e;
        c.unicastReqDuration = unicastReqDuration;
        c.unicastMasters = unicastMasters == null ? null : unicastMasters.clone();
        c.unicastLogQueryInterval = unicastLogQueryInterval == null ? null : unicastLogQueryInterval.clone();
        c.externalServo = externalServo;
        ServoConfig s = new ServoConfig();
        s.clockServo = servo.clockServo;
        s.piProportionalConst = servo.piProportionalConst;
        s.piIntegralConst = servo.piIntegralConst;
        s.piProportionalScale = servo.piProportionalScale;
        s.piProportionalExponent = servo.piProportionalExponent;
        s.piProportionalNormMax = servo.piProportionalNormMax;
        s.piIntegralScale = servo.piIntegralScale;
        s.piIntegralExponent = servo.piIntegralExponent;
        s.piIntegralNormMax = servo.piIntegralNormMax;
        s.stepThreshold = servo.stepThreshold;
        s.firstStepThreshold = servo.firstStepThreshold;
        s.maxFrequency = servo.maxFrequency;
        s.servoOffsetThreshold = servo.servoOffsetThreshold;
        s.servoNumOffsetValues = servo.servoNumOffsetValues;
        s.softwareTimestamping = servo.softwareTimestamping;
        c.servo = s;
        c.tsprocMode = tsprocMode;
        c.delayFilter = delayFilter;
        c.delayFilterLength = delayFilterLength;
        c.freqEstInterval = freqEstInterval;
        c.luckyPacketWindow = luckyPacketWindow;
        c.numberPorts = numberPorts;
        c.bmcaNoop = bmcaNoop;
        c.inhibitAnnounce = inhibitAnnounce;
        c.ignoreSourceId = ignoreSourceId;
        c.inhibitDelayReq = inhibitDelayReq;
        c.alwaysAsCapable = alwaysAsCapable;
        c.initialDelayNanos = initialDelayNanos;
        c.msgIntervalRequest = msgIntervalRequest;
        c.operLogSyncInterval = operLogSyncInterval;
        c.operLogPdelayReqInterval = operLogPdelayReqInterval;
        c.randomSeed = randomSeed;
        return c;
    }
}
