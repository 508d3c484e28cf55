package io.ptp4j.tools.plot;

import io.ptp4j.tools.cli.OptionTable;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ptp4j plot LOGFILE... [-o out.svg]}: ptp4l/phc2sys logs (linuxptp's or ptp4j's, text or
 * JSON; "-" reads stdin) become one SVG of offset, path delay and frequency over time. Without -o
 * the SVG goes to stdout. Says how many points it found on stderr; exit 1 when none.
 */
public final class PlotCommand {
    /** plot's command line: the parser below accepts exactly these rows (SubcommandTablesTest). */
    public static final OptionTable OPTIONS = OptionTable.builder("LOGFILE... [-o OUT.svg] [--title TEXT]")
            .section(null, 15)
            .operand("LOGFILE", "ptp4l or phc2sys log (text, syslog or JSON); - reads stdin")
            .arg('o', "OUT.svg", "write the SVG here (also --output; default: stdout)")
            .longOption("output", "OUT.svg", null)
            .longOption("title", "TEXT", "the plot's title")
            .flag('h', "prints this message and exits")
            .trailer("\n");

    static final String USAGE = OPTIONS.usage("ptp4j plot");

    private PlotCommand() {}

    public static int run(String[] args, PrintStream out, PrintStream err) throws IOException {
        List<String> files = new ArrayList<>();
        String output = null, title = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "-o", "--output" -> {
                    if (++i >= args.length) return usage(err, args[i - 1] + " needs a file name");
                    output = args[i];
                }
                case "--title" -> {
                    if (++i >= args.length) return usage(err, "--title needs a text");
                    title = args[i];
                }
                case "-h", "--help" -> {
                    out.print(USAGE);
                    return 0;
                }
                default -> {
                    if (args[i].startsWith("-") && !args[i].equals("-")) return usage(err, "unknown option '" + args[i] + "'");
                    files.add(args[i]);
                }
            }
        }
        if (files.isEmpty()) return usage(err, "no log file given");
        List<String> lines = new ArrayList<>();
        for (String f : files) {
            try {
                lines.addAll(f.equals("-") ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8).lines().toList()
                        : Files.readAllLines(Path.of(f), StandardCharsets.ISO_8859_1));
            } catch (NoSuchFileException e) {
                err.println("plot: " + f + ": no such file");
                return 2;
            }
        }
        LogParser.Result r = LogParser.parse(lines);
        String svg = SvgPlot.render(title != null ? title : String.join(", ", files), r);
        if (output == null) out.print(svg);
        else Files.writeString(Path.of(output), svg);
        err.println("plot: " + r.samples().size() + " points, " + r.markers().size() + " state changes from " + r.lines() + " lines"
                + (r.skipped() > 0 ? " (" + r.skipped() + " other lines skipped)" : "") + (output != null ? " -> " + output : ""));
        return r.samples().isEmpty() && r.markers().isEmpty() ? 1 : 0;
    }

    private static int usage(PrintStream err, String why) {
        err.print("plot: " + why + "\n" + USAGE);
        return 2;
    }
}
