package io.ptp4j.core.wire;

/**
 * AUTHENTICATION TLV (IEEE 1588-2019 16.14.3): securityParameterPointer, secParamIndicator,
 * keyID, optional fields and the ICV. Parsed and built here; keys and ICV checks live elsewhere.
 */
public final class AuthenticationTlv {
    private AuthenticationTlv() {}

    public static int securityParameterPointer(PtpMessage m, int v) {
        return m.u8(v);
    }

    public static int secParamIndicator(PtpMessage m, int v) {
        return m.u8(v + 1);
    }

    public static long keyId(PtpMessage m, int v) {
        return m.buffer().getInt(m.baseOffset() + v + 2) & 0xFFFFFFFFL;
    }

    /** Offset of what follows keyID: optional disclosedKey/sequenceNo/RES, then the ICV. */
    public static int dataOffset(int v) {
        return v + 6;
    }

    /** Appends an AUTHENTICATION TLV with {@code icvLength} zero bytes of ICV to be filled in. */
    public static int append(PtpMessage m, int spp, int secParamIndicator, long keyId, int icvLength) {
        int v = TlvCursor.append(m, TlvType.AUTHENTICATION, 6 + icvLength);
        m.u8(v, spp).u8(v + 1, secParamIndicator);
        m.buffer().putInt(m.baseOffset() + v + 2, (int) keyId);
        return v;
    }
}
