package io.ptp4j.tools.ts2phc;

import io.ptp4j.tools.log.Printer;

/** ts2phc's log, safe to call from the NMEA reader thread and the main loop (Printer is not thread-safe). */
@FunctionalInterface
public interface Ts2phcLog {
    void print(int level, String message);

    static Ts2phcLog of(Printer printer) {
        return (level, message) -> {
            synchronized (printer) {
                printer.print(level, message);
            }
        };
    }
}
