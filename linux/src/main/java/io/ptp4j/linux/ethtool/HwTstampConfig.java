package io.ptp4j.linux.ethtool;

import io.ptp4j.linux.NativeException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * struct hwtstamp_config (flags, tx_type, rx_filter) read with SIOCGHWTSTAMP and written with
 * SIOCSHWTSTAMP: what hwstamp_ctl and ptp4l's hwts_init use to switch a NIC's stamping on.
 */
public record HwTstampConfig(int flags, int txType, int rxFilter) {
    public static final int TX_OFF = 0, TX_ON = 1, TX_ONESTEP_SYNC = 2, TX_ONESTEP_P2P = 3;
    public static final int FILTER_NONE = 0, FILTER_ALL = 1, FILTER_PTP_V2_L4_EVENT = 6,
            FILTER_PTP_V2_L2_EVENT = 9, FILTER_PTP_V2_EVENT = 12;

    /** The interface's current configuration. */
    public static HwTstampConfig get(String iface) throws NativeException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment ifr = Ifreq.allocate(a, iface);
            MemorySegment cfg = a.allocate(12, 4);
            ifr.set(ValueLayout.ADDRESS, 16, cfg);
            Ifreq.ioctl(Ifreq.SIOCGHWTSTAMP, ifr, "ioctl(SIOCGHWTSTAMP)", iface);
            return read(cfg);
        }
    }

    /** Writes {@code wanted}; returns what the driver actually set (it may widen the filter). */
    public static HwTstampConfig set(String iface, HwTstampConfig wanted) throws NativeException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment ifr = Ifreq.allocate(a, iface);
            MemorySegment cfg = a.allocate(12, 4);
            cfg.set(ValueLayout.JAVA_INT, 0, wanted.flags);
            cfg.set(ValueLayout.JAVA_INT, 4, wanted.txType);
            cfg.set(ValueLayout.JAVA_INT, 8, wanted.rxFilter);
            ifr.set(ValueLayout.ADDRESS, 16, cfg);
            Ifreq.ioctl(Ifreq.SIOCSHWTSTAMP, ifr, "ioctl(SIOCSHWTSTAMP)", iface);
            return read(cfg);
        }
    }

    private static HwTstampConfig read(MemorySegment cfg) {
        return new HwTstampConfig(cfg.get(ValueLayout.JAVA_INT, 0), cfg.get(ValueLayout.JAVA_INT, 4),
                cfg.get(ValueLayout.JAVA_INT, 8));
    }
}
