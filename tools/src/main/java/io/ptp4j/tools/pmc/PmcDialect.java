package io.ptp4j.tools.pmc;

/**
 * Which linuxptp pmc ptp4j's pmc speaks like. Version 4 (current upstream) is the default; 3
 * reproduces Debian bookworm's pmc 3.1.1 byte for byte (its smaller command table, its
 * SUBSCRIBE_EVENTS_NP printing), for scripts written against it; 4.4 the release 4.4's command
 * table (ENABLE_PORT and DISABLE_PORT "not supported yet", no EXTERNAL_GRANDMASTER_PROPERTIES_NP
 * or PORT_CORRECTIONS_NP), so its help and messages. Chosen with --linuxptp=3 or --linuxptp=4.4.
 */
public enum PmcDialect {
    LINUXPTP_3,
    LINUXPTP_4,
    LINUXPTP_4_4;

    public static PmcDialect parse(String v) {
        return switch (v) {
            case "3", "3.1", "3.1.1" -> LINUXPTP_3;
            case "4" -> LINUXPTP_4;
            case "4.4" -> LINUXPTP_4_4;
            default -> throw new IllegalArgumentException("--linuxptp takes 3, 4.4 or 4, not '" + v + "'");
        };
    }

    /** linuxptp 4's data layouts and printing (4.4 and upstream alike). */
    public boolean v4() {
        return this != LINUXPTP_3;
    }
}
