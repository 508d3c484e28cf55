package io.ptp4j.tools.cli;

/**
 * One row of a command's {@link OptionTable}: what the parser accepts and what the usage text
 * (and the man page and shell completion made from the same table) says about it.
 *
 * @param kind what the row stands for
 * @param name the letter of a short option ("A"), the name of a long one ("json") or of an operand ("device")
 * @param arg  the argument as the usage text shows it ("[file]", "N", "=3"), or null when the
 *             option takes none
 * @param help the text; lines after the first continue it, indented to the help column, except
 *             lines that start with a tab, which are printed as they are. null: an option the
 *             parser accepts that the usage text does not show (as linuxptp does for some)
 */
public record Option(Kind kind, String name, String arg, String help) {
    /** What a row stands for. */
    public enum Kind {
        /** "-x": getopt's short option. */
        SHORT,
        /** "--name": a long option of its own. */
        LONG,
        /** "--KEY VAL": every configuration key as a long option (the config-key table lists them). */
        CONFIG_KEYS,
        /** A word on the command line that is not an option ("device"). */
        OPERAND
    }

    public Option {
        if (kind == Kind.SHORT && name.length() != 1) throw new IllegalArgumentException("a short option is one letter: " + name);
    }

    /** The letter of a short option. */
    public char letter() {
        return name.charAt(0);
    }

    /** Whether the option takes an argument. */
    public boolean takesArg() {
        return arg != null;
    }

    /** The option as the usage text shows it: "-f [file]", "--json", "--linuxptp=3", "device". */
    public String label() {
        String flag = switch (kind) {
            case SHORT -> "-" + name;
            case LONG, CONFIG_KEYS -> "--" + name;
            case OPERAND -> name;
        };
        if (arg == null) return flag;
        return arg.startsWith("=") ? flag + arg : flag + " " + arg;
    }
}
