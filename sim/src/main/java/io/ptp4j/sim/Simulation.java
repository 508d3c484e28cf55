package io.ptp4j.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The discrete-event core: virtual time in nanoseconds and a queue of actions ordered by time,
 * then by insertion order, so that a run is exactly reproducible for a given seed.
 */
public final class Simulation {
    private record Event(long time, long seq, Runnable action) implements Comparable<Event> {
        @Override
        public int compareTo(Event o) {
            int c = Long.compare(time, o.time);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    private final PriorityQueue<Event> queue = new PriorityQueue<>();
    private long now;
    private long seq;
    private long events;
    final List<SimNode> nodes = new ArrayList<>();
    /** What true time means: the nodes made after it is set read TAI or UTC of it. */
    Timescale timescale = Timescale.DEFAULT;

    public void timescale(Timescale t) {
        timescale = t;
    }

    public Timescale timescale() {
        return timescale;
    }

    public Simulation(long startNanos) {
        this.now = startNanos;
    }

    public long now() {
        return now;
    }

    public long eventsRun() {
        return events;
    }

    public void at(long time, Runnable action) {
        queue.add(new Event(Math.max(time, now), seq++, action));
    }

    public void after(long delay, Runnable action) {
        at(now + delay, action);
    }

    /** Runs every event up to and including {@code until}; time then stands at {@code until}. */
    public void runUntil(long until) {
        while (!queue.isEmpty() && queue.peek().time <= until) {
            Event e = queue.poll();
            now = e.time;
            events++;
            e.action.run();
        }
        now = until;
    }

    public List<SimNode> nodes() {
        return nodes;
    }

    public SimNode node(String name) {
        for (SimNode n : nodes) if (n.name().equals(name)) return n;
        throw new IllegalArgumentException("no node named '" + name + "'");
    }
}
