package io.ptp4j.testkit;

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

    private final List<Sample> samples;

    private Offsets(List<Sample> samples) {
        this.samples = List.copyOf(samples);
    }

    /** Every "master offset" line of {@code log}. */
    public static Offsets of(String log) {
        List<Sample> l = new ArrayList<>();
        Matcher m = LINE.matcher(log);
        while (m.find()) {
            l.add(new Sample(Long.parseLong(m.group(1)), Integer.parseInt(m.group(2)), Long.parseLong(m.group(3)), Long.parseLong(m.group(4))));
        }
        return new Offsets(l);
    }

    public List<Sample> samples() {
        return samples;
    }

    public int size() {
        return samples.size();
    }

    /** The later half of the samples: the steady state, after the servo's start. */
    public Offsets secondHalf() {
        return new Offsets(samples.subList(samples.size() / 2, samples.size()));
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
