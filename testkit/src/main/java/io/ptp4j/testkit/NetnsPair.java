package io.ptp4j.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Two network namespaces joined by a veth pair, for tests that put real traffic on a wire without
 * touching the host's networks: namespace A holds {@link #IF_A} with 192.0.2.1/24 and
 * 2001:db8::1/64, namespace B holds {@link #IF_B} with 192.0.2.2/24 and 2001:db8::2/64 (nodad,
 * so IPv6 is usable at once). Names are unique per JVM and call. {@link #close()} kills every
 * process started through it and deletes both namespaces, even after a failure; a shutdown hook
 * does the same if the JVM exits first. Needs root (ip netns). Daemons started in it should run
 * under {@link Daemons#noClock}.
 */
public final class NetnsPair implements AutoCloseable {
    public static final String IF_A = "vA";
    public static final String IF_B = "vB";
    public static final String IPV4_A = "192.0.2.1", IPV4_B = "192.0.2.2";
    public static final String IPV6_A = "2001:db8::1", IPV6_B = "2001:db8::2";
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final Duration IP_TIMEOUT = Duration.ofSeconds(10);

    private final String nsA;
    private final String nsB;
    private String nsC;
    private final List<Process> processes = new ArrayList<>();
    private final Thread hook;
    private boolean closed;

    private NetnsPair(String prefix) {
        nsA = prefix + "a";
        nsB = prefix + "b";
        hook = new Thread(this::removeQuietly, "netns-cleanup-" + prefix);
    }

    /** Creates the namespaces, the veth pair and the addresses, all links up. */
    public static NetnsPair create() throws IOException {
        String prefix = "p4j" + ProcessHandle.current().pid() + "x" + COUNTER.incrementAndGet();
        NetnsPair p = new NetnsPair(prefix);
        Runtime.getRuntime().addShutdownHook(p.hook);
        try {
            ip("netns", "add", p.nsA);
            ip("netns", "add", p.nsB);
            ip("link", "add", IF_A, "netns", p.nsA, "type", "veth", "peer", "name", IF_B, "netns", p.nsB);
            p.configure(p.nsA, IF_A, IPV4_A + "/24", IPV6_A);
            p.configure(p.nsB, IF_B, IPV4_B + "/24", IPV6_B);
            p.awaitCarrier(p.nsA, IF_A);
            p.awaitCarrier(p.nsB, IF_B);
            return p;
        } catch (IOException | RuntimeException e) {
            p.close();
            throw e;
        }
    }

    /** Addresses on {@code iface} in {@code ns} ({@code v4} with its prefix length), lo and iface up. */
    private void configure(String ns, String iface, String v4, String v6) throws IOException {
        ip("-n", ns, "link", "set", "lo", "up");
        ip("-n", ns, "addr", "add", v4, "dev", iface);
        ip("-n", ns, "addr", "add", v6 + "/64", "dev", iface, "nodad");
        // no duplicate address detection on the link-local address either: until it ends, the
        // first IPv6 multicast datagrams sent on a fresh veth are dropped (measured: ~1 s)
        Result r = run(IP_TIMEOUT, List.of("ip", "netns", "exec", ns, "sysctl", "-qw", "net.ipv6.conf." + iface + ".accept_dad=0"));
        if (r.exitCode != 0) throw new IOException("sysctl accept_dad=0 in " + ns + ": " + r.output.strip());
        ip("-n", ns, "link", "set", iface, "up");
    }

    /**
     * Waits until linkwatch has run for the fresh veth: before that the device keeps the noop
     * qdisc and silently drops what is sent (seen as lost first IPv6 multicasts).
     */
    private void awaitCarrier(String ns, String iface) throws IOException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (true) {
            Result r = run(IP_TIMEOUT, List.of("ip", "-n", ns, "-o", "link", "show", "dev", iface));
            if (r.output.contains("state UP") && !r.output.contains("qdisc noop")) return;
            if (System.nanoTime() > deadline) throw new IOException(iface + " in " + ns + " not up after 5 s: " + r.output.strip());
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted waiting for " + iface, e);
            }
        }
    }

    /** The second link's interfaces: {@link #IF_B2} in namespace B, {@link #IF_C} in namespace C. */
    public static final String IF_B2 = "vB2", IF_C = "vC";
    public static final String IPV4_B2 = "192.0.2.65", IPV4_C = "192.0.2.66";
    public static final String IPV6_B2 = "2001:db8:1::1", IPV6_C = "2001:db8:1::2";

    /**
     * Makes a line of three: a third namespace C joined to B by a second veth pair ({@link #IF_B2}
     * 192.0.2.65/26 in B, {@link #IF_C} 192.0.2.66/26 in C; the /26 is more specific than B's /24).
     * For a boundary clock in B between A and C. Deleted by {@link #close()} like the others.
     */
    public synchronized String addThird() throws IOException {
        if (nsC != null) return nsC;
        nsC = nsA.substring(0, nsA.length() - 1) + "c";
        ip("netns", "add", nsC);
        ip("link", "add", IF_B2, "netns", nsB, "type", "veth", "peer", "name", IF_C, "netns", nsC);
        configure(nsB, IF_B2, IPV4_B2 + "/26", IPV6_B2);
        configure(nsC, IF_C, IPV4_C + "/26", IPV6_C);
        awaitCarrier(nsB, IF_B2);
        awaitCarrier(nsC, IF_C);
        return nsC;
    }

    public String nsA() {
        return nsA;
    }

    public String nsB() {
        return nsB;
    }

    /** Runs Java code inside namespace {@code ns} (see {@link Netns#call}). */
    public <T> T in(String ns, Callable<T> action) throws Exception {
        return Netns.call(ns, action);
    }

    /** Runs a command inside {@code ns} to completion (bounded by {@code timeout}); returns its output. */
    public Result exec(String ns, Duration timeout, String... command) throws IOException {
        return run(timeout, prefixed(ns, command));
    }

    /**
     * Starts a long-running command inside {@code ns}, output and errors merged into {@code log};
     * it is killed by {@link #close()}.
     */
    public synchronized Process start(String ns, Path log, String... command) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(prefixed(ns, command)).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Process p = pb.start();
        processes.add(p);
        return p;
    }

    /**
     * An HTTP GET of {@code path} from 127.0.0.1:{@code port} inside {@code ns} (a daemon's
     * metrics or dashboard), through bash's /dev/tcp: no curl needed. Returns the whole response,
     * status line and headers included.
     */
    public String httpGet(String ns, int port, String path) throws IOException {
        return exec(ns, Duration.ofSeconds(10), "bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/" + port
                + "; printf 'GET " + path + " HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3; cat <&3").output();
    }

    private static List<String> prefixed(String ns, String... command) {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        cmd.addAll(List.of(command));
        return cmd;
    }

    /** A finished command: exit code and merged output. */
    public record Result(int exitCode, String output) {}

    private static Result run(Duration timeout, List<String> cmd) throws IOException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", cmd) + ": no exit within " + timeout);
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return new Result(p.exitValue(), out);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", cmd), e);
        }
    }

    private static void ip(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("ip"));
        cmd.addAll(List.of(args));
        Result r = run(IP_TIMEOUT, cmd);
        if (r.exitCode != 0) {
            throw new IOException(String.join(" ", cmd) + " failed (exit " + r.exitCode + "): " + r.output.strip());
        }
    }

    private synchronized void removeQuietly() {
        if (closed) return;
        closed = true;
        for (Process p : processes) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            try {
                p.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        List<String> all = new ArrayList<>(List.of(nsA, nsB));
        if (nsC != null) all.add(nsC);
        for (String ns : all) {
            try {
                run(IP_TIMEOUT, List.of("ip", "netns", "del", ns));
            } catch (IOException ignored) {
                // best effort: nothing else can be done on cleanup
            }
        }
    }

    /** Kills started processes and deletes both namespaces (and with them the veth pair). */
    @Override
    public void close() {
        removeQuietly();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException ignored) {
            // JVM already shutting down: the hook is running or ran
        }
    }
}
