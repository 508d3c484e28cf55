package io.ptp4j.linux.transport;

import io.ptp4j.linux.NativeException;
import io.ptp4j.linux.ethtool.TsInfo;

/** Opening a transport by ptp4l's option values (network_transport, time_stamping). */
public final class Transports {
    private Transports() {}

    /**
     * Opens {@code networkTransport} ("UDPv4", "UDPv6" or "L2", as in ptp4l's config) on {@code iface}
     * after checking that the interface can stamp as asked.
     */
    public static Transport open(String networkTransport, String iface, TransportConfig config) throws NativeException {
        checkTimestamping(iface, config.timestamping());
        return switch (networkTransport) {
            case "UDPv4" -> Udpv4Transport.open(iface, config);
            case "UDPv6" -> Udpv6Transport.open(iface, config);
            case "L2" -> RawEthernetTransport.open(iface, config);
            default -> throw new IllegalArgumentException(
                    "network_transport must be UDPv4, UDPv6 or L2: '" + networkTransport + "'");
        };
    }

    /**
     * ptp4l's start-up check: the interface's SOF_TIMESTAMPING capabilities must include the
     * requested mode's, else "interface 'eth0' does not support requested timestamping mode".
     */
    public static void checkTimestamping(String iface, Timestamping ts) throws NativeException {
        TsInfo info = TsInfo.query(iface);
        int required = ts.requiredCapabilities();
        if ((info.soTimestamping() & required) != required) {
            throw new UnsupportedTimestampingException(iface);
        }
    }

    /** The interface cannot stamp as requested (worded as ptp4l words it). */
    public static final class UnsupportedTimestampingException extends NativeException {
        public UnsupportedTimestampingException(String iface) {
            super(io.ptp4j.linux.Libc.EOPNOTSUPP, "interface '" + iface + "' does not support requested timestamping mode");
        }
    }
}
