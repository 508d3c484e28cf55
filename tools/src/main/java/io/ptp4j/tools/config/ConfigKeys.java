package io.ptp4j.tools.config;

import static io.ptp4j.tools.config.ConfigKey.Scope.GLOBAL;
import static io.ptp4j.tools.config.ConfigKey.Scope.PORT;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every key of linuxptp 4.x's config_tab (config.c, upstream master as of 2026), with the same
 * scope, type, default and range, plus the deprecated names linuxptp still accepts.
 */
public final class ConfigKeys {
    private ConfigKeys() {}

    private static final List<ConfigKey> TABLE = List.of(
        uintKey("active_key_id", PORT, 0, 0, 4294967295L),
        intKey("allow_unauth", PORT, 0, 0, 2),
        intKey("allowedLostResponses", PORT, 3, 1, 255),
        intKey("announceReceiptTimeout", PORT, 3, 2, 255),
        enumKey("asCapable", PORT, "auto", "true", "auto"),
        intKey("assume_two_step", GLOBAL, 0, 0, 1),
        intKey("boundary_clock_jbod", PORT, 0, 0, 1),
        enumKey("BMCA", PORT, "ptp", "ptp", "noop"),
        intKey("check_fup_sync", GLOBAL, 0, 0, 1),
        intKey("clientOnly", GLOBAL, 0, 0, 1),
        intKey("clockAccuracy", GLOBAL, 0xfe, 0, 255),
        intKey("clockClass", GLOBAL, 248, 0, 255),
        stringKey("clockIdentity", GLOBAL, "000000.0000.000000"),
        intKey("clock_class_threshold", GLOBAL, 248, 6, 248),
        // kalman: ptp4j's own (a Kalman filter over offset and frequency, see docs/configuration.md)
        enumKey("clock_servo", GLOBAL, "pi", "pi", "linreg", "ntpshm", "nullf", "refclock_sock", "kalman"),
        enumKey("clock_type", GLOBAL, "OC", "OC", "BC", "P2P_TC", "E2E_TC"),
        stringKey("cmlds.client_address", PORT, "/var/run/cmlds_client"),
        intKey("cmlds.domainNumber", PORT, 0, 0, 255),
        intKey("cmlds.majorSdoId", PORT, 2, 0, 0x0F),
        intKey("cmlds.port", PORT, 0, 0, 65535),
        stringKey("cmlds.server_address", PORT, "/var/run/cmlds_server"),
        enumKey("dataset_comparison", GLOBAL, "ieee1588", "ieee1588", "G.8275.x"),
        intKey("delayAsymmetry", PORT, 0, Integer.MIN_VALUE, Integer.MAX_VALUE),
        enumKey("delay_filter", PORT, "moving_median", "moving_average", "moving_median"),
        intKey("delay_filter_length", PORT, 10, 1, Integer.MAX_VALUE),
        doubleKey("delay_request_variability", PORT, 1.0, 0.0, 1.0),
        enumKey("delay_mechanism", PORT, "E2E", "Auto", "COMMON_P2P", "E2E", "P2P", "NONE"),
        intKey("delay_response_timeout", PORT, 0, 0, 255),
        intKey("dscp_event", GLOBAL, 0, 0, 63),
        intKey("dscp_general", GLOBAL, 0, 0, 63),
        intKey("domainNumber", GLOBAL, 0, 0, 255),
        intKey("egressLatency", PORT, 0, Integer.MIN_VALUE, Integer.MAX_VALUE),
        intKey("fault_badpeernet_interval", PORT, 16, Integer.MIN_VALUE, Integer.MAX_VALUE),
        intKey("fault_reset_interval", PORT, 4, -128, 127),
        doubleKey("first_step_threshold", GLOBAL, 0.00002, 0.0, Double.MAX_VALUE),
        intKey("follow_up_info", PORT, 0, 0, 1),
        intKey("free_running", GLOBAL, 0, 0, 1),
        intKey("freq_est_interval", PORT, 1, Integer.MIN_VALUE, Integer.MAX_VALUE),
        intKey("G.8275.defaultDS.localPriority", GLOBAL, 128, 1, 255),
        intKey("G.8275.portDS.localPriority", PORT, 128, 1, 255),
        intKey("gmCapable", GLOBAL, 1, 0, 1),
        enumKey("hwts_filter", GLOBAL, "normal", "normal", "check", "full"),
        intKey("hybrid_e2e", PORT, 0, 0, 1),
        intKey("ignore_source_id", PORT, 0, 0, 1),
        intKey("ignore_transport_specific", PORT, 0, 0, 1),
        intKey("ingressLatency", PORT, 0, Integer.MIN_VALUE, Integer.MAX_VALUE),
        intKey("inhibit_announce", PORT, 0, 0, 1),
        intKey("inhibit_delay_req", PORT, 0, 0, 1),
        intKey("inhibit_multicast_service", PORT, 0, 0, 1),
        intKey("initial_delay", GLOBAL, 0, 0, Integer.MAX_VALUE),
        intKey("interface_rate_tlv", PORT, 0, 0, 1),
        intKey("kernel_leap", GLOBAL, 1, 0, 1),
        stringKey("leapfile", GLOBAL, null),
        intKey("logAnnounceInterval", PORT, 1, -128, 127),
        intKey("logMinDelayReqInterval", PORT, 0, -128, 127),
        intKey("logMinPdelayReqInterval", PORT, 0, -128, 127),
        intKey("logSyncInterval", PORT, 0, -128, 127),
        intKey("logging_level", GLOBAL, 6, 0, 7),
        intKey("masterOnly", PORT, 0, 0, 1),
        intKey("maxStepsRemoved", GLOBAL, 255, 2, 255),
        stringKey("message_tag", GLOBAL, null),
        stringKey("manufacturerIdentity", GLOBAL, "00:00:00"),
        intKey("max_frequency", GLOBAL, 900000000, 0, Integer.MAX_VALUE),
        intKey("min_neighbor_prop_delay", PORT, -20000000, Integer.MIN_VALUE, -1),
        intKey("msg_interval_request", PORT, 0, 0, 1),
        intKey("neighborPropDelayThresh", PORT, 20000000, 0, Integer.MAX_VALUE),
        intKey("net_sync_monitor", PORT, 0, 0, 1),
        enumKey("network_transport", PORT, "UDPv4", "L2", "UDPv4", "UDPv6"),
        intKey("ntpshm_segment", GLOBAL, 0, Integer.MIN_VALUE, Integer.MAX_VALUE),
        intKey("offsetScaledLogVariance", GLOBAL, 0xffff, 0, 65535),
        intKey("operLogPdelayReqInterval", PORT, 0, -128, 127),
        intKey("operLogSyncInterval", PORT, 0, -128, 127),
        stringKey("p2p_dst_ipv4", PORT, "224.0.0.107"),
        stringKey("p2p_dst_ipv6", PORT, "FF02:0:0:0:0:0:0:6B"),
        stringKey("p2p_dst_mac", PORT, "01:80:C2:00:00:0E"),
        intKey("path_trace_enabled", PORT, 0, 0, 1),
        intKey("phc_index", PORT, -1, -1, Integer.MAX_VALUE),
        doubleKey("pi_integral_const", GLOBAL, 0.0, 0.0, Double.MAX_VALUE),
        doubleKey("pi_integral_exponent", GLOBAL, 0.4, -Double.MAX_VALUE, Double.MAX_VALUE),
        doubleKey("pi_integral_norm_max", GLOBAL, 0.3, Double.MIN_NORMAL, 2.0),
        doubleKey("pi_integral_scale", GLOBAL, 0.0, 0.0, Double.MAX_VALUE),
        doubleKey("pi_proportional_const", GLOBAL, 0.0, 0.0, Double.MAX_VALUE),
        doubleKey("pi_proportional_exponent", GLOBAL, -0.3, -Double.MAX_VALUE, Double.MAX_VALUE),
        doubleKey("pi_proportional_norm_max", GLOBAL, 0.7, Double.MIN_NORMAL, 1.0),
        doubleKey("pi_proportional_scale", GLOBAL, 0.0, 0.0, Double.MAX_VALUE),
        enumKey("power_profile.version", PORT, "none", "none", "2011", "2017"),
        intKey("power_profile.2011.grandmasterTimeInaccuracy", PORT, -1, -1, Integer.MAX_VALUE),
        intKey("power_profile.2011.networkTimeInaccuracy", PORT, -1, -1, Integer.MAX_VALUE),
        intKey("power_profile.2017.totalTimeInaccuracy", PORT, -1, -1, Integer.MAX_VALUE),
        intKey("power_profile.grandmasterID", PORT, 0, 0, 0xFFFF),
        intKey("priority1", GLOBAL, 128, 0, 255),
        intKey("priority2", GLOBAL, 128, 0, 255),
        stringKey("productDescription", GLOBAL, ";;"),
        stringKey("profileIdentity", PORT, "00:00:00:00:00:00"),
        stringKey("ptp_dst_ipv4", PORT, "224.0.1.129"),
        stringKey("ptp_dst_ipv6", PORT, "FF0E:0:0:0:0:0:0:181"),
        stringKey("ptp_dst_mac", PORT, "01:1B:19:00:00:00"),
        intKey("ptp_minor_version", GLOBAL, 1, 0, 1),
        stringKey("refclock_sock_address", GLOBAL, "/var/run/refclock.ptp.sock"),
        stringKey("revisionData", GLOBAL, ";;"),
        stringKey("sa_file", GLOBAL, null),
        intKey("sanity_freq_limit", GLOBAL, 200000000, 0, Integer.MAX_VALUE),
        intKey("serverOnly", PORT, 0, 0, 1),
        intKey("servo_num_offset_values", GLOBAL, 10, 0, Integer.MAX_VALUE),
        intKey("servo_offset_threshold", GLOBAL, 0, 0, Integer.MAX_VALUE),
        stringKey("slave_event_monitor", GLOBAL, ""),
        intKey("slaveOnly", GLOBAL, 0, 0, 1),
        intKey("socket_priority", GLOBAL, 0, 0, 15),
        intKey("spp", PORT, -1, -1, 255),
        doubleKey("step_threshold", GLOBAL, 0.0, 0.0, Double.MAX_VALUE),
        intKey("step_window", GLOBAL, 0, 0, Integer.MAX_VALUE),
        intKey("summary_interval", GLOBAL, 0, Integer.MIN_VALUE, Integer.MAX_VALUE),
        intKey("syncReceiptTimeout", PORT, 0, 0, 255),
        intKey("tc_spanning_tree", GLOBAL, 0, 0, 1),
        intKey("timeSource", GLOBAL, 0xA0, 0x10, 0xfe),
        enumKey("time_stamping", GLOBAL, "hardware", "hardware", "software", "legacy", "onestep", "p2p1step"),
        intKey("transportSpecific", PORT, 0, 0, 0x0F),
        intKey("ts2phc.channel", PORT, 0, 0, Integer.MAX_VALUE),
        intKey("ts2phc.external_pps", GLOBAL, 0, 0, 1),
        intKey("ts2phc.extts_correction", PORT, 0, Integer.MIN_VALUE, Integer.MAX_VALUE),
        enumKey("ts2phc.extts_polarity", PORT, "rising", "rising", "falling", "both"),
        intKey("ts2phc.holdover", PORT, 0, 0, Integer.MAX_VALUE),
        intKey("ts2phc.master", PORT, 0, 0, 1),
        intKey("ts2phc.nmea_baudrate", PORT, 9600, 300, Integer.MAX_VALUE),
        intKey("ts2phc.nmea_delay", PORT, 0, Integer.MIN_VALUE, Integer.MAX_VALUE),
        stringKey("ts2phc.nmea_remote_host", GLOBAL, ""),
        stringKey("ts2phc.nmea_remote_port", GLOBAL, ""),
        stringKey("ts2phc.nmea_serialport", GLOBAL, "/dev/ttyS0"),
        intKey("ts2phc.perout_phase", PORT, -1, 0, 999999999),
        intKey("ts2phc.pin_index", PORT, 0, 0, Integer.MAX_VALUE),
        stringKey("ts2phc.pin_name", PORT, ""),
        intKey("ts2phc.pulserate", GLOBAL, 1, 1, 128),
        intKey("ts2phc.pulsewidth", GLOBAL, -1, 1000000, 999000000),
        stringKey("ts2phc.tod_source", GLOBAL, "generic"),
        enumKey("tsproc_mode", PORT, "filter", "filter", "raw", "filter_weight", "raw_weight"),
        intKey("twoStepFlag", GLOBAL, 1, 0, 1),
        intKey("tx_timestamp_timeout", GLOBAL, 10, 1, Integer.MAX_VALUE),
        intKey("udp_ttl", PORT, 1, 1, 255),
        intKey("udp6_scope", PORT, 0x0E, 0x00, 0x0F),
        stringKey("uds_address", GLOBAL, "/var/run/ptp/ptp4l"),
        intKey("uds_file_mode", PORT, 0660, 0, 0777),
        stringKey("uds_ro_address", GLOBAL, "/var/run/ptp/ptp4lro"),
        intKey("uds_ro_file_mode", PORT, 0666, 0, 0777),
        intKey("unicast_listen", PORT, 0, 0, 1),
        intKey("unicast_master_table", PORT, 0, 0, Integer.MAX_VALUE),
        intKey("unicast_req_duration", PORT, 3600, 10, Integer.MAX_VALUE),
        intKey("use_syslog", GLOBAL, 1, 0, 1),
        stringKey("user", GLOBAL, ""),
        stringKey("userDescription", GLOBAL, ""),
        intKey("utc_offset", GLOBAL, 37, 0, Integer.MAX_VALUE),
        intKey("verbose", GLOBAL, 0, 0, 1),
        // ptp4j's own: discipline an unprivileged software clock instead of the system clock or a PHC
        intKey("virtual_clock", GLOBAL, 0, 0, 1),
        // ptp4j's own: Prometheus/OpenMetrics on 127.0.0.1:PORT/metrics (0: off)
        intKey("metrics_port", GLOBAL, 0, 0, 65535),
        // ptp4j's own: the live web dashboard on 127.0.0.1:PORT/ (0: off)
        intKey("dashboard_port", GLOBAL, 0, 0, 65535),
        // ptp4j's own: "json" writes one JSON object per event on stdout instead of linuxptp's lines
        enumKey("log_format", GLOBAL, "text", "text", "json"),
        // ptp4j's own: the virtual clock's initial error (tests and demos of convergence)
        intKey("virtual_clock_offset", GLOBAL, 0, Integer.MIN_VALUE, Integer.MAX_VALUE),
        intKey("virtual_clock_freq", GLOBAL, 0, -100000000, 100000000),
        // ptp4j's own: once locked, offsets from the fastest of the last N Syncs and the delay from
        // the fastest of the last delay_filter_length exchanges (0: linuxptp's filter only)
        intKey("lucky_packet_window", PORT, 0, 0, 256),
        // ptp4j's own: offset and delay from each direction's floor over its last N packets, the
        // others weighted by how far above it they were (0: linuxptp's tsproc and delay filter)
        intKey("pdv_window", GLOBAL, 0, 0, 1024),
        // ptp4j's own: servos run beside the real one on the same samples, e.g. "pi,linreg,kalman"
        stringKey("shadow_servos", GLOBAL, ""),
        // ptp4j's own: where ptp4l publishes its virtual clock for phc2sys -s virtual:PATH ("": uds_address.vclock)
        stringKey("virtual_clock_file", GLOBAL, ""),
        // ptp4j's own: where ptp4l (disciplining CLOCK_REALTIME) and phc2sys (-c CLOCK_REALTIME) publish
        // the clock error bound as a ClockBound v2 segment ("": not at all); a virtual clock's or a
        // PHC's bound goes next to the socket instead (uds_address.clockbound); docs/bounded-time.md
        stringKey("clockbound_path", GLOBAL, "/var/run/clockbound/shm0"),
        intKey("clockbound_file_mode", GLOBAL, 0644, 0, 0777),
        // ptp4j's own: the largest error the path's asymmetry can make, ns, when the operator knows it
        // (a calibrated link); -1: the mean path delay, which no asymmetry can exceed
        intKey("bound_asymmetry_ns", PORT, -1, -1, Integer.MAX_VALUE),
        intKey("write_phase_mode", GLOBAL, 0, 0, 1)
    );

    private static final Map<String, ConfigKey> BY_NAME;
    static {
        Map<String, ConfigKey> m = new LinkedHashMap<>();
        for (ConfigKey k : TABLE) m.put(k.name(), k);
        BY_NAME = Collections.unmodifiableMap(m);
    }

    /**
     * Old names linuxptp renames on input (config.c check_deprecated_options), with a warning
     * "option OLD is deprecated, please use NEW instead".
     */
    public static final Map<String, String> DEPRECATED = Map.of(
            "pi_offset_const", "step_threshold",
            "pi_f_offset_const", "first_step_threshold",
            "pi_max_frequency", "max_frequency",
            "masterOnly", "serverOnly",
            "slaveOnly", "clientOnly");

    /**
     * Keys ptp4j parses and validates but does not act on yet; the daemon warns about each one set
     * to a non-default value. The integrator removes a key here when the feature lands.
     */
    public static final Set<String> NOT_YET_ACTED_ON = Set.of(
            "delay_request_variability",
            "interface_rate_tlv",
            "profileIdentity",
            "ts2phc.channel", "ts2phc.external_pps", "ts2phc.extts_correction",
            "ts2phc.extts_polarity", "ts2phc.holdover", "ts2phc.master", "ts2phc.nmea_baudrate",
            "ts2phc.nmea_delay", "ts2phc.nmea_remote_host", "ts2phc.nmea_remote_port",
            "ts2phc.nmea_serialport", "ts2phc.perout_phase", "ts2phc.pin_index", "ts2phc.pin_name",
            "ts2phc.pulserate", "ts2phc.pulsewidth", "ts2phc.tod_source", "user");

    /** All keys in linuxptp's (alphabetical, case-sensitive) table order. */
    public static List<ConfigKey> all() {
        return TABLE;
    }

    /** The key of that exact name, or null. Deprecated names are not resolved here. */
    public static ConfigKey find(String name) {
        return BY_NAME.get(name);
    }

    /** The current name for a possibly deprecated one. */
    public static String canonicalName(String name) {
        return DEPRECATED.getOrDefault(name, name);
    }

    private static ConfigKey intKey(String n, ConfigKey.Scope s, long def, long min, long max) {
        return new ConfigKey(n, s, ConfigKey.Type.INT, def, min, max, 0, 0, List.of());
    }

    private static ConfigKey uintKey(String n, ConfigKey.Scope s, long def, long min, long max) {
        return new ConfigKey(n, s, ConfigKey.Type.UINT, def, min, max, 0, 0, List.of());
    }

    private static ConfigKey doubleKey(String n, ConfigKey.Scope s, double def, double min, double max) {
        return new ConfigKey(n, s, ConfigKey.Type.DOUBLE, def, 0, 0, min, max, List.of());
    }

    private static ConfigKey enumKey(String n, ConfigKey.Scope s, String def, String... labels) {
        return new ConfigKey(n, s, ConfigKey.Type.ENUM, def, 0, 0, 0, 0, List.of(labels));
    }

    private static ConfigKey stringKey(String n, ConfigKey.Scope s, String def) {
        return new ConfigKey(n, s, ConfigKey.Type.STRING, def, 0, 0, 0, 0, List.of());
    }
}
