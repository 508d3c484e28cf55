package io.ptp4j.sim;

import io.ptp4j.core.bound.EngineBoundFeed;
import io.ptp4j.core.clock.PtpClock;
import io.ptp4j.core.clock.TransparentClock;
import io.ptp4j.core.engine.PtpNode;
import io.ptp4j.core.engine.Driver;
import io.ptp4j.core.engine.ClockConfig;
import io.ptp4j.core.engine.ClockType;
import io.ptp4j.core.engine.EngineListener;
import io.ptp4j.core.wire.PtpMessage;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One simulated PTP instance: the real {@link PtpClock} engine, unchanged, over a {@link SimClock}
 * and simulated ports. Implements the engine's {@link Driver}: sends go onto links, transmit and
 * receive timestamps are read from the node's own oscillator plus timestamp noise.
 */
public final class SimNode implements Driver {
    private final String name;
    private final Simulation sim;
    private final SimClock clock;
    private final PtpClock engine;     // null for a transparent clock
    private EngineBoundFeed bound;     // null for a transparent clock
    private final PtpNode node;
    private final Noise timestampNoise;
    private final SplittableRandom random;
    private final List<NodePort> ports = new ArrayList<>();
    private final ByteBuffer rxBuf = ByteBuffer.allocate(512);
    private final PtpMessage peek = new PtpMessage();
    private long scheduledWake = Long.MAX_VALUE;
    /** Time a frame waits inside this node before egress (transparent clocks: a busy switch). */
    Noise residence = Noise.NONE;
    private boolean alive = true;
    private final String clockType;
    private Tap tap;
    long steps;

    /** Sees every frame this node sends or receives (metrics: message counters); called on the simulation thread. */
    @FunctionalInterface
    public interface Tap {
        void frame(int port, boolean transmitted, byte[] frame, int length);
    }

    /** Installs the tap (null removes it). */
    public void tap(Tap t) {
        this.tap = t;
    }

    final class NodePort implements Endpoint {
        final int number;
        Link link;

        NodePort(int number) {
            this.number = number;
        }

        @Override
        public void deliver(byte[] frame, int length, boolean event, boolean peerDelay, Link from) {
            if (!alive) return;
            long now = sim.now();
            long rxTs = clock.localTime(now, timestampNoise.sample(random));
            if (tap != null) tap.frame(number, false, frame, length);
            if ((frame[0] & 0x0F) == 0x2) rememberPdelayReq(frame, rxTs);
            rxBuf.clear();
            rxBuf.put(0, frame, 0, length);
            if (receiveGate != null && !receiveGate.admit(number, rxBuf, length)) return;
            node.onReceive(number, rxBuf, 0, length, rxTs, 0, now);
            reschedule();
        }

        @Override
        public void carrier(boolean up) {
            if (!alive) return;
            node.onLinkStatus(number, up, null, sim.now());
            reschedule();
        }
    }

    SimNode(String name, Simulation sim, ClockConfig cfg, SimClock clock, Noise timestampNoise, EngineListener listener, long seed) {
        this.name = name;
        this.sim = sim;
        this.clock = clock;
        this.timestampNoise = timestampNoise;
        this.random = new SplittableRandom(seed);
        this.clockType = cfg.clockType.name();
        for (int i = 1; i <= cfg.numberPorts; i++) ports.add(new NodePort(i));
        if (cfg.clockType == ClockType.E2E_TC || cfg.clockType == ClockType.P2P_TC) {
            this.engine = null;
            this.node = new TransparentClock(cfg, this, listener);
        } else {
            // Every ordinary and boundary clock computes its clock error bound as ptp4l does, in
            // front of the scenario's listener; ScenarioRun checks it against the TRUE error.
            this.bound = new EngineBoundFeed(listener, sim::now, null, true);
            this.engine = new PtpClock(cfg, this, bound);
            this.bound.attach(engine);
            this.node = engine;
        }
    }

    /** The clock error bound this node would publish (null for a transparent clock). */
    public EngineBoundFeed bound() {
        return bound;
    }

    /** Republishes the bound once a second, as the daemon does (readers extrapolate in between). */
    private void boundTick() {
        bound.tick(sim.now());
        sim.after(BOUND_TICK_NANOS, this::boundTick);
    }

    static final long BOUND_TICK_NANOS = 1_000_000_000L;

    public String name() {
        return name;
    }

    /** The ordinary/boundary clock engine, or null when this node is a transparent clock. */
    public PtpClock engine() {
        return engine;
    }

    public PtpNode node() {
        return node;
    }

    /** E2E_TC, P2P_TC, BC or OC, as configured. */
    public String clockType() {
        return clockType;
    }

    public boolean isTransparent() {
        return engine == null;
    }

    public SimClock clock() {
        return clock;
    }

    /** This node's clock now as an application on it reads it; leaves the simulation untouched (see SimClock.peek). */
    public long readClockNanos() {
        return clock.peek(sim.now());
    }

    /** TRUE time error of this node now, ns. */
    public double trueErrorNanos() {
        return clock.errorNanos(sim.now());
    }

    NodePort port(int n) {
        return ports.get(n - 1);
    }

    void start() {
        node.start(sim.now());
        reschedule();
        if (bound != null) sim.after(BOUND_TICK_NANOS, this::boundTick);
    }

    /** A node that dies stops sending and receiving; its clock runs on. */
    public void setAlive(boolean alive) {
        this.alive = alive;
        if (alive) reschedule();
    }

    public boolean alive() {
        return alive;
    }

    private void reschedule() {
        long next = node.nextTimerNanos();
        if (next == Long.MAX_VALUE || next >= scheduledWake) return;
        scheduledWake = next;
        sim.at(next, this::wake);
    }

    private void wake() {
        if (sim.now() < scheduledWake) return; // superseded by an earlier wake that already ran
        scheduledWake = Long.MAX_VALUE;
        if (!alive) return;
        node.onTimer(sim.now());
        reschedule();
    }

    // ---- Driver -------------------------------------------------------------------------------

    @Override
    public boolean send(int port, ByteBuffer buf, int offset, int length, boolean event, long destination) {
        if (!alive) return false;
        NodePort p = ports.get(port - 1);
        if (p.link == null) return true;
        if (!p.link.up) return false; // no carrier: the kernel refuses (ENETDOWN)
        byte[] frame = outgoing(port, buf, offset, length);
        if (frame == null) return false;
        return transmit(p, port, frame, frame.length, event, destination);
    }

    /** The frame as it leaves: the engine's bytes, rewritten when a rewriter is set; null: not sent. */
    private byte[] outgoing(int port, ByteBuffer buf, int offset, int length) {
        if (sendRewriter == null) {
            byte[] frame = new byte[length];
            buf.get(offset, frame);
            return frame;
        }
        ByteBuffer b = ByteBuffer.allocate(2048);
        b.put(0, buf, offset, length);
        int n = sendRewriter.rewrite(port, b, length);
        if (n < 0) return null;
        byte[] frame = new byte[n];
        b.get(0, frame);
        return frame;
    }

    private boolean transmit(NodePort p, int port, byte[] frame, int length, boolean event, long destination) {
        if (tap != null) tap.frame(port, true, frame, length);
        if (sendFilter != null && !sendFilter.test(frame)) return true; // lost on the way out
        boolean peer = destination == PEER_MULTICAST;
        // A busy bridge (a transparent clock's forwarding plane) holds the frame before egress:
        // the frame leaves, and is timestamped, that much later. Peer-delay frames are answered
        // by the port itself and skip the queue.
        long hold = residence == Noise.NONE || peer ? 0 : Math.max(0, Math.round(residence.sample(random)));
        if (event && oneStep(frame)) {
            sendOneStep(p, frame, length, hold, peer);
            return true;
        }
        if (hold == 0) {
            p.link.send(p, frame, length, event, peer);
        } else {
            sim.after(hold, () -> {
                if (alive) p.link.send(p, frame, length, event, peer);
            });
        }
        if (event && withheldTxTimestamps > 0) {
            // The frame left, but its transmit timestamp never comes: the driver's send reports
            // the failure, as the daemon's does after tx_timestamp_timeout.
            withheldTxTimestamps--;
            return false;
        }
        if (event) {
            peek.wrap(ByteBuffer.wrap(frame), 0, length);
            int type = peek.messageTypeCode();
            int seq = peek.sequenceId();
            long txTs = clock.localTime(sim.now() + hold, timestampNoise.sample(random));
            // The timestamp comes back after the frame left, as from a socket's error queue.
            sim.after(hold, () -> {
                if (!alive) return;
                node.onTxTimestamp(port, type, seq, txTs, sim.now());
                reschedule();
            });
        }
        return true;
    }

    /** Links are point to point (or a switch that floods): any unicast address reaches the far end. */
    @Override
    public long resolveUnicast(int port, String address) {
        return 0;
    }

    @Override
    public long clockTimeNanos() {
        return clock.localTime(sim.now());
    }

    @Override
    public void adjustFrequency(double ppb) {
        clock.adjustFrequency(sim.now(), ppb);
    }

    @Override
    public double currentFrequencyPpb() {
        return clock.adjustmentPpb();
    }

    /** A clock that keeps UTC carries the leap itself, as the kernel does with kernel_leap. */
    @Override
    public int armLeap(int leap) {
        if (!clock.keepsUtc()) return -1;
        clock.armLeap(sim.now(), leap);
        return 1;
    }

    @Override
    public void stepClock(long deltaNanos) {
        steps++;
        clock.step(sim.now(), deltaNanos);
    }

    private java.util.function.IntPredicate clockSwitch = port -> false;

    /** What {@link #switchClock} answers (boundary_clock_jbod tests); the simulated clock stays one. */
    public void onClockSwitch(java.util.function.IntPredicate hook) {
        clockSwitch = hook;
    }

    @Override
    public boolean switchClock(int port) {
        return clockSwitch.test(port);
    }

    // ---- a one-step NIC (time_stamping onestep / p2p1step) ------------------------------------

    /** A Sync or Pdelay_Resp without twoStepFlag: the NIC writes the time into it as it leaves. */
    private static boolean oneStep(byte[] frame) {
        int type = frame[0] & 0x0F;
        return (type == 0x0 || type == 0x3) && (frame[6] & 0x02) == 0;
    }

    private final long[] reqClock = new long[8], reqRx = new long[8];
    private final int[] reqPortSeq = new int[8];
    private int reqNext;

    /** The NIC keeps each Pdelay_Req's ingress time, for the one-step Pdelay_Resp that answers it. */
    private void rememberPdelayReq(byte[] f, long rxTs) {
        int i = reqNext++ & 7;
        reqClock[i] = ByteBuffer.wrap(f, 20, 8).getLong();
        reqPortSeq[i] = (ByteBuffer.wrap(f, 28, 2).getShort() & 0xFFFF) << 16 | (ByteBuffer.wrap(f, 30, 2).getShort() & 0xFFFF);
        reqRx[i] = rxTs;
    }

    /**
     * One-step egress: a Sync gets its egress time as originTimestamp (the sub-nanosecond rest is
     * dropped), a Pdelay_Resp gets the turnaround (egress minus its request's ingress) added to
     * its correctionField; no transmit timestamp comes back.
     */
    private void sendOneStep(NodePort p, byte[] frame, int length, long hold, boolean peer) {
        long txTs = clock.localTime(sim.now() + hold, timestampNoise.sample(random));
        ByteBuffer b = ByteBuffer.wrap(frame);
        if ((frame[0] & 0x0F) == 0x0) {
            b.putShort(34, (short) (Math.floorDiv(txTs, 1_000_000_000L) >>> 32));
            b.putInt(36, (int) Math.floorDiv(txTs, 1_000_000_000L));
            b.putInt(40, (int) Math.floorMod(txTs, 1_000_000_000L));
        } else {
            long clockId = b.getLong(44);
            int portSeq = (b.getShort(52) & 0xFFFF) << 16 | (b.getShort(30) & 0xFFFF);
            for (int i = 0; i < 8; i++) {
                if (reqClock[i] == clockId && reqPortSeq[i] == portSeq) {
                    b.putLong(8, b.getLong(8) + ((txTs - reqRx[i]) << 16));
                    break;
                }
            }
        }
        if (hold == 0) p.link.send(p, frame, length, true, peer);
        else sim.after(hold, () -> {
            if (alive) p.link.send(p, frame, length, true, peer);
        });
    }

    private int withheldTxTimestamps;

    /** The next {@code count} event messages this node sends get no transmit timestamp (a driver bug, a busy NIC). */
    public void withholdTxTimestamps(int count) {
        withheldTxTimestamps = count;
    }

    private java.util.function.Predicate<byte[]> sendFilter;
    private SendRewriter sendRewriter;
    private ReceiveGate receiveGate;

    /** Rewrites what a port sends, as a layer between engine and wire does (authentication signs it). */
    @FunctionalInterface
    public interface SendRewriter {
        /** Rewrites {@code frame}'s first {@code length} octets in place; returns the new length, or -1: not sent. */
        int rewrite(int port, ByteBuffer frame, int length);
    }

    /** Decides whether a received frame reaches the engine (authentication checks it). */
    @FunctionalInterface
    public interface ReceiveGate {
        boolean admit(int port, ByteBuffer frame, int length);
    }

    /** Every frame this node sends goes through {@code r} first (null: none). */
    public void rewriteSent(SendRewriter r) {
        sendRewriter = r;
    }

    /** Every frame that reaches this node passes {@code g} first, or is dropped (null: all pass). */
    public void gateReceived(ReceiveGate g) {
        receiveGate = g;
    }

    /** Frames this node sends that the predicate refuses are lost (tests: "the master stops its Syncs"); null: none. */
    public void filterSent(java.util.function.Predicate<byte[]> keep) {
        sendFilter = keep;
    }
}
