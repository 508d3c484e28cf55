package io.ptp4j.linux.transport;

import java.io.IOException;

/**
 * No transmit timestamp came back within tx_timestamp_timeout. Worded as linuxptp's sk.c words
 * it, because users search for that text; linuxptp faults the port when it happens.
 */
public final class TxTimestampTimeoutException extends IOException {
    public static final String TIMED_OUT = "timed out while polling for tx timestamp";
    /** linuxptp 4.4's words (sk.c sk_receive). */
    public static final String ADVICE =
            "increasing tx_timestamp_timeout or increasing kworker priority may correct this issue, but a driver bug likely causes it";

    public TxTimestampTimeoutException(String iface, int timeoutMillis) {
        super(TIMED_OUT + " (" + iface + ", " + timeoutMillis + " ms)\n" + ADVICE);
    }
}
