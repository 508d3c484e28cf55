package io.ptp4j.tools.ts2phc;

/**
 * The time an NMEA sentence reports: UTC nanoseconds since 1970 of the second the sentence
 * describes, and whether the receiver has a valid fix (RMC status 'A'; ZDA carries no status and
 * counts as valid).
 */
public record NmeaTime(String sentence, long utcNanos, boolean fixValid) {}
