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
    record Case(String key, String value, Function<Object, Object> setting) {}

    static PtpConfig config(String lines) throws Exception {
        PtpConfig c = new PtpConfig();
        ConfigReader.read("test.cfg", "[global]\n" + lines + "\n[eth0]\n", c);
        return c;
    }

    static ClockConfig clock(PtpConfig c) {
        return EngineSettings.clockConfig(c, List.of("eth0"), 1, false);
    }

    /** Each case's setting differs from the default's when its key is set. */
    static void assertReach(List<Case> cases, Function<PtpConfig, Object> settings) throws Exception {
        Object base = settings.apply(config(""));
        List<String> ignored = new ArrayList<>();
        for (Case k : cases) {
            Object set = settings.apply(config(k.key() + " " + k.value()));
            if (Objects.equals(k.setting().apply(base), k.setting().apply(set))) ignored.add(k.key());
        }
        assertEquals(List.of(), ignored, "keys that did not reach their setting");
    }

    @Test
    void servoKeys() throws Exception {
        assertReach(List.of(
                new Case("clock_servo", "linreg", s -> ((ClockConfig) s).servo.clockServo),
                new Case("pi_proportional_const", "0.5", s -> ((ClockConfig) s).servo.piProportionalConst),
                new Case("pi_integral_const", "0.2", s -> ((ClockConfig) s).servo.piIntegralConst),
                new Case("pi_proportional_scale", "0.9", s -> ((ClockConfig) s).servo.piProportionalScale),
                new Case("pi_proportional_exponent", "-0.2", s -> ((ClockConfig) s).servo.piProportionalExponent),
                new Case("pi_proportional_norm_max", "0.5", s -> ((ClockConfig) s).servo.piProportionalNormMax),
                new Case("pi_integral_scale", "0.4", s -> ((ClockConfig) s).servo.piIntegralScale),
                new Case("pi_integral_exponent", "0.6", s -> ((ClockConfig) s).servo.piIntegralExponent),
                new Case("pi_integral_norm_max", "0.2", s -> ((ClockConfig) s).servo.piIntegralNormMax),
                new Case("step_threshold", "0.5", s -> ((ClockConfig) s).servo.stepThreshold),
                new Case("first_step_threshold", "0.001", s -> ((ClockConfig) s).servo.firstStepThreshold),
                new Case("max_frequency", "50000", s -> ((ClockConfig) s).servo.maxFrequency),
                new Case("servo_offset_threshold", "100", s -> ((ClockConfig) s).servo.servoOffsetThreshold),
                new Case("servo_num_offset_values", "20", s -> ((ClockConfig) s).servo.servoNumOffsetValues)),
                ConfigKeysReachTheEngineTest::clock);
    }

    @Test
    void clockKeys() throws Exception {
        assertReach(List.of(
                new Case("delay_filter", "moving_average", s -> ((ClockConfig) s).delayFilter),
                new Case("pdv_window", "16", s -> ((ClockConfig) s).pdvWindow),
                new Case("shadow_servos", "linreg", s -> ((ClockConfig) s).shadowServos),
                new Case("delay_filter_length", "4", s -> ((ClockConfig) s).delayFilterLength),
                new Case("tsproc_mode", "raw", s -> ((ClockConfig) s).tsprocMode),
                new Case("G.8275.defaultDS.localPriority", "7", s -> ((ClockConfig) s).localPriority),
                new Case("path_trace_enabled", "1", s -> ((ClockConfig) s).pathTraceEnabled),
                new Case("ptp_minor_version", "0", s -> ((ClockConfig) s).minorVersion),
                new Case("utc_offset", "38", s -> ((ClockConfig) s).utcOffset),
                new Case("kernel_leap", "0", s -> ((ClockConfig) s).kernelLeap),
                new Case("sanity_freq_limit", "0", s -> ((ClockConfig) s).sanityFreqLimit),
                new Case("write_phase_mode", "1", s -> ((ClockConfig) s).writePhaseMode),
                new Case("check_fup_sync", "1", s -> ((ClockConfig) s).checkFupSync),
                new Case("tc_spanning_tree", "1", s -> ((ClockConfig) s).tcSpanningTree),
                new Case("time_stamping", "p2p1step", s -> ((ClockConfig) s).p2pOneStep),
                new Case("msg_interval_request", "1", s -> ((ClockConfig) s).port.msgIntervalRequest),
                new Case("fault_reset_interval", "2", s -> ((ClockConfig) s).port.faultResetInterval),
                new Case("fault_badpeernet_interval", "4", s -> ((ClockConfig) s).port.faultBadpeernetInterval)),
                ConfigKeysReachTheEngineTest::clock);
    }

    @Test
    void portKeys() throws Exception {
        assertReach(List.of(
                new Case("delayAsymmetry", "100", s -> ((ClockConfig) s).port.delayAsymmetryNanos),
                new Case("logMinDelayReqInterval", "-2", s -> ((ClockConfig) s).port.logMinDelayReqInterval),
                new Case("logMinPdelayReqInterval", "-2", s -> ((ClockConfig) s).port.logMinPdelayReqInterval),
                new Case("power_profile.version", "2017", s -> ((ClockConfig) s).port.powerProfileVersion),
                new Case("power_profile.grandmasterID", "4660", s -> ((ClockConfig) s).port.powerProfileGrandmasterId),
                new Case("power_profile.2011.grandmasterTimeInaccuracy", "50", s -> ((ClockConfig) s).port.powerProfileGrandmasterTimeInaccuracy),
                new Case("power_profile.2011.networkTimeInaccuracy", "60", s -> ((ClockConfig) s).port.powerProfileNetworkTimeInaccuracy),
                new Case("power_profile.2017.totalTimeInaccuracy", "70", s -> ((ClockConfig) s).port.powerProfileTotalTimeInaccuracy),
                new Case("net_sync_monitor", "1", s -> ((ClockConfig) s).port.netSyncMonitor)),
                ConfigKeysReachTheEngineTest::clock);
    }

    @Test
    void transportKeys() throws Exception {
        assertReach(List.of(
                new Case("udp_ttl", "5", s -> ((TransportConfig) s).udpTtl()),
                new Case("udp6_scope", "0x5", s -> ((TransportConfig) s).udp6Scope()),
                new Case("dscp_event", "46", s -> ((TransportConfig) s).dscpEvent()),
                new Case("dscp_general", "34", s -> ((TransportConfig) s).dscpGeneral()),
                new Case("ptp_dst_mac", "01:1B:19:00:00:01", s -> ((TransportConfig) s).ptpDstMac()),
                new Case("p2p_dst_mac", "01:80:C2:00:00:0F", s -> ((TransportConfig) s).p2pDstMac()),
                new Case("ptp_dst_ipv4", "224.0.1.130", s -> ((TransportConfig) s).groups().v4Primary()),
                new Case("p2p_dst_ipv4", "224.0.0.108", s -> ((TransportConfig) s).groups().v4Pdelay()),
                new Case("ptp_dst_ipv6", "ff0e::182", s -> ((TransportConfig) s).groups().v6PrimaryLo()),
                new Case("p2p_dst_ipv6", "ff02::6c", s -> ((TransportConfig) s).groups().v6PdelayLo()),
                new Case("socket_priority", "3", s -> ((TransportConfig) s).socketPriority()),
                new Case("hwts_filter", "full", s -> ((TransportConfig) s).hwtsFilter())),
                c -> Ptp4lDaemon.transportConfig(c, "eth0", Timestamping.HARDWARE));
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
