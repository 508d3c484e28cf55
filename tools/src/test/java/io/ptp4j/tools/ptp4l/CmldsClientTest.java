package io.ptp4j.tools.ptp4l;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/** When the CMLDS client renews its subscription (linuxptp port_cmlds_timeout), as the event loop sees it. */
class CmldsClientTest {
    static final long S = 1_000_000_000L, SILENCE = 4 * S;

    @Test
    void aCmldsThatKeepsTalkingIsRenewedEveryThirtySecondsAndNoTimerIsDueMeanwhile() {
        long t = 100 * S;
        assertEquals(Long.MIN_VALUE, CmldsClient.due(Long.MIN_VALUE, 0, SILENCE), "the first subscription at once");
        // renewed at t, news every second since: nothing due until t + 30 s
        for (long now = t + S; now < t + 30 * S; now += S) {
            long due = CmldsClient.due(t, now - S / 2, SILENCE);
            assertTrue(due > now, "at " + (now - t) / S + " s after the renewal nothing is due, yet the timer says " + (due - t) / (double) S + " s");
        }
        assertEquals(t + 30 * S, CmldsClient.due(t, t + 29 * S, SILENCE));
    }

    @Test
    void aSilentCmldsIsAskedAgainEverySecond() {
        long t = 100 * S;
        assertEquals(t + S, CmldsClient.due(t, 0, SILENCE), "no news yet");
        assertEquals(t + S, CmldsClient.due(t, t - 10 * S, SILENCE), "silent for long");
        assertEquals(t + 2 * S + SILENCE + 1, CmldsClient.due(t, t + 2 * S, SILENCE), "silent from the news plus the allowance");
    }
}
