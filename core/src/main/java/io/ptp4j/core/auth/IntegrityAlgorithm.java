package io.ptp4j.core.auth;

/**
 * The integrity algorithms of an sa_file key, as linuxptp 4.4 names and sizes them (sad.c
 * supported_algorithms): HMAC-SHA256 with its ICV cut to 128 bits or whole, and AES-CMAC with a
 * 128- or 256-bit key (RFC 4493; nettle's cmac_aes128/cmac_aes256, OpenSSL's "CMAC"). IEEE
 * 1588-2019 16.14.3 leaves the algorithm to the security association; HMAC-SHA256-128 is its
 * minimum.
 */
public enum IntegrityAlgorithm {
    SHA256_128("SHA256-128", 0, 16),
    SHA256("SHA256", 0, 32),
    AES128("AES128", 16, 16),
    AES256("AES256", 32, 16);

    /** The name in an sa_file key line (case-insensitive there). */
    public final String label;
    /** Key octets the algorithm requires; 0: any length (HMAC). */
    public final int keyLength;
    /** Octets of the ICV it produces. */
    public final int icvLength;

    IntegrityAlgorithm(String label, int keyLength, int icvLength) {
        this.label = label;
        this.keyLength = keyLength;
        this.icvLength = icvLength;
    }

    /** The algorithm an sa_file label names, or null. */
    public static IntegrityAlgorithm ofLabel(String label) {
        for (IntegrityAlgorithm a : values()) if (a.label.equalsIgnoreCase(label)) return a;
        return null;
    }

    /** A fresh ICV function for {@code key} (checked against {@link #keyLength} by the caller). */
    Icv newIcv(byte[] key) {
        return switch (this) {
            case SHA256_128, SHA256 -> new HmacSha256(key, icvLength);
            case AES128, AES256 -> new AesCmac(key);
        };
    }
}
