package io.ptp4j.core.auth;

/**
 * What {@link Authenticator#verify} found, in linuxptp 4.4's terms (sad.c): every result but
 * {@link #ACCEPTED} and {@link #NOT_CHECKED} drops the message; {@link #NO_ASSOCIATION} is
 * linuxptp's -EPROTO (logged at debug level), the others its -EBADMSG ("auth: bad message").
 */
public enum AuthResult {
    /** Every AUTHENTICATION TLV verified. */
    ACCEPTED,
    /** The port has no spp: nothing to check. */
    NOT_CHECKED,
    /** The port's spp names no association (the sa_file changed under it). */
    NO_ASSOCIATION,
    /** The message does not decode (header or TLV lengths). */
    MALFORMED,
    /** A Sync or Follow_Up whose sequenceId is outside the window around the last one used: a replay. */
    REPLAYED,
    /** No TLV at all. */
    NO_TLV,
    /** Another TLV after the AUTHENTICATION TLV (linuxptp requires it last), or none of them is one. */
    NOT_LAST,
    /** The TLV's securityParameterPointer is not the port's spp. */
    WRONG_SPP,
    /** secParamIndicator asks for fields the association does not use (sequenceNo, RES, delayed security). */
    WRONG_SEC_PARAM,
    /** keyID names no key of the association. */
    UNKNOWN_KEY,
    /** The TLV's length is not that of the key's ICV. */
    WRONG_LENGTH,
    /** The ICV does not match: wrong key, or the message was changed. */
    BAD_ICV;

    /** Whether the message goes on to the engine. */
    public boolean accepted() {
        return this == ACCEPTED || this == NOT_CHECKED;
    }
}
