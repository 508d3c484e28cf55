package io.ptp4j.testkit;

import java.time.Duration;

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

    /** How many RESPONSE MANAGEMENT lines {@code out} holds. */
    public static int responses(String out) {
        return out.split("RESPONSE MANAGEMENT", -1).length - 1;
    }
}
