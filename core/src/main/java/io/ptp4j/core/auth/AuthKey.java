package io.ptp4j.core.auth;

/**
 * One key of a security association: its id (1 to 2^32-1), algorithm, and the ICV function made
 * from its secret when the key is first used (reading an sa_file makes no cipher; the secret's
 * copy is wiped once the ICV function holds it). One thread uses a key's ICV function at a time.
 */
public final class AuthKey {
    final long id;
    final IntegrityAlgorithm algorithm;
    private byte[] secret;
    private Icv icv;

    AuthKey(long id, IntegrityAlgorithm algorithm, byte[] secret) {
        if (id < 1 || id > 0xFFFF_FFFFL) throw new IllegalArgumentException("key_id " + id + " out of range");
        this.id = id;
        this.algorithm = algorithm;
        this.secret = secret.clone();
    }

    /** The key's ICV function, made on first use. */
    Icv icv() {
        if (icv == null) {
            icv = algorithm.newIcv(secret);
            java.util.Arrays.fill(secret, (byte) 0);
            secret = null;
        }
        return icv;
    }

    public long id() {
        return id;
    }

    public IntegrityAlgorithm algorithm() {
        return algorithm;
    }
}
