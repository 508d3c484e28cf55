package io.ptp4j.tools.ts2phc;

import static org.junit.jupiter.api.Assertions.*;

import io.ptp4j.linux.clock.VirtualClock;
import io.ptp4j.tools.config.PtpConfig;
import io.ptp4j.tools.log.Printer;
import io.ptp4j.tools.log.StreamSink;
import io.ptp4j.linux.clock.OscillatorErrorClock;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The ts2phc servo loop in simulated time: a virtual "PHC" whose oscillator runs 25 ppm fast and
 * starts 3.2 ms off, stamping a PPS edge at every true second; the generic source reads the true
 * time 4 ms after the edge. Nothing sleeps and no real clock is touched.
 */
class Ts2phcServoLoopTest {
    static final long T0 = 1_767_225_600L * 1_000_000_000L; // a whole second, TAI
    static final Pattern LINE = Pattern.compile("^ts2phc\\[\\d+\\.\\d{3}\\]: /dev/ptp0 offset (.{10}) (s\\d) freq (.{7})$");

    /** Simulated time: raw oscillator time runs {@code errorPpb} fast against true time. */
    static final class Sim {
        final long[] trueElapsed = {0};
        final VirtualClock inner;
        final OscillatorErrorClock phc;
        final VirtualSink sink;
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final Ts2phcLog log;
        final long latencyNanos;
        final Random jitter = new Random(42);
        final long jitterNanos;

        Sim(long startOffsetNanos, double errorPpb, long latencyNanos, long jitterNanos) throws Exception {
            VirtualClock.TimeSource ts = new VirtualClock.TimeSource() {
                @Override
                public long monotonicRawNanos() {
                    return trueElapsed[0];
                }

                @Override
                public long realtimeMinusRawNanos() {
                    return T0;
                }
            };
            inner = new VirtualClock(T0 + startOffsetNanos, ts);
            phc = new OscillatorErrorClock(inner, errorPpb);
            sink = new VirtualSink("/dev/ptp0", phc);
            long[] fakeMonotonic = {0};
            Printer p = new Printer("ts2phc", () -> fakeMonotonic[0] += 1_000_000_000L).level(7)
                    .verbose(new StreamSink(out, out));
            log = Ts2phcLog.of(p);
            this.latencyNanos = latencyNanos;
            this.jitterNanos = jitterNanos;
        }

        PpsSource source() {
            return new PpsSource() {
                @Override
                public OptionalLong ppsTimeNanos() {
                    return OptionalLong.of(T0 + trueElapsed[0] + latencyNanos);
                }

                @Override
                public String name() {
                    return "generic";
                }
            };
        }

        /** Runs {@code seconds} pulses through the loop; returns the servo. */
        SinkServo run(PtpConfig cfg, int seconds) throws Exception {
            SinkServo servo = Ts2phcMain.servo(cfg, sink, log);
            Ts2phcLoop loop = new Ts2phcLoop(source(), List.of(servo), log);
            for (int k = 1; k <= seconds; k++) {
                trueElapsed[0] = k * 1_000_000_000L;
                long edge = phc.nowNanos() + (jitterNanos == 0 ? 0 : (long) (jitter.nextGaussian() * jitterNanos));
                sink.inject(edge);
                assertEquals(1, loop.pollOnce(0));
            }
            assertEquals(0, loop.pollOnce(0), "no edge, no sample");
            return servo;
        }

        List<String> infoLines() {
            List<String> l = new ArrayList<>();
            for (String s : out.toString().split("\n")) if (s.contains(" offset ") && !s.contains("extts")) l.add(s);
            return l;
        }
    }

    /** A config with these key, value pairs set. */
    static PtpConfig config(String... keyValues) throws Exception {
        PtpConfig cfg = new PtpConfig();
        for (int k = 0; k < keyValues.length; k += 2) cfg.setOption(keyValues[k], keyValues[k + 1]);
        return cfg;
    }

    @Test
    void piServoLocksOntoThePpsAndLogsLikeLinuxptp() throws Exception {
        Sim sim = new Sim(3_200_000, 25_000, 4_000_000, 0);
        SinkServo servo = sim.run(new PtpConfig(), 40);
        List<String> lines = sim.infoLines();
        assertEquals(40, lines.size());
        List<Long> offsets = new ArrayList<>();
        List<String> states = new ArrayList<>();
        for (String l : lines) {
            Matcher m = LINE.matcher(l);
            assertTrue(m.matches(), "linuxptp's '%s offset %10d s%d freq %+7.0f': " + l);
            offsets.add(Long.parseLong(m.group(1).strip()));
            states.add(m.group(2));
        }
        System.out.println(String.join("\n", lines.subList(0, 6)) + "\n...\n" + String.join("\n", lines.subList(34, 40)));
        assertEquals(3_200_000 + 25_000, offsets.get(0), 1, "first edge: start offset plus one second of 25 ppm");
        assertEquals(List.of("s0", "s1"), states.subList(0, 2), "PI servo: sample, then frequency estimate and step");
        for (String s : states.subList(2, 40)) assertEquals("s2", s);
        for (long o : offsets.subList(30, 40)) assertTrue(Math.abs(o) <= 1, "locked to the ns: " + offsets);
        // the clock's own oscillator error cancelled: the servo sets -25 ppm, linuxptp prints +25000
        assertEquals(-25_000, sim.phc.frequencyPpb(), 0.5);
        assertEquals(-25_000, servo.lastFreqPpb(), 0.5);
        assertTrue(lines.get(39).endsWith("freq  +25000"), lines.get(39));
        assertEquals(T0 + 40_000_000_000L, sim.phc.nowNanos(), 1, "the PHC reads the true time");
    }

    @Test
    void jitteryEdgesStillConverge() throws Exception {
        Sim sim = new Sim(-80_000, -12_000, 10_000_000, 200);
        sim.run(new PtpConfig(), 60);
        List<Long> offsets = new ArrayList<>();
        for (String l : sim.infoLines()) {
            Matcher m = LINE.matcher(l);
            assertTrue(m.matches(), l);
            offsets.add(Long.parseLong(m.group(1).strip()));
        }
        for (long o : offsets.subList(40, 60)) assertTrue(Math.abs(o) < 1_000, "within 1 us with 200 ns edge jitter: " + offsets);
        assertEquals(12_000, sim.phc.frequencyPpb(), 500, "within the proportional kick of a few hundred ns of jitter");
    }

    @Test
    void freeRunningOnlyMeasures() throws Exception {
        Sim sim = new Sim(1_000, 1_000, 4_000_000, 0);
        sim.run(config("free_running", "1"), 5);
        List<String> lines = sim.infoLines();
        assertTrue(lines.get(4).matches("ts2phc\\[\\d+\\.\\d{3}\\]: /dev/ptp0 offset       6000"), lines.get(4));
        assertEquals(0, sim.phc.frequencyPpb(), 0.0, "never adjusted");
    }

    @Test
    void correctionPolarityAndMissingSourceTime() throws Exception {
        Sim sim = new Sim(0, 0, 0, 0);
        PtpConfig cfg = config("ts2phc.extts_correction", "-150", "ts2phc.extts_polarity", "both", "ts2phc.pulsewidth", "100000000",
                "free_running", "1");
        SinkServo servo = Ts2phcMain.servo(cfg, sim.sink, sim.log);
        long edge = T0 + 5_000_000_000L + 1_000;
        servo.onEvent(new ExttsEvent(0, edge), OptionalLong.of(T0 + 5_020_000_000L));
        assertEquals(850, servo.lastOffsetNanos(), "stamp + correction - second of the source");
        servo.onEvent(new ExttsEvent(0, edge + 100_000_000L), OptionalLong.of(T0 + 5_120_000_000L));
        assertTrue(sim.out.toString().contains("/dev/ptp0 SKIP extts index 0 at "), "falling edge inside the pulse skipped: " + sim.out);
        assertEquals(850, servo.lastOffsetNanos());
        servo.onEvent(new ExttsEvent(0, edge + 1_000_000_000L), OptionalLong.of(T0 + 5_960_000_000L));
        assertEquals(850, servo.lastOffsetNanos(), "a source read past .5 s belongs to the next second");
        servo.onEvent(new ExttsEvent(0, edge), OptionalLong.empty());
        assertTrue(sim.out.toString().contains("/dev/ptp0 ignoring invalid master time stamp"));
        servo.onEvent(new ExttsEvent(3, edge), OptionalLong.of(T0));
        assertTrue(sim.out.toString().contains("extts on unexpected channel"));
    }
}
