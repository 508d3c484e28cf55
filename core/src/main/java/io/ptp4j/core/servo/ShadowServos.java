package io.ptp4j.core.servo;

import java.util.ArrayList;
import java.util.List;

/**
 * Servos that run beside the one that steers, on the same samples, to compare them live
 * (ptp4j's {@code shadow_servos pi,linreg,kalman}). Each shadow disciplines an imagined clock:
 * the real clock plus the phase difference that its own frequencies and steps, instead of the
 * real servo's, would have made. Its input is the measured offset plus that difference, so its
 * would-be offset is what the real clock would show had that servo been in charge (with the
 * same measurement noise). Nothing is allocated per sample.
 */
public final class ShadowServos {
    private final String[] names;
    private final Servo[] servos;
    /** Imagined clock minus real clock, ns. */
    private final double[] phase;
    private final double[] freq;
    private final long[] offsets;
    private long lastTime;
    private boolean haveLast;

    private ShadowServos(List<String> names, ServoConfig cfg, double initialFreqPpb) {
        int n = names.size();
        this.names = names.toArray(new String[0]);
        this.servos = new Servo[n];
        this.phase = new double[n];
        this.freq = new double[n];
        this.offsets = new long[n];
        for (int i = 0; i < n; i++) {
            servos[i] = Servos.create(this.names[i], cfg, initialFreqPpb);
            freq[i] = initialFreqPpb;
        }
    }

    /**
     * The shadows a {@code shadow_servos} list names, less the one that steers; null when none.
     * @throws IllegalArgumentException naming an unknown servo
     */
    public static ShadowServos of(String list, String steering, ServoConfig cfg, double initialFreqPpb) {
        if (list == null || list.isBlank()) return null;
        List<String> names = new ArrayList<>();
        for (String s : list.split("[,\\s]+")) {
            if (s.isEmpty()) continue;
            if (!Servos.NAMES.contains(s)) {
                throw new IllegalArgumentException("shadow_servos: unknown servo '" + s + "' (" + String.join(", ", Servos.NAMES) + ")");
            }
            if (!s.equals(steering) && !names.contains(s)) names.add(s);
        }
        return names.isEmpty() ? null : new ShadowServos(names, cfg, initialFreqPpb);
    }

    public int size() {
        return servos.length;
    }

    public String name(int i) {
        return names[i];
    }

    /** Shadow {@code i}'s would-be offset at the last sample, ns. */
    public long offset(int i) {
        return offsets[i];
    }

    public ServoState state(int i) {
        return servos[i].state();
    }

    /** The frequency shadow {@code i} would have set, ppb. */
    public double frequency(int i) {
        return freq[i];
    }

    /**
     * One sample, before the real servo's action on it.
     * @param realFreqPpb the frequency the real clock ran at since the last sample
     */
    public void sample(long offsetNanos, long localTimeNanos, double weight, double realFreqPpb, double syncIntervalSeconds) {
        double dt = haveLast ? (localTimeNanos - lastTime) / 1e9 : 0;
        lastTime = localTimeNanos;
        haveLast = true;
        for (int i = 0; i < servos.length; i++) {
            phase[i] += (freq[i] - realFreqPpb) * dt;
            long o = Math.round(offsetNanos + phase[i]);
            offsets[i] = o;
            Servo s = servos[i];
            s.syncInterval(syncIntervalSeconds);
            // the imagined clock reads the real one plus its phase difference
            double ppb = s.sample(o, localTimeNanos + Math.round(phase[i]), weight);
            switch (s.state()) {
                case JUMP -> {
                    phase[i] -= o;
                    freq[i] = ppb;
                }
                case LOCKED, LOCKED_STABLE -> freq[i] = ppb;
                case UNLOCKED -> { }
            }
        }
    }

    /** The real clock was stepped by {@code deltaNanos}; the imagined ones were not. */
    public void realStepped(long deltaNanos) {
        for (int i = 0; i < phase.length; i++) phase[i] -= deltaNanos;
        lastTime += deltaNanos;
    }

    /** Forgets the samples (a new master). */
    public void reset() {
        for (Servo s : servos) s.reset();
        haveLast = false;
    }
}
