package io.ptp4j.core.wire;

/**
 * Flyweight cursor over the TLVs of one message (IEEE 1588-2019 14.1): from the end of the fixed
 * body to messageLength. {@link #next()} checks each TLV header and that its value stays inside
 * the message before anything reads it, and throws DecodeException naming the TLV and offset.
 *
 * <pre>
 * cursor.reset(msg);
 * while (cursor.next()) { switch (cursor.type()) { ... cursor.valueOffset() ... } }
 * </pre>
 * Typed views ({@link UnicastTlv}, {@link FollowUpInfoTlv}, ...) read and write a value in place
 * given {@link #valueOffset()}.
 */
public final class TlvCursor {
    private PtpMessage msg;
    private int next;
    private int end;
    private int index;
    private int type;
    private int length;
    private int valueOffset;

    /** Starts over at the first TLV of {@code message} (already validated by PtpMessage.validate). */
    public TlvCursor reset(PtpMessage message) {
        this.msg = message;
        this.next = message.tlvOffset();
        this.end = Math.min(message.messageLength(), message.capacity());
        this.index = -1;
        return this;
    }

    /** Advances to the next TLV; false at the end of the message. */
    public boolean next() throws DecodeException {
        if (next >= end) return false;
        index++;
        if (next + 4 > end) {
            throw new DecodeException("tlv[" + index + "].header", next, "truncated: " + (end - next) + " bytes left, a TLV header needs 4");
        }
        type = msg.u16(next);
        length = msg.u16(next + 2);
        valueOffset = next + 4;
        if (valueOffset + length > end) {
            throw new DecodeException("tlv[" + index + "].lengthField", next + 2,
                    TlvType.name(type) + " length " + length + " runs past messageLength " + end);
        }
        int min = TlvType.minimumLength(type);
        if (length < min) {
            throw new DecodeException("tlv[" + index + "].lengthField", next + 2,
                    TlvType.name(type) + " length " + length + " is shorter than its fixed part (" + min + ")");
        }
        next = valueOffset + length;
        return true;
    }

    /** Checks every TLV of the message; the cursor is left at the end. */
    public void validateAll() throws DecodeException {
        while (next()) {
            // next() does the checks
        }
    }

    public int index() {
        return index;
    }

    public int type() {
        return type;
    }

    /** lengthField: bytes of value after the 4-byte TLV header. */
    public int length() {
        return length;
    }

    /** Offset of the value in the message (relative to the message start, like PtpMessage offsets). */
    public int valueOffset() {
        return valueOffset;
    }

    /** Offset of the TLV header. */
    public int tlvOffset() {
        return valueOffset - 4;
    }

    public PtpMessage message() {
        return msg;
    }

    /**
     * Appends a TLV header at the end of {@code message} (at messageLength), grows messageLength by
     * 4 + {@code valueLength}, zeroes the value and returns its offset for a typed view to fill.
     */
    public static int append(PtpMessage message, int tlvType, int valueLength) {
        int at = message.messageLength();
        message.u16(at, tlvType).u16(at + 2, valueLength);
        for (int i = 0; i < valueLength; i++) message.u8(at + 4 + i, 0);
        message.messageLength(at + 4 + valueLength);
        return at + 4;
    }
}
