package io.ptp4j.tools.ts2phc;

import io.ptp4j.linux.NativeException;
import io.ptp4j.linux.clock.ClockDevice;

/**
 * A clock that timestamps the PPS edges (linuxptp ts2phc_slave): a PHC's external timestamp
 * channel, or ptp4j's virtual clock with synthetic edges for tests and demos.
 */
public interface PpsSink extends AutoCloseable {
    /** As given on the command line ("/dev/ptp0", "eth0"): the name in log lines. */
    String name();

    /** The clock the servo disciplines. */
    ClockDevice clock();

    /** Turns external timestamping on (PTP_EXTTS_REQUEST2 with PTP_ENABLE_FEATURE and the edges to stamp). */
    void arm() throws NativeException;

    /** Waits up to {@code timeoutMillis} for an edge; null when none came. */
    ExttsEvent awaitEvent(int timeoutMillis) throws NativeException, InterruptedException;

    /** Turns external timestamping off and releases the device. */
    @Override
    void close();
}
