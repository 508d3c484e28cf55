package io.ptp4j.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Assertions;

/**
 * A pmc (linuxptp's or ptp4j's) run in a namespace against a daemon's management socket. linuxptp's
 * pmc waits only a short while for each answer, so on a loaded machine one can come too late: the
 * commands are sent again, up to five times, until each has its RESPONSE.
 */
public final class Pmc {
    private Pmc() {}

    /**
     * {@code pmc -u -b 0 -t TS -s UDS 'CMD'...} in {@code ns}; its standard output (stderr dropped),
     * from the first run in which every command was answered, else the last.
     */
    public static String ask(NetnsPair net, String ns, String pmc, String uds, int transportSpecific, String... commands) throws Exception {
        StringBuilder c = new StringBuilder(pmc + " -u -b 0 -t " + transportSpecific + " -s " + uds);
        for (String s : commands) c.append(" '").append(s).append('\'');
        String out = "";
        for (int i = 0; i < 5; i++) {
            out = net.exec(ns, Duration.ofSeconds(20), "bash", "-c", c + " 2>/dev/null").output();
            if (responses(out) >= commands.length) break;
            Thread.sleep(200);
        }
        return out;
    }

    /** A test of one pmc answer; it may run more commands or read files. */
    @FunctionalInterface
    public interface Answered {
        boolean test(String out) throws Exception;
    }

    /**
     * Runs {@code ask} (a pmc) every 500 ms until {@code answered} holds for its output and returns
     * that output. After {@code timeout} the test fails with {@code what}, the last output and the
     * daemon's {@code log}.
     */
    public static String await(Duration timeout, Callable<String> ask, Answered answered, String what, Path log) throws Exception {
        long end = System.nanoTime() + timeout.toNanos();
        String out = "";
        while (System.nanoTime() < end) {
            out = ask.call();
            if (answered.test(out)) return out;
            Thread.sleep(500);
        }
        return Assertions.fail(what + ":\n" + out + "\nlog:\n" + Files.readString(log));
    }

    /** How many RESPONSE MANAGEMENT lines {@code out} holds. */
    public static int responses(String out) {
        return out.split("RESPONSE MANAGEMENT", -1).length - 1;
    }
}
