package io.ptp4j.tools.cli;

/** What a command line asks for: to run, or only the usage text (-h) or the version (-v). */
public enum Action { RUN, HELP, VERSION }
