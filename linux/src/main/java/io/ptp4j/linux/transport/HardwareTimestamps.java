package io.ptp4j.linux.transport;

import io.ptp4j.linux.Libc;
import io.ptp4j.linux.NativeException;
import io.ptp4j.linux.ethtool.HwTstampConfig;

/**
 * Switches a NIC's hardware stamping on before sockets are opened, as linuxptp's sk.c hwts_init
 * does, in the mode hwts_filter names: "normal" asks for the most general PTPv2 event filter and
 * falls back to the transport's own; "check" sets nothing and only checks what is set; "full"
 * asks for every packet. The transmit type is the mode's (one-step Sync or P2P for onestep and
 * p2p1step). Whatever the driver then reports must be what was asked, else linuxptp's "The
 * current filter does not match the required": a NIC that cannot do one-step is refused, never
 * quietly run two-step.
 */
public final class HardwareTimestamps {
    /** hwts_filter. */
    public enum FilterMode {
        NORMAL, CHECK, FULL;

        public static FilterMode named(String key) {
            return switch (key) {
                case "check" -> CHECK;
                case "full" -> FULL;
                default -> NORMAL;
            };
        }
    }

    /** What hwts_init would say; thrown with its words. */
    public static final class RefusedException extends NativeException {
        RefusedException(int errno, String message) {
            super(errno, message);
        }
    }

    /** hwstamp_config.rx_filter HWTSTAMP_FILTER_SOME: the driver stamps some packets, at least those asked. */
    static final int FILTER_SOME = 2;

    /** Talks to the NIC (SIOCGHWTSTAMP / SIOCSHWTSTAMP); tests replace it. */
    interface Nic {
        HwTstampConfig get(String iface) throws NativeException;

        HwTstampConfig set(String iface, HwTstampConfig wanted) throws NativeException;
    }

    static final Nic KERNEL = new Nic() {
        @Override
        public HwTstampConfig get(String iface) throws NativeException {
            return HwTstampConfig.get(iface);
        }

        @Override
        public HwTstampConfig set(String iface, HwTstampConfig wanted) throws NativeException {
            return HwTstampConfig.set(iface, wanted);
        }
    };

    private HardwareTimestamps() {}

    /** For a transport on {@code iface} (L2 or UDP), in {@code ts}'s transmit type. */
    static void enable(String iface, boolean layer2, Timestamping ts, FilterMode mode) throws NativeException {
        init(KERNEL, iface, layer2, ts.txType(), mode, null);
    }

    /**
     * linuxptp hwts_init. {@code info} hears linuxptp's pr_info lines (may be null). Returns what
     * is set; throws {@link RefusedException} worded as linuxptp words it.
     */
    static HwTstampConfig init(Nic nic, String iface, boolean layer2, int txType, FilterMode mode, java.util.function.Consumer<String> info)
            throws NativeException {
        int filter1 = HwTstampConfig.FILTER_PTP_V2_EVENT;
        int filter2 = layer2 ? HwTstampConfig.FILTER_PTP_V2_L2_EVENT : HwTstampConfig.FILTER_PTP_V2_L4_EVENT;
        HwTstampConfig cfg;
        switch (mode) {
            case CHECK -> cfg = call(() -> nic.get(iface), "SIOCGHWTSTAMP", iface);
            case FULL -> cfg = call(() -> nic.set(iface, new HwTstampConfig(0, txType, HwTstampConfig.FILTER_ALL)), "SIOCSHWTSTAMP", iface);
            default -> {
                try {
                    cfg = nic.set(iface, new HwTstampConfig(0, txType, filter1));
                    if (cfg.rxFilter() == FILTER_SOME) cfg = new HwTstampConfig(cfg.flags(), cfg.txType(), filter1);
                } catch (NativeException e) {
                    if (info != null) info.accept("driver rejected most general HWTSTAMP filter");
                    cfg = call(() -> nic.set(iface, new HwTstampConfig(0, txType, filter2)), "SIOCSHWTSTAMP", iface);
                    if (cfg.rxFilter() == FILTER_SOME) cfg = new HwTstampConfig(cfg.flags(), cfg.txType(), filter2);
                }
            }
        }
        if (cfg.txType() != txType || (cfg.rxFilter() != filter1 && cfg.rxFilter() != filter2 && cfg.rxFilter() != HwTstampConfig.FILTER_ALL)) {
            throw new RefusedException(Libc.EINVAL, "The current filter does not match the required (interface " + iface + ")");
        }
        return cfg;
    }

    @FunctionalInterface
    private interface Call {
        HwTstampConfig run() throws NativeException;
    }

    private static HwTstampConfig call(Call c, String ioctl, String iface) throws NativeException {
        try {
            return c.run();
        } catch (NativeException e) {
            throw new RefusedException(e.errno(), "ioctl " + ioctl + " failed: " + Libc.strerror(e.errno()) + " (interface " + iface + ")");
        }
    }
}
