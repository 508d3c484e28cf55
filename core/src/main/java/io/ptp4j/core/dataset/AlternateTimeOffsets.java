package io.ptp4j.core.dataset;

import io.ptp4j.core.wire.AlternateTimeOffsetTlv;
import io.ptp4j.core.wire.PtpMessage;
import java.nio.charset.StandardCharsets;

/**
 * The alternate timescale offsets of a clock (IEEE 1588-2019 16.3, 8.2.10
 * alternateTimescaleOffsetsDS), as linuxptp 4.4 keeps them: four keys, each with an enable flag,
 * a displayName of at most 10 characters, currentOffset and jumpSeconds (seconds) and the 48-bit
 * timeOfNextJump (seconds of the PTP timescale). Set over management (ALTERNATE_TIME_OFFSET_*,
 * typically by tz2alt); every enabled key becomes an ALTERNATE_TIME_OFFSET_INDICATOR TLV in each
 * Announce the clock sends (linuxptp clock_append_timezones).
 */
public final class AlternateTimeOffsets {
    /** linuxptp tz.h MAX_TIME_ZONES: keyField 0..3. */
    public static final int MAX_KEYS = 4;
    /** linuxptp tz.h MAX_TZ_DISPLAY_NAME. */
    public static final int MAX_DISPLAY_NAME = 10;

    private final boolean[] enabled = new boolean[MAX_KEYS];
    private final String[] displayName = new String[MAX_KEYS];
    private final byte[][] displayNameOctets = new byte[MAX_KEYS][];
    private final int[] currentOffset = new int[MAX_KEYS];
    private final int[] jumpSeconds = new int[MAX_KEYS];
    private final long[] timeOfNextJump = new long[MAX_KEYS];

    public AlternateTimeOffsets() {
        java.util.Arrays.fill(displayName, "");
        java.util.Arrays.fill(displayNameOctets, new byte[0]);
    }

    public boolean enabled(int key) {
        return enabled[key];
    }

    /** ALTERNATE_TIME_OFFSET_ENABLE: one key, or every key with keyField 0xFF; false for another key. */
    public boolean enable(int key, boolean on) {
        if (key == 0xFF) {
            java.util.Arrays.fill(enabled, on);
            return true;
        }
        if (key < 0 || key >= MAX_KEYS) return false;
        enabled[key] = on;
        return true;
    }

    public String displayName(int key) {
        return displayName[key];
    }

    /** ALTERNATE_TIME_OFFSET_NAME; false for a key out of range or a name of more than 10 characters. */
    public boolean displayName(int key, String name) {
        if (key < 0 || key >= MAX_KEYS || name.codePointCount(0, name.length()) > MAX_DISPLAY_NAME) return false;
        displayName[key] = name;
        displayNameOctets[key] = name.getBytes(StandardCharsets.UTF_8);
        return true;
    }

    public int currentOffset(int key) {
        return currentOffset[key];
    }

    public int jumpSeconds(int key) {
        return jumpSeconds[key];
    }

    public long timeOfNextJump(int key) {
        return timeOfNextJump[key];
    }

    /** ALTERNATE_TIME_OFFSET_PROPERTIES; false for a key out of range. */
    public boolean properties(int key, int currentOffset, int jumpSeconds, long timeOfNextJump) {
        if (key < 0 || key >= MAX_KEYS) return false;
        this.currentOffset[key] = currentOffset;
        this.jumpSeconds[key] = jumpSeconds;
        this.timeOfNextJump[key] = timeOfNextJump & 0xFFFF_FFFF_FFFFL;
        return true;
    }

    /** Appends one ALTERNATE_TIME_OFFSET_INDICATOR TLV per enabled key (16.3.3), in key order. */
    public void appendTo(PtpMessage announce) {
        for (int k = 0; k < MAX_KEYS; k++) {
            if (enabled[k]) AlternateTimeOffsetTlv.append(announce, k, currentOffset[k], jumpSeconds[k], timeOfNextJump[k], displayNameOctets[k]);
        }
    }
}
