package io.ptp4j.core.clock;

import java.nio.ByteBuffer;

/**
 * Receives the management messages that arrive on a PTP port (linuxptp answers those as well as
 * the ones on its Unix socket); {@link ManagementAgent} installs one with
 * {@link PtpClock#managementHook}.
 */
@FunctionalInterface
public interface ManagementHook {
    void onManagement(int portNumber, ByteBuffer buf, int offset, int length, long source);
}
