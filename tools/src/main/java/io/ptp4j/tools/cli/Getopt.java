package io.ptp4j.tools.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * GNU getopt_long as linuxptp uses it: clustered short options ("-mq"), attached or separate
 * arguments ("-ieth0", "-i eth0"), long options "--key value" and "--key=value" with unambiguous
 * prefixes, "--" ending options, non-options skipped (permuted to the end). Errors carry glibc's
 * wording, prefixed with the program name. {@link #parseShort} is plain getopt(3), which
 * hwstamp_ctl, phc_ctl and timemaster use: there "--name" is a cluster of short options, and
 * its '-' an invalid one.
 */
public final class Getopt {
    /**
     * One parsed option: a short letter (longName null) or a long name (letter 0); or, as the last
     * one, what getopt refused (letter '?', its message in arg), after the options before it.
     */
    public record Opt(char letter, String longName, String arg) {
        /**
         * The usage error getopt found here, to throw from a switch's default branch after the
         * options before it have acted, as getopt's '?' does; an option of the table that the
         * caller does not handle is a programming error.
         */
        public UsageException error() {
            if (letter != '?' || longName != null) throw new IllegalStateException("option not handled: " + this);
            return new UsageException(arg, true, Exit.USAGE);
        }
    }

    private Getopt() {}

    /**
     * @param shortSpec getopt's optstring, e.g. "AEP246HSLf:i:p:sl:mqvh"
     * @param longNames every long option (all take an argument, like linuxptp's config keys)
     */
    public static List<Opt> parse(String prog, String shortSpec, List<String> longNames, String[] args, List<String> operands) {
        return parse(prog, shortSpec, longNames, true, args, operands);
    }

    /** getopt(3): short options only. */
    public static List<Opt> parseShort(String prog, String shortSpec, String[] args, List<String> operands) {
        return parse(prog, shortSpec, List.of(), false, args, operands);
    }

    private static List<Opt> parse(String prog, String shortSpec, List<String> longNames, boolean longOptions, String[] args,
            List<String> operands) {
        List<Opt> out = new ArrayList<>();
        try {
            parse(prog, shortSpec, longNames, longOptions, args, operands, out);
        } catch (UsageException e) {
            out.add(new Opt('?', null, e.getMessage()));
        }
        return out;
    }

    private static void parse(String prog, String shortSpec, List<String> longNames, boolean longOptions, String[] args,
            List<String> operands, List<Opt> out) throws UsageException {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--")) {
                for (i++; i < args.length; i++) operands.add(args[i]);
                break;
            }
            if (longOptions && a.startsWith("--")) {
                String body = a.substring(2);
                int eq = body.indexOf('=');
                String name = eq >= 0 ? body.substring(0, eq) : body;
                String full = resolveLong(prog, name, longNames, a);
                String arg;
                if (eq >= 0) arg = body.substring(eq + 1);
                else if (i + 1 < args.length) arg = args[++i];
                else throw bad(prog + ": option '--" + full + "' requires an argument");
                out.add(new Opt((char) 0, full, arg));
            } else if (a.startsWith("-") && a.length() > 1) {
                for (int j = 1; j < a.length(); j++) {
                    char c = a.charAt(j);
                    int at = c == ':' ? -1 : shortSpec.indexOf(c);
                    if (at < 0) throw bad(prog + ": invalid option -- '" + c + "'");
                    boolean takesArg = at + 1 < shortSpec.length() && shortSpec.charAt(at + 1) == ':';
                    if (!takesArg) {
                        out.add(new Opt(c, null, null));
                        continue;
                    }
                    String arg;
                    if (j + 1 < a.length()) arg = a.substring(j + 1);
                    else if (i + 1 < args.length) arg = args[++i];
                    else throw bad(prog + ": option requires an argument -- '" + c + "'");
                    out.add(new Opt(c, null, arg));
                    break;
                }
            } else {
                operands.add(a);
            }
        }
    }

    private static String resolveLong(String prog, String name, List<String> longNames, String arg)
            throws UsageException {
        if (longNames.contains(name)) return name;
        Predicate<String> prefix = n -> n.startsWith(name);
        List<String> matches = name.isEmpty() ? List.of() : longNames.stream().filter(prefix).toList();
        if (matches.size() == 1) return matches.get(0);
        if (matches.isEmpty()) throw bad(prog + ": unrecognized option '" + arg + "'");
        StringBuilder sb = new StringBuilder(prog + ": option '--" + name + "' is ambiguous; possibilities:");
        for (String m : matches) sb.append(" '--").append(m).append('\'');
        throw bad(sb.toString());
    }

    private static UsageException bad(String message) {
        return new UsageException(message, true, Exit.USAGE);
    }
}
