package io.ptp4j.core.management;

import java.nio.charset.StandardCharsets;

/**
 * The bounds of a PTPText (IEEE 1588-2019 5.3.9): one length octet, so at most 255 octets of
 * UTF-8. CLOCK_DESCRIPTION's texts are also bounded in symbols (characters): productDescription
 * 64, revisionData 32, userDescription 128 (15.5.3.1.2), which linuxptp checks when it builds the
 * clock (clock.c, static_ptp_text_set). A text longer than its field would wrap the length octet
 * and corrupt the message after it; so texts are checked where they come in (configuration,
 * management SETs) and clamped where they go out ({@link #octets}).
 */
public final class PtpText {
    /** A PTPText's length field is one octet. */
    public static final int MAX_OCTETS = 255;
    public static final int PRODUCT_DESCRIPTION_SYMBOLS = 64;
    public static final int REVISION_DATA_SYMBOLS = 32;
    public static final int USER_DESCRIPTION_SYMBOLS = 128;

    private PtpText() {}

    /** Symbols in UTF-8 octets: every octet that is not a continuation octet (10xxxxxx) starts one, as linuxptp counts. */
    public static int symbols(byte[] utf8) {
        int n = 0;
        for (byte b : utf8) if ((b & 0xC0) != 0x80) n++;
        return n;
    }

    /**
     * Why {@code utf8} does not fit a PTPText of at most {@code maxSymbols} symbols (0: no symbol
     * bound), in words, or null when it fits.
     */
    public static String whyNot(byte[] utf8, int maxSymbols) {
        int symbols = symbols(utf8);
        if (utf8.length > MAX_OCTETS || maxSymbols > 0 && symbols > maxSymbols) {
            return utf8.length + " octets, " + symbols + " symbols; at most " + (maxSymbols > 0 ? maxSymbols + " symbols in " : "")
                    + MAX_OCTETS + " octets fit (IEEE 1588-2019 5.3.9" + (maxSymbols > 0 ? ", 15.5.3.1.2" : "") + ")";
        }
        return null;
    }

    /** Throws IllegalArgumentException naming {@code field} when {@code utf8} does not fit. */
    public static byte[] require(String field, byte[] utf8, int maxSymbols) {
        String why = whyNot(utf8, maxSymbols);
        if (why != null) throw new IllegalArgumentException("invalid " + field + " (" + why + ")");
        return utf8;
    }

    /**
     * The octets a text field carries on the wire: its UTF-8, cut to at most 255 octets at a
     * symbol boundary, so an encoder never wraps the length octet whatever it is given.
     */
    public static byte[] octets(Object value) {
        byte[] b = value == null ? new byte[0]
                : value instanceof byte[] raw ? raw : value.toString().getBytes(StandardCharsets.UTF_8);
        if (b.length <= MAX_OCTETS) return b;
        int end = MAX_OCTETS;
        while (end > 0 && (b[end] & 0xC0) == 0x80) end--; // b[end] is the first octet left out
        return java.util.Arrays.copyOf(b, end);
    }
}
