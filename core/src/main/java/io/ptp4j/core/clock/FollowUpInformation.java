package io.ptp4j.core.clock;

import io.ptp4j.core.wire.FollowUpInfoTlv;
import io.ptp4j.core.wire.PtpMessage;

/**
 * The IEEE 802.1AS follow_up information of a time-aware system (802.1AS-2020 11.4.4.3): what
 * it received from its master, what it reports in TIME_STATUS_NP, and what it sends on in its
 * own Follow_Ups.
 *
 * <ul>
 * <li>A client keeps the four fields of its parent's last Follow_Up (linuxptp
 *     clock_follow_up_info) and the neighbor rate ratio its slave port measured (linuxptp
 *     c->nrr, from the Pdelay exchange or the CMLDS).
 * <li>Its rate ratio to the grandmaster is the received cumulative ratio times the neighbor rate
 *     ratio (802.1AS-2020 10.2.8.1.4: rateRatio = rcvdRateRatio * neighborRateRatio); a relay sends
 *     (rateRatio - 1) * 2^41 on as cumulativeScaledRateOffset and passes gmTimeBaseIndicator,
 *     lastGmPhaseChange and scaledLastGmFreqChange unchanged (10.2.10).
 * <li>A grandmaster sends cumulativeScaledRateOffset 0 and its own time base: gmTimeBaseIndicator
 *     counts its time base changes, and a time-aware system that takes over as grandmaster
 *     from another one changes the time base its clients see (9.2.2.3, 10.2.4.x
 *     clockSourceTimeBaseIndicator): the indicator goes up by one, lastGmPhaseChange becomes
 *     the phase step the clients see (its time minus the old grandmaster's, -offsetFromMaster)
 *     and scaledLastGmFreqChange its fractional frequency offset from the old grandmaster
 *     (1/rateRatio - 1, * 2^41). linuxptp 4.4 always sends zeros here and never clears what it
 *     received once it is grandmaster.
 * </ul>
 * TIME_STATUS_NP differs from linuxptp 4.4's in one way: linuxptp adds the two offsets
 * (received + (nrr - 1) * 2^41), ptp4j multiplies the ratios as 802.1AS does; the difference
 * is the product of the two offsets (1e-8 for two 100 ppm rates).
 */
public final class FollowUpInformation {
    static final double POW2_41 = 2199023255552.0;

    // received from the parent
    private int rxRateOffset, rxTimeBaseIndicator, rxPhaseHigh32, rxFreqChange;
    private long rxPhaseLow64;
    private double neighborRateRatio = 1.0;
    // this clock's time base as grandmaster
    private int timeBaseIndicator, phaseHigh32, freqChange;
    private long phaseLow64;

    /** A Follow_Up from the parent carried this follow_up information TLV (value at {@code v}). */
    void received(PtpMessage rx, int v) {
        rxRateOffset = FollowUpInfoTlv.cumulativeScaledRateOffset(rx, v);
        rxTimeBaseIndicator = FollowUpInfoTlv.gmTimeBaseIndicator(rx, v);
        rxPhaseHigh32 = FollowUpInfoTlv.lastGmPhaseChangeHigh32(rx, v);
        rxPhaseLow64 = FollowUpInfoTlv.lastGmPhaseChangeLow64(rx, v);
        rxFreqChange = FollowUpInfoTlv.scaledLastGmFreqChange(rx, v);
    }

    /** The slave port's neighbor rate ratio (its peer's rate over ours). */
    void neighborRateRatio(double ratio) {
        neighborRateRatio = ratio;
    }

    /** A new master: nothing received from it yet (linuxptp resets c->nrr to 1 here). */
    void masterChanged() {
        rxRateOffset = rxTimeBaseIndicator = rxPhaseHigh32 = rxFreqChange = 0;
        rxPhaseLow64 = 0;
        neighborRateRatio = 1.0;
    }

    /**
     * This clock takes over as grandmaster after following another one: its clients see a new
     * time base, {@code offsetFromMasterNanos} (this clock minus the old grandmaster) in phase
     * and the inverse of the last rate ratio in frequency.
     */
    void tookOverAsGrandmaster(long offsetFromMasterNanos) {
        double rateRatio = rateRatio(false);
        timeBaseIndicator = (timeBaseIndicator + 1) & 0xFFFF;
        // ScaledNs: ns * 2^16 in 96 bits; the phase step the clients see is our time minus the old GM's
        long scaled = -offsetFromMasterNanos << 16;
        phaseLow64 = scaled;
        phaseHigh32 = scaled < 0 ? -1 : 0;
        freqChange = (int) Math.round((1.0 / rateRatio - 1.0) * POW2_41);
        masterChanged();
    }

    /** The rate ratio to the grandmaster: 1 at the grandmaster, else received ratio * neighbor ratio. */
    public double rateRatio(boolean grandmaster) {
        return grandmaster ? 1.0 : (1.0 + rxRateOffset / POW2_41) * neighborRateRatio;
    }

    /** cumulativeScaledRateOffset to send and report: (rateRatio - 1) * 2^41. */
    public int cumulativeScaledRateOffset(boolean grandmaster) {
        return (int) Math.round((rateRatio(grandmaster) - 1.0) * POW2_41);
    }

    public int gmTimeBaseIndicator(boolean grandmaster) {
        return grandmaster ? timeBaseIndicator : rxTimeBaseIndicator;
    }

    /** lastGmPhaseChange, the high 32 of its 96 bits. */
    public int lastGmPhaseChangeHigh32(boolean grandmaster) {
        return grandmaster ? phaseHigh32 : rxPhaseHigh32;
    }

    /** lastGmPhaseChange, the low 64 of its 96 bits. */
    public long lastGmPhaseChangeLow64(boolean grandmaster) {
        return grandmaster ? phaseLow64 : rxPhaseLow64;
    }

    public int scaledLastGmFreqChange(boolean grandmaster) {
        return grandmaster ? freqChange : rxFreqChange;
    }

    /** Appends the TLV a Follow_Up of this clock carries. */
    public void appendTo(PtpMessage followUp, boolean grandmaster) {
        FollowUpInfoTlv.append(followUp, cumulativeScaledRateOffset(grandmaster), gmTimeBaseIndicator(grandmaster),
                lastGmPhaseChangeHigh32(grandmaster), lastGmPhaseChangeLow64(grandmaster), scaledLastGmFreqChange(grandmaster));
    }
}
