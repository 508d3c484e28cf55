package io.ptp4j.testkit;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Wireshark as a judge of what is on a test's wire: capture inside a namespace, then read the capture. */
public final class Tshark {
    private Tshark() {}

    /**
     * Starts tshark on {@code iface} in namespace {@code ns}, writing {@code pcap} for {@code seconds}
     * (then it exits by itself; {@link NetnsPair#close()} kills it otherwise). Returns once the
     * capture is open, so that what the test starts next is on it. Its own messages go to
     * {@code pcap}.log.
     */
    public static Process capture(NetnsPair net, String ns, String iface, Path pcap, int seconds) throws IOException, InterruptedException {
        Process cap = net.start(ns, pcap.resolveSibling(pcap.getFileName() + ".log"), "tshark", "-i", iface, "-q", "-w", pcap.toString(),
                "-a", "duration:" + seconds);
        Thread.sleep(1_500); // the capture is open
        return cap;
    }

    /** Waits, at most {@code timeoutSeconds}, for a {@link #capture} to end by itself; fails otherwise. */
    public static void awaitEnd(Process capture, int timeoutSeconds) throws InterruptedException {
        assertTrue(capture.waitFor(timeoutSeconds, TimeUnit.SECONDS), "tshark did not stop within " + timeoutSeconds + " s");
    }

    /** {@code tshark -r pcap -Y filter args...}: its standard output (as root tshark warns on standard error: dropped). */
    public static String read(Path pcap, String filter, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("tshark", "-r", pcap.toString(), "-Y", filter));
        cmd.addAll(List.of(args));
        return Daemons.stdout(Duration.ofSeconds(60), cmd.toArray(String[]::new));
    }
}
