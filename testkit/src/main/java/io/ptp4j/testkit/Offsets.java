package io.ptp4j.testkit;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The servo samples in a ptp4l log, linuxptp's or ptp4j's ("master offset -322 s2 freq +10442 path
 * delay 2767"), in order. Interop tests run every daemon free on the one machine clock, so the
 * true offset is 0 and a {@link #medianOffset()} far from 0 is a fault.
 */
public final class Offsets {
    static final Pattern LINE = Pattern.compile("master offset +(-?\\d+) s(\\d) freq +([+-]\\d+) path delay +(-?\\d+)");

    /** One line: offset (ns), servo state (0 unlocked, 1 step, 2 locked), frequency (ppb), path or peer delay (ns). */
    public record Sample(long offset, int state, long freq, long delay) {}

    /** Free daemons on one clock, software timestamps on veth: the median offset stays well inside this (ns). */
    public static final long NEAR_ZERO = 5_000;
    /** A plausible median path or peer delay on veth with software timestamps (ns), exclusive bounds 0 and this. */
    public static final long MAX_DELAY = 50_000;

    private final List<Sample> samples;
    private final String log;

    private Offsets(List<Sample> samples, String log) {
        this.samples = List.copyOf(samples);
        this.log = log;
    }

    /** Every "master offset" line of {@code log}. */
    public static Offsets of(String log) {
        List<Sample> l = new ArrayList<>();
        Matcher m = LINE.matcher(log);
        while (m.find()) {
            l.add(new Sample(Long.parseLong(m.group(1)), Integer.parseInt(m.group(2)), Long.parseLong(m.group(3)), Long.parseLong(m.group(4))));
        }
        return new Offsets(l, log);
    }

    public List<Sample> samples() {
        return samples;
    }

    public int size() {
        return samples.size();
    }

    /** The later half of the samples: the steady state, after the servo's start. */
    public Offsets secondHalf() {
        return new Offsets(samples.subList(samples.size() / 2, samples.size()), log);
    }

    /** Fails, showing the log's end, unless there are at least {@code n} samples. */
    public Offsets atLeast(int n) {
        assertTrue(samples.size() >= n, "wanted " + n + " or more 'master offset' lines, got " + samples.size() + "; log:\n" + Logs.tail(log, 40));
        return this;
    }

    /**
     * Prints the medians, then fails unless the median offset is within {@link #NEAR_ZERO} of 0
     * (every daemon of an interop test reads the one machine clock: the true offset is 0).
     */
    public Offsets assertNearZero(String what) {
        long off = medianOffset();
        System.out.printf("%s: median offset %d ns, median delay %d ns over %d samples%n", what, off, medianDelay(), samples.size());
        assertTrue(Math.abs(off) < NEAR_ZERO, what + ": offset consistent with 0: " + off);
        return this;
    }

    /** Fails unless the median path (or peer) delay lies between 0 and {@link #MAX_DELAY}. */
    public Offsets assertDelayPlausible(String what) {
        long d = medianDelay();
        assertTrue(d > 0 && d < MAX_DELAY, what + ": path delay " + d);
        return this;
    }

    public long medianOffset() {
        return median(Sample::offset);
    }

    public long medianDelay() {
        return median(Sample::delay);
    }

    private long median(ToLongFunction<Sample> f) {
        if (samples.isEmpty()) throw new AssertionError("no 'master offset' lines");
        return median(samples.stream().map(s -> f.applyAsLong(s)).toList());
    }

    /** The median (the upper one of an even count). */
    public static long median(List<Long> values) {
        List<Long> s = new ArrayList<>(values);
        s.sort(null);
        return s.get(s.size() / 2);
    }

    @Override
    public String toString() {
        return samples.size() + " samples" + (samples.isEmpty() ? "" : ", median offset " + medianOffset() + " ns, median delay " + medianDelay() + " ns");
    }
}
