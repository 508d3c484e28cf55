package io.ptp4j.testkit;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Starting the programs an interop test runs: ptp4j's own launchers ({@link #bin}) and anything
 * else ({@code ptp4l} of Debian's linuxptp 3.1.1, {@link LinuxptpPeer#program} for 4.4, chronyd,
 * tshark), always prefixed by {@link #noClock} so that no daemon can adjust the machine's clock.
 *
 * <pre>{@code
 * try (NetnsPair net = NetnsPair.create()) {
 *     Process m = net.start(net.nsA(), dir.resolve("m.log"), noClock("ptp4l", "-i", NetnsPair.IF_A, "-S", "-m", "-f", mcfg));
 *     Process s = net.start(net.nsB(), dir.resolve("s.log"), noClock(bin("ptp4l"), "-i", NetnsPair.IF_B, "-S", "-m", "-f", scfg));
 *     Logs.await(dir.resolve("s.log"), Duration.ofSeconds(30), "UNCALIBRATED");
 *     stop(s, m);
 * }
 * }</pre>
 */
public final class Daemons {
    /**
     * setpriv without CAP_SYS_TIME in the bounding and inheritable sets: whatever follows cannot
     * set or adjust any clock, even as root (a test never touches CLOCK_REALTIME).
     */
    public static final String[] NO_CLOCK = {"setpriv", "--bounding-set", "-sys_time", "--inh-caps", "-sys_time"};

    private Daemons() {}

    /** ptp4j's launcher of {@code tool} ({@code <root>/bin/ptp4l}, pmc, phc2sys, ptp4j, ...), absolute; fails when missing. */
    public static String bin(String tool) {
        Path p = TestData.root().resolve("bin").resolve(tool);
        assertTrue(Files.isExecutable(p), p + " missing");
        return p.toString();
    }

    /** {@code command} prefixed by {@link #NO_CLOCK}. */
    public static String[] noClock(String... command) {
        String[] all = new String[NO_CLOCK.length + command.length];
        System.arraycopy(NO_CLOCK, 0, all, 0, NO_CLOCK.length);
        System.arraycopy(command, 0, all, NO_CLOCK.length, command.length);
        return all;
    }

    /** SIGTERM to each, then waits for each to end (at most 30 s, then SIGKILL): the logs are complete afterwards. */
    public static void stop(Process... processes) throws InterruptedException {
        for (Process p : processes) p.destroy();
        for (Process p : processes) {
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor();
            }
        }
    }

    /**
     * Runs {@code command} here (outside any namespace) to completion and returns its standard
     * output; standard error is dropped (tshark warns about running as root there). Fails when
     * it does not end within {@code timeout}.
     */
    public static String stdout(Duration timeout, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + ": no exit within " + timeout);
        }
        return out;
    }
}
