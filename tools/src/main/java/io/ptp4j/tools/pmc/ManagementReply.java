package io.ptp4j.tools.pmc;

import io.ptp4j.core.management.ManagementData;
import io.ptp4j.core.management.ManagementErrorId;
import io.ptp4j.core.management.ManagementId;
import io.ptp4j.core.wire.DecodeException;
import io.ptp4j.core.wire.MessageType;
import io.ptp4j.core.wire.PortIdentity;
import io.ptp4j.core.wire.PtpMessage;
import io.ptp4j.core.wire.TlvCursor;
import io.ptp4j.core.wire.TlvType;
import java.nio.ByteBuffer;
import java.util.Map;

/**
 * A management answer decoded for programs (phc2sys and other clients of {@link PmcClient}):
 * who sent it, the action, the managementId, and either the dataField's values by the layout
 * of {@link ManagementId} or the error of a MANAGEMENT_ERROR_STATUS.
 *
 * @param error     the error of a MANAGEMENT_ERROR_STATUS (null when it is none, or one Table 109 does not name)
 * @param data      the dataField's values (empty for errors and empty TLVs)
 * @param errorCode the managementErrorId of a MANAGEMENT_ERROR_STATUS, -1 when the answer is none
 */
public record ManagementReply(PortIdentity source, int sequenceId, int action, int managementId, ManagementErrorId error,
        Map<String, Object> data, int errorCode) {
    /** Decodes a received message; null when it is no management message with one management TLV (and at most an AUTHENTICATION TLV after it). */
    public static ManagementReply parse(ByteBuffer buf, int length) throws DecodeException {
        PtpMessage m = new PtpMessage().wrap(buf, 0, length);
        TlvCursor t = new TlvCursor();
        if (m.validate(t) != MessageType.MANAGEMENT) return null;
        t.reset(m);
        if (!t.next()) return null;
        int type = t.type(), value = t.valueOffset(), len = t.length();
        // linuxptp 4 pmc: one TLV, or a second that is an AUTHENTICATION TLV
        if (t.next() && (t.type() != TlvType.AUTHENTICATION || t.next())) return null;
        if (type == TlvType.MANAGEMENT_ERROR_STATUS && len >= 4) {
            return new ManagementReply(m.sourcePortIdentity(), m.sequenceId(), m.actionField(), m.u16(value + 2),
                    ManagementErrorId.of(m.u16(value)), Map.of(), m.u16(value));
        }
        if (type != TlvType.MANAGEMENT || len < 2) return null;
        int id = m.u16(value);
        ManagementId known = ManagementId.of(id);
        Map<String, Object> data = known == null || len == 2 ? Map.of() : ManagementData.decode(known, buf, value + 2, len - 2);
        return new ManagementReply(m.sourcePortIdentity(), m.sequenceId(), m.actionField(), id, null, data, -1);
    }

    public boolean isError() {
        return errorCode >= 0;
    }
}
