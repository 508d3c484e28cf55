package io.ptp4j.linux.clock;

/**
 * A software clock for tests and demos that anyone may discipline without privileges:
 * {@code time = base + (raw - raw0) * (1 + freqPpb / 1e9)} where raw is CLOCK_MONOTONIC_RAW (the
 * undisciplined oscillator). A frequency change re-bases at the current instant, so time is
 * continuous; a step adds to base.
 *
 * <p>Socket timestamps are CLOCK_REALTIME, so {@link #fromSocketTimestamp} first maps a REALTIME
 * stamp onto MONOTONIC_RAW with the relation measured right then (REALTIME, RAW, REALTIME read
 * back to back, best of three or more, the RAW read taken as the midpoint). The error this adds is
 * <ul>
 * <li>half the read window: ~20-60 ns (clock_gettime via FFM costs ~40 ns);</li>
 * <li>the drift of REALTIME against RAW between the stamp and the conversion: the NTP or PTP
 * frequency correction on REALTIME (typically &lt;= 50 ppm, at most 500 ppm) times that age, e.g.
 * 50 ns for a stamp converted 1 ms after it was taken at 50 ppm;</li>
 * <li>the whole size of any step of CLOCK_REALTIME made between the stamp and the conversion.</li>
 * </ul>
 * The event loop converts each stamp as soon as it reads it, so in practice the error stays below
 * 100 ns, well under the microsecond scatter of software timestamps. Reading it from another
 * thread (a dashboard) is safe; adjust and step it from one thread only.
 */
public final class VirtualClock implements ClockDevice {
    /** Where raw time and the REALTIME-to-RAW relation come from; {@link #system()} reads the kernel. */
    public interface TimeSource {
        /** CLOCK_MONOTONIC_RAW now, ns. */
        long monotonicRawNanos();

        /** CLOCK_REALTIME minus CLOCK_MONOTONIC_RAW now, ns. */
        long realtimeMinusRawNanos();
    }

    /** The largest frequency offset accepted: 10 % (far beyond any oscillator; sims may exaggerate). */
    public static final double MAX_FREQUENCY_PPB = 100_000_000;

    private final TimeSource source;
    private long base;
    private long raw0;
    private double freqPpb;
    private double factor;
    private VirtualClockFile publication;
    // kernel_leap: a second inserted (+1) or deleted (-1) at leapTarget (this clock's UTC
    // midnight), which falls at raw instant leapRaw; as the kernel does with STA_INS / STA_DEL
    private int leap;
    private long leapTarget, leapRaw = Long.MAX_VALUE;
    private static final long NS = 1_000_000_000L;

    /** A virtual clock over the kernel's MONOTONIC_RAW that reads {@code startNanos} now. */
    public VirtualClock(long startNanos) {
        this(startNanos, system());
    }

    /** A virtual clock over {@code source} that reads {@code startNanos} now. */
    public VirtualClock(long startNanos, TimeSource source) {
        this(startNanos, source.monotonicRawNanos(), source);
    }

    private VirtualClock(long startNanos, long raw0, TimeSource source) {
        this.source = source;
        this.raw0 = raw0;
        this.base = startNanos;
    }

    /** A virtual clock that starts at the current CLOCK_REALTIME (then drifts on its own). */
    public static VirtualClock startingAtRealtime() {
        TimeSource s = system();
        long offset = s.realtimeMinusRawNanos();
        long raw = s.monotonicRawNanos();
        return new VirtualClock(raw + offset, raw, s);
    }

    /**
     * Reads the kernel's clocks; safe from any thread (state per thread). REALTIME minus RAW moves
     * only as fast as the kernel's NTP frequency correction (ppm) or by a step, so it is measured
     * carefully once a second (the narrowest of 20 REALTIME, RAW, REALTIME brackets) and
     * extrapolated in between along the slope of the last two measurements: one RAW read per
     * conversion instead of three clock reads whose cost (which varies with the JIT) would add
     * noise. A step of CLOCK_REALTIME is followed within a second.
     */
    public static TimeSource system() {
        ThreadLocal<Relation> relations = ThreadLocal.withInitial(Relation::new);
        return new TimeSource() {
            @Override
            public long monotonicRawNanos() {
                return relations.get().time.monotonicRawNanos();
            }

            @Override
            public long realtimeMinusRawNanos() {
                return relations.get().now();
            }
        };
    }

    /** REALTIME - RAW for one thread: measured once a second, extrapolated in between. */
    private static final class Relation {
        static final long REFRESH_NANOS = 1_000_000_000L;
        final PosixTime time = new PosixTime();
        long atRaw = Long.MIN_VALUE, offset;
        double slope; // ns of offset change per ns of RAW

        long now() {
            long raw = time.monotonicRawNanos();
            if (atRaw == Long.MIN_VALUE || raw - atRaw >= REFRESH_NANOS || raw < atRaw) {
                measure();
                if (atRaw != Long.MIN_VALUE && measuredRaw > atRaw) {
                    double s = (double) (measuredOffset - offset) / (double) (measuredRaw - atRaw);
                    // more than 500 ppm apart is a step of REALTIME, not a rate: do not extrapolate it
                    slope = Math.abs(s) <= 500e-6 ? s : 0;
                }
                offset = measuredOffset;
                atRaw = measuredRaw;
            }
            return offset + Math.round(slope * (raw - atRaw));
        }

        long measuredOffset, measuredRaw;

        /** The narrowest of 20 brackets (more while preempted) into measuredOffset/measuredRaw. */
        void measure() {
            long best = 0, bestRaw = 0, window = Long.MAX_VALUE;
            for (int i = 0; i < 40 && (i < 20 || window > 2_000); i++) {
                long rt1 = time.realtimeNanos();
                long raw = time.monotonicRawNanos();
                long rt2 = time.realtimeNanos();
                if (rt2 - rt1 < window) {
                    window = rt2 - rt1;
                    best = rt1 + (rt2 - rt1) / 2 - raw;
                    bestRaw = raw;
                }
            }
            measuredOffset = best;
            measuredRaw = bestRaw;
        }
    }

    /** The virtual time at raw instant {@code raw} (after an armed leap second's instant, with it). */
    private long at(long raw) {
        long t = timeAt(base, raw0, factor, raw);
        return raw >= leapRaw ? t - leap * NS : t;
    }

    /**
     * This clock carries leap seconds itself, as the kernel does for CLOCK_REALTIME: armed with +1
     * it reads 23:59:59 twice at its next UTC midnight, with -1 it skips 23:59:59; 0 disarms.
     */
    @Override
    public boolean carriesLeapSeconds() {
        return true;
    }

    @Override
    public void armLeap(int leapSecond) {
        long raw = rawNowFolded();
        leap = leapSecond;
        if (leapSecond == 0) {
            leapRaw = Long.MAX_VALUE;
            return;
        }
        aimLeap(raw);
    }

    /** The armed leap falls at the clock's next UTC midnight from now (the kernel checks each second it ticks over). */
    private void aimLeap(long raw) {
        long day = 86_400L * NS;
        leapTarget = (Math.floorDiv(at(raw), day) + 1) * day - (leap < 0 ? NS : 0);
        leapRaw = rawFor(leapTarget);
    }

    /** The raw instant at which the clock (without the leap) reads {@code target}. */
    private long rawFor(long target) {
        return raw0 + (long) Math.ceil((target - base) / (1.0 + factor));
    }

    /** CLOCK_MONOTONIC_RAW now, read before a change: a leap whose instant has passed is folded in first. */
    private long rawNowFolded() {
        long raw = source.monotonicRawNanos();
        foldLeap(raw);
        return raw;
    }

    /** A leap whose instant has passed becomes part of the base, and nothing is armed any more. */
    private void foldLeap(long raw) {
        if (leap == 0 || raw < leapRaw) return;
        base -= leap * NS;
        leap = 0;
        leapRaw = Long.MAX_VALUE;
    }

    /** The one formula, shared with {@link VirtualClockFile} readers in other processes. */
    static long timeAt(long base, long raw0, double factor, long raw) {
        long dt = raw - raw0;
        return base + dt + Math.round(dt * factor);
    }

    /**
     * Publishes this clock's parameters to {@code file} now and after every adjustment, so other
     * processes can read this clock (phc2sys -s virtual:PATH). Null stops publishing.
     */
    public void publishTo(VirtualClockFile file) {
        this.publication = file;
        publish();
    }

    private void publish() {
        if (publication != null) publication.publish(base, raw0, freqPpb);
    }

    @Override
    public String name() {
        return "virtual";
    }

    @Override
    public long nowNanos() {
        return at(source.monotonicRawNanos());
    }

    @Override
    public void adjustFrequency(double ppb) {
        long raw = rawNowFolded();
        base = at(raw);
        raw0 = raw;
        freqPpb = Math.max(-MAX_FREQUENCY_PPB, Math.min(MAX_FREQUENCY_PPB, ppb));
        factor = freqPpb / 1e9;
        if (leap != 0) leapRaw = rawFor(leapTarget);
        publish();
    }

    @Override
    public double frequencyPpb() {
        return freqPpb;
    }

    @Override
    public void step(long deltaNanos) {
        long raw = rawNowFolded();
        base += deltaNanos;
        if (leap != 0) aimLeap(raw); // a step moves the clock to another day, perhaps: the next midnight from there
        publish();
    }

    @Override
    public double maxFrequencyPpb() {
        return MAX_FREQUENCY_PPB;
    }

    /** Exact: virtual and REALTIME are both functions of MONOTONIC_RAW, read once. */
    @Override
    public long minusRealtimeNanos() {
        long raw = source.monotonicRawNanos();
        return at(raw) - (raw + source.realtimeMinusRawNanos());
    }

    /** A CLOCK_REALTIME socket stamp in this clock's timescale (see the class comment for its error). */
    @Override
    public long fromSocketTimestamp(long realtimeNanos) {
        return at(realtimeNanos - source.realtimeMinusRawNanos());
    }
}
