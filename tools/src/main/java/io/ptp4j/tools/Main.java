package io.ptp4j.tools;

import io.ptp4j.tools.cli.Exit;
import io.ptp4j.tools.cli.OptionTable;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Entry point of every launcher in bin/. The first argument is the name the launcher was called
 * by (ptp4l, pmc, ...); for bin/ptp4j it is "ptp4j" and the next argument picks a subcommand.
 */
public final class Main {
    /** A command-line tool: takes its arguments, returns the process exit code. */
    @FunctionalInterface
    public interface Tool {
        int run(String[] args) throws Exception;
    }

    private static final Map<String, Tool> TOOLS = new TreeMap<>();
    private static final Map<String, String> HELP = new TreeMap<>();
    private static final Map<String, Supplier<OptionTable>> OPTIONS = new TreeMap<>();

    /** Registers a tool under a name, with a one-line description for `ptp4j help`. */
    static void register(String name, String description, Tool tool) {
        TOOLS.put(name, tool);
        HELP.put(name, description);
    }

    /**
     * Registers a tool that parses its command line with an {@link OptionTable}; the supplier
     * leaves the tool's class unloaded until the table is asked for (start-up time).
     */
    static void register(String name, String description, Supplier<OptionTable> options, Tool tool) {
        register(name, description, tool);
        OPTIONS.put(name, options);
    }

    /** The option table of a command (what its usage text, man page and completion show), or null. */
    public static OptionTable optionTable(String name) {
        Supplier<OptionTable> t = OPTIONS.get(name);
        return t == null ? null : t.get();
    }

    static {
        Registry.registerAll();
    }

    private Main() {}

    public static void main(String[] argv) {
        int rc;
        try {
            rc = dispatch(argv);
        } catch (Exception e) {
            System.err.println(argv.length > 0 ? argv[0] + ": " + e.getMessage() : String.valueOf(e));
            if (System.getenv("PTP4J_DEBUG") != null) e.printStackTrace();
            rc = Exit.FAILURE;
        }
        System.out.flush();
        System.exit(rc);
    }

    static int dispatch(String[] argv) throws Exception {
        String name = argv.length == 0 ? "ptp4j" : argv[0];
        String[] rest = argv.length == 0 ? new String[0] : Arrays.copyOfRange(argv, 1, argv.length);
        if (name.equals("ptp4j")) {
            if (rest.length == 0 || rest[0].equals("help") || rest[0].equals("-h") || rest[0].equals("--help")) {
                usage();
                return rest.length == 0 ? Exit.NO_COMMAND : Exit.OK;
            }
            name = rest[0];
            rest = Arrays.copyOfRange(rest, 1, rest.length);
        }
        Tool tool = TOOLS.get(name);
        if (tool == null) {
            System.err.println("ptp4j: unknown command '" + name + "'; try 'ptp4j help'");
            return Exit.NO_COMMAND;
        }
        return tool.run(rest);
    }

    private static void usage() {
        System.out.println("usage: ptp4j COMMAND [ARGS...]\n\ncommands:");
        HELP.forEach((k, v) -> System.out.printf("  %-12s %s%n", k, v));
    }
}
