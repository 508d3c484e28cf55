package io.ptp4j.tools.ptp4l;

import io.ptp4j.core.engine.EngineListener;
import io.ptp4j.core.servo.ServoState;
import io.ptp4j.linux.NativeException;
import io.ptp4j.linux.clock.ClockDevice;
import io.ptp4j.tools.log.ForwardingListener;
import io.ptp4j.tools.log.Printer;

/**
 * With virtual_clock 1, reports after each servo sample how far the virtual clock is from
 * CLOCK_REALTIME (debug level, logging_level 7). Where the master runs on this machine's clock
 * (tests, demos) that is the true time error.
 */
final class VirtualClockReport extends ForwardingListener {
    private final ClockDevice clock;
    private final Printer printer;
    private final StringBuilder line = new StringBuilder(80);

    VirtualClockReport(EngineListener inner, ClockDevice clock, Printer printer) {
        super(inner);
        this.clock = clock;
        this.printer = printer;
    }

    @Override
    public void servoSample(int port, long offsetNanos, ServoState state, double freqPpb, long pathDelayNanos) {
        super.servoSample(port, offsetNanos, state, freqPpb, pathDelayNanos);
        if (!printer.enabled(Printer.LOG_DEBUG)) return;
        try {
            long error = clock.minusRealtimeNanos();
            line.setLength(0);
            line.append("virtual clock offset from CLOCK_REALTIME ").append(error).append(" ns");
            printer.print(Printer.LOG_DEBUG, line);
        } catch (NativeException e) {
            // a read failed: skip this report
        }
    }
}
