package io.ptp4j.core.engine;

import java.nio.ByteBuffer;

/**
 * What the sans-IO engine asks of the world around it. The simulator implements it over virtual
 * time; the Linux daemon over timestamping sockets and clock_adjtime. The engine never reads a
 * clock or touches a socket itself.
 */
public interface Driver {
    /** Destination: the transport's primary multicast group (224.0.1.129, ff0e::181, 01:1B:19:00:00:00). */
    long MULTICAST = -1;
    /** Destination: the peer-delay multicast group (224.0.0.107, ff02::6b, 01:80:C2:00:00:0E). */
    long PEER_MULTICAST = -2;

    /**
     * Sends {@code length} bytes of {@code buf} from {@code offset} on port {@code port} (1-based
     * portNumber) to {@code destination}: {@link #MULTICAST}, {@link #PEER_MULTICAST}, or a unicast
     * address handle the driver gave in {@link PtpNode#onReceive}/{@link #resolveUnicast}. For event
     * messages the driver later reports the transmit timestamp through {@link PtpNode#onTxTimestamp}.
     * The engine may reuse {@code buf} as soon as this returns.
     *
     * @return false when the send failed or its transmit timestamp did not come (the engine counts it
     *     and faults the port, as linuxptp does)
     */
    boolean send(int port, ByteBuffer buf, int offset, int length, boolean event, long destination);

    /**
     * A handle for a configured unicast address (unicast_master_table entries, e.g. "192.0.2.1"
     * for UDPv4), or -3 when the text is not an address of this port's transport.
     */
    default long resolveUnicast(int port, String address) {
        return -3;
    }

    /** Current time of the clock the engine disciplines, in nanoseconds of its timescale. */
    long clockTimeNanos();

    /** Sets the clock's frequency offset, in parts per billion (positive: runs faster). */
    void adjustFrequency(double ppb);

    /** The frequency offset currently set on the clock, in ppb (read once at start, as linuxptp does). */
    default double currentFrequencyPpb() {
        return 0.0;
    }

    /** Steps the clock by {@code deltaNanos} (added to its time). */
    void stepClock(long deltaNanos);

    /**
     * kernel_leap: arms the clock to insert (+1) or delete (-1) a second at the next UTC midnight,
     * or disarms it (0): the kernel's STA_INS / STA_DEL for CLOCK_REALTIME, the virtual clock
     * itself. Returns 1 when armed, 0 when the clock refused (the driver has said why; linuxptp
     * goes on), -1 when this clock does not carry leap seconds (the servo is told instead).
     */
    default int armLeap(int leap) {
        return -1;
    }

    /** The TAI - UTC offset of a traceable grandmaster, for the kernel (CLOCK_REALTIME only; linuxptp sysclk_set_tai_offset). */
    default void setTaiOffset(int seconds) {}

    /**
     * write_phase_mode: hands {@code offsetNanos} to the clock's own phase control (ADJ_OFFSET on a
     * PHC whose driver has adjphase; linuxptp clockadj_set_phase). False when the clock has none.
     */
    default boolean adjustPhase(long offsetNanos) {
        return false;
    }

    /**
     * boundary_clock_jbod (each port has its own PHC): from now on the clock of port {@code port}
     * is the one read, adjusted and stepped. Returns true when that changed the clock (the engine
     * then starts a new servo from {@link #currentFrequencyPpb()}); false when the port already
     * uses the current clock or all ports share one.
     */
    default boolean switchClock(int port) {
        return false;
    }

    /** Where {@link #of} hands what the clock sends (the signature of {@link #send}). */
    @FunctionalInterface
    interface Sender {
        boolean send(int port, ByteBuffer buf, int offset, int length, boolean event, long destination);
    }

    /**
     * A driver with no clock to steer: it reads the time from {@code clock}, hands what is sent
     * to {@code sender} and drops frequency and step adjustments (a management-only clock, a
     * stand-in daemon, a test).
     */
    static Driver of(java.util.function.LongSupplier clock, Sender sender) {
        return new Driver() {
            @Override
            public boolean send(int port, ByteBuffer buf, int offset, int length, boolean event, long destination) {
                return sender.send(port, buf, offset, length, event, destination);
            }

            @Override
            public long clockTimeNanos() {
                return clock.getAsLong();
            }

            @Override
            public void adjustFrequency(double ppb) {}

            @Override
            public void stepClock(long deltaNanos) {}
        };
    }

    /** {@link #of} sending nothing anywhere. */
    static Driver quiet(java.util.function.LongSupplier clock) {
        return of(clock, (port, buf, offset, length, event, destination) -> true);
    }
}
