package io.ptp4j.tools.obs;

import io.ptp4j.tools.log.Printer;
import io.ptp4j.tools.metrics.JsonEventLog;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * {@code log_format json} (or {@code --log-format json}): the daemon writes one JSON object per
 * line on stdout, engine events from {@link JsonEventLog} and every printer line (warnings,
 * errors) as an {"event":"log"} object, so a log shipper never sees prose. Syslog, when on, still
 * gets linuxptp's text lines from the printer.
 */
public final class JsonLogging {
    private JsonLogging() {}

    /** Points the printer's verbose sink at a JSON log on stdout and returns that log as the engine listener. */
    public static JsonEventLog attach(String prog, Printer printer) {
        return attach(prog, printer, System.out);
    }

    static JsonEventLog attach(String prog, Printer printer, PrintStream out) {
        JsonEventLog json = new JsonEventLog(new OutputStreamWriter(out, StandardCharsets.UTF_8), prog, System::nanoTime);
        printer.verbose((level, line) -> json.log(level, message(line)));
        return json;
    }

    /** The message without linuxptp's "prog[sec.ms]: " prefix, which the JSON ts field replaces. */
    static CharSequence message(CharSequence line) {
        for (int i = 0; i + 2 < line.length(); i++) {
            if (line.charAt(i) == ']' && line.charAt(i + 1) == ':' && line.charAt(i + 2) == ' ') return line.subSequence(i + 3, line.length());
        }
        return line;
    }
}
