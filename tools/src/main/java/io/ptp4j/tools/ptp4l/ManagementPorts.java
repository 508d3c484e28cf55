package io.ptp4j.tools.ptp4l;

import io.ptp4j.core.clock.PortDescription;
import io.ptp4j.linux.NativeException;
import io.ptp4j.linux.ethtool.HardwareAddress;
import io.ptp4j.linux.ethtool.TsInfo;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.util.Collections;

/**
 * What management reports about ptp4l's ports (CLOCK_DESCRIPTION, PORT_PROPERTIES_NP,
 * PORT_HWCLOCK_NP), read once at start: MAC, the address of the configured network transport,
 * the timestamping mode and PHC index. Whatever cannot be read is left empty.
 */
final class ManagementPorts {
    private ManagementPorts() {}

    static PortDescription describe(String iface, String networkTransport, boolean software) {
        byte[] mac = new byte[0];
        try {
            long m = HardwareAddress.of(iface);
            mac = new byte[6];
            for (int i = 0; i < 6; i++) mac[i] = (byte) (m >>> (40 - 8 * i));
        } catch (NativeException e) {
            // no MAC (tun device, test interface): reported empty
        }
        int protocol = switch (networkTransport) {
            case "UDPv6" -> 2;
            case "L2" -> 3;
            default -> 1;
        };
        byte[] address = protocol == 3 ? mac : new byte[protocol == 1 ? 4 : 16];
        if (protocol != 3) {
            try {
                NetworkInterface ni = NetworkInterface.getByName(iface);
                if (ni != null) {
                    for (InetAddress a : Collections.list(ni.getInetAddresses())) {
                        if (protocol == 1 && a instanceof Inet4Address || protocol == 2 && a instanceof Inet6Address && !a.isLinkLocalAddress()) {
                            address = a.getAddress();
                            break;
                        }
                    }
                }
            } catch (java.net.SocketException e) {
                // reported as zeros
            }
        }
        int phc = -1;
        try {
            phc = TsInfo.query(iface).phcIndex();
        } catch (NativeException e) {
            // no ethtool answer: no PHC
        }
        return new PortDescription(iface, software ? 0 : 1, mac, protocol, address, phc);
    }
}
