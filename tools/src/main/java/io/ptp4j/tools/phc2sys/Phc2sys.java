package io.ptp4j.tools.phc2sys;

import io.ptp4j.linux.NativeException;
import io.ptp4j.tools.config.PtpConfig;
import io.ptp4j.tools.log.Printer;
import io.ptp4j.tools.metrics.PtpMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * The running phc2sys (linuxptp phc2sys.c do_loop): every 1/R seconds, each sink is compared
 * with the source and updated. In automatic mode (-a) ptp4l's port states, polled over its
 * management socket, pick the source (the clock of the SLAVE port) and the sinks (the others,
 * the -c clocks, CLOCK_REALTIME with -r). One thread; {@link #stop} may come from another.
 */
final class Phc2sys implements AutoCloseable {
    private final Printer printer;
    private final double intervalSeconds;
    private final OffsetMeter meter;
    private final SinkUpdater updater;
    private final PmcAgent agent; // null: -O given and not -w (pmc_agent_disable)
    private final int forcedSyncOffsetSeconds; // valid when forced
    private final boolean forced;
    private final List<Phc2sysClock> clocks = new ArrayList<>();
    private final List<Phc2sysClock> sinks = new ArrayList<>();
    private final PtpMetrics metrics;
    private Phc2sysClock source;
    private volatile boolean running = true;
    private final java.util.concurrent.CountDownLatch closed = new java.util.concurrent.CountDownLatch(1);
    private long lastUtcQueryNanos;
    private boolean refreshUtcOffset = true;
    private final boolean kernelLeap;
    private long updates;

    // -a
    private final AutoConfig auto;

    Phc2sys(PtpConfig cfg, Printer printer, double intervalSeconds, int readings, long statsMaxCount, PmcAgent agent,
            Integer forcedOffsetSeconds, PtpMetrics metrics, AutoConfig auto) {
        this.printer = printer;
        this.intervalSeconds = intervalSeconds;
        this.meter = new OffsetMeter(readings);
        this.metrics = metrics;
        this.updater = new SinkUpdater(cfg, intervalSeconds, statsMaxCount, printer, metrics);
        this.agent = agent;
        this.forced = forcedOffsetSeconds != null;
        this.forcedSyncOffsetSeconds = forced ? forcedOffsetSeconds : 0;
        this.auto = auto;
        this.lastUtcQueryNanos = System.nanoTime();
        // linuxptp: free_running (and the ntpshm servo) turn kernel_leap off
        this.kernelLeap = cfg.getInt("kernel_leap") == 1 && cfg.getInt("free_running") == 0;
    }

    /** Static configuration: one source, the sinks in command-line order. */
    void configureStatic(Phc2sysClock src, List<Phc2sysClock> dsts) {
        source = src;
        clocks.add(src);
        for (Phc2sysClock d : dsts) {
            clocks.add(d);
            sinks.add(d);
        }
    }

    List<Phc2sysClock> sinks() {
        return sinks;
    }

    Phc2sysClock source() {
        return source;
    }

    long updates() {
        return updates;
    }

    void stop() {
        running = false;
    }

    boolean running() {
        return running;
    }

    /** do_loop: runs until {@link #stop}; a clock that cannot be read ends it with an error (exit 255). */
    int run() {
        long intervalNanos = Math.round(intervalSeconds * 1e9);
        boolean warm = false;
        if (source != null && !sinks.isEmpty()) {
            try {
                meter.warmUp(source, sinks.get(0), 300); // before the first interval, not in it
                warm = true;
            } catch (NativeException e) {
                printer.print(Printer.LOG_ERR, "failed to read clock: " + e.getMessage());
                return 255;
            }
        }
        while (running) {
            sleep(intervalNanos);
            if (!running) break;
            try {
                if (auto != null && auto.poll()) {
                    source = auto.source();
                    sinks.clear();
                    sinks.addAll(auto.sinks());
                }
                refreshUtcOffset();
                if (source == null) continue;
                if (!warm && !sinks.isEmpty()) {
                    meter.warmUp(source, sinks.get(0), 300);
                    warm = true;
                }
                for (int i = 0; i < sinks.size(); i++) {
                    Phc2sysClock dst = sinks.get(i);
                    if (dst.sameAs(source)) continue; // don't synchronize a clock to itself
                    if (!meter.measure(source, dst)) continue;
                    updater.servoAdd(dst);
                    if (handleLeap(source, dst, meter.offsetNanos, meter.sinkTimeNanos)) continue;
                    updater.update(dst, source.sourceLabel, meter.offsetNanos, meter.sinkTimeNanos, meter.delayNanos,
                            syncOffsetNanos(source, dst), metricsPort(dst));
                }
                updates++;
            } catch (NativeException e) {
                printer.print(Printer.LOG_ERR, "failed to read clock: " + e.getMessage());
                return 255;
            }
        }
        return 0;
    }

    static final long PHC_PPS_OFFSET_LIMIT = 10_000_000L;

    /**
     * do_pps_loop (-d): each PPS assert edge (CLOCK_REALTIME stamp) gives the sink's offset within
     * the second; with a PHC source (-s) the PHC gives the whole seconds (and its PPS output is
     * switched on). The sink is CLOCK_REALTIME; log label "pps", no delay.
     */
    int runPps(io.ptp4j.linux.clock.PpsDevice pps, Phc2sysClock dst, Phc2sysClock src) {
        if (src != null && src.phc != null && src.phc.caps().pps()) {
            try {
                src.phc.enablePps(true);
            } catch (NativeException e) {
                printer.print(Printer.LOG_WARNING, "failed to enable PPS output");
            }
        }
        clocks.add(dst);
        if (src != null) clocks.add(src);
        while (running) {
            long ppsTs;
            try {
                ppsTs = pps.fetchAssertNanos(10);
            } catch (NativeException e) {
                printer.print(Printer.LOG_ERR, "failed to fetch PPS: " + io.ptp4j.linux.Libc.strerror(e.errno()));
                sleep(1_000_000_000L); // linuxptp retries at once; a broken device would spin
                continue;
            }
            long ppsOffset = ppsTs % 1_000_000_000L;
            if (ppsOffset > 500_000_000L) ppsOffset -= 1_000_000_000L;
            try {
                if (src != null) {
                    meter.compare(src, dst);
                    long phcTs = meter.sinkTimeNanos - meter.offsetNanos; // the PHC's time
                    if (phcTs % 1_000_000_000L > PHC_PPS_OFFSET_LIMIT) {
                        printer.print(Printer.LOG_WARNING, "PPS is not in sync with PHC (0." + String.format("%09d", phcTs % 1_000_000_000L) + ")");
                        continue;
                    }
                    ppsOffset = ppsTs - phcTs / 1_000_000_000L * 1_000_000_000L;
                }
                updater.servoAdd(dst);
                if (src != null && handleLeap(src, dst, ppsOffset, ppsTs)) continue;
                // "the sync offset can't be applied with PPS alone"
                long sync = src == null ? 0 : syncOffsetNanos(src, dst);
                updater.update(dst, "pps", ppsOffset, ppsTs, -1, sync, 1);
            } catch (NativeException e) {
                printer.print(Printer.LOG_ERR, "failed to read clock: " + e.getMessage());
                return 255;
            }
        }
        return 0;
    }

    private int metricsPort(Phc2sysClock dst) {
        return auto == null ? sinks.indexOf(dst) + 1 : auto.metricsPort(dst);
    }

    /** get_sync_offset: -O seconds (sink minus source), or the UTC offset between a UTC and a TAI clock. */
    long syncOffsetNanos(Phc2sysClock src, Phc2sysClock dst) {
        if (forced) return -(long) forcedSyncOffsetSeconds * 1_000_000_000L;
        int direction = (dst.utc ? 1 : 0) - (src.utc ? 1 : 0);
        if (direction == 0 || agent == null) return 0;
        return (long) dst.syncOffsetSeconds * 1_000_000_000L * direction;
    }

    /**
     * clock_handle_leap: takes ptp4l's UTC offset and leap flags for this sink; between a UTC and
     * a TAI clock, suspends updates in the ambiguous last second of the day and arms the leap in
     * the kernel (CLOCK_REALTIME with kernel_leap) or in the servo; tells the kernel a traceable
     * TAI offset. True: skip this update.
     */
    boolean handleLeap(Phc2sysClock src, Phc2sysClock dst, long offset, long ts) throws NativeException {
        boolean ask = agent != null && !forced;
        int nodeLeap = ask ? agent.leap() : 0;
        dst.syncOffsetSeconds = ask ? agent.syncOffsetSeconds() : 0;
        if ((nodeLeap != 0 || dst.leapSet != 0) && dst.utc != src.utc) {
            if (src.utc) ts = src.device.nowNanos();
            if (dst.utc && dst.servoState == io.ptp4j.core.servo.ServoState.UNLOCKED) ts -= offset + syncOffsetNanos(src, dst);
            if (io.ptp4j.core.clock.LeapSecond.isUtcAmbiguous(ts)) {
                printer.print(Printer.LOG_INFO, "clock update suspended due to leap second");
                return true;
            }
            int[] leapAndOffset = {nodeLeap, dst.syncOffsetSeconds};
            int clockLeap = io.ptp4j.core.clock.LeapSecond.status(ts, dst.leapSet, leapAndOffset);
            dst.syncOffsetSeconds = leapAndOffset[1];
            if (dst.leapSet != clockLeap) {
                if (dst.device instanceof io.ptp4j.linux.clock.SystemClock sys && kernelLeap) {
                    String m = sys.setLeap(clockLeap);
                    if (m != null) printer.print(Printer.LOG_NOTICE, m);
                } else {
                    dst.servo.leap(clockLeap);
                }
                dst.leapSet = clockLeap;
            }
        }
        if (ask && agent.utcOffsetTraceable() && dst.utcOffsetSet != dst.syncOffsetSeconds) {
            if (dst.device instanceof io.ptp4j.linux.clock.SystemClock sys) sys.setTaiOffset(dst.syncOffsetSeconds);
            dst.utcOffsetSet = dst.syncOffsetSeconds;
        }
        return false;
    }

    /** pmc_agent_disable: keep the offset got at start, ask ptp4l no more. */
    void disableUtcRefresh() {
        refreshUtcOffset = false;
    }

    /** pmc_agent_update: the UTC offset is asked for again once a minute. */
    private void refreshUtcOffset() throws NativeException {
        if (agent == null || forced || !refreshUtcOffset) return;
        long now = System.nanoTime();
        if (now - lastUtcQueryNanos < 60_000_000_000L) return;
        lastUtcQueryNanos = now;
        if (!agent.queryUtcOffset(1000)) printer.print(Printer.LOG_ERR, "failed to get UTC offset");
    }

    private void sleep(long nanos) {
        long end = System.nanoTime() + nanos;
        for (long left = nanos; left > 0 && running; left = end - System.nanoTime()) LockSupport.parkNanos(this, left);
    }

    /** Management GETs for -a; exposed so AutoConfig and tests share one agent. */
    PmcAgent agent() {
        return agent;
    }

    /** Waits up to {@code millis} for {@link #close} (a shutdown hook lets the loop clean up). */
    void awaitClosed(long millis) throws InterruptedException {
        closed.await(millis, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        try {
            for (Phc2sysClock c : clocks) c.close();
            if (auto != null) auto.close();
            if (agent != null) agent.close();
        } finally {
            closed.countDown();
        }
    }
}
