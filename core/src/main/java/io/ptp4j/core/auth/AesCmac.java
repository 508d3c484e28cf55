package io.ptp4j.core.auth;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-CMAC (RFC 4493, NIST SP 800-38B) with a 128- or 256-bit key, a 128-bit ICV: what linuxptp
 * 4.4's AES128 and AES256 keys are (nettle cmac_aes128/cmac_aes256, OpenSSL EVP_MAC "CMAC"). The
 * JDK has AES but no CMAC, so the mode is built here on {@code javax.crypto.Cipher}
 * AES/ECB/NoPadding, one block at a time into preallocated arrays.
 */
final class AesCmac extends Icv {
    private static final int B = 16;
    private final Cipher aes;
    private final byte[] k1 = new byte[B], k2 = new byte[B];
    private final byte[] x = new byte[B], y = new byte[B];

    AesCmac(byte[] key) {
        try {
            aes = Cipher.getInstance("AES/ECB/NoPadding");
            aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"));
            // subkeys (RFC 4493 2.3): L = AES(K, 0); K1 = dbl(L); K2 = dbl(K1)
            aes.update(new byte[B], 0, B, y, 0);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("AES key of " + key.length + " octets: " + e.getMessage(), e);
        }
        dbl(y, k1);
        dbl(k1, k2);
    }

    /** Doubling in GF(2^128): shift left one bit, xor 0x87 when the top bit falls off. */
    private static void dbl(byte[] in, byte[] out) {
        int carry = 0;
        for (int i = B - 1; i >= 0; i--) {
            int v = in[i] & 0xFF;
            out[i] = (byte) ((v << 1) | carry);
            carry = v >>> 7;
        }
        if ((in[0] & 0x80) != 0) out[B - 1] ^= (byte) 0x87;
    }

    @Override
    int length() {
        return B;
    }

    @Override
    void compute(byte[] data, int dataLength, byte[] out, int outOffset) {
        int blocks = Math.max(1, (dataLength + B - 1) / B);
        boolean complete = dataLength > 0 && dataLength % B == 0;
        java.util.Arrays.fill(x, (byte) 0);
        try {
            for (int n = 0; n < blocks - 1; n++) {
                for (int i = 0; i < B; i++) x[i] ^= data[n * B + i];
                aes.update(x, 0, B, y, 0);
                System.arraycopy(y, 0, x, 0, B);
            }
            int at = (blocks - 1) * B, rest = dataLength - at;
            byte[] k = complete ? k1 : k2;
            for (int i = 0; i < B; i++) {
                int m = i < rest ? data[at + i] : i == rest ? 0x80 : 0; // 10* padding of an incomplete block
                x[i] ^= (byte) (m ^ k[i]);
            }
            aes.update(x, 0, B, out, outOffset);
        } catch (ShortBufferException e) {
            throw new IllegalStateException(e); // the arrays are sized for one block
        }
    }
}
