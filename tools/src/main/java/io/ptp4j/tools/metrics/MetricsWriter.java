package io.ptp4j.tools.metrics;

/**
 * Writes metric families in the Prometheus text format 0.0.4 or in OpenMetrics 1.0.0. The two differ
 * in how a counter family is named (OpenMetrics: family "x", sample "x_total"; 0.0.4: both
 * "x_total"), in the content type and in the closing "# EOF" line OpenMetrics requires.
 */
public final class MetricsWriter {
    /** Content type of the Prometheus text format 0.0.4. */
    public static final String PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    /** Content type of OpenMetrics 1.0.0. */
    public static final String OPENMETRICS_CONTENT_TYPE = "application/openmetrics-text; version=1.0.0; charset=utf-8";

    private final StringBuilder out;
    private final boolean openMetrics;
    private String family;
    private boolean counter;

    public MetricsWriter(StringBuilder out, boolean openMetrics) {
        this.out = out;
        this.openMetrics = openMetrics;
    }

    public boolean openMetrics() {
        return openMetrics;
    }

    /** Starts a gauge family: its HELP and TYPE lines. */
    public MetricsWriter gauge(String name, String help) {
        return family(name, help, "gauge", false);
    }

    /** Starts a counter family; {@code name} is without the _total suffix. */
    public MetricsWriter counter(String name, String help) {
        return family(name, help, "counter", true);
    }

    private MetricsWriter family(String name, String help, String type, boolean isCounter) {
        family = name;
        counter = isCounter;
        String declared = isCounter && !openMetrics ? name + "_total" : name;
        out.append("# HELP ").append(declared).append(' ');
        escapeHelp(help);
        out.append('\n');
        out.append("# TYPE ").append(declared).append(' ').append(type).append('\n');
        return this;
    }

    /** One sample of the current family; labels alternate name, value. */
    public MetricsWriter sample(double value, String... labels) {
        sampleName(labels);
        appendValue(value);
        out.append('\n');
        return this;
    }

    /** One integer sample of the current family (exact, no float rounding). */
    public MetricsWriter sample(long value, String... labels) {
        sampleName(labels);
        out.append(value).append('\n');
        return this;
    }

    private void sampleName(String[] labels) {
        if (family == null) throw new IllegalStateException("sample before gauge()/counter()");
        out.append(family);
        if (counter) out.append("_total");
        if (labels.length > 0) {
            out.append('{');
            for (int i = 0; i + 1 < labels.length; i += 2) {
                if (i > 0) out.append(',');
                out.append(labels[i]).append("=\"");
                escapeLabel(labels[i + 1]);
                out.append('"');
            }
            out.append('}');
        }
        out.append(' ');
    }

    /** Ends the exposition (OpenMetrics requires "# EOF"). */
    public void finish() {
        if (openMetrics) out.append("# EOF\n");
    }

    private void appendValue(double v) {
        if (Double.isNaN(v)) out.append("NaN");
        else if (v == Double.POSITIVE_INFINITY) out.append("+Inf");
        else if (v == Double.NEGATIVE_INFINITY) out.append("-Inf");
        else if (v == Math.rint(v) && Math.abs(v) < 1e15) out.append((long) v);
        else out.append(v);
    }

    /** A label value: backslash, double quote and line feed escaped (both formats). */
    private void escapeLabel(String s) {
        escape(s, true);
    }

    /** HELP text: backslash and line feed escaped; a double quote too in OpenMetrics only. */
    private void escapeHelp(String s) {
        escape(s, openMetrics);
    }

    private void escape(String s, boolean quote) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '"' -> out.append(quote ? "\\\"" : "\"");
                default -> out.append(c);
            }
        }
    }

    /**
     * True when an HTTP Accept header asks for OpenMetrics, as Prometheus does when it prefers it
     * ("application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5,...").
     */
    public static boolean wantsOpenMetrics(String accept) {
        if (accept == null) return false;
        for (String part : accept.split(",")) {
            String p = part.trim();
            if (!p.startsWith("application/openmetrics-text")) continue;
            int q = p.indexOf("q=");
            if (q < 0) return true;
            try {
                return Double.parseDouble(p.substring(q + 2).split(";")[0].trim()) > 0;
            } catch (NumberFormatException e) {
                return true;
            }
        }
        return false;
    }
}
