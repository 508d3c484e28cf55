package io.ptp4j.tools.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * A command's options, in the one table its parser, its usage text, and the man page and shell
 * completion made from it all read: getopt's option string comes from the short options, the
 * usage text is rendered from the rows, so none of them can drift from the others.
 *
 * <p>The usage text is linuxptp's for the command, to the byte: "\nusage: PROG SYNOPSIS\n\n",
 * then each section (an optional blank line, an optional title, one line per visible row with
 * the help text at the section's column), then the trailer.
 *
 * @param synopsis      what follows the program name on the usage line ("[options]")
 * @param spacedTitles  a blank line after each section title (ptp4l, pmc) or not (phc2sys, phc_ctl)
 * @param trailer       text after the sections (command lists, notes), often just "\n"
 */
public record OptionTable(String synopsis, boolean spacedTitles, List<Section> sections, String trailer) {
    /**
     * A group of rows under one title.
     *
     * @param title       null: no title line
     * @param column      where the help text starts, counted after the line's leading space
     * @param blankBefore a blank line before the section
     */
    public record Section(String title, int column, boolean blankBefore, List<Option> options) {}

    public OptionTable {
        sections = List.copyOf(sections);
    }

    /** Every row, in order. */
    public List<Option> options() {
        List<Option> all = new ArrayList<>();
        for (Section s : sections) all.addAll(s.options());
        return all;
    }

    /** getopt's option string: each short option's letter, followed by ':' when it takes an argument. */
    public String shortSpec() {
        StringBuilder sb = new StringBuilder();
        for (Option o : options()) {
            if (o.kind() != Option.Kind.SHORT) continue;
            sb.append(o.letter());
            if (o.takesArg()) sb.append(':');
        }
        return sb.toString();
    }

    /** The names of the long options of its own (not the configuration keys). */
    public List<String> longNames() {
        List<String> names = new ArrayList<>();
        for (Option o : options()) if (o.kind() == Option.Kind.LONG) names.add(o.name());
        return names;
    }

    /** The usage text, with the program name. */
    public String usage(String prog) {
        StringBuilder sb = new StringBuilder("\nusage: ").append(prog).append(' ').append(synopsis).append("\n\n");
        for (Section s : sections) {
            if (s.blankBefore()) sb.append('\n');
            if (s.title() != null) sb.append(' ').append(s.title()).append(spacedTitles ? "\n\n" : "\n");
            String indent = " ".repeat(s.column() + 1);
            for (Option o : s.options()) {
                if (o.help() == null) continue;
                String label = o.label();
                String[] lines = o.help().split("\n", -1);
                sb.append(' ').append(label).append(" ".repeat(Math.max(1, s.column() - label.length()))).append(lines[0]).append('\n');
                for (int i = 1; i < lines.length; i++) sb.append(lines[i].startsWith("\t") ? "" : indent).append(lines[i]).append('\n');
            }
        }
        return sb.append(trailer).toString();
    }

    /** Starts a table; rows go into the section opened last. */
    public static Builder builder(String synopsis) {
        return new Builder(synopsis);
    }

    /** Builds a table row by row, in the order the usage text shows them. */
    public static final class Builder {
        private final String synopsis;
        private boolean spacedTitles;
        private final List<Section> sections = new ArrayList<>();
        private String title;
        private int column;
        private boolean blankBefore;
        private List<Option> rows;
        private boolean blankNext;

        private Builder(String synopsis) {
            this.synopsis = synopsis;
        }

        /** A blank line after each section title. */
        public Builder spacedTitles() {
            spacedTitles = true;
            return this;
        }

        /** Opens a section (title null: none) whose help text starts at {@code column}. */
        public Builder section(String title, int column) {
            close();
            this.title = title;
            this.column = column;
            this.blankBefore = blankNext;
            this.blankNext = false;
            this.rows = new ArrayList<>();
            return this;
        }

        /** A blank line before the next section. */
        public Builder blankLine() {
            blankNext = true;
            return this;
        }

        /** A short option without an argument. */
        public Builder flag(char letter, String help) {
            return row(new Option(Option.Kind.SHORT, String.valueOf(letter), null, help));
        }

        /** A short option with an argument, shown as {@code arg}. */
        public Builder arg(char letter, String arg, String help) {
            return row(new Option(Option.Kind.SHORT, String.valueOf(letter), arg, help));
        }

        /** A short option the parser accepts and the usage text does not show. */
        public Builder hidden(char letter, boolean takesArg) {
            return row(new Option(Option.Kind.SHORT, String.valueOf(letter), takesArg ? "arg" : null, null));
        }

        /** A long option of the command's own (arg null: none). */
        public Builder longOption(String name, String arg, String help) {
            return row(new Option(Option.Kind.LONG, name, arg, help));
        }

        /** The row that stands for every configuration key as "--KEY VAL". */
        public Builder configKeys(String name, String arg, String help) {
            return row(new Option(Option.Kind.CONFIG_KEYS, name, arg, help));
        }

        /** An operand (a word that is not an option). */
        public Builder operand(String name, String help) {
            return row(new Option(Option.Kind.OPERAND, name, null, help));
        }

        private Builder row(Option o) {
            if (rows == null) throw new IllegalStateException("open a section first");
            rows.add(o);
            return this;
        }

        private void close() {
            if (rows != null) sections.add(new Section(title, column, blankBefore, List.copyOf(rows)));
            rows = null;
        }

        /** The table, with the text that follows the sections. */
        public OptionTable trailer(String trailer) {
            close();
            return new OptionTable(synopsis, spacedTitles, sections, trailer);
        }
    }
}
