package io.ptp4j.core.auth;

/**
 * One key of a security association: its id (1 to 2^32-1), algorithm, and the ICV function made
 * from its secret (the secret itself is not kept).
 */
public final class AuthKey {
    final long id;
    final IntegrityAlgorithm algorithm;
    final Icv icv;

    AuthKey(long id, IntegrityAlgorithm algorithm, byte[] secret) {
        if (id < 1 || id > 0xFFFF_FFFFL) throw new IllegalArgumentException("key_id " + id + " out of range");
        this.id = id;
        this.algorithm = algorithm;
        this.icv = algorithm.newIcv(secret);
    }

    public long id() {
        return id;
    }

    public IntegrityAlgorithm algorithm() {
        return algorithm;
    }
}
