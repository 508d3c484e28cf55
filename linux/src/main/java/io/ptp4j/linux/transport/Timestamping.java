package io.ptp4j.linux.transport;

/**
 * Which timestamps the kernel takes, as ptp4l's time_stamping option: "software" (-S) or
 * "hardware" (-H, the default). Flags are SOF_TIMESTAMPING_* (include/uapi/linux/net_tstamp.h).
 */
public enum Timestamping {
    /** Kernel software stamps: TX in the driver (skb_tx_timestamp), RX in the network stack. */
    SOFTWARE(0x2 | 0x8 | 0x10),
    /** NIC hardware stamps in the PHC's timescale; needs SIOCSHWTSTAMP on the interface too. */
    HARDWARE(0x1 | 0x4 | 0x40);

    /** SOF_TIMESTAMPING_OPT_ID: the error queue tells which send a TX stamp belongs to. */
    static final int OPT_ID = 0x80;
    /** SOF_TIMESTAMPING_OPT_TSONLY: the error queue returns the stamp only, not the packet. */
    static final int OPT_TSONLY = 0x800;

    private final int flags;

    Timestamping(int flags) {
        this.flags = flags;
    }

    /** The SO_TIMESTAMPING value ptp4j sets (with OPT_ID and OPT_TSONLY). */
    public int socketFlags() {
        return flags | OPT_ID | OPT_TSONLY;
    }

    /** Index of the timespec in scm_timestamping that carries this kind: [0] software, [2] raw hardware. */
    int timespecIndex() {
        return this == SOFTWARE ? 0 : 2;
    }
}
