package io.ptp4j.linux.clock;

import static org.junit.jupiter.api.Assertions.*;

import io.ptp4j.testkit.Daemons;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * kernel_leap 1 on CLOCK_REALTIME without CAP_SYS_TIME: the kernel refuses adjtimex with modes
 * (EPERM, checked on this machine), ptp4l says so in linuxptp's words ("failed to set the clock
 * status: Operation not permitted") and goes on. Run in a child process under setpriv, which
 * drops CAP_SYS_TIME from the bounding set: the real clock cannot be changed, and the probe
 * refuses to run if it could.
 */
@Tag("interop")
class KernelLeapWithoutCapabilityTest {
    @Test
    void armingFailsClearlyAndTheLoopGoesOn() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = String.join(":", Path.of("target/classes").toAbsolutePath().toString(),
                Path.of("target/test-classes").toAbsolutePath().toString(), Path.of("../core/target/classes").toAbsolutePath().normalize().toString());
        Process p = new ProcessBuilder(Daemons.noClock(java, "--enable-native-access=ALL-UNNAMED", "-cp", cp, KernelLeapProbe.class.getName()))
                .redirectErrorStream(true).start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the probe did not finish");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        System.out.println(out);
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("armLeap 0"), "the clock refused: " + out);
        assertTrue(out.contains("error: failed to set the clock status: Operation not permitted"), out);
        assertTrue(out.contains("error: failed to set TAI offset: Operation not permitted"), out);
        assertTrue(out.contains("goes on"), out);
    }
}
