package io.ptp4j.tools.bound;

import io.ptp4j.time.BoundedClock;
import io.ptp4j.time.BoundedTime;
import io.ptp4j.time.BoundedTimeException;
import io.ptp4j.time.ClockBoundLayout;
import io.ptp4j.time.ClockBoundSegment;
import io.ptp4j.time.ClockStatus;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;

/**
 * {@code ptp4j clockbound [PATH] [--vclock FILE] [--rate HZ --seconds S] [--check-realtime]}:
 * reads a ClockBound segment through ptp4j-time, as an application does. Once: the segment's
 * fields and [earliest, latest] now. With --rate: that many reads a second for --seconds, a line
 * every 10 s and a summary. With --check-realtime
 * with a virtual clock (--vclock) each trusted read is judged against CLOCK_REALTIME at the
 * instant it was taken, the truth where the virtual clock is disciplined against a master on
 * this machine's clock. Exit status 1 when a read missed it, 2 when the segment cannot be read.
 */
public final class ClockBoundCommand {
    private ClockBoundCommand() {}

    /** A CLOCK_REALTIME read bracketed wider than this (the reader was preempted) is not judged. */
    static final long TIGHT_NANOS = 500;

    /** clockbound's command line: the parser below accepts exactly these rows (SubcommandTablesTest). */
    public static final io.ptp4j.tools.cli.OptionTable OPTIONS = io.ptp4j.tools.cli.OptionTable.builder("[PATH] [options]")
            .section(null, 22)
            .operand("PATH", "the ClockBound segment (default " + ClockBoundLayout.DEFAULT_PATH + ")")
            .longOption("vclock", "FILE", "the ptp4j virtual clock the segment describes")
            .longOption("rate", "HZ", "read HZ times a second and report (default: one read)")
            .longOption("seconds", "S", "with --rate: for S seconds (default 10)")
            .longOption("check-realtime", null, "with --vclock: judge each read against CLOCK_REALTIME")
            .flag('h', "prints this message and exits")
            .trailer("\n");

    public static int run(String[] args, PrintStream out, PrintStream err) {
        Path path = Path.of(ClockBoundLayout.DEFAULT_PATH), vclock = null;
        double rate = 0, seconds = 10;
        boolean check = false;
        io.ptp4j.linux.clock.VirtualClockFile truth = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--vclock" -> vclock = Path.of(args[++i]);
                case "--rate" -> rate = Double.parseDouble(args[++i]);
                case "--seconds" -> seconds = Double.parseDouble(args[++i]);
                case "--check-realtime" -> check = true;
                case "-h", "--help" -> {
                    out.print(OPTIONS.usage("ptp4j clockbound"));
                    return 0;
                }
                default -> {
                    if (args[i].startsWith("-")) {
                        err.println("clockbound: unknown option '" + args[i] + "'");
                        return 2;
                    }
                    path = Path.of(args[i]);
                }
            }
        }
        if (check && vclock == null) {
            err.println("clockbound: --check-realtime judges a virtual clock's bound (--vclock): CLOCK_REALTIME is the truth only for it");
            return 2;
        }
        try (BoundedClock clock = open(path, vclock, rate > 0 ? 10_000 : 0)) {
            if (rate <= 0) return once(clock, out);
            if (check) truth = io.ptp4j.linux.clock.VirtualClockFile.open(vclock);
            try {
                return probe(clock, truth, rate, seconds, out);
            } finally {
                if (truth != null) truth.close();
            }
        } catch (java.io.IOException e) {
            err.println("clockbound: " + e.getMessage());
            return 2;
        } catch (BoundedTimeException e) {
            err.println("clockbound: " + e.getMessage());
            return 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 2;
        }
    }

    /**
     * Opens the segment; with {@code waitMillis} (probing a daemon that is just starting) a
     * segment that is missing or not yet written is waited for that long.
     */
    static BoundedClock open(Path path, Path vclock, long waitMillis) throws InterruptedException {
        long until = System.nanoTime() + waitMillis * 1_000_000;
        for (;;) {
            try {
                return vclock == null ? BoundedClock.open(path) : BoundedClock.openVirtual(path, vclock);
            } catch (BoundedTimeException e) {
                boolean early = e.reason() == BoundedTimeException.Reason.MISSING || e.reason() == BoundedTimeException.Reason.NOT_INITIALIZED;
                if (!early || System.nanoTime() > until) throw e;
                Thread.sleep(50);
            }
        }
    }

    private static int once(BoundedClock clock, PrintStream out) {
        ClockBoundSegment s = clock.segment();
        BoundedTime t = clock.now();
        out.printf(Locale.ROOT, "%s: ClockBound v%d, generation %d, status %s, bound %d ns + %d ppb, as of %.3f s ago, void in %.3f s, disruption marker %d%n",
                clock.path(), s.version(), s.generation(), s.clockStatus(), s.boundNanos(), s.maxDriftPpb(),
                (System.nanoTime() - s.asOfNanos()) / 1e9, (s.voidAfterNanos() - System.nanoTime()) / 1e9, s.disruptionMarker());
        out.printf(Locale.ROOT, "now: [%s, %s] (±%d ns) %s%n", Instant.ofEpochSecond(0, t.earliestNanos()), Instant.ofEpochSecond(0, t.latestNanos()),
                t.widthNanos() / 2, t.status());
        return 0;
    }

    /**
     * Reads at {@code rate} Hz. With {@code truth} (a virtual clock's file) each trusted read is
     * judged against CLOCK_REALTIME at the very instant it was taken: the interval's centre is the
     * virtual clock's reading, the clock's published parameters give the CLOCK_MONOTONIC_RAW
     * instant of that reading (when they did not change during the read), and CLOCK_REALTIME -
     * CLOCK_MONOTONIC_RAW, measured just before and after (each bracketed by two raw reads), gives
     * CLOCK_REALTIME then, to within a few tens of ns. A read is inside when the interval holds
     * that truth with its uncertainty, outside when it misses it by more, undecided in between.
     */
    static int probe(BoundedClock clock, io.ptp4j.linux.clock.VirtualClockFile truth, double rate, double seconds, PrintStream out)
            throws InterruptedException {
        io.ptp4j.linux.clock.PosixTime time = io.ptp4j.linux.clock.PosixTime.forThisThread();
        long period = (long) (1e9 / rate), start = System.nanoTime(), end = start + (long) (seconds * 1e9);
        int n = (int) Math.min(Integer.MAX_VALUE - 8, (long) (rate * seconds) + 16);
        long[] widths = new long[n];
        int reads = 0, trusted = 0, judged = 0, outside = 0, undecided = 0, unjudged = 0, stale = 0, windowStart = 0;
        int[] statuses = new int[ClockStatus.values().length];
        long worstMargin = Long.MAX_VALUE;
        String first = null;
        long next = start, nextReport = start + 10_000_000_000L;
        long[] cal = new long[2];
        while (System.nanoTime() < end && reads < n) {
            long before = realtimeMinusRaw(time, cal), beforeUnc = cal[1];
            long seq1 = truth == null ? 0 : truth.sequence();
            BoundedTime t;
            try {
                t = clock.now();
            } catch (BoundedTimeException e) {
                stale++;
                t = null;
            }
            long seq2 = truth == null ? 0 : truth.sequence();
            long after = realtimeMinusRaw(time, cal), afterUnc = cal[1];
            reads++;
            if (t != null) {
                statuses[t.status().ordinal()]++;
                if (t.trusted()) {
                    widths[trusted++] = t.widthNanos();
                    if (truth != null) {
                        if (seq1 != seq2 || (seq1 & 1) != 0 || Math.max(beforeUnc, afterUnc) > TIGHT_NANOS || Math.abs(after - before) > TIGHT_NANOS) {
                            unjudged++; // the clock was adjusted mid-read, or a read was preempted
                        } else {
                            long centre = t.earliestNanos() + t.widthNanos() / 2;
                            long raw = truth.rawAt(centre);
                            long offset = (before + after) / 2;
                            long unc = Math.max(beforeUnc, afterUnc) + Math.abs(after - before) / 2 + 2;
                            long real = raw + offset;
                            judged++;
                            long margin = Math.min(real - t.earliestNanos(), t.latestNanos() - real); // how far inside
                            worstMargin = Math.min(worstMargin, margin);
                            if (margin < -unc) {
                                outside++;
                                if (first == null) first = describe(t, real, unc, start);
                            } else if (margin < unc) {
                                undecided++;
                                if (undecided <= 5) out.printf(Locale.ROOT, "undecided at %.3f s: margin %d ns, uncertainty %d ns, width %d ns, %s%n",
                                        (System.nanoTime() - start) / 1e9, margin, unc, t.widthNanos(), t.status());
                            }
                        }
                    }
                }
            }
            long now = System.nanoTime();
            if (now >= nextReport) {
                long[] w = Arrays.copyOfRange(widths, windowStart, trusted);
                Arrays.sort(w);
                out.printf(Locale.ROOT, "%6.0f s  reads %d  trusted %d  width median %s p99 %s  %s%s%n", (now - start) / 1e9, reads, trusted,
                        w.length == 0 ? "-" : w[w.length / 2] + " ns", w.length == 0 ? "-" : w[Math.min(w.length - 1, (int) (w.length * 0.99))] + " ns",
                        t == null ? "stale" : t.status(), truth != null ? "  outside " + outside + " of " + judged : "");
                windowStart = trusted;
                nextReport += 10_000_000_000L;
            }
            next += period;
            long sleep = next - System.nanoTime();
            if (sleep > 0) Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
        }
        long[] w = Arrays.copyOf(widths, trusted);
        Arrays.sort(w);
        out.printf(Locale.ROOT, "summary: reads %d trusted %d judged %d outside %d undecided %d unjudged %d stale %d worst_margin_ns %s"
                        + " width_median_ns %s width_p99_ns %s width_max_ns %s status SYNCHRONIZED=%d FREE_RUNNING=%d UNKNOWN=%d DISRUPTED=%d%n",
                reads, trusted, judged, outside, undecided, unjudged, stale, worstMargin == Long.MAX_VALUE ? "-" : worstMargin,
                w.length == 0 ? "-" : w[w.length / 2], w.length == 0 ? "-" : w[Math.min(w.length - 1, (int) (w.length * 0.99))],
                w.length == 0 ? "-" : w[w.length - 1], statuses[ClockStatus.SYNCHRONIZED.ordinal()], statuses[ClockStatus.FREE_RUNNING.ordinal()],
                statuses[ClockStatus.UNKNOWN.ordinal()], statuses[ClockStatus.DISRUPTED.ordinal()]);
        if (first != null) out.println("first outside: " + first);
        return outside == 0 ? 0 : 1;
    }

    /** CLOCK_REALTIME - CLOCK_MONOTONIC_RAW, with cal[1] = its uncertainty (half the raw bracket around the realtime read). */
    private static long realtimeMinusRaw(io.ptp4j.linux.clock.PosixTime time, long[] cal) {
        long r1 = time.monotonicRawNanos(), real = time.realtimeNanos(), r2 = time.monotonicRawNanos();
        cal[1] = (r2 - r1 + 1) / 2 + 1;
        return real - (r1 + (r2 - r1) / 2);
    }

    private static String describe(BoundedTime t, long real, long unc, long start) {
        return String.format(Locale.ROOT, "at %.3f s: [%d, %d] %s, CLOCK_REALTIME then %d +- %d (earliest %+d, latest %+d from it)",
                (System.nanoTime() - start) / 1e9, t.earliestNanos(), t.latestNanos(), t.status(), real, unc, t.earliestNanos() - real,
                t.latestNanos() - real);
    }
}
