package io.ptp4j.tools.phc2sys;

import io.ptp4j.tools.cli.UsageException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ptp4j.testkit.Captured;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * phc2sys's command line: linuxptp's checks and words, exit 255 for its "return -1". Every case
 * fails before a clock is disciplined, and none names CLOCK_REALTIME as a sink it could reach
 * (sinks are "virtual" or the run stops earlier): these tests run as root.
 */
class Phc2sysOptionsTest {
    static Captured run(String... args) {
        return Captured.of((o, e) -> Phc2sysMain.run("phc2sys", args, o, e, d -> d.stop()));
    }

    static void usageError(Captured r, String firstLine) {
        assertEquals(255, r.rc(), r.err());
        assertTrue(r.err().startsWith(firstLine + "\n\nusage: phc2sys [options]\n"), r.err());
    }

    @Test
    void noSourceNoAuto() {
        usageError(run("-q"), "autoconfiguration or valid source clock must be selected.");
    }

    @Test
    void autoMixedWithManual() {
        usageError(run("-a", "-s", "eth0"), "autoconfiguration cannot be mixed with manual config options.");
        usageError(run("-a", "-w"), "autoconfiguration cannot be mixed with manual config options.");
        usageError(run("-a", "-O", "0"), "autoconfiguration cannot be mixed with manual config options.");
    }

    @Test
    void severalDomainsNeedAuto() {
        usageError(run("-s", "virtual", "-z", "/tmp/a", "-z", "/tmp/b"), "autoconfiguration needed with multiple domains.");
    }

    @Test
    void ppsOnlyIntoRealtime() {
        usageError(run("-d", "/dev/null", "-c", "virtual"), "cannot use a pps device unless destination is CLOCK_REALTIME");
        usageError(run("-d", "/dev/null", "-c", "CLOCK_REALTIME", "-c", "virtual"), "cannot use a pps device unless destination is CLOCK_REALTIME");
        Captured r = run("-d", "/nonexistent-pps", "-c", "virtual");
        assertEquals(255, r.rc());
        assertEquals("cannot open '/nonexistent-pps': No such file or directory\n", r.err());
    }

    @Test
    void badValuesInGetoptWords() {
        Captured r = run("-R", "0", "-s", "virtual", "-c", "virtual");
        assertEquals(255, r.rc());
        assertEquals("-R: 0 is out of range. Must be in the range 1.000000e-09 to 1.797693e+308\n", r.err());
        r = run("-N", "x");
        assertEquals("-N: x is a malformed value\n", r.err());
        r = run("-E", "foo");
        assertEquals("invalid servo name foo\n", r.err());
        usageError(run("-Q"), "phc2sys: invalid option -- 'Q'");
        usageError(run("-s"), "phc2sys: option requires an argument -- 's'");
        usageError(run("--no_such_key", "1"), "phc2sys: unrecognized option '--no_such_key'");
        r = run("-C", "CLOCK_MONOTONIC", "-a");
        assertEquals("invalid system clock CLOCK_MONOTONIC\n", r.err());
    }

    @Test
    void helpAndVersion() {
        Captured h = run("-h");
        assertEquals(0, h.rc());
        assertTrue(h.err().contains(" -s [dev|name]  time source device\n") && h.err().contains("virtual:PATH"), h.err());
        Captured v = run("-v");
        assertEquals(0, v.rc());
        assertTrue(v.out().startsWith("ptp4j "), v.out());
    }

    @Test
    void unknownClocksSayWhich() {
        Captured r = run("-s", "ptp4jnone0", "-c", "virtual", "-O", "0", "-q");
        assertEquals(255, r.rc());
        assertTrue(r.err().startsWith("unknown clock ptp4jnone0: ") && r.err().contains("No such device"), r.err());
        assertTrue(r.err().endsWith("valid source clock must be selected.\n"), r.err());
        r = run("-s", "lo", "-c", "virtual", "-O", "0", "-q");
        assertEquals("interface lo does not have a PHC\nvalid source clock must be selected.\n", r.err());
        r = run("-s", "virtual", "-c", "CLOCK_MONOTONIC", "-O", "0", "-q");
        assertEquals("CLOCK_MONOTONIC is invalid clock\nvalid destination clock must be selected.\n", r.err());
        r = run("-s", "/dev/null", "-c", "virtual", "-O", "0", "-q");
        assertTrue(r.err().startsWith("cannot open /dev/null: ioctl(PTP_CLOCK_GETCAPS) /dev/null"), r.err());
    }

    @Test
    void deprecatedDashI() {
        Captured r = run("-i", "ptp4jnone0", "-c", "virtual", "-O", "0", "-q");
        assertTrue(r.err().startsWith("'-i' has been deprecated. please use '-s' instead.\n"), r.err());
    }

    @Test
    void unsupportedServoAndPps() {
        Captured r = run("-E", "ntpshm", "-s", "virtual", "-c", "virtual", "-O", "0", "-q");
        assertEquals(255, r.rc());
        assertEquals("phc2sys: clock_servo ntpshm is not supported by ptp4j's phc2sys (pi and linreg are)\n", r.err());
    }

    @Test
    void withoutDashOTheUtcOffsetComesFromPtp4l(@TempDir Path dir) {
        Captured r = run("-s", "virtual", "-c", "virtual", "-q", "-z", dir.resolve("ptp4l").toString());
        assertEquals(255, r.rc());
        assertTrue(r.err().contains("failed to get UTC offset (is ptp4l running at " + dir.resolve("ptp4l")), r.err());
    }

    @Test
    void configFileErrorsNameFileAndLine(@TempDir Path dir) throws Exception {
        Path cfg = dir.resolve("p.cfg");
        Files.writeString(cfg, "[global]\nstep_threshold x\n");
        Captured r = run("-f", cfg.toString(), "-s", "virtual", "-c", "virtual", "-O", "0");
        assertEquals(254, r.rc(), r.err());
        assertTrue(r.err().contains("step_threshold") && r.err().contains(cfg.toString()), r.err());
        r = run("-f", dir.resolve("missing.cfg").toString(), "-s", "virtual", "-c", "virtual", "-O", "0");
        assertTrue(r.rc() != 0 && r.err().contains("missing.cfg"), r.err());
    }

    @Test
    void autoWithRealtimeSinkNamedByCIsRefused(@TempDir Path dir) {
        Captured r = run("-a", "-c", "CLOCK_REALTIME", "-z", dir.resolve("ptp4l").toString(), "-q");
        assertEquals(255, r.rc());
        assertEquals("additional system clocks not supported in automatic mode\n", r.err());
    }

    @Test
    void everyOptionReachesItsField() throws Exception {
        Phc2sysOptions p = Phc2sysOptions.parse("phc2sys", new String[] {"-a", "-rr", "-s", "eth0", "-c", "CLOCK_REALTIME",
                "-O", "0", "-w", "-n", "24", "-N", "3", "-R", "8", "-E", "linreg", "-S", "0.5", "-u", "16", "-t", "[x]", "-m", "-q", "-x", "-L", "1000"});
        assertTrue(p.autoConfigure);
        assertEquals(2, p.realtimeCount);
        assertEquals("eth0", p.sourceClock);
        assertEquals(List.of("CLOCK_REALTIME"), p.sinkClocks);
        assertEquals(0, p.forcedOffsetSeconds);
        assertTrue(p.waitForPtp4l);
        assertEquals(List.of(24), p.domainNumbers);
        assertEquals(3, p.readings);
        assertEquals(8.0, p.updateRateHz);
        assertEquals(16, p.summaryUpdates);
        assertEquals("linreg", p.config.getEnum("clock_servo"));
        assertEquals(0.5, p.config.getDouble("step_threshold"));
        assertEquals(0.7, p.config.getDouble("pi_proportional_const"));
        assertEquals("[x]", p.config.getString("message_tag"));
        assertEquals(0, p.config.getInt("kernel_leap"));
        assertEquals(1000, p.config.getInt("sanity_freq_limit"));
        UsageException e = assertThrows(UsageException.class, () -> Phc2sysOptions.parse("phc2sys", new String[] {"-E", "foo"}));
        assertEquals("invalid servo name foo", e.getMessage());
    }
}
