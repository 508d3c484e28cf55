package io.ptp4j.tools.timemaster;

import java.util.function.Consumer;

/**
 * SIGTERM and SIGINT as timemaster.c handles them (and SIGQUIT, which the JVM keeps for thread dumps): not the JVM's default (which would run
 * shutdown hooks and exit 143 while children are still running) but a request to stop the children,
 * clean up and exit normally. sun.misc.Signal (jdk.unsupported) is the JDK's only way to do this.
 */
public final class Signals {
    private Signals() {}

    public static void onTermination(Consumer<String> handler) {
        // SIGQUIT stays the JVM's (thread dump): HotSpot does not let it be taken over
        for (String name : new String[] {"TERM", "INT"}) {
            sun.misc.Signal.handle(new sun.misc.Signal(name), s -> handler.accept("SIG" + s.getName()));
        }
    }
}
