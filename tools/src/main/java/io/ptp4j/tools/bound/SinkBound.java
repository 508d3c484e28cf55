package io.ptp4j.tools.bound;

import io.ptp4j.core.bound.ErrorBound;
import io.ptp4j.core.bound.ErrorBoundEstimator;
import io.ptp4j.linux.clockbound.ClockBoundWriter;
import io.ptp4j.time.BoundedClock;
import io.ptp4j.time.BoundedTimeException;
import io.ptp4j.time.ClockBoundSegment;
import java.nio.file.Path;
import java.util.function.LongSupplier;

/**
 * phc2sys's clock error bound for the system clock it disciplines. The system clock's error is
 * its offset from the source (the PHC ptp4l disciplines) plus the source's own error, so the
 * source's published bound (ptp4l writes it next to its socket, {@code uds_address.clockbound})
 * takes the place of the grandmaster's accuracy, and half the read window of each PHC-to-system
 * comparison takes the place of the path asymmetry: the same {@link ErrorBoundEstimator}, fed by
 * phc2sys's updates. Without a trusted source bound there is no measurement, only holdover.
 */
public final class SinkBound implements AutoCloseable {
    private final Path sourceSegment;
    private final ClockBoundWriter writer;
    private final LongSupplier monotonicNanos;
    private final ErrorBoundEstimator estimator = new ErrorBoundEstimator();
    private BoundedClock source;
    private long nextOpenAttempt;

    public SinkBound(Path sourceSegment, ClockBoundWriter writer, LongSupplier monotonicNanos, double initialFreqPpb) {
        this.sourceSegment = sourceSegment;
        this.writer = writer;
        this.monotonicNanos = monotonicNanos;
        estimator.frequency(monotonicNanos.getAsLong(), initialFreqPpb);
    }

    /** The source's bound now, ns, or -1 when there is none to trust (missing, stale, untrusted). */
    double sourceBoundNanos(long now) {
        if (source == null) {
            if (now < nextOpenAttempt) return -1;
            try {
                source = BoundedClock.open(sourceSegment);
            } catch (BoundedTimeException e) {
                nextOpenAttempt = now + 5_000_000_000L; // ptp4l may start later
                return -1;
            }
        }
        ClockBoundSegment s = source.segment();
        if (!s.clockStatus().trusted() || now >= s.voidAfterNanos()) return -1;
        return s.boundAt(now);
    }

    /**
     * One phc2sys update, after the servo acted.
     *
     * @param offsetNanos sink minus source, as the servo saw it
     * @param delayNanos the comparison's read window (negative: none, e.g. PPS)
     * @param stepNanos the step made for this update (0 when none)
     * @param freqPpb the frequency set on the sink after it
     */
    public void sample(long offsetNanos, long delayNanos, long stepNanos, double freqPpb) {
        long now = monotonicNanos.getAsLong();
        if (stepNanos != 0) estimator.stepped(now, stepNanos);
        estimator.sample(now, offsetNanos, stepNanos, Math.max(0, delayNanos) / 2.0, sourceBoundNanos(now));
        estimator.frequency(now, freqPpb);
        writer.publish(estimator.publish(now));
    }

    /** The last bound published (tests, diagnostics). */
    public ErrorBound publish() {
        long now = monotonicNanos.getAsLong();
        ErrorBound b = estimator.publish(now);
        writer.publish(b);
        return b;
    }

    public Path path() {
        return writer.path();
    }

    @Override
    public void close() {
        if (source != null) source.close();
        writer.close();
    }
}
