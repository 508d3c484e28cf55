package io.ptp4j.tools.ptp4l;

/**
 * SIGTERM, SIGINT and SIGHUP as linuxptp 4.4's daemons take them (util.c handle_term_signals):
 * each ends the main loop, the daemon cleans up (its sockets are removed) and exits 0, printing
 * nothing. The JVM's default instead runs shutdown hooks and exits 143 or 130. sun.misc.Signal
 * (jdk.unsupported) is the JDK's one way to take a signal over.
 *
 * <p>SIGQUIT is the one linuxptp also stops on that a JVM will not give away: HotSpot keeps it for
 * thread dumps. The launcher runs the daemons with {@code -XX:-DisplayVMOutput}, so a SIGQUIT
 * prints nothing into the log and the daemon goes on; stop it with SIGTERM. A SIGHUP that was
 * ignored when the daemon started (nohup) stays ignored, as the JVM requires.
 */
public final class StopSignals {
    private StopSignals() {}

    /** Runs {@code stop} (on the JVM's signal thread) when one of the signals arrives. */
    public static void onStop(Runnable stop) {
        for (String name : new String[] {"TERM", "INT", "HUP"}) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name), s -> stop.run());
            } catch (IllegalArgumentException e) {
                // SIGHUP ignored by whoever started us (nohup), or a JVM run with -Xrs: leave it
            }
        }
    }
}
