package io.ptp4j.linux.clock;

import io.ptp4j.linux.NativeException;
import io.ptp4j.linux.ethtool.TsInfo;
import io.ptp4j.linux.transport.Timestamping;

/** Which clock ptp4l disciplines for an interface and timestamping mode. */
public final class Clocks {
    private Clocks() {}

    /**
     * Software stamping: CLOCK_REALTIME. Hardware stamping: the interface's PHC (/dev/ptpN from
     * ETHTOOL_GET_TS_INFO's phc_index), or an error when it has none.
     */
    public static ClockDevice forInterface(String iface, Timestamping ts) throws NativeException {
        if (ts == Timestamping.SOFTWARE) return new SystemClock();
        TsInfo info = TsInfo.query(iface);
        if (info.phcIndex() < 0) {
            throw new NativeException("open PHC", io.ptp4j.linux.Libc.ENODEV, "of " + iface + " (phc_index -1: no PTP hardware clock; use -S)");
        }
        return PhcClock.open(info.phcIndex());
    }
}
