package io.ptp4j.tools.cli;

/** What {@code -v} prints, for every command (linuxptp's version_show). */
public final class Version {
    public static final String TEXT = "ptp4j 0.1.0-SNAPSHOT";

    private Version() {}
}
