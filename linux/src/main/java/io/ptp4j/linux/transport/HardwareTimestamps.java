package io.ptp4j.linux.transport;

import io.ptp4j.linux.Libc;
import io.ptp4j.linux.NativeException;
import io.ptp4j.linux.ethtool.HwTstampConfig;

/** Switches a NIC's hardware stamping on before opening sockets, as linuxptp's hwts_init does. */
final class HardwareTimestamps {
    private HardwareTimestamps() {}

    /** TX on and a PTPv2 event filter (L2 or any), falling back to "all" when the driver refuses. */
    static void enable(String iface, boolean layer2) throws NativeException {
        int first = layer2 ? HwTstampConfig.FILTER_PTP_V2_L2_EVENT : HwTstampConfig.FILTER_PTP_V2_L4_EVENT;
        int[] filters = {first, HwTstampConfig.FILTER_PTP_V2_EVENT, HwTstampConfig.FILTER_ALL};
        NativeException last = null;
        for (int f : filters) {
            try {
                HwTstampConfig.set(iface, new HwTstampConfig(0, HwTstampConfig.TX_ON, f));
                return;
            } catch (NativeException e) {
                if (e.errno() != Libc.ERANGE) throw e;
                last = e;
            }
        }
        throw last;
    }
}
