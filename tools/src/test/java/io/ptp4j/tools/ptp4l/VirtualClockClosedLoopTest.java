package io.ptp4j.tools.ptp4l;

import static io.ptp4j.testkit.Daemons.bin;
import static io.ptp4j.tools.ptp4l.Ptp4lInteropTest.config;
import static io.ptp4j.tools.ptp4l.Ptp4lInteropTest.runPair;
import static org.junit.jupiter.api.Assertions.*;

import io.ptp4j.testkit.Logs;
import io.ptp4j.testkit.NetnsPair;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Closed loop over real sockets with a known truth: linuxptp's ptp4l is the master on the
 * machine's CLOCK_REALTIME (free_running, never adjusted); ptp4j's ptp4l disciplines a virtual
 * clock that starts 50 us and 100 ppm off. Both namespaces share one kernel clock, so the
 * virtual clock's distance from CLOCK_REALTIME (logged at logging_level 7) is the true time
 * error, not the servo's own estimate. Default PI servo with ptp4j's lucky-packet filter
 * (lucky_packet_window 16), software timestamps, 8 Sync/s: the PI
 * waits 0.016/ki = ~37 s before its first frequency estimate, exactly as linuxptp's pi.c does.
 */
@Tag("interop")
@Tag("serial") // measures time error in real time: runs alone, after the parallel forks (tools/pom.xml)
class VirtualClockClosedLoopTest {
    static final Pattern TRUE_ERROR = Pattern.compile("ptp4l\\[(\\d+\\.\\d+)\\]: virtual clock offset from CLOCK_REALTIME (-?\\d+) ns");

    /**
     * The [global] section of a ptp4j client whose virtual clock starts 50 us and 100 ppm off, with
     * the lucky-packet filter (window 16) and 8 Sync/s; {@code extra} lines go before the clock's.
     * Shared with BoundedTimeLiveTest.
     */
    static String virtualClockClient(String extra, Path uds) {
        return "[global]\nclientOnly 1\nlogSyncInterval -3\n" + extra
                + "virtual_clock 1\nvirtual_clock_offset 50000\nvirtual_clock_freq 100000\nlucky_packet_window 16\nuds_address " + uds + "\n";
    }

    @Test
    void virtualClockLocksToLinuxptpMaster(@TempDir Path dir) throws Exception {
        Path mcfg = dir.resolve("m.cfg"), scfg = dir.resolve("s.cfg");
        Files.writeString(mcfg, config("masterOnly", "", dir.resolve("m.uds")));
        Files.writeString(scfg, virtualClockClient("summary_interval -3\nuse_syslog 0\nlogging_level 7\n", dir.resolve("s.uds")));
        String log = runPair(dir, List.of("ptp4l", "-i", NetnsPair.IF_A, "-S", "-m", "-f", mcfg.toString()),
                List.of(bin("ptp4l"), "-i", NetnsPair.IF_B, "-S", "-m", "-f", scfg.toString()), 100);
        List<double[]> err = new ArrayList<>(); // {seconds, true error ns}
        Matcher mm = TRUE_ERROR.matcher(log);
        while (mm.find()) err.add(new double[] {Double.parseDouble(mm.group(1)), Long.parseLong(mm.group(2))});
        assertTrue(err.size() > 200, "true-error samples: " + err.size() + "\n" + tail(log));
        assertTrue(log.contains("UNCALIBRATED to SLAVE on MASTER_CLOCK_SELECTED"), tail(log));
        Stats st = Stats.of(err, 1_000, WINDOW_SECONDS);
        System.out.printf("virtual clock closed loop: converged (|error| < 1 us for good) %.1f s after the first sample;"
                + " over the last %.0f s: true error rms %.0f ns, mean %.0f ns, max |error| %.0f ns (%d samples)%n",
                st.convergedAfterSeconds, WINDOW_SECONDS, st.rms, st.mean, st.maxAbs, st.n);
        assertTrue(st.convergedAfterSeconds < 100 - WINDOW_SECONDS - 5, "converged too late for the window: " + st.convergedAfterSeconds + " s\n" + tail(log));
        assertTrue(st.n > 150, "too few samples in the window: " + st.n + "\n" + tail(log));
        // The goal is rms < 300 ns. With lucky_packet_window 16 (the fastest Sync and the
        // fastest Delay_Req of recent windows, each direction on its own) runs measure 147-441 ns:
        // 100-200 ns of noise plus a bias of the software stamp points of up to +-350 ns that
        // changes from run to run (docs/benchmarks.md). Without the filter a single Sync delayed by
        // 100 us on veth kicks the PI by microseconds. The guard leaves room for the bias: 800 ns.
        assertTrue(st.rms < 800, "true time error rms " + st.rms + " ns >= 800 ns\n" + tail(log));
    }

    /** The steady state is measured over the run's last 30 s (the servo has locked well before). */
    static final double WINDOW_SECONDS = 30;

    /**
     * Convergence: the first sample after which |error| stays below {@code boundNanos}, in seconds
     * from the first sample; rms/mean/max over the last {@code windowSeconds}.
     */
    record Stats(double convergedAfterSeconds, double rms, double mean, double maxAbs, int n) {
        static Stats of(List<double[]> e, double boundNanos, double windowSeconds) {
            int conv = e.size();
            while (conv > 0 && Math.abs(e.get(conv - 1)[1]) < boundNanos) conv--;
            double end = e.get(e.size() - 1)[0];
            int from = e.size();
            while (from > 0 && e.get(from - 1)[0] > end - windowSeconds) from--;
            double ss = 0, s = 0, max = 0;
            for (double[] x : e.subList(from, e.size())) {
                ss += x[1] * x[1];
                s += x[1];
                max = Math.max(max, Math.abs(x[1]));
            }
            int n = e.size() - from;
            double convSeconds = conv < e.size() ? e.get(conv)[0] - e.get(0)[0] : Double.POSITIVE_INFINITY;
            return new Stats(convSeconds, n == 0 ? Double.NaN : Math.sqrt(ss / n), n == 0 ? Double.NaN : s / n, max, n);
        }
    }

    static String tail(String log) {
        return Logs.tail(log, 30);
    }
}
