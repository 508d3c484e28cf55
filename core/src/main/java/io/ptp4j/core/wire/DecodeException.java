package io.ptp4j.core.wire;

/**
 * The one error the decoder reports: a packet that is truncated, oversized or inconsistent.
 * It names the field and the byte offset where the problem is, so a daemon can count and log it.
 */
public final class DecodeException extends Exception {
    private final String field;
    private final int offset;

    public DecodeException(String field, int offset, String reason) {
        super(field + " at offset " + offset + ": " + reason, null, false, false);
        this.field = field;
        this.offset = offset;
    }

    public String field() {
        return field;
    }

    public int offset() {
        return offset;
    }
}
