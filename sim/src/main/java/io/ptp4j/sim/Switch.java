package io.ptp4j.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A plain (not PTP-aware) Ethernet switch: store-and-forward of every frame to every other port,
 * with a residence time that grows with the frames queued on the egress port. Peer-delay frames
 * (01:80:C2:00:00:0E) are link-local and are not forwarded, as 802.1Q requires.
 */
public final class Switch {
    final String name;
    final Simulation sim;
    final List<SwitchPort> ports = new ArrayList<>();
    final Noise residence;
    final SplittableRandom random;

    /** Background traffic per egress port (null: none): how the switch is loaded. */
    java.util.function.LongFunction<BackgroundLoad> load;

    final class SwitchPort implements Endpoint {
        Link link;
        long busyUntil;
        BackgroundLoad background;

        @Override
        public void deliver(byte[] frame, int length, boolean event, boolean peerDelay, Link from) {
            if (peerDelay) return;
            for (SwitchPort p : ports) {
                if (p == this || p.link == null) continue;
                long start = Math.max(sim.now(), p.busyUntil);
                long done = start + Math.max(0, Math.round(residence.sample(random)));
                if (load != null) {
                    if (p.background == null) p.background = load.apply(ports.indexOf(p));
                    done += p.background.waitNanos(sim.now());
                }
                p.busyUntil = done;
                sim.at(done, () -> p.link.send(p, frame, length, event, false));
            }
        }
    }

    Switch(String name, Simulation sim, Noise residence, long seed) {
        this.name = name;
        this.sim = sim;
        this.residence = residence;
        this.random = new SplittableRandom(seed);
    }

    SwitchPort newPort() {
        SwitchPort p = new SwitchPort();
        ports.add(p);
        return p;
    }
}
