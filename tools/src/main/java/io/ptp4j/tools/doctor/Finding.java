package io.ptp4j.tools.doctor;

/**
 * One result of a check, in plain words: what was found and, when it is not OK, what to do.
 *
 * @param check short id of the check (e.g. "timestamping", "time-daemons")
 * @param fix what to do; empty when nothing needs doing
 */
public record Finding(String check, Severity severity, String summary, String fix) {
    public static Finding ok(String check, String summary) {
        return new Finding(check, Severity.OK, summary, "");
    }

    public static Finding info(String check, String summary, String fix) {
        return new Finding(check, Severity.INFO, summary, fix);
    }

    public static Finding warn(String check, String summary, String fix) {
        return new Finding(check, Severity.WARN, summary, fix);
    }

    public static Finding error(String check, String summary, String fix) {
        return new Finding(check, Severity.ERROR, summary, fix);
    }
}
