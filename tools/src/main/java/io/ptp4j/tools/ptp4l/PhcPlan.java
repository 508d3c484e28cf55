package io.ptp4j.tools.ptp4l;

import java.util.ArrayList;
import java.util.List;

/**
 * Which PTP hardware clock each port of a hardware-timestamping ptp4l uses, decided as linuxptp's
 * clock_create() and port_open() do. The clock's PHC is {@code -p /dev/ptpN}, else the first
 * interface's. Each port takes its {@code phc_index} key, else the clock's; when that is not the
 * PHC its interface is attached to: with {@code boundary_clock_jbod 1} the port uses its own PHC
 * ("just a bunch of devices"), with {@code -p} the command line wins (warned), otherwise the
 * ports cannot share one clock and ptp4l refuses to start ("PHC device mismatch").
 *
 * @param phcByPort the PHC index each port uses, index portNumber - 1
 * @param jbod      whether the ports use more than one PHC (the engine then switches clocks)
 * @param warnings  linuxptp's warnings, in order
 */
public record PhcPlan(int[] phcByPort, boolean jbod, List<String> warnings) {
    /** linuxptp's fatal "PHC device mismatch": both of its lines. */
    public static final class MismatchException extends Exception {
        MismatchException(String message) {
            super(message);
        }
    }

    /**
     * @param logNames   each port's log name, "port 1 (eth0)"
     * @param attached   each interface's PHC index from ETHTOOL_GET_TS_INFO (-1: none)
     * @param configured each port's phc_index key (-1: not set)
     * @param jbodByPort each port's boundary_clock_jbod
     * @param phcDevice  ptp4l -p, or null
     */
    public static PhcPlan of(List<String> logNames, int[] attached, int[] configured, boolean[] jbodByPort, String phcDevice)
            throws MismatchException {
        // clock.c: -p, else the first port's phc_index, else its interface's PHC
        int clockPhc = phcDevice != null ? deviceIndex(phcDevice) : configured[0] >= 0 ? configured[0] : attached[0];
        int n = logNames.size();
        int[] use = new int[n];
        List<String> warnings = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int want = configured[i] >= 0 ? configured[i] : clockPhc;
            use[i] = want;
            if (want < 0 || attached[i] < 0 || want == attached[i]) continue;
            if (jbodByPort[i]) {
                warnings.add(logNames.get(i) + ": just a bunch of devices");
                use[i] = attached[i];
            } else if (phcDevice != null) {
                warnings.add(logNames.get(i) + ": taking " + phcDevice + " from the command line, not the attached ptp" + attached[i]);
            } else {
                throw new MismatchException(logNames.get(i) + ": PHC device mismatch\n"
                        + logNames.get(i) + ": /dev/ptp" + want + " requested, ptp" + attached[i] + " attached");
            }
        }
        boolean several = false;
        for (int i = 1; i < n; i++) several |= use[i] != use[0];
        return new PhcPlan(use, several, List.copyOf(warnings));
    }

    /** "/dev/ptp3" → 3 (linuxptp: sscanf "/dev/ptp%d"); another path (a udev symlink) → -1, opened as it is. */
    public static int deviceIndex(String device) {
        if (!device.startsWith("/dev/ptp")) return -1;
        int end = "/dev/ptp".length();
        while (end < device.length() && Character.isDigit(device.charAt(end))) end++;
        if (end == "/dev/ptp".length() || end - "/dev/ptp".length() > 9) return -1;
        return Integer.parseInt(device.substring("/dev/ptp".length(), end));
    }
}
