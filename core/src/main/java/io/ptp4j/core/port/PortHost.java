package io.ptp4j.core.port;

import io.ptp4j.core.dataset.CurrentDS;
import io.ptp4j.core.dataset.DefaultDS;
import io.ptp4j.core.dataset.ParentDS;
import io.ptp4j.core.dataset.TimePropertiesDS;
import io.ptp4j.core.engine.ClockConfig;
import io.ptp4j.core.engine.Driver;
import io.ptp4j.core.engine.EngineListener;
import io.ptp4j.core.wire.PtpMessage;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;

/**
 * What a port asks of the clock it belongs to (linuxptp: the clock_* calls port.c makes). The
 * clock owns the data sets, the best-master choice and the servo; a port reports what it heard
 * and measured, and reads the data sets to fill what it sends.
 */
public interface PortHost {
    ClockConfig config();

    Driver driver();

    EngineListener listener();

    /** The engine's monotonic time of the event being handled. */
    long now();

    /** The random source of timer jitter (9.5.11.2, linuxptp set_tmo_random). */
    SplittableRandom random();

    /** A port armed a timer at {@code when}, where it was armed at {@code old}. */
    void timerArmed(long old, long when);

    /** A port disarmed its timers. */
    void timersReset();

    DefaultDS defaultDS();

    CurrentDS currentDS();

    ParentDS parentDS();

    TimePropertiesDS timeProperties();

    /** Whether the selected master was heard on port {@code portNumber} (false: this clock is grandmaster). */
    boolean isParentPort(int portNumber);

    /** The ingress time of the last Sync the servo took (TIME_STATUS_NP ingress_time, NSM's lastSyncTimestamp). */
    long lastIngressNanos();

    /** Whether this clock is its own grandmaster. */
    boolean isGrandmaster();

    /** The timePropertiesDS flags as this clock announces them (SYNCHRONIZATION_UNCERTAIN_NP applied). */
    int announcedTimeFlags();

    /** 16.2: appends this clock's PATH_TRACE TLV (the path so far, then itself) to an Announce. */
    void appendPathTrace(PtpMessage announce);

    /** 16.2.3: whether the received Announce's path already holds {@code clockIdentity} (a loop). */
    boolean pathTraceHolds(PtpMessage announce, long clockIdentity);

    /** 802.1AS 11.4.4.3: appends the follow_up information TLV of a Follow_Up this clock sends. */
    void appendFollowUpInformation(PtpMessage followUp);

    /** 802.1AS 11.4.4.3: the parent's Follow_Up carried follow_up information (TLV value at {@code value}). */
    void followUpInformation(Port port, PtpMessage followUp, int value);

    /** 16.3: appends an ALTERNATE_TIME_OFFSET_INDICATOR TLV per enabled alternate timescale to an Announce. */
    void appendAlternateTimeOffsets(PtpMessage announce);

    /** An Announce from the parent: its time properties and path are now this clock's. */
    void announceFromParent(Port port, PtpMessage announce);

    /** The foreign masters changed: run the state decision over all ports (9.3.3). */
    void stateDecision();

    /** A designated slave heard a Sync from {@code clockIdentity}-{@code portNumber} without any Announce. */
    void adoptSyncSender(Port port, long clockIdentity, int portNumber);

    /**
     * A message with a receive timestamp arrived on a SLAVE port: linuxptp clock_check_ts, the
     * sanity check of the disciplined clock against the monotonic clock.
     */
    default void checkTimestamp(long rxTimestamp) {}

    /**
     * A Sync from the parent, taken (linuxptp port_synchronize): its origin timestamp and the sum
     * of its corrections (ns) apart, for the slave event monitor (monitor_sync), and t2; t1 = origin
     * + correction is one servo sample (clock_synchronize).
     */
    void synchronize(Port port, int sequenceId, long originNanos, long correctionNanos, long t2);

    /**
     * slave_event_monitor (linuxptp monitor_delay): a Delay_Resp that answered the port's
     * Delay_Req: its sequenceId, t3, its correction (ns) and its receiveTimestamp.
     */
    default void monitorDelay(Port port, int sequenceId, long t3Nanos, long correctionNanos, long receiveNanos) {}

    /** An E2E delay measurement's t3 and t4 (t4 corrected for asymmetry). */
    void delayMeasured(Port port, long t3, long t4);

    /** A new peer delay on {@code port}. */
    void peerDelayMeasured(Port port, long peerDelayNanos);

    /** No Sync from the master for a while: hold the learned frequency. */
    void holdover(Port port);

    /** delay_response_timeout expired on {@code port}: restart the delay estimate. */
    void delayResponseTimeout(Port port);

    /** A port entered UNCALIBRATED (boundary_clock_jbod: its PHC becomes the disciplined clock). */
    void enteredUncalibrated(Port port);

    /**
     * The interface that timestamps for {@code port} changed (a bond's or team's new active slave,
     * linuxptp ts_label): the clock follows its PHC when that is another (port_change_phc).
     */
    default void tsLabelChanged(Port port) {}

    /** A master port is about to send its periodic Announce (linuxptp FD_MANNO_TIMER: clock_update_leap_status). */
    default void announcing() {}

    /** A management message received on a PTP port. */
    void management(Port port, ByteBuffer buf, int offset, int length, long source);
}
