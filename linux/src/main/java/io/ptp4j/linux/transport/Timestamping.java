package io.ptp4j.linux.transport;

import io.ptp4j.linux.ethtool.HwTstampConfig;

/**
 * Which timestamps the kernel takes, as ptp4l's time_stamping option (linuxptp sk.c
 * sk_timestamping_init): "software" (-S), "hardware" (-H, the default), the hardware one-step
 * modes "onestep" (the NIC writes the Sync's originTimestamp as it sends it) and "p2p1step"
 * (also the Pdelay_Resp's turnaround into its correctionField), and "legacy" (hardware stamps
 * the kernel converted to system time, SOF_TIMESTAMPING_SYS_HARDWARE, which no driver has
 * offered since Linux 3.17). Flags are SOF_TIMESTAMPING_* (include/uapi/linux/net_tstamp.h).
 */
public enum Timestamping {
    /** Kernel software stamps: TX in the driver (skb_tx_timestamp), RX in the network stack. */
    SOFTWARE(0x2 | 0x8 | 0x10, HwTstampConfig.TX_OFF),
    /** NIC hardware stamps in the PHC's timescale; needs SIOCSHWTSTAMP on the interface too. */
    HARDWARE(0x1 | 0x4 | 0x40, HwTstampConfig.TX_ON),
    /** Hardware, and one-step Sync: HWTSTAMP_TX_ONESTEP_SYNC. */
    ONESTEP(0x1 | 0x4 | 0x40, HwTstampConfig.TX_ONESTEP_SYNC),
    /** Hardware, one-step Sync and one-step Pdelay_Resp: HWTSTAMP_TX_ONESTEP_P2P. */
    P2P1STEP(0x1 | 0x4 | 0x40, HwTstampConfig.TX_ONESTEP_P2P),
    /** Hardware stamps in system time (TX_HARDWARE | RX_HARDWARE | SYS_HARDWARE). */
    LEGACY(0x1 | 0x4 | 0x20, HwTstampConfig.TX_ON);

    /** SOF_TIMESTAMPING_OPT_ID: the error queue tells which send a TX stamp belongs to. */
    static final int OPT_ID = 0x80;
    /** SOF_TIMESTAMPING_OPT_TSONLY: the error queue returns the stamp only, not the packet. */
    static final int OPT_TSONLY = 0x800;

    private final int flags;
    private final int txType;

    Timestamping(int flags, int txType) {
        this.flags = flags;
        this.txType = txType;
    }

    /** The SO_TIMESTAMPING value ptp4j sets (with OPT_ID and OPT_TSONLY). */
    public int socketFlags() {
        return flags | OPT_ID | OPT_TSONLY;
    }

    /** What the interface must offer (ethtool's so_timestamping; linuxptp clock_required_modes). */
    public int requiredCapabilities() {
        return flags;
    }

    /** The NIC stamps (SIOCSHWTSTAMP is needed). */
    public boolean hardware() {
        return this != SOFTWARE;
    }

    /** hwtstamp_config.tx_type to ask the NIC for. */
    public int txType() {
        return txType;
    }

    /** The NIC writes the time into the Sync itself: a one-step Sync gets no transmit timestamp. */
    public boolean oneStepSync() {
        return this == ONESTEP || this == P2P1STEP;
    }

    /** Index of the timespec in scm_timestamping that carries this kind: [0] software, [1] legacy, [2] raw hardware. */
    int timespecIndex() {
        return this == SOFTWARE ? 0 : this == LEGACY ? 1 : 2;
    }

    /** time_stamping's value: software, hardware, legacy, onestep, p2p1step. */
    public static Timestamping named(String key) {
        return switch (key) {
            case "software" -> SOFTWARE;
            case "legacy" -> LEGACY;
            case "onestep" -> ONESTEP;
            case "p2p1step" -> P2P1STEP;
            default -> HARDWARE;
        };
    }
}
