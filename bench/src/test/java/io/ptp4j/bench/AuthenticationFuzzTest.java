package io.ptp4j.bench;

import static org.junit.jupiter.api.Assertions.*;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.ptp4j.core.auth.AuthResult;
import io.ptp4j.core.auth.Authenticator;
import io.ptp4j.core.auth.SaFile;
import io.ptp4j.core.auth.SaFileException;
import io.ptp4j.core.auth.SecurityAssociations;
import java.nio.ByteBuffer;

/**
 * The authentication check on hostile input: verify never throws whatever arrives; a message
 * signed here verifies; one octet changed before the ICV's end never does (except the
 * correctionField under allow_mutable, which the ICV leaves out on purpose).
 */
class AuthenticationFuzzTest {
    static final SecurityAssociations SAD;

    static {
        try {
            SAD = SaFile.parse("sa", """
                    spp 0
                    1 SHA256-128 HEX:F8ADC6B8B8E9AA709106BA42481EC9E29607334DE2C3C737A11A12931DB27F8C
                    2 SHA256 HEX:EE91D469B3A8ADC6AC8EB28E21794C706E08FDE48863828A7B0281AFCA81B17D
                    3 AES128 HEX:FAF48EBA01E7C5966A76CB787AED4E7B
                    4 AES256 B64:PKTF9VQz94qPaoAzW4eE3JtFoQ8Ov1OTQSojalWyMbs=
                    spp 1
                    allow_mutable 1
                    seqid_window 0
                    1 SHA256-128 ASCII:0123456789
                    """);
        } catch (SaFileException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @FuzzTest(maxDuration = "30s")
    void verifyNeverThrowsAndOnlyAcceptsWhatWasSigned(FuzzedDataProvider d) {
        int spp = d.consumeInt(0, 1);
        long key = spp == 0 ? d.consumeInt(1, 4) : 1;
        Authenticator a = new Authenticator(SAD, 1).port(1, spp, key).windowFromEngine();
        ByteBuffer b = ByteBuffer.allocate(2048);
        byte[] raw = d.consumeBytes(1400);
        b.put(0, raw);
        AuthResult r = a.verify(b, 0, raw.length, 1); // whatever arrives
        assertNotNull(r);
        int n = a.sign(b, 0, raw.length, 1);
        if (n < 0) return; // too short for a header, or no room
        int messageLength = b.getShort(2) & 0xFFFF;
        if (a.verify(b, 0, n, 1) != AuthResult.ACCEPTED) {
            // signed, yet refused: only when the bytes were no message to begin with, or their TLV
            // walk does not end where the appended TLV starts, or they held another AUTHENTICATION TLV
            assertFalse(onlyAuthenticationTlvAt(b, n) == raw.length, "a message whose only AUTHENTICATION TLV is ours must verify");
            return;
        }
        int at = d.consumeInt(0, n - 1);
        byte flip = (byte) d.consumeInt(1, 255);
        b.put(at, (byte) (b.get(at) ^ flip));
        boolean mutableField = spp == 1 && at >= 8 && at < 16;
        if (!mutableField && at < messageLength) assertNotEquals(AuthResult.ACCEPTED, a.verify(b, 0, n, 1), "octet " + at + " changed");
    }

    /** Where the one AUTHENTICATION TLV of a message that decodes starts; -1 when it does not decode or has not exactly one. */
    private static int onlyAuthenticationTlvAt(ByteBuffer b, int n) {
        try {
            var m = new io.ptp4j.core.wire.PtpMessage().wrap(b, 0, n);
            var t = new io.ptp4j.core.wire.TlvCursor();
            m.validate(t);
            t.reset(m);
            int count = 0, at = -1;
            while (t.next()) {
                if (t.type() != io.ptp4j.core.wire.TlvType.AUTHENTICATION) continue;
                count++;
                at = t.tlvOffset();
            }
            return count == 1 ? at : -1;
        } catch (io.ptp4j.core.wire.DecodeException e) {
            return -1;
        }
    }
}
