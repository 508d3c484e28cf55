package io.ptp4j.core.auth;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * Reads linuxptp 4.4's sa_file (ptp4l.8 SECURITY ASSOCIATION OPTIONS, sad.c sad_create): lines
 * are trimmed, blank lines and lines starting with '#' skipped; {@code [security_association]}
 * (any case) closes the current association; in it:
 * <pre>
 * spp N                 0..255, unique: starts an association
 * seqid_window N        0..32767 (default 3; 0: no replay check)
 * allow_mutable 0|1     leave the correctionField out of the ICV (default 0)
 * seqnum_length 0       sequenceNo field: only 0 (linuxptp supports none)
 * res_length 0          RES field: only 0
 * ID TYPE [LEN] VALUE   a key: ID 1..2^32-1 unique in the association, TYPE SHA256-128, SHA256,
 *                       AES128 or AES256, LEN the key's octets to check, VALUE "ASCII:text",
 *                       "HEX:hexdigits", "B64:base64" or plain ASCII
 * </pre>
 * AES keys must have the cipher's length (16 or 32 octets). Any error names file and line.
 * No IO here: the caller reads the file.
 */
public final class SaFile {
    private SaFile() {}

    /** Parses {@code text}; {@code name} is used in error messages. */
    public static SecurityAssociations parse(String name, String text) throws SaFileException {
        SecurityAssociations sad = new SecurityAssociations();
        SecurityAssociation current = null;
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int n = i + 1;
            String line = lines[i].strip();
            if (line.isEmpty() || line.charAt(0) == '#') continue;
            if (line.equalsIgnoreCase("[security_association]")) {
                current = null;
                continue;
            }
            String[] t = line.split("[ \t]+");
            String word = t[0];
            if (t.length == 2 && isSetting(word)) {
                Integer v = integer(t[1]);
                if (v == null) throw new SaFileException(name, n, word + " " + t[1] + " is not an integer");
                if (word.equals("spp")) {
                    current = association(sad, v, name, n);
                    continue;
                }
                if (current == null) throw new SaFileException(name, n, "missing spp (" + word + " before any spp line)");
                setting(current, word, v, name, n);
                continue;
            }
            if (isSetting(word)) throw new SaFileException(name, n, "expected '" + word + " N'");
            if (current == null) throw new SaFileException(name, n, "missing spp (a key before any spp line)");
            key(current, t, name, n);
        }
        return sad;
    }

    private static boolean isSetting(String w) {
        return switch (w) {
            case "spp", "seqid_window", "allow_mutable", "seqnum_length", "res_length" -> true;
            default -> false;
        };
    }

    private static SecurityAssociation association(SecurityAssociations sad, int spp, String name, int n) throws SaFileException {
        if (spp < 0 || spp > 255)
            throw new SaFileException(name, n, "spp " + spp + " is out of range. Must be in the range 0 to 255");
        SecurityAssociation sa = new SecurityAssociation(spp);
        if (!sad.add(sa)) throw new SaFileException(name, n, "sa " + spp + " already taken");
        return sa;
    }

    private static void setting(SecurityAssociation sa, String word, int v, String name, int n) throws SaFileException {
        switch (word) {
            case "seqid_window" -> {
                if (v < 0 || v > SecurityAssociation.MAX_SEQID_WINDOW)
                    throw new SaFileException(name, n, "seqid_window " + v + " out of range (0 to 32767)");
                sa.seqidWindow = v;
            }
            case "allow_mutable" -> {
                if (v < 0 || v > 1) throw new SaFileException(name, n, "allow_mutable must be 0 or 1");
                sa.allowMutable = v == 1;
            }
            case "seqnum_length" -> {
                if (v > 0) throw new SaFileException(name, n, "seqnum field not supported (yet)");
            }
            case "res_length" -> {
                if (v > 0) throw new SaFileException(name, n, "res field not supported (yet)");
            }
            default -> throw new AssertionError(word);
        }
    }

    private static void key(SecurityAssociation sa, String[] t, String name, int n) throws SaFileException {
        if (t.length < 3 || t.length > 4)
            throw new SaFileException(name, n, "invalid key line: requires format 'id type [len] str'");
        long id = unsigned(t[0]);
        if (id < 0) throw new SaFileException(name, n, "invalid key_id " + t[0]);
        if (id < 1 || id > 0xFFFF_FFFFL)
            throw new SaFileException(name, n, "key_id " + id + " is out of range. Must be in the range 1 to 4294967295");
        if (sa.key(id) != null) throw new SaFileException(name, n, "key_id " + id + " already taken");
        IntegrityAlgorithm alg = IntegrityAlgorithm.ofLabel(t[1]);
        if (alg == null) throw new SaFileException(name, n, "unsupported algorithm: " + t[1] + " (SHA256-128, SHA256, AES128 or AES256)");
        long specLen = 0;
        if (t.length == 4) {
            specLen = unsigned(t[2]);
            if (specLen < 0) throw new SaFileException(name, n, "invalid key_len " + t[2]);
        }
        byte[] secret = secret(t[t.length - 1], name, n);
        try {
            if (specLen > 0 && secret.length != specLen)
                throw new SaFileException(name, n, "invalid key length " + secret.length + ", does not match specified length " + specLen);
            if (alg.keyLength > 0 && secret.length != alg.keyLength)
                throw new SaFileException(name, n, "invalid key length " + secret.length + ", does not match cipher length " + alg.keyLength);
            if (secret.length < 1) throw new SaFileException(name, n, "invalid key length 0, positive key_len required");
            sa.keys.add(new AuthKey(id, alg, secret));
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    /** The key octets of "ASCII:...", "HEX:...", "B64:..." or plain ASCII. */
    private static byte[] secret(String v, String name, int n) throws SaFileException {
        if (v.startsWith("HEX:")) {
            String h = v.substring(4);
            if (h.length() % 2 != 0)
                throw new SaFileException(name, n, "invalid key length " + h.length() + ", hex keys must have even length");
            byte[] b = new byte[h.length() / 2];
            for (int i = 0; i < b.length; i++) {
                int hi = Character.digit(h.charAt(2 * i), 16), lo = Character.digit(h.charAt(2 * i + 1), 16);
                if (hi < 0 || lo < 0) throw new SaFileException(name, n, "invalid hex key: '" + h.charAt(2 * i) + h.charAt(2 * i + 1) + "' is not a hex octet");
                b[i] = (byte) (hi << 4 | lo);
            }
            return b;
        }
        if (v.startsWith("B64:")) {
            try {
                return Base64.getDecoder().decode(v.substring(4));
            } catch (IllegalArgumentException e) {
                throw new SaFileException(name, n, "invalid Base64 key");
            }
        }
        String ascii = v.startsWith("ASCII:") ? v.substring(6) : v;
        return ascii.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static Integer integer(String s) {
        if (!s.matches("[+-]?\\d{1,9}")) return null;
        return Integer.parseInt(s);
    }

    /** A decimal number of up to 19 digits, or -1. */
    private static long unsigned(String s) {
        if (!s.matches("\\d{1,18}")) return -1;
        return Long.parseLong(s);
    }
}
