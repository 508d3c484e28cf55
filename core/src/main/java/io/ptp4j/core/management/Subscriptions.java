package io.ptp4j.core.management;

import io.ptp4j.core.wire.PortIdentity;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * SUBSCRIBE_EVENTS_NP subscribers (linuxptp clock.c clock_update_subscription): one entry per
 * requesting PortIdentity, with the address notifications go to, the event bitmask, an expiry
 * (duration seconds after the SET; 0xFFFF never expires) and a per-subscriber sequenceId.
 * Times are monotonic nanoseconds from the caller (sans-IO).
 */
public final class Subscriptions {
    public static final int BITMASK_OCTETS = 64;
    private static final long NS = 1_000_000_000L;

    /** One subscriber. */
    public static final class Subscriber {
        public final PortIdentity portIdentity;
        public String address;
        public final byte[] events = new byte[BITMASK_OCTETS];
        /** Long.MAX_VALUE: never. */
        public long expiresNanos;
        public int sequenceId;

        Subscriber(PortIdentity portIdentity) {
            this.portIdentity = portIdentity;
        }
    }

    private final List<Subscriber> list = new ArrayList<>();
    private int mask; // union of the first octets, so the hot path can skip cheaply

    /** Adds, updates or (all-zero bitmask) removes the subscription of {@code who}. */
    public void update(PortIdentity who, String address, byte[] bitmask, int durationSeconds, long nowNanos) {
        boolean remove = true;
        for (byte b : bitmask) if (b != 0) remove = false;
        Subscriber s = find(who);
        if (remove) {
            if (s != null) list.remove(s);
        } else {
            if (s == null) {
                s = new Subscriber(who);
                list.add(s);
            }
            s.address = address;
            System.arraycopy(bitmask, 0, s.events, 0, BITMASK_OCTETS);
            // linuxptp counts in whole seconds of CLOCK_MONOTONIC: expiration = now.tv_sec + duration.
            s.expiresNanos = durationSeconds == 0xFFFF ? Long.MAX_VALUE : (Math.floorDiv(nowNanos, NS) + durationSeconds) * NS;
        }
        recomputeMask();
    }

    /** The subscriber entry of {@code who}, or null. */
    public Subscriber find(PortIdentity who) {
        for (Subscriber s : list) if (s.portIdentity.equals(who)) return s;
        return null;
    }

    /** Seconds left of {@code who}'s subscription (0 when none or expired; 0xFFFF for never), as linuxptp reports it. */
    public int remainingSeconds(PortIdentity who, long nowNanos) {
        Subscriber s = find(who);
        if (s == null || s.expiresNanos < nowNanos) return 0;
        if (s.expiresNanos == Long.MAX_VALUE) return 0xFFFF;
        return (int) Math.min(0xFFFF, s.expiresNanos / NS - Math.floorDiv(nowNanos, NS));
    }

    /** Drops expired subscriptions; returns how many. */
    public int prune(long nowNanos) {
        int n = 0;
        for (Iterator<Subscriber> it = list.iterator(); it.hasNext(); ) {
            if (it.next().expiresNanos <= nowNanos) {
                it.remove();
                n++;
            }
        }
        if (n > 0) recomputeMask();
        return n;
    }

    /** Whether anyone asked for {@code n}: a cheap check before building a notification. */
    public boolean wanted(Notification n) {
        return (mask & (1 << n.ordinal())) != 0;
    }

    public List<Subscriber> all() {
        return list;
    }

    private void recomputeMask() {
        int m = 0;
        for (Subscriber s : list) m |= s.events[0] & 0xFF;
        mask = m;
    }
}
