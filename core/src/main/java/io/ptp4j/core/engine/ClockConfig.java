package io.ptp4j.core.engine;

import io.ptp4j.core.servo.Servo;
import io.ptp4j.core.servo.ServoConfig;
import java.util.function.Supplier;

/**
 * The settings of one PTP instance, named after linuxptp's clock-wide config keys (camelCase)
 * with linuxptp's defaults, and the settings of its ports: {@link #port} for every port, or a
 * port's own entry in {@link #ports} (a linuxptp config's interface sections). A field is a key;
 * {@link #copy()} copies by construction (see {@link Settings}).
 */
public final class ClockConfig extends Settings<ClockConfig> {
    // defaultDS (8.2.1) and clock description
    public long clockIdentity = 0x0000_00ff_fe00_0001L;
    public int domainNumber = 0;
    public int priority1 = 128;
    public int priority2 = 128;
    public int clockClass = 248;
    public int clockAccuracy = 0xFE;
    public int offsetScaledLogVariance = 0xFFFF;
    /** slaveOnly / clientOnly: never MASTER. */
    public boolean clientOnly = false;
    public boolean twoStepFlag = true;
    /**
     * time_stamping p2p1step: Pdelay_Resp is one-step too (the NIC adds the turnaround time to its
     * correctionField as it sends it; no Pdelay_Resp_Follow_Up).
     */
    public boolean p2pOneStep = false;
    public ClockType clockType = ClockType.OC;
    public String datasetComparison = "ieee1588";
    /** Number of PTP ports (1 for an ordinary clock, more for a boundary clock). */
    public int numberPorts = 1;
    /** G.8275.defaultDS.localPriority: this clock's own localPriority in the G.8275.x comparison. */
    public int localPriority = 128;
    /** gmCapable (802.1AS): 0 makes the clock announce class 255, like clientOnly (linuxptp clock.c). */
    public boolean gmCapable = true;
    public int minorVersion = 1;

    // timePropertiesDS of a grandmaster (8.2.4)
    public int utcOffset = 37;
    public int timeSource = 0xA0;
    public boolean ptpTimescale = false;
    /**
     * The disciplined clock keeps UTC (the system clock, the virtual clock; linuxptp
     * utc_timescale): under a master that keeps TAI its offset is corrected by currentUtcOffset.
     */
    public boolean utcTimescale = false;
    /** kernel_leap: a leap second is armed in the clock itself (the kernel for CLOCK_REALTIME), not the servo. */
    public boolean kernelLeap = true;
    /** leapfile's table (LeapTable): the UTC midnights of the leap seconds and the TAI - UTC from each; null: none. */
    public long[] leapUtcSeconds = null;
    public int[] leapOffsets = null;
    public long leapExpiresUtcSeconds = 0;

    // best master clock algorithm
    /** maxStepsRemoved: an Announce whose stepsRemoved is at least this is not qualified (linuxptp port.c). */
    public int maxStepsRemoved = 255;
    /** clock_class_threshold: a master announcing a worse (higher) clockClass is ignored. */
    public int clockClassThreshold = 248;
    public boolean pathTraceEnabled = false;

    // clock discipline
    public boolean freeRunning = false;
    public ServoConfig servo = new ServoConfig();
    /**
     * A servo made outside the engine, used instead of the one clock_servo names (ptp4l's ntpshm
     * servo writes shared memory, which the sans-IO core cannot). Null: the engine's own.
     */
    public Supplier<Servo> externalServo = null;
    public String tsprocMode = "filter";
    public String delayFilter = "moving_median";
    public int delayFilterLength = 10;
    public int freqEstInterval = 1;
    /** ptp4j: lucky_packet_window (0 off): offsets from the fastest of the last N Syncs once locked. */
    public int luckyPacketWindow = 0;
    /**
     * ptp4j: pdv_window (0 off): offset and delay from {@code PdvEstimator}, each direction judged
     * against its floor over its last N packets, instead of tsproc and the delay filter.
     */
    public int pdvWindow = 0;
    /** ptp4j: shadow_servos, e.g. "pi,linreg,kalman": servos run beside the real one on the same samples ("" none). */
    public String shadowServos = "";
    /** step_window: Syncs ignored after a step (no frequency or step adjustment) while stamps settle. */
    public int stepWindow = 0;
    /** initial_delay: the path delay assumed until one is measured (0: none). */
    public long initialDelayNanos = 0;
    /** assume_two_step: treat every Sync as two-step (wait for its Follow_Up), for buggy 802.1AS switches. */
    public boolean assumeTwoStep = false;
    /** check_fup_sync: a Follow_Up that arrived before its Sync is not paired with it (linuxptp fup_sync_ok). */
    public boolean checkFupSync = false;
    /**
     * tc_spanning_tree: a transparent clock's ports run the BMCA and port state machine, it
     * forwards only along the tree that gives (linuxptp tc_blocked), and forwarded Announces get
     * stepsRemoved + 1. Off: every message goes out of every other port.
     */
    public boolean tcSpanningTree = false;
    /** boundary_clock_jbod: the ports have different PHCs; the slave port's is the one disciplined. */
    public boolean boundaryClockJbod = false;
    /** sanity_freq_limit (ppb, 0 off): a clock that drifts from CLOCK_MONOTONIC faster than this jumped (clockcheck.c). */
    public int sanityFreqLimit = 200_000_000;
    /** write_phase_mode: once LOCKED_STABLE, offsets go to the PHC's phase control, not the servo's frequency. */
    public boolean writePhaseMode = false;

    /** Seed for the random parts of timers (9.5.11.2); a daemon seeds from the clock identity. */
    public long randomSeed = 1;

    /** The port keys of every port that has no entry of its own in {@link #ports}. */
    public PortConfig port = new PortConfig();
    /** Per-port settings (index portNumber - 1); null, or a null entry: {@link #port}. */
    public PortConfig[] ports = null;

    /** The settings port {@code portNumber} uses. */
    public PortConfig portConfig(int portNumber) {
        if (ports == null || portNumber < 1 || portNumber > ports.length || ports[portNumber - 1] == null) return port;
        return ports[portNumber - 1];
    }
}
