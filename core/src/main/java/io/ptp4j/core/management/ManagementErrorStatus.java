package io.ptp4j.core.management;

import io.ptp4j.core.wire.DecodeException;
import io.ptp4j.core.wire.PtpMessage;
import io.ptp4j.core.wire.TlvCursor;
import io.ptp4j.core.wire.TlvType;
import java.nio.charset.StandardCharsets;

/**
 * MANAGEMENT_ERROR_STATUS TLV (IEEE 1588-2019 15.5.4.4): managementErrorId, managementId, four
 * reserved octets, displayData (PTPText), padded to an even length.
 */
public record ManagementErrorStatus(int errorId, int managementId, String displayData) {
    public static ManagementErrorStatus read(PtpMessage m, int value, int length) throws DecodeException {
        int n = length > 8 ? m.u8(value + 8) : 0;
        if (length > 8 && 9 + n > length) throw new DecodeException("displayData.lengthField", value + 8, "PTPText of " + n + " bytes runs past the TLV");
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) b[i] = (byte) m.u8(value + 9 + i);
        return new ManagementErrorStatus(m.u16(value), m.u16(value + 2), new String(b, StandardCharsets.UTF_8));
    }

    /** Appends the TLV to a management message. */
    public int append(PtpMessage m) {
        byte[] text = displayData.getBytes(StandardCharsets.UTF_8);
        int len = 8 + (text.length > 0 ? 1 + text.length : 0);
        len += len & 1;
        int v = TlvCursor.append(m, TlvType.MANAGEMENT_ERROR_STATUS, len);
        m.u16(v, errorId).u16(v + 2, managementId);
        if (text.length > 0) {
            m.u8(v + 8, text.length);
            for (int i = 0; i < text.length; i++) m.u8(v + 9 + i, text[i]);
        }
        return v;
    }

    public String errorName() {
        ManagementErrorId e = ManagementErrorId.of(errorId);
        return e == null ? String.format("0x%04x", errorId) : e.name();
    }
}
