package io.ptp4j.core.port;

import io.ptp4j.core.wire.MessageType;
import io.ptp4j.core.wire.PtpMessage;

/**
 * Starts a message a port sends: the common header (IEEE 1588-2019 13.3) with the port's identity,
 * domain, majorSdoId and version, the sequenceId and logMessageInterval given, every other field
 * zero. The caller fills the body and sends the message's buffer.
 */
@FunctionalInterface
public interface HeaderWriter {
    PtpMessage start(MessageType type, int sequenceId, int logMessageInterval);
}
