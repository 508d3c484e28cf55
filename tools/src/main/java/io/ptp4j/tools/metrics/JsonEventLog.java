package io.ptp4j.tools.metrics;

import io.ptp4j.tools.json.Json;
import io.ptp4j.core.engine.EngineListener;
import io.ptp4j.core.port.PortEvent;
import io.ptp4j.core.port.PortState;
import io.ptp4j.core.servo.ServoState;
import io.ptp4j.core.wire.DecodeException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.function.LongSupplier;

/**
 * Structured log: one JSON object per line per engine event, for log shippers that should not have
 * to parse linuxptp's prose. Fields: ts (seconds of the given clock, as linuxptp's [2570.784]),
 * process, port, event, then the event's own fields. One StringBuilder is reused per line.
 */
public final class JsonEventLog implements EngineListener {
    private final Writer out;
    private final String process;
    private final LongSupplier clockNanos;
    private final StringBuilder line = new StringBuilder(256);

    /**
     * @param out where lines go; flushed after each line
     * @param process the process field: ptp4l, phc2sys or sim
     * @param clockNanos the time stamp source (monotonic clock, or the simulator's virtual clock)
     */
    public JsonEventLog(Writer out, String process, LongSupplier clockNanos) {
        this.out = out;
        this.process = process;
        this.clockNanos = clockNanos;
    }

    @Override
    public synchronized void portStateChanged(int port, PortState from, PortState to, PortEvent event) {
        begin(port, "portStateChanged");
        string("from", from == null ? null : from.name());
        string("to", to == null ? null : to.name());
        string("reason", event == null ? null : event.name());
        end();
    }

    @Override
    public synchronized void servoSample(int port, long offsetNanos, ServoState state, double freqPpb, long pathDelayNanos) {
        begin(port, "servoSample");
        number("offsetNs", offsetNanos);
        string("servoState", state == null ? null : state.tag);
        number("freqPpb", freqPpb);
        number("pathDelayNs", pathDelayNanos);
        end();
    }

    @Override
    public synchronized void shadowSample(int port, String servo, long offsetNanos, ServoState state, double freqPpb) {
        begin(port, "shadowSample");
        string("servo", servo);
        number("offsetNs", offsetNanos);
        string("servoState", state == null ? null : state.tag);
        number("freqPpb", freqPpb);
        end();
    }

    @Override
    public synchronized void peerDelay(int port, long peerDelayNanos, double neighborRateRatio) {
        begin(port, "peerDelay");
        number("peerDelayNs", peerDelayNanos);
        number("neighborRateRatio", neighborRateRatio);
        end();
    }

    @Override
    public synchronized void notice(int port, String text) {
        begin(port, "notice");
        string("text", text);
        end();
    }

    @Override
    public synchronized void badPacket(int port, DecodeException error) {
        begin(port, "badPacket");
        string("error", error == null ? null : error.getMessage());
        end();
    }

    @Override
    public synchronized void clockStepped(long deltaNanos) {
        begin(0, "clockStepped");
        number("deltaNs", deltaNanos);
        end();
    }

    /** A line the daemon adds itself, e.g. a tx timestamp timeout, with one text field. */
    public synchronized void event(int port, String event, String key, String value) {
        begin(port, event);
        string(key, value);
        end();
    }

    /**
     * linuxptp's summary line ("rms N max N freq F +/- S delay D +/- S") as one object: rmsNs,
     * maxAbsNs, freqPpb (mean), freqStdPpb, pathDelayNs (mean, null without delay samples),
     * pathDelayStdNs, samples.
     */
    public synchronized void summary(int port, double rmsNanos, double maxAbsNanos, double freqMeanPpb, double freqStdPpb,
            double delayMeanNanos, double delayStdNanos, long samples) {
        begin(port, "summary");
        number("rmsNs", Math.round(rmsNanos * 10) / 10.0);
        number("maxAbsNs", Math.round(maxAbsNanos * 10) / 10.0);
        number("freqPpb", Math.round(freqMeanPpb * 10) / 10.0);
        number("freqStdPpb", Math.round(freqStdPpb * 10) / 10.0);
        number("pathDelayNs", samples > 0 && !Double.isNaN(delayMeanNanos) ? Math.round(delayMeanNanos * 10) / 10.0 : Double.NaN);
        number("pathDelayStdNs", samples > 0 && !Double.isNaN(delayStdNanos) ? Math.round(delayStdNanos * 10) / 10.0 : Double.NaN);
        number("samples", samples);
        end();
    }

    /** A printer line (warnings, errors) as {"event":"log","level":N,"text":...}; level is syslog's 0..7. */
    public synchronized void log(int level, CharSequence text) {
        begin(0, "log");
        line.append(",\"level\":").append(level);
        line.append(",\"text\":");
        Json.string(line, text);
        end();
    }

    private void begin(int port, String event) {
        line.setLength(0);
        long t = clockNanos.getAsLong();
        line.append("{\"ts\":");
        if (t < 0) {
            line.append('-');
            t = -t;
        }
        line.append(t / 1_000_000_000L).append('.');
        String frac = Long.toString(t % 1_000_000_000L);
        for (int i = frac.length(); i < 9; i++) line.append('0');
        line.append(frac);
        string("process", process);
        line.append(",\"port\":").append(port);
        string("event", event);
    }

    private void string(String key, String value) {
        line.append(",\"").append(key).append("\":");
        if (value == null) {
            line.append("null");
            return;
        }
        Json.string(line, value);
    }

    private void number(String key, long v) {
        line.append(",\"").append(key).append("\":").append(v);
    }

    private void number(String key, double v) {
        line.append(",\"").append(key).append("\":");
        // JSON has no NaN or Infinity
        if (Double.isNaN(v) || Double.isInfinite(v)) line.append("null");
        else line.append(v);
    }

    private void end() {
        line.append("}\n");
        try {
            out.append(line);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("json log: write failed", e);
        }
    }
}
