package io.ptp4j.tools.cli;

import io.ptp4j.tools.config.ConfigKey;
import io.ptp4j.tools.config.ConfigKeys;
import java.util.List;

/**
 * A command's man page in roff (man(7) macros), rendered from the same {@link OptionTable} its
 * parser and usage text read, and for the commands that take "--KEY VAL" from the config-key
 * table: a page cannot say anything the command does not accept. scripts/package installs them;
 * PackageFilesTest fails when the copies in packaging/man/ are stale.
 *
 * @param name        the page's name: "ptp4l", or "ptp4j-sim" for a ptp4j subcommand
 * @param section     1 (user commands) or 8 (system administration)
 * @param command     the command line that starts it ("ptp4l", "ptp4j sim")
 * @param summary     the one-line description (the registry's, shown by ptp4j help)
 * @param description paragraphs for DESCRIPTION, separated by blank lines
 * @param table       the option table
 * @param keyTable    list every config key in a CONFIGURATION KEYS section
 * @param files       FILES entries, path then meaning, alternately
 * @param seeAlso     SEE ALSO references ("pmc(8)")
 */
public record ManPage(String name, int section, String command, String summary, String description, OptionTable table,
        boolean keyTable, List<String> files, List<String> seeAlso) {

    /** The page's source text. */
    public String render() {
        StringBuilder sb = new StringBuilder();
        sb.append(".\\\" Generated from ").append(name.startsWith("ptp4j-") ? "ptp4j " + name.substring(6) : name)
                .append("'s option table by ptp4j (io.ptp4j.tools.cli.ManPage); do not edit.\n");
        sb.append(".TH ").append(name.toUpperCase(java.util.Locale.ROOT)).append(' ').append(section)
                .append(" \"\" \"").append(Version.TEXT).append("\" \"ptp4j\"\n");
        sb.append(".SH NAME\n").append(esc(name)).append(" \\- ").append(esc(summary)).append('\n');
        sb.append(".SH SYNOPSIS\n.B ").append(esc(command)).append('\n').append(esc(table.synopsis())).append('\n');
        sb.append(".SH DESCRIPTION\n");
        paragraphs(sb, description);
        sb.append(".SH OPTIONS\n");
        for (OptionTable.Section s : table.sections()) {
            boolean titled = false;
            for (Option o : s.options()) {
                if (o.help() == null) continue;
                if (!titled && s.title() != null) sb.append(".SS \"").append(esc(stripColon(s.title()))).append("\"\n");
                titled = true;
                sb.append(".TP\n").append(label(o)).append('\n');
                String[] lines = o.help().split("\n", -1);
                for (int i = 0; i < lines.length; i++) {
                    if (i > 0) sb.append(".br\n");
                    sb.append(esc(lines[i].strip())).append('\n');
                }
            }
        }
        String trailer = table.trailer().strip();
        if (!trailer.isEmpty()) {
            sb.append(".SH NOTES\n.nf\n");
            for (String line : table.trailer().stripTrailing().split("\n", -1)) {
                String l = line.startsWith(" ") ? line.substring(1) : line;
                sb.append(l.isEmpty() ? "" : esc(l)).append('\n');
            }
            sb.append(".fi\n");
        }
        if (keyTable) keys(sb);
        if (!files.isEmpty()) {
            sb.append(".SH FILES\n");
            for (int i = 0; i + 1 < files.size(); i += 2)
                sb.append(".TP\n.I ").append(esc(files.get(i))).append('\n').append(esc(files.get(i + 1))).append('\n');
        }
        if (!seeAlso.isEmpty()) {
            sb.append(".SH SEE ALSO\n");
            for (int i = 0; i < seeAlso.size(); i++) {
                String ref = seeAlso.get(i);
                int paren = ref.indexOf('(');
                sb.append(".BR ").append(esc(ref.substring(0, paren))).append(' ').append(ref.substring(paren))
                        .append(i + 1 < seeAlso.size() ? " ," : "").append('\n');
            }
        }
        return sb.toString();
    }

    private static void keys(StringBuilder sb) {
        sb.append(".SH CONFIGURATION KEYS\n");
        paragraphs(sb, "Every key may be set in a configuration file (linuxptp's format: [global], one [ifname] "
                + "section per interface) and on the command line as --KEY VAL or --KEY=VAL; the command line wins. "
                + "Scope port: also in an interface section. Integers accept C syntax (0x10, 010).\n\n"
                + "Deprecated names, accepted with a warning: " + String.join(", ",
                        ConfigKeys.DEPRECATED.entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                                .map(e -> e.getKey() + " (" + e.getValue() + ")").toList()) + ".");
        for (ConfigKey k : ConfigKeys.all()) {
            sb.append(".TP\n.B ").append(esc(k.name())).append('\n')
                    .append(esc(k.scope().name().toLowerCase(java.util.Locale.ROOT) + ", "
                            + k.type().name().toLowerCase(java.util.Locale.ROOT) + ", default " + k.defaultText()
                            + "; " + k.rangeText()
                            + (ConfigKeys.NOT_YET_ACTED_ON.contains(k.name()) ? "; not yet acted on" : "")))
                    .append('\n');
        }
    }

    private static void paragraphs(StringBuilder sb, String text) {
        String[] ps = text.strip().split("\n\n");
        for (int i = 0; i < ps.length; i++) {
            if (i > 0) sb.append(".PP\n");
            sb.append(esc(ps[i].strip().replace('\n', ' '))).append('\n');
        }
    }

    private static String stripColon(String title) {
        return title.endsWith(":") ? title.substring(0, title.length() - 1) : title;
    }

    /** "-f [file]" as roff: the flag in bold, its argument in italics. */
    private static String label(Option o) {
        String flag = switch (o.kind()) {
            case SHORT -> "-" + o.name();
            case LONG, CONFIG_KEYS -> "--" + o.name();
            case OPERAND -> o.name();
        };
        String b = o.kind() == Option.Kind.CONFIG_KEYS ? "\\fB\\-\\-\\fI" + esc(o.name()) + "\\fR" : "\\fB" + esc(flag) + "\\fR";
        if (o.arg() == null) return b;
        if (o.arg().startsWith("=")) return b + "\\fB=" + esc(o.arg().substring(1)) + "\\fR";
        return b + " \\fI" + esc(o.arg()) + "\\fR";
    }

    /** Escapes text for roff: backslashes, hyphens (as minus signs), and a leading control character. */
    static String esc(String s) {
        String e = s.replace("\\", "\\e").replace("-", "\\-").replace("\t", "    ");
        return e.startsWith(".") || e.startsWith("'") ? "\\&" + e : e;
    }
}
