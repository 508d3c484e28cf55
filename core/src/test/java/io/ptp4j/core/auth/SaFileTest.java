package io.ptp4j.core.auth;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/** linuxptp 4.4's sa_file format (ptp4l.8 SECURITY ASSOCIATION OPTIONS) and its errors, with file:line. */
class SaFileTest {
    /** The example of linuxptp 4.4's ptp4l.8. */
    static final String EXAMPLE = """
            [security_association]
            spp 0
            allow_mutable 1
            1 SHA256-128 HEX:F8ADC6B8B8E9AA709106BA42481EC9E29607334DE2C3C737A11A12931DB27F8C
            2 SHA256 32 HEX:EE91D469B3A8ADC6AC8EB28E21794C706E08FDE48863828A7B0281AFCA81B17D

            [security_association]
            spp 1
            seqid_window 20
            1 AES128 HEX:FAF48EBA01E7C5966A76CB787AED4E7B
            2 AES256 B64:PKTF9VQz94qPaoAzW4eE3JtFoQ8Ov1OTQSojalWyMbs=
            3 SHA256 26 abcdefghijklmnopqrstuvwxyz
            """;

    @Test
    void linuxptpsExample() throws Exception {
        SecurityAssociations sad = SaFile.parse("sa.cfg", EXAMPLE);
        SecurityAssociation a = sad.get(0), b = sad.get(1);
        assertTrue(a.allowMutable());
        assertEquals(SecurityAssociation.DEFAULT_SEQID_WINDOW, a.seqidWindow());
        assertEquals(IntegrityAlgorithm.SHA256_128, a.key(1).algorithm());
        assertEquals(IntegrityAlgorithm.SHA256, a.key(2).algorithm());
        assertFalse(b.allowMutable());
        assertEquals(20, b.seqidWindow());
        assertEquals(IntegrityAlgorithm.AES128, b.key(1).algorithm());
        assertEquals(IntegrityAlgorithm.AES256, b.key(2).algorithm());
        assertEquals(IntegrityAlgorithm.SHA256, b.key(3).algorithm());
        assertNull(sad.get(2));
        assertEquals(2, sad.all().size());
    }

    @Test
    void keyEncodingsGiveTheSameKey() throws Exception {
        SecurityAssociations sad = SaFile.parse("s", """
                spp 5
                1 SHA256 ASCII:abc
                2 SHA256 HEX:616263
                3 SHA256 B64:YWJj
                4 SHA256 3 abc
                """);
        byte[] m = new byte[40], icv1 = new byte[32], icv = new byte[32];
        sad.get(5).key(1).icv().compute(m, 40, icv1, 0);
        for (long id = 2; id <= 4; id++) {
            sad.get(5).key(id).icv().compute(m, 40, icv, 0);
            assertArrayEquals(icv1, icv, "key " + id);
        }
    }

    static void assertError(String text, int line, String detail) {
        SaFileException e = assertThrows(SaFileException.class, () -> SaFile.parse("sa.cfg", text));
        assertEquals(line, e.line(), e.getMessage());
        assertEquals(detail, e.detail());
        assertEquals("sa.cfg:" + line + ": " + detail, e.getMessage());
    }

    @Test
    void errorsNameFileAndLineInLinuxptpsWords() {
        assertError("[security_association]\nspp 256\n", 2, "spp 256 is out of range. Must be in the range 0 to 255");
        assertError("spp 1\n\nspp 1\n", 3, "sa 1 already taken");
        assertError("[security_association]\n1 SHA256 abc\n", 2, "missing spp (a key before any spp line)");
        assertError("seqid_window 4\n", 1, "missing spp (seqid_window before any spp line)");
        assertError("spp 1\nseqid_window 32768\n", 2, "seqid_window 32768 out of range (0 to 32767)");
        assertError("spp 1\nallow_mutable 2\n", 2, "allow_mutable must be 0 or 1");
        assertError("spp 1\nseqnum_length 4\n", 2, "seqnum field not supported (yet)");
        assertError("spp 1\nres_length 4\n", 2, "res field not supported (yet)");
        assertError("spp 1\nspp x\n", 2, "spp x is not an integer");
        assertError("spp 1\n# a comment\n1 SHA256\n", 3, "invalid key line: requires format 'id type [len] str'");
        assertError("spp 1\n0 SHA256 abc\n", 2, "key_id 0 is out of range. Must be in the range 1 to 4294967295");
        assertError("spp 1\n4294967296 SHA256 abc\n", 2, "key_id 4294967296 is out of range. Must be in the range 1 to 4294967295");
        assertError("spp 1\nk1 SHA256 abc\n", 2, "invalid key_id k1");
        assertError("spp 1\n1 SHA256 abc\n1 SHA256 def\n", 3, "key_id 1 already taken");
        assertError("spp 1\n1 MD5 abc\n", 2, "unsupported algorithm: MD5 (SHA256-128, SHA256, AES128 or AES256)");
        assertError("spp 1\n1 SHA256 HEX:abc\n", 2, "invalid key length 3, hex keys must have even length");
        assertError("spp 1\n1 SHA256 HEX:zz\n", 2, "invalid hex key: 'zz' is not a hex octet");
        assertError("spp 1\n1 SHA256 B64:***\n", 2, "invalid Base64 key");
        assertError("spp 1\n1 SHA256 4 abc\n", 2, "invalid key length 3, does not match specified length 4");
        assertError("spp 1\n1 AES128 HEX:00112233\n", 2, "invalid key length 4, does not match cipher length 16");
        assertError("spp 1\n1 SHA256 ASCII:\n", 2, "invalid key length 0, positive key_len required");
    }

    @Test
    void readinessInLinuxptpsWords() throws Exception {
        SecurityAssociations sad = SaFile.parse("s", EXAMPLE);
        assertNull(SecurityAssociations.readiness(sad, true, -1, 0));
        assertNull(SecurityAssociations.readiness(sad, true, 1, 3));
        assertEquals("sa_file required when spp set", SecurityAssociations.readiness(null, false, 0, 1));
        assertEquals("spp set but sad is empty", SecurityAssociations.readiness(SaFile.parse("s", ""), true, 0, 1));
        assertEquals("spp set but sa 7 not defined", SecurityAssociations.readiness(sad, true, 7, 1));
        assertEquals("active_key_id required when spp set", SecurityAssociations.readiness(sad, true, 0, 0));
        assertEquals("sa 0: active_key_id set but key 9 not defined", SecurityAssociations.readiness(sad, true, 0, 9));
        assertEquals("spp required when active_key_id set", SecurityAssociations.readiness(sad, true, -1, 1));
    }
}
