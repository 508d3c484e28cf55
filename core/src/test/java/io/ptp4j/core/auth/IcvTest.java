package io.ptp4j.core.auth;

import static org.junit.jupiter.api.Assertions.*;

import java.util.HexFormat;
import java.util.SplittableRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** The two MACs against published vectors and the JDK's own HMAC. */
class IcvTest {
    static final HexFormat HEX = HexFormat.of();
    static final String M64 = "6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51"
            + "30c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710";

    static String mac(Icv icv, byte[] data, int len) {
        byte[] out = new byte[icv.length()];
        icv.compute(data, len, out, 0);
        return HEX.formatHex(out);
    }

    /** RFC 4493 section 4 (AES-128) and NIST SP 800-38B D.3 (AES-256): empty, one block, 40 and 64 octets. */
    @Test
    void aesCmacMatchesRfc4493AndSp800_38b() {
        byte[] m = HEX.parseHex(M64);
        AesCmac k128 = new AesCmac(HEX.parseHex("2b7e151628aed2a6abf7158809cf4f3c"));
        assertEquals("bb1d6929e95937287fa37d129b756746", mac(k128, m, 0));
        assertEquals("070a16b46b4d4144f79bdd9dd04a287c", mac(k128, m, 16));
        assertEquals("dfa66747de9ae63030ca32611497c827", mac(k128, m, 40));
        assertEquals("51f0bebf7e3b9d92fc49741779363cfe", mac(k128, m, 64));
        AesCmac k256 = new AesCmac(HEX.parseHex("603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4"));
        assertEquals("028962f61b7bf89efc6b551f4667d983", mac(k256, m, 0));
        assertEquals("28a7023f452e8f82bd4bf28d8c37c35c", mac(k256, m, 16));
        assertEquals("aaf3d8f1de5640c232f5b169b9c911e6", mac(k256, m, 40));
        assertEquals("e1992190549f6ed5696a2c056c315410", mac(k256, m, 64));
    }

    @Test
    void hmacSha256IsTheJdksHmacCutToItsLength() throws Exception {
        SplittableRandom rnd = new SplittableRandom(5);
        for (int i = 0; i < 500; i++) {
            byte[] key = new byte[rnd.nextInt(1, 150)], data = new byte[rnd.nextInt(0, 300)];
            rnd.nextBytes(key);
            rnd.nextBytes(data);
            Mac jdk = Mac.getInstance("HmacSHA256");
            jdk.init(new SecretKeySpec(key, "HmacSHA256"));
            String expected = HEX.formatHex(jdk.doFinal(data));
            assertEquals(expected, mac(new HmacSha256(key, 32), data, data.length));
            HmacSha256 cut = new HmacSha256(key, 16);
            assertEquals(expected.substring(0, 32), mac(cut, data, data.length));
            assertEquals(expected.substring(0, 32), mac(cut, data, data.length), "reusable");
        }
    }

    /** RFC 4231 test case 2: key "Jefe". */
    @Test
    void hmacSha256Rfc4231() {
        byte[] data = "what do ya want for nothing?".getBytes();
        assertEquals("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
                mac(new HmacSha256("Jefe".getBytes(), 32), data, data.length));
    }
}
