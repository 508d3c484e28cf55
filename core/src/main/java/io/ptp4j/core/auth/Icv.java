package io.ptp4j.core.auth;

/**
 * One key's integrity check value function, made once and reused for every message: computing an
 * ICV allocates nothing. Not thread-safe (the engine's thread owns it).
 */
abstract sealed class Icv permits HmacSha256, AesCmac {
    /** Octets of the ICV. */
    abstract int length();

    /** Writes the ICV of {@code data[0, dataLength)} to {@code out[outOffset, outOffset + length())}. */
    abstract void compute(byte[] data, int dataLength, byte[] out, int outOffset);
}
