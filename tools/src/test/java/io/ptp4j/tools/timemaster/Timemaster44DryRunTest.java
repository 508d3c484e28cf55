package io.ptp4j.tools.timemaster;

import static org.junit.jupiter.api.Assertions.*;

import io.ptp4j.testkit.LinuxptpPeer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ptp4j's timemaster with {@code linuxptp_version 4.4} prints, in a dry run, what linuxptp 4.4's
 * timemaster -n prints for the same configuration (the test configurations of the 3.1.1
 * comparison: chronyd and ntpd, several domains, first_shm_segment, raw sections): clientOnly,
 * uds_ro_address, chrony SOCK refclocks fed by ptp4l's refclock_sock servo, SHM for ntpd. The
 * interfaces are lo (software timestamps only), so both take the software path.
 */
@Tag("interop")
class Timemaster44DryRunTest {
    @ParameterizedTest
    @ValueSource(strings = {"chronyd", "ntpd", "segments", "debian"})
    void dryRunEqualsLinuxptp44(String name, @TempDir Path dir) throws Exception {
        String theirs = LinuxptpPeer.program("timemaster");
        String conf = ScriptBuilderTest.resource(name + ".conf");
        Path c44 = dir.resolve("44.conf"), cj = dir.resolve("j.conf");
        Files.writeString(c44, conf);
        Files.writeString(cj, conf.replaceFirst("\\[timemaster\\]\n", "[timemaster]\nlinuxptp_version 4.4\n"));
        String expected = dryRun(theirs, c44), actual = dryRun(io.ptp4j.testkit.Daemons.bin("timemaster").toString(), cj);
        assertTrue(expected.contains("commands:"), expected);
        if (conf.contains("[ptp_domain")) assertTrue(expected.contains("clientOnly 1"), expected);
        assertEquals(expected, actual);
    }

    static String dryRun(String program, Path conf) throws Exception {
        Process p = new ProcessBuilder(program, "-n", "-f", conf.toString()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.ISO_8859_1)
                .replaceFirst("^ptp4j: building[^\n]*\n", "");
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), err);
        return err;
    }
}
