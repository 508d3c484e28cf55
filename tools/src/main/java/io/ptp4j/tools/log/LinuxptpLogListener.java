package io.ptp4j.tools.log;

import io.ptp4j.core.engine.EngineListener;
import io.ptp4j.core.port.PortEvent;
import io.ptp4j.core.port.PortState;
import io.ptp4j.core.servo.ServoState;

/**
 * Prints the engine's events as linuxptp 4.x's ptp4l does (port.c, clock.c): port lines are
 * prefixed "port N (ifname): ", servo samples are one "master offset" line each, or, when
 * summary_interval exceeds the sync interval, one "rms ... max ..." line per 2^summary_interval
 * seconds (clock.c clock_stats_update/display). No allocation per sample.
 *
 * <p>With {@link #rateLimited} (the daemon), notices a peer can repeat at will (new foreign
 * master, bad message, port errors) are limited per port and kind, with a summary line of what
 * was left out ({@link LogRateLimit}).
 */
public final class LinuxptpLogListener implements EngineListener {
    private final Printer printer;
    private final String[] portNames;
    private final StringBuilder msg = new StringBuilder(160);
    private final SummaryStats offset = new SummaryStats();
    private final SummaryStats freq = new SummaryStats();
    private final SummaryStats delay = new SummaryStats();
    private final int summaryInterval;
    private final boolean freeRunning;
    private final int freqEstInterval;
    private long maxCount;
    private LogRateLimit limit;
    private final LogRateLimit.SummarySink summary = this::printSummary;

    /**
     * @param portNames interface names, index 0 for port 1 (linuxptp numbers ports from 1)
     * @param summaryInterval the summary_interval key (log2 seconds)
     * @param logSyncInterval the slave port's current log2 sync interval
     */
    public LinuxptpLogListener(Printer printer, String[] portNames, int summaryInterval, int logSyncInterval) {
        this(printer, portNames, summaryInterval, logSyncInterval, false, 1);
    }

    /**
     * For free_running 1: linuxptp then reports one sample per frequency-estimation interval
     * (freq_est_interval), so fewer samples make up a summary.
     */
    public LinuxptpLogListener(Printer printer, String[] portNames, int summaryInterval, int logSyncInterval,
            boolean freeRunning, int freqEstInterval) {
        this.printer = printer;
        this.portNames = portNames.clone();
        this.summaryInterval = summaryInterval;
        this.freeRunning = freeRunning;
        this.freqEstInterval = freqEstInterval;
        syncInterval(logSyncInterval);
    }

    /** Limits repeated notices (see the class comment); null: every line is logged (simulations, tests). */
    public LinuxptpLogListener rateLimited(LogRateLimit limit) {
        this.limit = limit;
        return this;
    }

    /**
     * clock.c clock_sync_interval: samples per summary = 2^(summary_interval - logSyncInterval),
     * less the frequency-estimation shift when free running.
     */
    public void syncInterval(int logSyncInterval) {
        int festShift = Math.max(0, Math.min(31, freqEstInterval - logSyncInterval));
        int shift = freeRunning ? summaryInterval - logSyncInterval - festShift : summaryInterval - logSyncInterval;
        maxCount = 1L << Math.max(0, Math.min(31, shift));
    }

    @Override
    public void portStateChanged(int port, PortState from, PortState to, PortEvent event) {
        portStateChanged(port, from, to, event, null);
    }

    /** port.c port_show_transition: FAULT_DETECTED names the fault's type. */
    @Override
    public void portStateChanged(int port, PortState from, PortState to, PortEvent event, io.ptp4j.core.port.FaultType fault) {
        if (limit != null) limit.flushDue(summary);
        if (!printer.enabled(Printer.LOG_NOTICE)) return;
        portPrefix(port).append(from.name()).append(" to ").append(to.name()).append(" on ").append(event.name());
        if (fault != null) msg.append(" (").append(fault.name()).append(')');
        printer.print(Printer.LOG_NOTICE, msg);
    }

    @Override
    public void servoSample(int port, long offsetNanos, ServoState state, double appliedPpb, long pathDelayNanos) {
        // linuxptp prints the servo's output, which is the negation of the frequency it sets on the
        // clock (clock.c: clockadj_set_freq(c->clkid, -adj)): a clock running 100 ppm fast shows
        // "freq +100000". The engine reports what it applied; print linuxptp's number.
        double freqPpb = appliedPpb == 0 ? 0 : -appliedPpb;
        if (limit != null) limit.flushDue(summary);
        if (maxCount > 1) {
            offset.add(offsetNanos);
            freq.add(freqPpb);
            delay.add(pathDelayNanos);
            if (offset.count() >= maxCount) displaySummary();
            return;
        }
        if (!printer.enabled(Printer.LOG_INFO)) return;
        msg.setLength(0);
        msg.append("master offset ");
        CFormat.appendInt(msg, offsetNanos, 10).append(' ').append(state.tag).append(" freq ");
        CFormat.appendFixed0(msg, freqPpb, 7, true).append(" path delay ");
        CFormat.appendInt(msg, pathDelayNanos, 9);
        printer.print(Printer.LOG_INFO, msg);
    }

    @Override
    public void peerDelay(int port, long peerDelayNanos, double neighborRateRatio) {
        if (maxCount > 1) delay.add(peerDelayNanos);
    }

    @Override
    public void notice(int port, String text) {
        notice(port, Printer.LOG_NOTICE, text);
    }

    @Override
    public void notice(int port, int level, String text) {
        if (!printer.enabled(level)) return;
        if (limit != null) {
            if (text.startsWith("new foreign master")) {
                if (!limit.allow(port, LogRateLimit.Kind.NEW_FOREIGN_MASTER, summary)) return;
            } else {
                limit.flushDue(summary);
            }
        }
        if (port >= 1) portPrefix(port);
        else msg.setLength(0);
        msg.append(text);
        printer.print(level, msg);
    }

    /**
     * linuxptp port.c: "port 1 (eth0): bad message" (LOG_ERR), here with the reason; the engine
     * has dropped and counted the packet.
     */
    @Override
    public void badPacket(int port, io.ptp4j.core.wire.DecodeException error) {
        if (!printer.enabled(Printer.LOG_ERR)) return;
        if (limit != null && !limit.allow(port, LogRateLimit.Kind.BAD_MESSAGE, summary)) return;
        portPrefix(port).append("bad message (").append(error.getMessage()).append(')');
        printer.print(Printer.LOG_ERR, msg);
    }

    /** The summaries of lines the rate limit left out, printed now (the daemon stops). */
    public void flushSuppressed() {
        if (limit != null) limit.flushAll(summary);
    }

    /**
     * A message dropped because it failed authentication (linuxptp port.c: "port 1 (eth0): auth:
     * bad message", LOG_ERR), here with the reason; rate-limited like the notices.
     */
    public void authFailed(int port, io.ptp4j.core.auth.AuthResult why) {
        if (!printer.enabled(Printer.LOG_ERR)) return;
        if (limit != null && !limit.allow(port, LogRateLimit.Kind.AUTH_FAILURE, summary)) return;
        if (port >= 1) portPrefix(port);
        else msg.setLength(0);
        msg.append("auth: bad message (").append(why.name()).append(')');
        printer.print(Printer.LOG_ERR, msg);
    }

    /**
     * An error the daemon met and survived on a port (0: the clock): a failed send, a missing
     * transmit timestamp, a receive error. Logged at LOG_ERR, rate-limited like the notices.
     */
    public void portError(int port, CharSequence text) {
        if (!printer.enabled(Printer.LOG_ERR)) return;
        if (limit != null && !limit.allow(port, LogRateLimit.Kind.PORT_ERROR, summary)) return;
        if (port >= 1) portPrefix(port);
        else msg.setLength(0);
        msg.append(text);
        printer.print(Printer.LOG_ERR, msg);
    }

    private void printSummary(int port, LogRateLimit.Kind kind, long count, long overNanos) {
        if (port >= 1) portPrefix(port);
        else msg.setLength(0);
        msg.append(kind.words).append(": ");
        CFormat.appendInt(msg, count, 0).append(" more not logged in ");
        CFormat.appendInt(msg, (overNanos + 500_000_000L) / 1_000_000_000L, 0).append(" s (rate limit)");
        printer.print(kind == LogRateLimit.Kind.NEW_FOREIGN_MASTER ? Printer.LOG_NOTICE : Printer.LOG_ERR, msg);
    }

    @Override
    public void clockStepped(long deltaNanos) {
        // linuxptp prints nothing of its own on a step beyond the s1 sample line
    }

    /** "rms %4.0f max %4.0f freq %+6.0f +/- %3.0f[ delay %5.0f +/- %3.0f]", then reset. */
    private void displaySummary() {
        msg.setLength(0);
        msg.append("rms ");
        CFormat.appendFixed0(msg, offset.rms(), 4, false).append(" max ");
        CFormat.appendFixed0(msg, offset.maxAbs(), 4, false).append(" freq ");
        CFormat.appendFixed0(msg, freq.mean(), 6, true).append(" +/- ");
        CFormat.appendFixed0(msg, freq.stddev(), 3, false);
        if (delay.count() > 0) {
            msg.append(" delay ");
            CFormat.appendFixed0(msg, delay.mean(), 5, false).append(" +/- ");
            CFormat.appendFixed0(msg, delay.stddev(), 3, false);
        }
        printer.print(Printer.LOG_INFO, msg);
        offset.reset();
        freq.reset();
        delay.reset();
    }

    private StringBuilder portPrefix(int port) {
        msg.setLength(0);
        msg.append("port ");
        CFormat.appendInt(msg, port, 0);
        if (port >= 1 && port <= portNames.length) msg.append(" (").append(portNames[port - 1]).append(')');
        return msg.append(": ");
    }
}
