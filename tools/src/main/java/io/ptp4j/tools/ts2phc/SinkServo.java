package io.ptp4j.tools.ts2phc;

import io.ptp4j.core.servo.Servo;
import io.ptp4j.core.servo.ServoState;
import io.ptp4j.linux.NativeException;
import io.ptp4j.linux.clock.ClockDevice;
import io.ptp4j.tools.log.Printer;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * One sink's servo loop (linuxptp ts2phc_slave_event / ts2phc_slave_offset): the offset of an
 * edge is the PHC's stamp (plus ts2phc.extts_correction) minus the source's time rounded to the
 * second the edge began (the source is read just after the edge, so a reading past .5 s belongs
 * to the next second). With both edges stamped, an edge whose source time falls inside the pulse
 * (more than half a pulse width from the second) is the falling one and is skipped. The servo's
 * verdict then steps and/or sets the frequency of the sink's clock; with free_running 1 only the
 * offset is logged.
 */
public final class SinkServo {
    static final long NS = 1_000_000_000L;

    private final PpsSink sink;
    private final Servo servo;
    private final Ts2phcLog log;
    private final int channel;
    private final ExttsPolarity polarity;
    private final long correctionNanos;
    private final long ignoreLowerNanos;
    private final long ignoreUpperNanos;
    private final boolean freeRunning;
    private long lastOffsetNanos;
    private double lastFreqPpb;

    public SinkServo(PpsSink sink, Servo servo, Ts2phcLog log, int channel, ExttsPolarity polarity, int correctionNanos,
            int pulseWidthNanos, boolean freeRunning) {
        this.sink = sink;
        this.servo = servo;
        this.log = log;
        this.channel = channel;
        this.polarity = polarity;
        this.correctionNanos = correctionNanos;
        this.ignoreLowerNanos = pulseWidthNanos / 2;
        this.ignoreUpperNanos = NS - pulseWidthNanos / 2;
        this.freeRunning = freeRunning;
        servo.syncInterval(1.0); // SERVO_SYNC_INTERVAL: one pulse per second
    }

    public PpsSink sink() {
        return sink;
    }

    /** Handles one edge with the source's time read for it (empty when the source has none). */
    public void onEvent(ExttsEvent event, OptionalLong sourceNanos) throws NativeException {
        if (event.channel() != channel) {
            log.print(Printer.LOG_ERR, "extts on unexpected channel");
            return;
        }
        if (sourceNanos.isEmpty()) {
            log.print(Printer.LOG_DEBUG, sink.name() + " ignoring invalid master time stamp");
            return;
        }
        long src = sourceNanos.getAsLong();
        long srcSec = Math.floorDiv(src, NS), srcNsec = Math.floorMod(src, NS);
        if (polarity == ExttsPolarity.BOTH && srcNsec > ignoreLowerNanos && srcNsec < ignoreUpperNanos) {
            log.print(Printer.LOG_DEBUG, String.format(Locale.ROOT, "%s SKIP extts index %d at %d.%09d src %d.%d",
                    sink.name(), event.channel(), Math.floorDiv(event.clockNanos(), NS), Math.floorMod(event.clockNanos(), NS),
                    srcSec, srcNsec));
            return;
        }
        if (srcNsec > 500_000_000L) srcSec++;
        long localNanos = event.clockNanos() + correctionNanos;
        long offset = localNanos - srcSec * NS;
        lastOffsetNanos = offset;
        log.print(Printer.LOG_DEBUG, String.format(Locale.ROOT, "%s extts index %d at %d.%09d corr %d src %d.%d diff %d",
                sink.name(), event.channel(), Math.floorDiv(event.clockNanos(), NS), Math.floorMod(event.clockNanos(), NS),
                correctionNanos, Math.floorDiv(src, NS), srcNsec, offset));
        if (freeRunning) {
            log.print(Printer.LOG_INFO, String.format(Locale.ROOT, "%s offset %10d", sink.name(), offset));
            return;
        }
        double ppb = servo.sample(offset, localNanos, 1.0);
        ServoState state = servo.state();
        // linuxptp logs its servo's adj, the negation of the frequency it sets
        log.print(Printer.LOG_INFO, String.format(Locale.ROOT, "%s offset %10d %s freq %+7.0f",
                sink.name(), offset, state.tag, -ppb + 0.0));
        ClockDevice clock = sink.clock();
        switch (state) {
            case UNLOCKED -> { }
            case JUMP -> {
                clock.adjustFrequency(ppb);
                clock.step(-offset);
                lastFreqPpb = ppb;
            }
            case LOCKED, LOCKED_STABLE -> {
                clock.adjustFrequency(ppb);
                lastFreqPpb = ppb;
            }
        }
    }

    /** The last measured offset, ns (for tests and metrics). */
    public long lastOffsetNanos() {
        return lastOffsetNanos;
    }

    /** The frequency last set on the clock, ppb. */
    public double lastFreqPpb() {
        return lastFreqPpb;
    }
}
