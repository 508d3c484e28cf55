package io.ptp4j.tools.ts2phc;

import io.ptp4j.linux.clock.ClockDevice;
import io.ptp4j.linux.clock.PosixTime;
import io.ptp4j.linux.clock.VirtualClock;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * ptp4j's stand-in for a PHC with a PPS input: a {@link VirtualClock} (never the system clock)
 * and edges injected as the clock's readings at the pulse instants. {@link #pulsesFromSystemClock}
 * feeds one edge per second of CLOCK_TAI, as a GPS PPS aligned to the generic source would; tests
 * inject edges themselves in simulated time. Channel 0.
 */
public final class VirtualSink implements PpsSink {
    private final String name;
    private final ClockDevice clock;
    private final BlockingQueue<ExttsEvent> events = new LinkedBlockingQueue<>();
    private volatile Thread feeder;

    public VirtualSink(String name, ClockDevice clock) {
        this.name = name;
        this.clock = clock;
    }

    /** An edge the clock stamped at {@code clockNanos} (its own reading at the pulse). */
    public void inject(long clockNanos) {
        events.add(new ExttsEvent(0, clockNanos));
    }

    /**
     * Starts a thread that, at each whole second of CLOCK_TAI, stamps an edge with the virtual
     * clock's reading at that instant (read right after wake-up, less the time since the second
     * began at the clock's rate).
     */
    public VirtualSink pulsesFromSystemClock() {
        Thread t = new Thread(() -> {
            PosixTime time = new PosixTime();
            try {
                while (true) {
                    long tai = time.nanos(GenericSource.CLOCK_TAI);
                    long sleepNanos = 1_000_000_000L - tai % 1_000_000_000L;
                    TimeUnit.NANOSECONDS.sleep(sleepNanos);
                    long v = clock.nowNanos();
                    long since = time.nanos(GenericSource.CLOCK_TAI) % 1_000_000_000L;
                    if (since > 500_000_000L) continue; // woke far too late: no edge this second
                    double rate = 1 + clock.frequencyPpb() / 1e9;
                    inject(v - Math.round(since * rate));
                }
            } catch (InterruptedException e) {
                // closed
            } catch (Exception e) {
                throw new IllegalStateException("virtual PPS feeder: " + e.getMessage(), e);
            }
        }, "ts2phc-virtual-pps");
        t.setDaemon(true);
        t.start();
        feeder = t;
        return this;
    }

    @Override
    public void arm() {}

    @Override
    public ExttsEvent awaitEvent(int timeoutMillis) throws InterruptedException {
        return events.poll(timeoutMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ClockDevice clock() {
        return clock;
    }

    @Override
    public void close() {
        Thread t = feeder;
        if (t != null) t.interrupt();
    }
}
