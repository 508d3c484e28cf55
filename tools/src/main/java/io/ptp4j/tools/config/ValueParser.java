package io.ptp4j.tools.config;

import io.ptp4j.core.management.PtpText;

/**
 * Turns a value string into a typed value the way linuxptp's util.c does (strtol/strtoul base 0,
 * so 0x.. is hex and a leading 0 is octal; strtod for doubles; case-insensitive enum labels).
 */
final class ValueParser {
    /** linuxptp's parser_result values that reject a value. */
    enum Failure { BAD_VALUE, MALFORMED, OUT_OF_RANGE, /** linuxptp's clock_create "invalid KEY 'VALUE'" */ INVALID }

    /** A rejected value: the linuxptp failure kind and our reason in words. */
    static final class Rejected extends Exception {
        final Failure failure;

        Rejected(Failure failure, String reason) {
            super(reason, null, false, false);
            this.failure = failure;
        }
    }

    private ValueParser() {}

    static Object parse(ConfigKey key, String value) throws Rejected {
        return switch (key.type()) {
            case INT, UINT -> ranged(key, parseCLong(value, key.type() == ConfigKey.Type.UINT));
            case DOUBLE -> rangedDouble(key, parseCDouble(value));
            case ENUM -> enumLabel(key, value);
            case STRING -> text(key, value);
        };
    }

    /**
     * The PTPText keys (CLOCK_DESCRIPTION's texts) are bounded as linuxptp's clock_create checks
     * them, here at load so the error names file and line: at most 255 octets and 64, 32 or 128
     * symbols. A value is the file's octets, one char each (the reader decodes ISO-8859-1).
     * manufacturerIdentity must be three hex octets (linuxptp: "invalid manufacturerIdentity").
     */
    private static String text(ConfigKey key, String value) throws Rejected {
        int symbols = switch (key.name()) {
            case "productDescription" -> PtpText.PRODUCT_DESCRIPTION_SYMBOLS;
            case "revisionData" -> PtpText.REVISION_DATA_SYMBOLS;
            case "userDescription" -> PtpText.USER_DESCRIPTION_SYMBOLS;
            case "manufacturerIdentity" -> {
                if (!value.matches("\\p{XDigit}{1,2}:\\p{XDigit}{1,2}:\\p{XDigit}{1,2}"))
                    throw new Rejected(Failure.INVALID, "must be three hex octets, e.g. 00:1b:19");
                yield -1;
            }
            default -> -1;
        };
        if (symbols < 0) return value;
        String why = PtpText.whyNot(value.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), symbols);
        if (why != null) throw new Rejected(Failure.INVALID, why);
        return value;
    }

    /** Whether a key holds a PTPText (its value is kept as octets, one char each). */
    static boolean isText(String key) {
        return key.equals("productDescription") || key.equals("revisionData") || key.equals("userDescription");
    }

    private static Long ranged(ConfigKey key, long v) throws Rejected {
        if (v < key.min() || v > key.max())
            throw new Rejected(Failure.OUT_OF_RANGE, "must be in the range " + key.rangeText());
        return v;
    }

    private static Double rangedDouble(ConfigKey key, double v) throws Rejected {
        if (!(v >= key.minDouble() && v <= key.maxDouble()))
            throw new Rejected(Failure.OUT_OF_RANGE, "must be in the range " + key.rangeText());
        return v;
    }

    private static String enumLabel(ConfigKey key, String value) throws Rejected {
        for (String label : key.enumLabels()) if (label.equalsIgnoreCase(value)) return label;
        throw new Rejected(Failure.BAD_VALUE, "must be one of " + key.rangeText());
    }

    /** C strtol/strtoul with base 0 over the whole string; unsigned accepts a leading minus like C. */
    static long parseCLong(String s, boolean unsigned) throws Rejected {
        CInteger c = CInteger.parse(s, 0);
        if (!c.isWhole(s)) throw new Rejected(Failure.MALFORMED, "not an integer");
        if (c.overflow()) throw new Rejected(Failure.OUT_OF_RANGE, "too large");
        // strtoul wraps a negative number to a huge one, which every range then rejects
        if (c.negative() && unsigned && c.magnitude() != 0) throw new Rejected(Failure.OUT_OF_RANGE, "negative");
        return c.negative() && !unsigned ? -c.magnitude() : c.magnitude();
    }

    static double parseCDouble(String s) throws Rejected {
        String t = s.strip();
        if (t.isEmpty() || t.length() != s.length() - leadingSpaces(s)
                || "dDfF".indexOf(t.charAt(t.length() - 1)) >= 0 && !t.toLowerCase().startsWith("0x"))
            throw new Rejected(Failure.MALFORMED, "not a number");
        String lower = t.toLowerCase();
        String unsignedPart = lower.startsWith("-") || lower.startsWith("+") ? lower.substring(1) : lower;
        if (unsignedPart.equals("inf") || unsignedPart.equals("infinity"))
            return lower.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        if (unsignedPart.equals("nan")) return Double.NaN;
        if (unsignedPart.startsWith("infinity") || unsignedPart.startsWith("nan"))
            throw new Rejected(Failure.MALFORMED, "not a number");
        try {
            return Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw new Rejected(Failure.MALFORMED, "not a number");
        }
    }

    private static int leadingSpaces(String s) {
        int i = 0;
        while (i < s.length() && isCSpace(s.charAt(i))) i++;
        return i;
    }

    static boolean isCSpaceInt(int c) {
        return isCSpace((char) c);
    }

    static boolean isCSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x0b || c == '\f';
    }
}
