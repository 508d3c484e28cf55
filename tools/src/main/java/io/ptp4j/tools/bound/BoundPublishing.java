package io.ptp4j.tools.bound;

import io.ptp4j.core.bound.BoundStatus;
import io.ptp4j.core.bound.EngineBoundFeed;
import io.ptp4j.core.bound.ErrorBound;
import io.ptp4j.core.clock.PtpClock;
import io.ptp4j.core.engine.EngineListener;
import io.ptp4j.core.engine.PtpNode;
import io.ptp4j.linux.clockbound.ClockBoundWriter;
import io.ptp4j.tools.config.PtpConfig;
import io.ptp4j.tools.log.Printer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * ptp4l's clock error bound (docs/bounded-time.md): an {@link EngineBoundFeed} in front of the
 * engine's listener, a {@link ClockBoundWriter} it publishes to after every event and once a
 * second, and where that goes:
 * <ul>
 * <li>the system clock (software timestamps): {@code clockbound_path}, by default
 *     /var/run/clockbound/shm0, where ClockBound's clients and ptp4j-time look;</li>
 * <li>a virtual clock or a PHC: next to the management socket, {@code uds_address.clockbound}
 *     (it is not CLOCK_REALTIME's bound; ptp4j-time's openVirtual reads a virtual clock's);</li>
 * <li>nothing when {@code clockbound_path} is empty, or the daemon does not discipline the clock
 *     (free_running, clock_servo ntpshm or refclock_sock, a transparent clock).</li>
 * </ul>
 */
public final class BoundPublishing implements AutoCloseable {
    /** What the daemon disciplines. */
    public enum Disciplined {
        SYSTEM_CLOCK, VIRTUAL_CLOCK, PHC, NOTHING;

        /** From ptp4l's settings: a clock it only reads (free_running, ntpshm, refclock_sock, a TC) has no bound of its making. */
        public static Disciplined of(boolean readOnly, boolean virtual, boolean software) {
            return readOnly ? NOTHING : virtual ? VIRTUAL_CLOCK : software ? SYSTEM_CLOCK : PHC;
        }
    }

    private final EngineBoundFeed feed;
    private final ClockBoundWriter writer;
    private final ErrorBound last = new ErrorBound();

    private BoundPublishing(EngineBoundFeed feed, ClockBoundWriter writer) {
        this.feed = feed;
        this.writer = writer;
    }

    /** Where the bound of {@code what} goes with this configuration, or null for nowhere. */
    public static Path path(PtpConfig c, Disciplined what) {
        String shm = c.getString("clockbound_path");
        if (shm.isEmpty() || what == Disciplined.NOTHING) return null;
        return what == Disciplined.SYSTEM_CLOCK ? Path.of(shm) : Path.of(c.getString("uds_address") + ".clockbound");
    }

    /**
     * Starts publishing, or returns null (nothing to publish, or the file cannot be made: then a
     * warning says so and ptp4l runs on without it).
     */
    public static BoundPublishing start(PtpConfig c, List<String> ifaces, Disciplined what, EngineListener inner, Printer printer) {
        Path path = path(c, what);
        if (path == null) return null;
        if (what == Disciplined.SYSTEM_CLOCK && !maySetTime()) {
            // without CAP_SYS_TIME every adjustment fails: the clock is not this daemon's to vouch for
            printer.print(Printer.LOG_INFO, "not publishing a clock error bound to " + path + ": without CAP_SYS_TIME this ptp4l cannot discipline "
                    + "CLOCK_REALTIME");
            return null;
        }
        ClockBoundWriter w;
        try {
            w = ClockBoundWriter.open(path, c.getInt("clockbound_file_mode"), what != Disciplined.SYSTEM_CLOCK);
        } catch (IOException | RuntimeException e) {
            printer.print(Printer.LOG_WARNING, "cannot publish the clock error bound to " + path + ": " + e.getMessage());
            return null;
        }
        BoundPublishing[] self = new BoundPublishing[1];
        EngineBoundFeed feed = new EngineBoundFeed(inner, System::nanoTime, b -> self[0].publish(b), true);
        for (int i = 0; i < ifaces.size(); i++) feed.asymmetryOverrideNanos(i + 1, c.getInt(ifaces.get(i), "bound_asymmetry_ns"));
        self[0] = new BoundPublishing(feed, w);
        printer.print(Printer.LOG_INFO, "publishing the clock error bound to " + path + " (ClockBound protocol v2)");
        return self[0];
    }

    /** CAP_SYS_TIME (25) in this process's effective set (/proc/self/status CapEff). */
    public static boolean maySetTime() {
        try {
            for (String l : java.nio.file.Files.readAllLines(Path.of("/proc/self/status"))) {
                if (l.startsWith("CapEff:")) return (Long.parseUnsignedLong(l.substring(7).strip(), 16) & (1L << 25)) != 0;
            }
        } catch (IOException | NumberFormatException e) {
            // unknown: assume it may (the writer fails loudly if the path is not writable)
        }
        return true;
    }

    private void publish(ErrorBound b) {
        writer.publish(b);
        last.set(b.asOfNanos(), b.voidAfterNanos(), b.boundNanos(), b.maxDriftPpb(), b.status(), b.disruptionMarker());
    }

    /** The listener to give the engine (it passes every event on to the one given to start). */
    public EngineListener listener() {
        return feed;
    }

    /**
     * The engine, once made with {@link #listener()}; returns the node to run in its place, which
     * also republishes the bound once a second.
     */
    public PtpNode attachedTo(PtpClock clock, PtpNode node) {
        feed.attach(clock);
        return new TickingNode(node, feed);
    }

    public Path path() {
        return writer.path();
    }

    public EngineBoundFeed feed() {
        return feed;
    }

    /**
     * The daemon stops: the clock runs on at its last frequency, no longer disciplined. The last
     * bound is written once more as FREE_RUNNING (readers see it grow, then go stale at void_after).
     */
    @Override
    public void close() {
        if (last.status() == BoundStatus.SYNCHRONIZED) {
            writer.publish(last.set(last.asOfNanos(), last.voidAfterNanos(), last.boundNanos(), last.maxDriftPpb(), BoundStatus.FREE_RUNNING,
                    last.disruptionMarker()));
        }
        writer.close();
    }
}
