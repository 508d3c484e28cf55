package io.ptp4j.linux.ethtool;

import io.ptp4j.linux.NativeException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;

/**
 * An interface's timestamping capabilities: ETHTOOL_GET_TS_INFO through SIOCETHTOOL (what
 * `ethtool -T` shows and what linuxptp's sk_get_ts_info reads).
 *
 * @param soTimestamping SOF_TIMESTAMPING_* capability bits
 * @param phcIndex       the N of /dev/ptpN, or -1 when the interface has no PTP hardware clock
 * @param txTypes        bit per HWTSTAMP_TX_* mode
 * @param rxFilters      bit per HWTSTAMP_FILTER_* mode
 */
public record TsInfo(int soTimestamping, int phcIndex, int txTypes, int rxFilters) {
    static final int ETHTOOL_GET_TS_INFO = 0x41;
    /** sizeof(struct ethtool_ts_info): cmd, so_timestamping, phc_index, tx_types, tx_reserved[3], rx_filters, rx_reserved[3]. */
    static final int SIZE = 44;

    /** SOF_TIMESTAMPING_* bit names in bit order, as ethtool prints them. */
    public static final List<String> SOF_NAMES = List.of("hardware-transmit", "software-transmit", "hardware-receive",
            "software-receive", "software-system-clock", "hardware-legacy-clock", "hardware-raw-clock");
    /** HWTSTAMP_TX_* names in value order. */
    public static final List<String> TX_NAMES = List.of("off", "on", "one-step-sync", "one-step-p2p");
    /** HWTSTAMP_FILTER_* names in value order. */
    public static final List<String> RX_NAMES = List.of("none", "all", "some", "ptpv1-l4-event", "ptpv1-l4-sync",
            "ptpv1-l4-delay-req", "ptpv2-l4-event", "ptpv2-l4-sync", "ptpv2-l4-delay-req", "ptpv2-l2-event",
            "ptpv2-l2-sync", "ptpv2-l2-delay-req", "ptpv2-event", "ptpv2-sync", "ptpv2-delay-req", "ntp-all");

    /** Asks the kernel about {@code iface} (in the calling thread's network namespace). */
    public static TsInfo query(String iface) throws NativeException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment ifr = Ifreq.allocate(a, iface);
            MemorySegment info = a.allocate(SIZE, 8);
            info.set(ValueLayout.JAVA_INT, 0, ETHTOOL_GET_TS_INFO);
            ifr.set(ValueLayout.ADDRESS, 16, info);
            Ifreq.ioctl(Ifreq.SIOCETHTOOL, ifr, "ioctl(SIOCETHTOOL, ETHTOOL_GET_TS_INFO)", iface);
            return new TsInfo(info.get(ValueLayout.JAVA_INT, 4), info.get(ValueLayout.JAVA_INT, 8),
                    info.get(ValueLayout.JAVA_INT, 12), info.get(ValueLayout.JAVA_INT, 28));
        }
    }

    /** Software TX and RX stamps plus the system clock: what ptp4l -S needs. */
    public boolean softwareUsable() {
        return (soTimestamping & 0x2) != 0 && (soTimestamping & 0x8) != 0 && (soTimestamping & 0x10) != 0;
    }

    /** Hardware TX and RX raw stamps and a PHC: what ptp4l -H needs. */
    public boolean hardwareUsable() {
        return (soTimestamping & 0x1) != 0 && (soTimestamping & 0x4) != 0 && (soTimestamping & 0x40) != 0 && phcIndex >= 0;
    }

    public List<String> capabilityNames() {
        return names(soTimestamping, SOF_NAMES, "bit");
    }

    public List<String> txTypeNames() {
        return names(txTypes, TX_NAMES, "tx-type");
    }

    public List<String> rxFilterNames() {
        return names(rxFilters, RX_NAMES, "filter");
    }

    private static List<String> names(int bits, List<String> table, String unknown) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            if ((bits & (1 << i)) == 0) continue;
            out.add(i < table.size() ? table.get(i) : unknown + " " + i);
        }
        return out;
    }

    /** The text `ethtool -T IFACE` (ethtool 6.1) prints: capabilities, PHC index, TX modes, RX filters. */
    public String ethtoolText(String iface) {
        StringBuilder b = new StringBuilder();
        b.append("Time stamping parameters for ").append(iface).append(":\n");
        b.append("Capabilities:\n");
        for (String n : capabilityNames()) b.append('\t').append(n).append('\n');
        b.append("PTP Hardware Clock: ").append(phcIndex < 0 ? "none" : Integer.toString(phcIndex)).append('\n');
        list(b, "Hardware Transmit Timestamp Modes:", txTypeNames());
        list(b, "Hardware Receive Filter Modes:", rxFilterNames());
        return b.toString();
    }

    private static void list(StringBuilder b, String title, List<String> names) {
        b.append(title);
        if (names.isEmpty()) {
            b.append(" none\n");
            return;
        }
        b.append('\n');
        for (String n : names) b.append('\t').append(n).append('\n');
    }

    /** A plain verdict for people: can ptp4l run here, and how well. */
    public String verdict() {
        if (hardwareUsable()) {
            return "hardware timestamping usable (PHC /dev/ptp" + phcIndex + "): run ptp4l -H (default)";
        }
        if (softwareUsable()) {
            return "software timestamping only: expect ~1 \u00b5s accuracy at best (tens of \u00b5s under load); use -S";
        }
        return "no usable timestamping: ptp4l cannot run on this interface";
    }
}
