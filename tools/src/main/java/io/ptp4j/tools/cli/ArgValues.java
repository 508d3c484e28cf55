package io.ptp4j.tools.cli;

import io.ptp4j.tools.config.CInteger;

/**
 * Option arguments read as linuxptp reads them: C's atoi, and util.c's get_arg_val_i and
 * get_arg_val_d, which refuse with "-l: 9 is out of range. Must be in the range 0 to 7".
 */
public final class ArgValues {
    private ArgValues() {}

    /**
     * glibc's atoi, which is {@code (int) strtol(s, NULL, 10)}: leading white space, an optional
     * sign, decimal digits, anything after them ignored, 0 when there are none; a value beyond a
     * long saturates, and the long is cut to its low 32 bits.
     */
    public static int atoi(String s) {
        return (int) CInteger.parse(s, 10).value();
    }

    /** get_arg_val_i: strtol base 0 (decimal, 0x hex, 0 octal), the whole argument, within [min, max]. */
    public static int rangedInt(char op, String arg, int min, int max) throws UsageException {
        CInteger c = CInteger.parse(arg, 0);
        if (!c.isWhole(arg)) throw malformed(op, arg);
        if (c.overflow() || c.value() < min || c.value() > max) {
            throw new UsageException("-" + op + ": " + arg + " is out of range. Must be in the range " + min + " to " + max,
                    false, Exit.USAGE);
        }
        return (int) c.value();
    }

    /** get_arg_val_d: a floating-point value within [min, Double.MAX_VALUE], the range printed with %e. */
    public static double rangedDouble(char op, String arg, double min) throws UsageException {
        double v;
        try {
            v = Double.parseDouble(arg.strip());
        } catch (NumberFormatException e) {
            throw malformed(op, arg);
        }
        if (!(v >= min && v <= Double.MAX_VALUE))
            throw new UsageException("-" + op + ": " + arg + " is out of range. Must be in the range "
                    + String.format("%e", min) + " to " + String.format("%e", Double.MAX_VALUE), false, Exit.USAGE);
        return v;
    }

    private static UsageException malformed(char op, String arg) {
        return new UsageException("-" + op + ": " + arg + " is a malformed value", false, Exit.USAGE);
    }
}
