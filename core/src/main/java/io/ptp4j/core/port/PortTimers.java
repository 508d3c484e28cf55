package io.ptp4j.core.port;

import java.util.Arrays;

/**
 * A port's timers (linuxptp's per-port timerfds): one deadline each, in the engine's monotonic
 * nanoseconds, Long.MAX_VALUE when disarmed. The clock is told of every arming so that it can
 * keep the earliest deadline over all ports without scanning them.
 */
final class PortTimers {
    static final int ANNOUNCE_TX = 0;
    static final int SYNC_TX = 1;
    static final int DELAY_REQ = 2;
    static final int ANNOUNCE_RX = 3;
    static final int PDELAY_REQ = 4;
    static final int QUALIFICATION = 5;
    /** No Sync sample for 4 sync intervals: hold the learned frequency (ptp4j's holdover). */
    static final int SYNC_LOSS = 6;
    /** Unicast client: the next round of requests and renewals (logQueryInterval). */
    static final int UNICAST_REQ = 7;
    /** Unicast service: the next granted Announce or Sync due to some client. */
    static final int UNICAST_TX = 8;
    /** syncReceiptTimeout: Syncs stopped while Announces may go on (linuxptp FD_SYNC_RX_TIMER). */
    static final int SYNC_RX = 9;
    /** A FAULTY port tries again (linuxptp's per-port fault timer, clock_fault_timeout). */
    static final int FAULT = 10;
    static final int COUNT = 11;

    private final long[] deadline = new long[COUNT];
    private final PortHost host;

    PortTimers(PortHost host) {
        this.host = host;
        Arrays.fill(deadline, Long.MAX_VALUE);
    }

    /** 2^log seconds in nanoseconds. */
    static long interval(int log) {
        return io.ptp4j.core.engine.PortConfig.intervalNanos(log);
    }

    void arm(int timer, long delay) {
        long old = deadline[timer];
        long when = host.now() + delay;
        deadline[timer] = when;
        host.timerArmed(old, when);
    }

    long deadline(int timer) {
        return deadline[timer];
    }

    /** Disarms every timer but the unicast ones, which run whatever the port's state. */
    void disarmProtocolTimers() {
        long unicastReq = deadline[UNICAST_REQ], unicastTx = deadline[UNICAST_TX];
        Arrays.fill(deadline, Long.MAX_VALUE);
        deadline[UNICAST_REQ] = unicastReq;
        deadline[UNICAST_TX] = unicastTx;
        host.timersReset();
    }

    /** Sets a deadline without telling the clock (the caller has just reset the timers). */
    void set(int timer, long when) {
        deadline[timer] = when;
    }

    /** The next timer due at {@code now}, disarmed, or -1 when none is. */
    int takeDue(long now, int from) {
        for (int t = from; t < COUNT; t++) {
            if (deadline[t] <= now) {
                deadline[t] = Long.MAX_VALUE;
                return t;
            }
        }
        return -1;
    }

    long next() {
        long next = Long.MAX_VALUE;
        for (long d : deadline) if (d < next) next = d;
        return next;
    }
}
