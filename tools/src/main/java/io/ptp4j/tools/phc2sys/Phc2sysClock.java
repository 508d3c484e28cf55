package io.ptp4j.tools.phc2sys;

import io.ptp4j.core.servo.Servo;
import io.ptp4j.core.servo.ServoState;
import io.ptp4j.linux.clock.ClockDevice;
import io.ptp4j.linux.clock.PhcClock;
import io.ptp4j.tools.log.SummaryStats;

/**
 * One clock phc2sys reads or disciplines (linuxptp phc2sys.c struct clock): its name as given,
 * the device, whether it is the system clock (log label "sys", else "phc") and keeps UTC, its PHC
 * index, the PHC-to-system comparison method once probed, and, as a sink, its servo and stats.
 */
public final class Phc2sysClock implements AutoCloseable {
    public final String name;
    public final ClockDevice device;
    /** Non-null for /dev/ptpN (or an interface's PHC): PTP_SYS_OFFSET* are available. */
    public final PhcClock phc;
    final int phcIndex;
    public final boolean system;
    /** CLOCK_REALTIME and ptp4j virtual clocks (which start from CLOCK_REALTIME) keep UTC; PHCs keep TAI. */
    final boolean utc;
    final String sourceLabel;

    // the PHC-vs-system method: probed on first use (linuxptp's SYSOFF_RUN_TIME_MISSING until then)
    boolean sysoffProbed;
    PhcClock.SysOffsetMethod sysoffMethod;

    // sink state
    Servo servo;
    ServoState servoState = ServoState.UNLOCKED;
    SummaryStats offsetStats, freqStats, delayStats;
    /** sanity_freq_limit's check, null when the limit is 0. */
    io.ptp4j.core.clock.ClockCheck sanityCheck;
    /** clock_handle_leap's state: this sink's UTC offset (s), the leap armed, the TAI offset told to the kernel. */
    int syncOffsetSeconds;
    int leapSet;
    int utcOffsetSet;

    /** The system clock's error bound, published when phc2sys disciplines it (null: none). */
    io.ptp4j.tools.bound.SinkBound bound;

    /** -a: the ptp4l port state that decides whether this clock is a source or a sink. */
    int portState;
    /** -a: the state this clock's ports changed to, applied at the next reconfiguration (0: none). */
    int newState;

    Phc2sysClock(String name, ClockDevice device, PhcClock phc, int phcIndex, boolean system, boolean utc) {
        this.name = name;
        this.device = device;
        this.phc = phc;
        this.phcIndex = phcIndex;
        this.system = system;
        this.utc = utc;
        this.sourceLabel = system ? "sys" : "phc";
    }

    /** Whether {@code other} is the same clock (never synchronize a clock to itself). */
    boolean sameAs(Phc2sysClock other) {
        return this == other || (phcIndex >= 0 && phcIndex == other.phcIndex) || name.equals(other.name)
                || (system && other.system);
    }

    @Override
    public void close() {
        if (bound != null) bound.close();
        device.close();
    }
}
