package io.ptp4j.tools.cli;

import io.ptp4j.tools.config.ConfigKey;
import io.ptp4j.tools.config.ConfigKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * bash completion for every command, rendered from the option tables (the words offered are the
 * options the parsers accept, the configuration keys for commands with a "--KEY VAL" row) so it
 * cannot drift from them. An option's argument is completed by what its table row calls it: a
 * file name ("[file]", "FILE", "PATH", "OUT.svg"), an interface or device ("[dev]", "IFACE",
 * "[device]"), or nothing.
 */
public final class BashCompletion {
    private BashCompletion() {}

    /**
     * The script for /usr/share/bash-completion/completions/: one function per command, and for
     * "ptp4j" the subcommand names first.
     *
     * @param tools       the linuxptp commands (name to table), installed as their own programs
     * @param subcommands ptp4j's subcommands (name to table, null: no options)
     */
    public static String render(Map<String, OptionTable> tools, Map<String, OptionTable> subcommands) {
        StringBuilder sb = new StringBuilder();
        sb.append("# bash completion for ptp4j's commands; generated from their option tables by ptp4j\n")
                .append("# (io.ptp4j.tools.cli.BashCompletion); do not edit.\n\n")
                .append("_ptp4j_devices() {\n")
                .append("    local d; for d in /sys/class/net/*; do [ -e \"$d\" ] && echo \"${d##*/}\"; done\n")
                .append("    for d in /dev/ptp*; do [ -e \"$d\" ] && echo \"$d\"; done\n")
                .append("}\n\n")
                .append("# _ptp4j_words PREV 'OPTION=KIND ...' 'WORDS' FILES: completes an option's argument by its kind,\n")
                .append("# else an option, else (FILES=1: the command takes file operands) a file name\n")
                .append("_ptp4j_words() {\n")
                .append("    local cur=${COMP_WORDS[COMP_CWORD]} prev=$1 kinds=$2 words=$3 files=$4 k\n")
                .append("    for k in $kinds; do\n")
                .append("        if [ \"${k%%=*}\" = \"$prev\" ]; then\n")
                .append("            case ${k#*=} in\n")
                .append("                file) COMPREPLY=($(compgen -f -- \"$cur\")) ;;\n")
                .append("                device) COMPREPLY=($(compgen -W \"$(_ptp4j_devices)\" -- \"$cur\")) ;;\n")
                .append("                *) COMPREPLY=() ;;\n")
                .append("            esac\n")
                .append("            return\n")
                .append("        fi\n")
                .append("    done\n")
                .append("    if [ \"$files\" = 1 ] && [ \"${cur#-}\" = \"$cur\" ]; then COMPREPLY=($(compgen -f -- \"$cur\")); return; fi\n")
                .append("    COMPREPLY=($(compgen -W \"$words\" -- \"$cur\"))\n")
                .append("}\n\n");
        for (Map.Entry<String, OptionTable> e : tools.entrySet()) {
            String fn = "_ptp4j_" + e.getKey().replace('-', '_');
            sb.append(fn).append("() {\n    _ptp4j_words \"${COMP_WORDS[COMP_CWORD-1]}\" '")
                    .append(kinds(e.getValue())).append("' '").append(words(e.getValue())).append("' ").append(files(e.getValue())).append("\n}\n")
                    .append("complete -F ").append(fn).append(' ').append(e.getKey()).append("\n\n");
        }
        sb.append("_ptp4j() {\n")
                .append("    if [ \"$COMP_CWORD\" -eq 1 ]; then\n")
                .append("        COMPREPLY=($(compgen -W '").append(String.join(" ", subcommands.keySet()))
                .append("' -- \"${COMP_WORDS[1]}\"))\n")
                .append("        return\n")
                .append("    fi\n")
                .append("    local prev=${COMP_WORDS[COMP_CWORD-1]}\n")
                .append("    case ${COMP_WORDS[1]} in\n");
        for (Map.Entry<String, OptionTable> e : subcommands.entrySet()) {
            if (e.getValue() == null) continue;
            sb.append("        ").append(e.getKey()).append(") _ptp4j_words \"$prev\" '").append(kinds(e.getValue()))
                    .append("' '").append(words(e.getValue())).append("' ").append(files(e.getValue())).append(" ;;\n");
        }
        sb.append("        *) COMPREPLY=($(compgen -f -- \"${COMP_WORDS[COMP_CWORD]}\")) ;;\n")
                .append("    esac\n")
                .append("}\n")
                .append("complete -F _ptp4j ptp4j\n");
        return sb.toString();
    }

    /** The option words a table offers: short and long options, and the config keys. */
    static String words(OptionTable t) {
        List<String> w = new ArrayList<>();
        for (Option o : t.options()) {
            switch (o.kind()) {
                case SHORT -> {
                    if (o.help() != null) w.add("-" + o.name());
                }
                case LONG -> w.add("--" + o.name());
                case CONFIG_KEYS -> {
                    for (ConfigKey k : ConfigKeys.all()) w.add("--" + k.name());
                }
                case OPERAND -> { }
            }
        }
        return String.join(" ", w);
    }

    /** 1 when the command's operands are files (its operand rows are named like files), else 0. */
    static int files(OptionTable t) {
        for (Option o : t.options())
            if (o.kind() == Option.Kind.OPERAND && kind(o.name()).equals("file")) return 1;
        return 0;
    }

    /** "-f=file -i=device ..." for the options whose argument has a kind. */
    static String kinds(OptionTable t) {
        List<String> k = new ArrayList<>();
        for (Option o : t.options()) {
            if (o.arg() == null || o.arg().startsWith("=")) continue;
            String flag = o.kind() == Option.Kind.SHORT ? "-" + o.name() : o.kind() == Option.Kind.LONG ? "--" + o.name() : null;
            if (flag == null) continue;
            k.add(flag + "=" + kind(o.arg()));
        }
        return String.join(" ", k);
    }

    /** What an argument is, from how the usage text names it. */
    static String kind(String arg) {
        String a = arg.toLowerCase(Locale.ROOT).replace("[", "").replace("]", "");
        if (a.equals("file") || a.equals("path") || a.equals("dir") || a.equals("logfile") || a.endsWith(".svg")
                || a.endsWith(".toml") || a.endsWith(".pcapng"))
            return "file";
        if (a.equals("dev") || a.equals("iface") || a.equals("device") || a.startsWith("dev|")) return "device";
        return "value";
    }
}
