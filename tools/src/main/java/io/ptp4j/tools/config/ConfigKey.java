package io.ptp4j.tools.config;

import java.util.List;

/**
 * One configuration key as linuxptp's config.c declares it: its name, whether it may appear in a
 * port section ({@link Scope#PORT}) or only in [global] ({@link Scope#GLOBAL}), its type, its
 * default and its valid range or enumeration labels.
 *
 * @param defaultValue the default as linuxptp's config_tab has it: Long for INT/UINT, Double for
 *     DOUBLE, the canonical label String for ENUM, a String or null for STRING
 */
public record ConfigKey(
        String name, Scope scope, Type type, Object defaultValue, long min, long max, double minDouble,
        double maxDouble, List<String> enumLabels) {

    /** Where a key may be set. GLOBAL keys are rejected in port sections, as in linuxptp. */
    public enum Scope { GLOBAL, PORT }

    /** linuxptp's CFG_TYPE_*. */
    public enum Type { INT, UINT, DOUBLE, ENUM, STRING }

    /** The range or choices in words, for error messages and docs. */
    public String rangeText() {
        return switch (type) {
            case INT, UINT -> min + " to " + max;
            case DOUBLE -> fmt(minDouble) + " to " + fmt(maxDouble);
            case ENUM -> String.join(", ", enumLabels);
            case STRING -> switch (name) {
                case "productDescription" -> "PTPText: at most 64 symbols in 255 octets";
                case "revisionData" -> "PTPText: at most 32 symbols in 255 octets";
                case "userDescription" -> "PTPText: at most 128 symbols in 255 octets";
                case "manufacturerIdentity" -> "three hex octets, e.g. 00:1b:19";
                default -> "any string";
            };
        };
    }

    /** The default in the form a config file would spell it. */
    public String defaultText() {
        if (defaultValue == null) return "(none)";
        if (type == Type.DOUBLE) return fmt((Double) defaultValue);
        return defaultValue.toString();
    }

    private static String fmt(double d) {
        if (d == Double.MAX_VALUE) return "DBL_MAX";
        if (d == -Double.MAX_VALUE) return "-DBL_MAX";
        if (d == Double.MIN_NORMAL) return "DBL_MIN";
        return Double.toString(d);
    }
}
