package io.ptp4j.tools.ptp4l;

import io.ptp4j.core.engine.ClockConfig;
import io.ptp4j.core.engine.ClockType;
import io.ptp4j.core.engine.DelayMechanism;
import io.ptp4j.core.engine.PortConfig;
import io.ptp4j.tools.config.PtpConfig;
import io.ptp4j.tools.config.ServoSettings;
import io.ptp4j.tools.config.UnicastMasterTable;
import java.util.List;

/**
 * A validated linuxptp configuration as the engine's settings: the clock's keys from [global]
 * (and the few per-port keys linuxptp's clock reads from the first interface: tsproc_mode,
 * delay_filter, freq_est_interval, ...), and each port's keys from its interface's own section.
 */
public final class EngineSettings {
    private EngineSettings() {}

    public static ClockConfig clockConfig(PtpConfig c, List<String> ifaces, long clockIdentity, boolean softwareTs) {
        String first = ifaces.get(0);
        ClockConfig e = new ClockConfig();
        e.clockIdentity = clockIdentity;
        e.numberPorts = ifaces.size();
        e.domainNumber = c.getInt("domainNumber");
        e.priority1 = c.getInt("priority1");
        e.priority2 = c.getInt("priority2");
        e.clockClass = c.getInt("clockClass");
        e.clockAccuracy = c.getInt("clockAccuracy");
        e.offsetScaledLogVariance = c.getInt("offsetScaledLogVariance");
        e.clientOnly = c.getInt("clientOnly") == 1;
        e.twoStepFlag = c.getInt("twoStepFlag") == 1;
        e.p2pOneStep = c.getEnum("time_stamping").equals("p2p1step");
        e.checkFupSync = c.getInt("check_fup_sync") == 1;
        e.tcSpanningTree = c.getInt("tc_spanning_tree") == 1;
        e.sanityFreqLimit = c.getInt("sanity_freq_limit");
        e.writePhaseMode = c.getInt("write_phase_mode") == 1;
        e.datasetComparison = c.getEnum("dataset_comparison");
        e.utcOffset = c.getInt("utc_offset");
        // linuxptp clock_create: the system clock and software stamps keep UTC, a PHC keeps TAI
        // and a grandmaster on it announces the PTP timescale (time_flags PTP_TIMESCALE)
        String ts = c.getEnum("time_stamping");
        e.utcTimescale = softwareTs || ts.equals("legacy") || c.getInt("virtual_clock") == 1;
        e.ptpTimescale = !e.utcTimescale;
        e.kernelLeap = c.getInt("kernel_leap") == 1;
        leapfile(e, c.getString("leapfile"));
        e.timeSource = c.getInt("timeSource");
        e.freeRunning = c.getInt("free_running") == 1;
        e.pathTraceEnabled = c.getInt("path_trace_enabled") == 1;
        e.tsprocMode = c.getEnum(first, "tsproc_mode");
        e.delayFilter = c.getEnum(first, "delay_filter");
        e.delayFilterLength = c.getInt(first, "delay_filter_length");
        e.freqEstInterval = c.getInt(first, "freq_est_interval");
        e.luckyPacketWindow = c.getInt(first, "lucky_packet_window");
        e.pdvWindow = c.getInt("pdv_window");
        e.shadowServos = c.getString("shadow_servos");
        e.clockType = switch (c.getEnum("clock_type")) {
            case "BC" -> ClockType.BC;
            case "E2E_TC" -> ClockType.E2E_TC;
            case "P2P_TC" -> ClockType.P2P_TC;
            default -> ifaces.size() > 1 ? ClockType.BC : ClockType.OC;
        };
        e.servo = ServoSettings.from(c, softwareTs);
        e.gmCapable = c.getInt("gmCapable") == 1;
        e.minorVersion = c.getInt("ptp_minor_version");
        e.maxStepsRemoved = c.getInt("maxStepsRemoved");
        e.clockClassThreshold = c.getInt("clock_class_threshold");
        e.localPriority = c.getInt("G.8275.defaultDS.localPriority");
        e.assumeTwoStep = c.getInt("assume_two_step") == 1;
        e.stepWindow = c.getInt("step_window");
        e.initialDelayNanos = c.getInt("initial_delay");
        // jbod acts only when the ports' PHCs differ (hardware stamps; the clock is a JbodClock)
        for (String iface : ifaces) e.boundaryClockJbod |= c.getInt(iface, "boundary_clock_jbod") == 1;
        e.randomSeed = System.nanoTime();
        e.port = portConfig(c, first);
        // linuxptp reads the port keys (intervals, delay_mechanism, serverOnly, ...) from each
        // interface's own section
        if (ifaces.size() > 1) {
            e.ports = new PortConfig[ifaces.size()];
            for (int i = 0; i < ifaces.size(); i++) e.ports[i] = portConfig(c, ifaces.get(i));
        }
        return e;
    }

    /**
     * leapfile (IERS leap-seconds.list): a grandmaster announces the UTC offset and leap flags of
     * the table. IllegalArgumentException names the file and what is wrong with it.
     */
    public static void leapfile(ClockConfig e, String path) {
        if (path == null || path.isEmpty()) return;
        io.ptp4j.core.clock.LeapTable t;
        try {
            t = io.ptp4j.core.clock.LeapTable.parse(path, java.nio.file.Files.readString(java.nio.file.Path.of(path)));
        } catch (java.io.IOException e2) {
            throw new IllegalArgumentException("failed to open '" + path + "' for reading: " + e2.getMessage());
        }
        e.leapUtcSeconds = t.utcSeconds();
        e.leapOffsets = t.offsets();
        e.leapExpiresUtcSeconds = t.expiresUtcSeconds();
    }

    /** The keys linuxptp reads per port, from interface {@code port}'s section (else [global]). */
    public static PortConfig portConfig(PtpConfig c, String port) {
        PortConfig e = new PortConfig();
        e.serverOnly = c.getInt(port, "serverOnly") == 1;
        e.logAnnounceInterval = c.getInt(port, "logAnnounceInterval");
        e.logSyncInterval = c.getInt(port, "logSyncInterval");
        e.logMinDelayReqInterval = c.getInt(port, "logMinDelayReqInterval");
        e.logMinPdelayReqInterval = c.getInt(port, "logMinPdelayReqInterval");
        e.announceReceiptTimeout = c.getInt(port, "announceReceiptTimeout");
        e.syncReceiptTimeout = c.getInt(port, "syncReceiptTimeout");
        e.delayMechanism = switch (c.getEnum(port, "delay_mechanism")) {
            case "P2P" -> DelayMechanism.P2P;
            case "COMMON_P2P" -> DelayMechanism.COMMON_P2P;
            case "NONE" -> DelayMechanism.NONE;
            case "Auto" -> DelayMechanism.AUTO;
            default -> DelayMechanism.E2E;
        };
        e.transportSpecific = c.getInt(port, "transportSpecific");
        e.delayAsymmetryNanos = c.getInt(port, "delayAsymmetry");
        e.neighborPropDelayThreshNanos = c.getInt(port, "neighborPropDelayThresh");
        e.followUpInfo = c.getInt(port, "follow_up_info") == 1;
        e.localPriority = c.getInt(port, "G.8275.portDS.localPriority");
        e.unicastListen = c.getInt(port, "unicast_listen") == 1;
        e.inhibitMulticastService = c.getInt(port, "inhibit_multicast_service") == 1;
        e.hybridE2e = c.getInt(port, "hybrid_e2e") == 1;
        e.unicastReqDuration = c.getInt(port, "unicast_req_duration");
        e.ingressLatencyNanos = c.getInt(port, "ingressLatency");
        e.egressLatencyNanos = c.getInt(port, "egressLatency");
        e.ignoreTransportSpecific = c.getInt(port, "ignore_transport_specific") == 1;
        e.minNeighborPropDelayNanos = c.getInt(port, "min_neighbor_prop_delay");
        e.allowedLostResponses = c.getInt(port, "allowedLostResponses");
        e.delayResponseTimeout = c.getInt(port, "delay_response_timeout");
        e.faultResetInterval = c.getInt(port, "fault_reset_interval");
        e.faultBadpeernetInterval = c.getInt(port, "fault_badpeernet_interval");
        unicastTable(e, c, port);
        automotive(e, c, port);
        powerProfile(e, c, port);
        e.netSyncMonitor = c.getInt(port, "net_sync_monitor") == 1;
        return e;
    }

    /** IEEE C37.238 (linuxptp 4.4 power_profile.*): the TLV the port's Announces carry. */
    private static void powerProfile(PortConfig e, PtpConfig c, String port) {
        e.powerProfileVersion = switch (c.getEnum(port, "power_profile.version")) {
            case "2011" -> 1;
            case "2017" -> 2;
            default -> 0;
        };
        e.powerProfileGrandmasterId = c.getInt(port, "power_profile.grandmasterID");
        // linuxptp stores the int keys (default -1) into UInteger32 fields: -1 is 0xFFFFFFFF
        e.powerProfileGrandmasterTimeInaccuracy = c.getInt(port, "power_profile.2011.grandmasterTimeInaccuracy") & 0xFFFFFFFFL;
        e.powerProfileNetworkTimeInaccuracy = c.getInt(port, "power_profile.2011.networkTimeInaccuracy") & 0xFFFFFFFFL;
        e.powerProfileTotalTimeInaccuracy = c.getInt(port, "power_profile.2017.totalTimeInaccuracy") & 0xFFFFFFFFL;
    }

    /**
     * The interface's unicast_master_table (linuxptp: per port): the entries of the port's
     * network_transport become the engine's master addresses, with the table's logQueryInterval.
     */
    private static void unicastTable(PortConfig e, PtpConfig c, String port) {
        int id = c.getInt(port, "unicast_master_table");
        if (id == 0) return;
        UnicastMasterTable t = c.unicastMasterTable(id);
        if (t == null) return; // the reader already refused a port naming a missing table
        String transport = c.getEnum(port, "network_transport");
        e.unicastMasters = t.entries().stream().filter(en -> en.transport().equals(transport))
                .map(UnicastMasterTable.Entry::address).toArray(String[]::new);
        e.unicastLogQueryInterval = t.logQueryInterval();
    }

    /** The automotive profile's keys (linuxptp configs/automotive-*.cfg). */
    private static void automotive(PortConfig e, PtpConfig c, String port) {
        e.bmcaNoop = c.getEnum(port, "BMCA").equals("noop");
        e.inhibitAnnounce = c.getInt(port, "inhibit_announce") == 1;
        e.ignoreSourceId = c.getInt(port, "ignore_source_id") == 1;
        e.alwaysAsCapable = c.getEnum(port, "asCapable").equals("true");
        // linuxptp port_initialize: delay_mechanism NONE inhibits delay requests too
        e.inhibitDelayReq = c.getInt(port, "inhibit_delay_req") == 1 || e.delayMechanism == DelayMechanism.NONE;
        e.msgIntervalRequest = c.getInt(port, "msg_interval_request") == 1;
        e.operLogSyncInterval = c.getInt(port, "operLogSyncInterval");
        e.operLogPdelayReqInterval = c.getInt(port, "operLogPdelayReqInterval");
    }
}
