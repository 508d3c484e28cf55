package io.ptp4j.bench;

import io.ptp4j.core.engine.Driver;
import io.ptp4j.linux.transport.Transport;
import io.ptp4j.linux.transport.TransportConfig;
import io.ptp4j.linux.transport.Udpv4Transport;
import io.ptp4j.testkit.Netns;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.locks.LockSupport;

/**
 * Why software stamps on a veth wire give PTP a bias of a few hundred ns that no end-point filter
 * sees: the time between a packet's software transmit stamp and the peer's receive stamp depends
 * on how long the sending CPU's network path has been idle, not on the direction.
 *
 * <p>One JVM owns ptp4j's own UDPv4 event transport (the sockets and stamps ptp4l uses) at both
 * ends of the wire that {@code bench/path-warmth} builds: end A in namespace NS_A on IFACE_A, end
 * B in NS_B on IFACE_B (a macvlan, as in bench/side-by-side). It plays "Sync" (A to B, multicast)
 * and "Delay_Req" (B to A), reads each one's transmit and receive stamps, and reports each
 * direction's transit (rx - tx) and the offset a PTP client would compute, ((t2 - t1) - (t4 - t3)) / 2,
 * whose truth is 0 (one machine clock). Three timings, each over N exchanges:
 * <ul>
 *   <li>{@code even}: IDLE ms before each message, so both directions leave an idle path;
 *   <li>{@code sync-idle}: 2 * IDLE ms before the Sync and none before the Delay_Req, as when a
 *       master wakes for its Sync timer and the client answers while its path is still warm;
 *   <li>{@code hot}: no pause at all.
 * </ul>
 * Usage (root, namespaces made by the script): PathWarmth NS_A IFACE_A NS_B IFACE_B N IDLE_MS
 */
public final class PathWarmth {
    private PathWarmth() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 6) {
            System.err.println("usage: PathWarmth NS_A IFACE_A NS_B IFACE_B N IDLE_MS");
            System.exit(2);
        }
        Transport a = Netns.call(args[0], () -> Udpv4Transport.open(args[1], TransportConfig.software()));
        Transport b = Netns.call(args[2], () -> Udpv4Transport.open(args[3], TransportConfig.software()));
        int n = Integer.parseInt(args[4]);
        long idle = Long.parseLong(args[5]) * 1_000_000L;
        exchange(a, b, 20, 0, 0); // the JIT and ARP settle
        System.out.printf("%-10s %-10s %8s %8s %8s %8s   %s%n", "timing", "direction", "min", "median", "mean", "p90", "transit ns");
        report("even", exchange(a, b, n, idle, idle));
        report("sync-idle", exchange(a, b, n, 2 * idle, 0));
        report("hot", exchange(a, b, n, 0, 0));
        a.close();
        b.close();
    }

    /** n exchanges: [i][0] = t2 - t1 (A to B), [i][1] = t4 - t3 (B to A). */
    private static long[][] exchange(Transport a, Transport b, int n, long beforeSync, long beforeReq) throws Exception {
        ByteBuffer out = ByteBuffer.allocate(64), in = ByteBuffer.allocate(1500);
        long[][] transit = new long[n][2];
        for (int i = 0; i < n; i++) {
            pause(beforeSync);
            transit[i][0] = oneWay(a, b, out, in);
            pause(beforeReq);
            transit[i][1] = oneWay(b, a, out, in);
        }
        return transit;
    }

    /** Sends 44 bytes from {@code from} to the PTP group and returns receive stamp minus transmit stamp. */
    private static long oneWay(Transport from, Transport to, ByteBuffer out, ByteBuffer in) throws Exception {
        if (!from.send(true, out, 0, 44, Driver.MULTICAST)) throw new IllegalStateException("send failed on " + from.interfaceName());
        long tx = from.txTimestampNanos(100);
        long deadline = System.nanoTime() + 1_000_000_000L;
        while (to.receive(true, in, 0) < 0) {
            if (System.nanoTime() > deadline) throw new IllegalStateException("nothing arrived on " + to.interfaceName());
            LockSupport.parkNanos(20_000); // let the CPU idle, as a daemon in poll() would
        }
        return to.rxTimestampNanos() - tx;
    }

    private static void pause(long nanos) {
        if (nanos > 0) LockSupport.parkNanos(nanos);
    }

    private static void report(String timing, long[][] transit) {
        int n = transit.length;
        long[] down = new long[n], up = new long[n];
        double offset = 0;
        for (int i = 0; i < n; i++) {
            down[i] = transit[i][0];
            up[i] = transit[i][1];
            offset += (down[i] - up[i]) / 2.0;
        }
        Arrays.sort(down);
        Arrays.sort(up);
        row(timing, "A to B", down);
        row("", "B to A", up);
        System.out.printf("%-10s offset a client would see: mean %.0f ns, from medians %.0f ns, from minima %.0f ns (truth 0)%n",
                "", offset / n, (down[n / 2] - up[n / 2]) / 2.0, (down[0] - up[0]) / 2.0);
    }

    /** One direction's line; {@code s} is sorted. */
    private static void row(String timing, String direction, long[] s) {
        double mean = Arrays.stream(s).average().orElse(0);
        System.out.printf("%-10s %-10s %8d %8d %8.0f %8d%n", timing, direction, s[0], s[s.length / 2], mean, s[s.length * 9 / 10]);
    }
}
