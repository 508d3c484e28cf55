package io.ptp4j.tools.doctor;

import java.util.List;

/**
 * What a running ptp4l says about itself over its management socket.
 *
 * @param portStates portState names by port, port 1 first (PORT_DATA_SET)
 * @param offsetSamplesNanos offsetFromMaster read several times (CURRENT_DATA_SET), consecutive repeats dropped
 * @param meanPathDelayNanos CURRENT_DATA_SET meanPathDelay
 * @param gmPresent TIME_STATUS_NP gmPresent
 * @param gmIdentity TIME_STATUS_NP gmIdentity, as linuxptp prints it
 */
public record Ptp4lStatus(List<String> portStates, List<Long> offsetSamplesNanos, long meanPathDelayNanos, int stepsRemoved,
        boolean gmPresent, String gmIdentity) {

    public double offsetRmsNanos() {
        if (offsetSamplesNanos.isEmpty()) return Double.NaN;
        double sum = 0;
        for (long v : offsetSamplesNanos) sum += (double) v * v;
        return Math.sqrt(sum / offsetSamplesNanos.size());
    }

    public long offsetMaxAbsNanos() {
        long m = 0;
        for (long v : offsetSamplesNanos) m = Math.max(m, Math.abs(v));
        return m;
    }
}
