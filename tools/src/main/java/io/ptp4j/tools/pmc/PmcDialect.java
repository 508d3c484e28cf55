package io.ptp4j.tools.pmc;

/**
 * Which linuxptp pmc ptp4j's pmc speaks like. Version 4 (current upstream) is the default; 3
 * reproduces Debian bookworm's pmc 3.1.1 byte for byte (its smaller command table, its
 * SUBSCRIBE_EVENTS_NP printing), for scripts written against it. Chosen with --linuxptp=3.
 */
public enum PmcDialect {
    LINUXPTP_3,
    LINUXPTP_4;

    public static PmcDialect parse(String v) {
        return switch (v) {
            case "3", "3.1", "3.1.1" -> LINUXPTP_3;
            case "4", "4.4" -> LINUXPTP_4;
            default -> throw new IllegalArgumentException("--linuxptp takes 3 or 4, not '" + v + "'");
        };
    }
}
