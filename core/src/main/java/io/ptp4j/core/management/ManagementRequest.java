package io.ptp4j.core.management;

import io.ptp4j.core.wire.MessageType;
import io.ptp4j.core.wire.PtpMessage;
import io.ptp4j.core.wire.TlvCursor;
import io.ptp4j.core.wire.TlvType;
import java.nio.ByteBuffer;

/**
 * Builds management requests as linuxptp's pmc does (pmc_common.c pmc_message): header with the
 * requester's port identity, domain and transportSpecific, logMessageInterval 0x7F, the target
 * port identity (all ones: every clock and port), boundary hops, the action, one MANAGEMENT TLV.
 * Reusable by any management client (pmc, phc2sys).
 */
public final class ManagementRequest {
    public static final int GET = 0, SET = 1, RESPONSE = 2, COMMAND = 3, ACKNOWLEDGE = 4;

    public long sourceClockIdentity;
    public int sourcePortNumber;
    public long targetClockIdentity = -1L;
    public int targetPortNumber = 0xFFFF;
    public int boundaryHops = 1;
    public int domainNumber;
    public int transportSpecific;
    private final PtpMessage msg = new PtpMessage();

    /**
     * Writes a request at offset 0 of {@code buf}; {@code data} is the dataField (padded here to an
     * even length). Returns the message length.
     */
    public int encode(ByteBuffer buf, int sequenceId, int action, int managementId, byte[] data) {
        msg.wrap(buf, 0, buf.capacity()).initHeader(MessageType.MANAGEMENT, 0)
                .majorSdoId(transportSpecific).domainNumber(domainNumber)
                .sourcePort(sourceClockIdentity, sourcePortNumber).sequenceId(sequenceId).logMessageInterval(0x7F)
                .targetPort(targetClockIdentity, targetPortNumber)
                .startingBoundaryHops(boundaryHops).boundaryHops(boundaryHops).actionField(action);
        int n = data.length + (data.length & 1);
        int v = TlvCursor.append(msg, TlvType.MANAGEMENT, 2 + n);
        msg.u16(v, managementId);
        for (int i = 0; i < data.length; i++) msg.u8(v + 2 + i, data[i]);
        return msg.messageLength();
    }
}
