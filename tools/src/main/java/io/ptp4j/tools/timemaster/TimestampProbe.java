package io.ptp4j.tools.timemaster;

import io.ptp4j.linux.NativeException;
import io.ptp4j.linux.ethtool.TsInfo;

/**
 * How timemaster decides between hardware and software timestamping for an interface
 * (timemaster.c add_ptp_source via sk_get_ts_info): the PHC index when the interface has hardware
 * TX/RX/raw timestamps, -1 when it has only software timestamps.
 */
@FunctionalInterface
public interface TimestampProbe {
    /** @throws TimemasterException when the kernel cannot say, or the interface has no timestamps at all */
    int phcIndex(String iface) throws TimemasterException;

    /** SIOCETHTOOL ETHTOOL_GET_TS_INFO in the calling thread's network namespace. */
    static TimestampProbe kernel() {
        return iface -> {
            TsInfo info;
            try {
                info = TsInfo.query(iface);
            } catch (NativeException e) {
                throw new TimemasterException("failed to get time stamping info for " + iface + ": " + e.getMessage());
            }
            // the bits linuxptp checks: hardware TX, RX and raw clock; else software TX, RX and system clock
            if ((info.soTimestamping() & 0x45) == 0x45) return info.phcIndex();
            if ((info.soTimestamping() & 0x1a) == 0x1a) return -1;
            throw new TimemasterException("time stamping not supported on " + iface);
        };
    }
}
