package io.ptp4j.tools.ptp4l;

import static org.junit.jupiter.api.Assertions.*;

import io.ptp4j.core.engine.ClockConfig;
import io.ptp4j.linux.transport.Timestamping;
import io.ptp4j.linux.transport.TransportConfig;
import io.ptp4j.tools.config.ConfigReader;
import io.ptp4j.tools.config.PtpConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Keys whose behaviour is proven where the setting acts (the servo, the timestamp processor, the
 * transports' sockets): here, that ptp4l hands each of them on. Set in a config file, every key
 * changes the setting it names; a key the daemon forgot to read changes nothing and fails.
 */
class ConfigKeysReachTheEngineTest {
    /** A key, a value to set it to, and the setting it must change, read from the settings {@code S} it reaches. */
    record Case<S>(String key, String value, Function<S, Object> setting) {}

    static PtpConfig config(String lines) throws Exception {
        PtpConfig c = new PtpConfig();
        ConfigReader.read("test.cfg", "[global]\n" + lines + "\n[eth0]\n", c);
        return c;
    }

    static ClockConfig clock(PtpConfig c) {
        return EngineSettings.clockConfig(c, List.of("eth0"), 1, false);
    }

    /** Each case's setting, read from the {@code settings} of a config, differs from the default's when its key is set. */
    @SafeVarargs
    static <S> void assertReach(Function<PtpConfig, S> settings, Case<S>... cases) throws Exception {
        S base = settings.apply(config(""));
        List<String> ignored = new ArrayList<>();
        for (Case<S> k : cases) {
            S set = settings.apply(config(k.key() + " " + k.value()));
            if (Objects.equals(k.setting().apply(base), k.setting().apply(set))) ignored.add(k.key());
        }
        assertEquals(List.of(), ignored, "keys that did not reach their setting");
    }

    @Test
    void servoKeys() throws Exception {
        assertReach(c -> clock(c).servo,
                new Case<>("clock_servo", "linreg", s -> s.clockServo),
                new Case<>("pi_proportional_const", "0.5", s -> s.piProportionalConst),
                new Case<>("pi_integral_const", "0.2", s -> s.piIntegralConst),
                new Case<>("pi_proportional_scale", "0.9", s -> s.piProportionalScale),
                new Case<>("pi_proportional_exponent", "-0.2", s -> s.piProportionalExponent),
                new Case<>("pi_proportional_norm_max", "0.5", s -> s.piProportionalNormMax),
                new Case<>("pi_integral_scale", "0.4", s -> s.piIntegralScale),
                new Case<>("pi_integral_exponent", "0.6", s -> s.piIntegralExponent),
                new Case<>("pi_integral_norm_max", "0.2", s -> s.piIntegralNormMax),
                new Case<>("step_threshold", "0.5", s -> s.stepThreshold),
                new Case<>("first_step_threshold", "0.001", s -> s.firstStepThreshold),
                new Case<>("max_frequency", "50000", s -> s.maxFrequency),
                new Case<>("servo_offset_threshold", "100", s -> s.servoOffsetThreshold),
                new Case<>("servo_num_offset_values", "20", s -> s.servoNumOffsetValues));
    }

    @Test
    void clockKeys() throws Exception {
        assertReach(ConfigKeysReachTheEngineTest::clock,
                new Case<>("delay_filter", "moving_average", c -> c.delayFilter),
                new Case<>("pdv_window", "16", c -> c.pdvWindow),
                new Case<>("shadow_servos", "linreg", c -> c.shadowServos),
                new Case<>("delay_filter_length", "4", c -> c.delayFilterLength),
                new Case<>("tsproc_mode", "raw", c -> c.tsprocMode),
                new Case<>("G.8275.defaultDS.localPriority", "7", c -> c.localPriority),
                new Case<>("path_trace_enabled", "1", c -> c.pathTraceEnabled),
                new Case<>("ptp_minor_version", "0", c -> c.minorVersion),
                new Case<>("utc_offset", "38", c -> c.utcOffset),
                new Case<>("kernel_leap", "0", c -> c.kernelLeap),
                new Case<>("sanity_freq_limit", "0", c -> c.sanityFreqLimit),
                new Case<>("write_phase_mode", "1", c -> c.writePhaseMode),
                new Case<>("check_fup_sync", "1", c -> c.checkFupSync),
                new Case<>("tc_spanning_tree", "1", c -> c.tcSpanningTree),
                new Case<>("time_stamping", "p2p1step", c -> c.p2pOneStep),
                new Case<>("msg_interval_request", "1", c -> c.port.msgIntervalRequest),
                new Case<>("fault_reset_interval", "2", c -> c.port.faultResetInterval),
                new Case<>("fault_badpeernet_interval", "4", c -> c.port.faultBadpeernetInterval));
    }

    @Test
    void portKeys() throws Exception {
        assertReach(ConfigKeysReachTheEngineTest::clock,
                new Case<>("delayAsymmetry", "100", c -> c.port.delayAsymmetryNanos),
                new Case<>("logMinDelayReqInterval", "-2", c -> c.port.logMinDelayReqInterval),
                new Case<>("logMinPdelayReqInterval", "-2", c -> c.port.logMinPdelayReqInterval),
                new Case<>("power_profile.version", "2017", c -> c.port.powerProfileVersion),
                new Case<>("power_profile.grandmasterID", "4660", c -> c.port.powerProfileGrandmasterId),
                new Case<>("power_profile.2011.grandmasterTimeInaccuracy", "50", c -> c.port.powerProfileGrandmasterTimeInaccuracy),
                new Case<>("power_profile.2011.networkTimeInaccuracy", "60", c -> c.port.powerProfileNetworkTimeInaccuracy),
                new Case<>("power_profile.2017.totalTimeInaccuracy", "70", c -> c.port.powerProfileTotalTimeInaccuracy),
                new Case<>("net_sync_monitor", "1", c -> c.port.netSyncMonitor));
    }

    @Test
    void transportKeys() throws Exception {
        assertReach(c -> Ptp4lDaemon.transportConfig(c, "eth0", Timestamping.HARDWARE),
                new Case<>("udp_ttl", "5", t -> t.udpTtl()),
                new Case<>("udp6_scope", "0x5", t -> t.udp6Scope()),
                new Case<>("dscp_event", "46", t -> t.dscpEvent()),
                new Case<>("dscp_general", "34", t -> t.dscpGeneral()),
                new Case<>("ptp_dst_mac", "01:1B:19:00:00:01", t -> t.ptpDstMac()),
                new Case<>("p2p_dst_mac", "01:80:C2:00:00:0F", t -> t.p2pDstMac()),
                new Case<>("ptp_dst_ipv4", "224.0.1.130", t -> t.groups().v4Primary()),
                new Case<>("p2p_dst_ipv4", "224.0.0.108", t -> t.groups().v4Pdelay()),
                new Case<>("ptp_dst_ipv6", "ff0e::182", t -> t.groups().v6PrimaryLo()),
                new Case<>("p2p_dst_ipv6", "ff02::6c", t -> t.groups().v6PdelayLo()),
                new Case<>("socket_priority", "3", t -> t.socketPriority()),
                new Case<>("hwts_filter", "full", t -> t.hwtsFilter()));
    }

    @Test
    void aLeapfileGivesTheGrandmasterItsTable(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path f = dir.resolve("leap-seconds.list");
        java.nio.file.Files.writeString(f, "#@\t4102444800\n3692217600\t37\t# 1 Jan 2017\n");
        ClockConfig c = clock(config("leapfile " + f));
        assertArrayEquals(new int[] {37}, c.leapOffsets);
        assertArrayEquals(new long[] {1_483_228_800L}, c.leapUtcSeconds);
        java.nio.file.Files.writeString(f, "3692217600\t37\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> clock(config("leapfile " + f)));
        assertEquals("missing expiration date in '" + f + "'", e.getMessage());
    }
}
