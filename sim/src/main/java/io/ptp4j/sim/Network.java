package io.ptp4j.sim;

import io.ptp4j.core.engine.ClockConfig;
import io.ptp4j.core.engine.EngineListener;

/** Builds a simulated network: nodes, switches and the links between their ports. */
public final class Network {
    private final Simulation sim;
    private final long seed;
    private long next;

    public Network(Simulation sim, long seed) {
        this.sim = sim;
        this.seed = seed;
    }

    public Simulation sim() {
        return sim;
    }

    private long nextSeed() {
        return seed * 1_000_003L + (next++);
    }

    public SimNode node(String name, ClockConfig cfg, double offsetNanos, double freqPpm, double wanderPpbPerSqrtS,
                        Noise timestampNoise, EngineListener listener) {
        cfg.randomSeed = nextSeed();
        SimClock c = new SimClock(sim.now(), offsetNanos, freqPpm * 1000.0, wanderPpbPerSqrtS, nextSeed());
        SimNode n = new SimNode(name, sim, cfg, c, timestampNoise, listener, nextSeed());
        sim.nodes.add(n);
        return n;
    }

    public Switch plainSwitch(String name, Noise residence) {
        return new Switch(name, sim, residence, nextSeed());
    }

    public Link connect(SimNode a, int portA, SimNode b, int portB, long delayNanos, Noise jitter) {
        Link l = new Link(sim, delayNanos, jitter, nextSeed());
        l.a = a.port(portA);
        l.b = b.port(portB);
        a.port(portA).link = l;
        b.port(portB).link = l;
        return l;
    }

    public Link connect(SimNode a, int portA, Switch s, long delayNanos, Noise jitter) {
        Link l = new Link(sim, delayNanos, jitter, nextSeed());
        Switch.SwitchPort sp = s.newPort();
        l.a = a.port(portA);
        l.b = sp;
        a.port(portA).link = l;
        sp.link = l;
        return l;
    }

    public Link connect(Switch s1, Switch s2, long delayNanos, Noise jitter) {
        Link l = new Link(sim, delayNanos, jitter, nextSeed());
        Switch.SwitchPort p1 = s1.newPort(), p2 = s2.newPort();
        l.a = p1;
        l.b = p2;
        p1.link = l;
        p2.link = l;
        return l;
    }

    /** A seed for a part of the network built outside this class (background load). */
    long seedFor() {
        return nextSeed();
    }

    /** Starts every node (INITIALIZING -> LISTENING) at the current time. */
    public void start() {
        for (SimNode n : sim.nodes) n.start();
    }
}
