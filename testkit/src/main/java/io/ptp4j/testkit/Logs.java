package io.ptp4j.testkit;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Predicate;

/** Reading what a daemon a test started writes to its log file: waiting for a line, the last lines. */
public final class Logs {
    private Logs() {}

    /** The file's text, or "" while it does not exist yet. */
    public static String read(Path log) throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    /** Waits until the log contains {@code text}; fails after {@code timeout} with the log. Returns the log's text. */
    public static String await(Path log, Duration timeout, String text) throws IOException, InterruptedException {
        return await(log, timeout, "'" + text + "'", t -> t.contains(text));
    }

    /**
     * Polls the log (every 200 ms) until {@code done} holds for its whole text; fails after
     * {@code timeout}, naming {@code what} and showing the log. Returns the log's text.
     */
    public static String await(Path log, Duration timeout, String what, Predicate<String> done) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String text = read(log);
        while (!done.test(text)) {
            if (System.nanoTime() > deadline) fail("no " + what + " in " + log.getFileName() + " within " + timeout.toSeconds() + " s; log:\n" + text);
            Thread.sleep(200);
            text = read(log);
        }
        return text;
    }

    /** The last {@code n} lines of {@code text}, each ending in a newline. */
    public static String tail(String text, int n) {
        String[] l = text.split("\n");
        StringBuilder sb = new StringBuilder();
        for (int i = Math.max(0, l.length - n); i < l.length; i++) sb.append(l[i]).append('\n');
        return sb.toString();
    }
}
