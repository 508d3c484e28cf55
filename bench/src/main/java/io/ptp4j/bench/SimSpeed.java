package io.ptp4j.bench;

import io.ptp4j.core.engine.ClockConfig;
import io.ptp4j.sim.Network;
import io.ptp4j.sim.Noise;
import io.ptp4j.sim.SimNode;
import io.ptp4j.sim.Simulation;
import java.util.Locale;

/**
 * Simulated seconds per wall-clock second for N clients at 1 Hz sync (one grandmaster with one
 * port per client, so every client has its own cable). Usage: SimSpeed [N ...]
 * (bench/run-sim). Target: >= 1000x real time for 100 nodes.
 */
public final class SimSpeed {
    public static void main(String[] args) {
        int[] sizes = args.length == 0 ? new int[] {10, 100, 1000} : java.util.Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        System.out.println("nodes  simulated_s  wall_s  speedup  events/s");
        for (int n : sizes) {
            Simulation sim = new Simulation(1_000_000_000_000L);
            Network net = new Network(sim, 1);
            ClockConfig g = new ClockConfig();
            g.clockIdentity = 1;
            g.priority1 = 1;
            g.numberPorts = n;
            SimNode gm = net.node("gm", g, 0, 0, 0, Noise.gaussian(8), null);
            for (int i = 0; i < n; i++) {
                ClockConfig c = new ClockConfig();
                c.clockIdentity = 1000 + i;
                SimNode node = net.node("c" + i, c, 10_000 * (i % 7), (i % 11) - 5, 0, Noise.gaussian(8), null);
                net.connect(gm, i + 1, node, 1, 1_000, Noise.NONE);
            }
            net.start();
            sim.runUntil(sim.now() + 30_000_000_000L); // warm-up: elections, steps, JIT
            long simulated = n >= 1000 ? 60 : 300;
            long events0 = sim.eventsRun();
            long t0 = System.nanoTime();
            sim.runUntil(sim.now() + simulated * 1_000_000_000L);
            double wall = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "%5d  %11d  %6.2f  %7.0fx  %8.0f%n", n, simulated, wall, simulated / wall,
                    (sim.eventsRun() - events0) / wall);
        }
    }
}
