package io.ptp4j.tools.ptp4l;

import io.ptp4j.tools.config.PtpConfig;
import java.util.List;

/**
 * A validated ptp4l invocation: the merged configuration (command line over file over defaults),
 * the interfaces in order, the clock type after ptp4l's promotion (OC with two or more
 * interfaces becomes BC), the -p device, and the warnings to log at startup.
 *
 * @param clockType "OC", "BC", "P2P_TC" or "E2E_TC"
 * @param phcDevice -p, or null for automatic
 */
public record Ptp4lSettings(PtpConfig config, List<String> interfaces, String clockType, String phcDevice,
        List<String> warnings) {}
