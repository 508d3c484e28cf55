package io.ptp4j.testkit;

import static org.junit.jupiter.api.Assertions.fail;

/** Assertions on a program's output text (pmc transcripts, logs, metrics). */
public final class Contains {
    private Contains() {}

    /** Fails, naming the first missing part and showing {@code text}, unless {@code text} contains every part. */
    public static void all(String text, String... parts) {
        for (String p : parts) {
            if (!text.contains(p)) fail("missing '" + p.replace("\t", "\\t").replace("\n", "\\n") + "' in:\n" + text);
        }
    }
}
