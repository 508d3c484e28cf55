package io.ptp4j.core.auth;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * HMAC-SHA256 (RFC 2104) over the JDK's SHA-256, its output cut to {@code icvLength} octets
 * (16 for linuxptp's SHA256-128, 32 for SHA256). Built on {@link MessageDigest} rather than
 * {@code javax.crypto.Mac} because {@code Mac.doFinal} allocates its result on every call (48 B
 * per ICV measured on JDK 25) and the daemon makes no garbage per packet; the construction is the
 * same: H((K ^ opad) || H((K ^ ipad) || m)), a key longer than the block hashed first.
 */
final class HmacSha256 extends Icv {
    private static final int BLOCK = 64;
    private final MessageDigest sha256;
    private final byte[] ipad = new byte[BLOCK], opad = new byte[BLOCK];
    private final byte[] inner = new byte[32], full = new byte[32];
    private final int icvLength;

    HmacSha256(byte[] key, int icvLength) {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
        this.icvLength = icvLength;
        byte[] k = key.length > BLOCK ? sha256.digest(key) : key;
        for (int i = 0; i < BLOCK; i++) {
            byte b = i < k.length ? k[i] : 0;
            ipad[i] = (byte) (b ^ 0x36);
            opad[i] = (byte) (b ^ 0x5c);
        }
        if (k != key) Arrays.fill(k, (byte) 0);
    }

    @Override
    int length() {
        return icvLength;
    }

    @Override
    void compute(byte[] data, int dataLength, byte[] out, int outOffset) {
        try {
            sha256.update(ipad);
            sha256.update(data, 0, dataLength);
            sha256.digest(inner, 0, 32);
            sha256.update(opad);
            sha256.update(inner);
            if (icvLength == 32) {
                sha256.digest(out, outOffset, 32);
            } else {
                sha256.digest(full, 0, 32);
                System.arraycopy(full, 0, out, outOffset, icvLength);
            }
        } catch (java.security.DigestException e) {
            throw new IllegalStateException(e); // 32 octets always fit
        }
    }
}
