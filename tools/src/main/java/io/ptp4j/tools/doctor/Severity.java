package io.ptp4j.tools.doctor;

/** How bad a finding is; the doctor's exit code is the worst one's {@link #exitCode}. */
public enum Severity {
    OK, INFO, WARN, ERROR;

    /** 0 ok, 1 info, 2 warn, 3 error. */
    public int exitCode() {
        return ordinal();
    }

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
