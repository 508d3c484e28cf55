package io.ptp4j.tools.ptp4l;

import static io.ptp4j.testkit.Daemons.noClock;
import static org.junit.jupiter.api.Assertions.*;

import io.ptp4j.testkit.NetnsPair;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Timestamping a veth cannot do (it has software stamps only) is refused at start, in linuxptp
 * 4.4's words and with its exit code, within 5 s, never run some other way: one-step (onestep,
 * p2p1step, hardware with twoStepFlag 0), legacy, one-step with software stamps, write_phase_mode
 * on a clock without phase control. Where linuxptp 4.4 is at hand, it is asked the same.
 */
@Tag("interop")
class TimestampingRefusedInteropTest {
    record Case(String[] args, String line) {}

    static final List<Case> CASES = List.of(
            new Case(new String[] {"--time_stamping", "onestep"}, "interface 'vA' does not support requested timestamping mode"),
            new Case(new String[] {"--time_stamping", "p2p1step"}, "interface 'vA' does not support requested timestamping mode"),
            new Case(new String[] {"-H", "--twoStepFlag", "0"}, "interface 'vA' does not support requested timestamping mode"),
            new Case(new String[] {"--time_stamping", "legacy"}, "interface 'vA' does not support requested timestamping mode"),
            new Case(new String[] {"-S", "--twoStepFlag", "0"}, "one step is only possible with hardware time stamping"),
            new Case(new String[] {"-S", "--write_phase_mode", "1"}, "clock does not support write phase mode"));

    /** Output lines without linuxptp's "ptp4l[...]: " or ptp4j's "ptp4l: " prefix. */
    static List<String> bare(String out) {
        List<String> l = new ArrayList<>();
        for (String line : out.split("\n")) l.add(line.replaceFirst("^ptp4l(\\[[0-9.]+\\])?: ", ""));
        return l;
    }

    @Test
    void refusedAtStartAsLinuxptp44RefusesIt(@TempDir Path dir) throws Exception {
        String peer;
        try { // ptp4j's refusals are checked even where linuxptp 4.4 is not at hand
            peer = io.ptp4j.testkit.LinuxptpPeer.program("ptp4l");
        } catch (io.ptp4j.testkit.LinuxptpPeer.Missing e) {
            peer = null;
        }
        try (NetnsPair net = NetnsPair.create()) {
            int n = 0;
            for (Case c : CASES) {
                String uds = dir.resolve("p" + n++ + ".uds").toString();
                List<String> argv = new ArrayList<>(List.of(io.ptp4j.testkit.Daemons.bin("ptp4l"), "-i", NetnsPair.IF_A, "-m", "--uds_address", uds));
                argv.addAll(List.of(c.args()));
                long t0 = System.nanoTime();
                NetnsPair.Result r = net.exec(net.nsA(), Duration.ofSeconds(10), noClock(argv.toArray(new String[0])));
                double seconds = (System.nanoTime() - t0) / 1e9;
                String what = String.join(" ", c.args());
                System.out.printf("ptp4j %s: exit %d after %.1f s%n", what, r.exitCode(), seconds);
                assertEquals(255, r.exitCode(), what + "\n" + r.output());
                assertTrue(seconds < 5, what + " took " + seconds + " s");
                List<String> lines = bare(r.output());
                assertTrue(lines.contains(c.line()), what + "\n" + r.output());
                assertTrue(lines.contains("failed to create a clock"), what + "\n" + r.output());
                if (peer == null) continue;
                List<String> pargv = new ArrayList<>(List.of(peer, "-i", NetnsPair.IF_A, "-m", "--uds_address", uds + ".44", "--uds_ro_address", uds + ".ro"));
                pargv.addAll(List.of(c.args()));
                NetnsPair.Result p = net.exec(net.nsA(), Duration.ofSeconds(10), noClock(pargv.toArray(new String[0])));
                assertEquals(255, p.exitCode(), "linuxptp 4.4 " + what + "\n" + p.output());
                assertTrue(bare(p.output()).contains(c.line()), "linuxptp 4.4 " + what + " says\n" + p.output());
            }
        }
    }
}
