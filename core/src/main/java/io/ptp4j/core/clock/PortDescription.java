package io.ptp4j.core.clock;

/**
 * What management reports about a port that the sans-IO engine cannot know: its interface, how
 * it timestamps, its addresses (CLOCK_DESCRIPTION, PORT_PROPERTIES_NP, PORT_HWCLOCK_NP).
 *
 * @param interfaceName   e.g. "eth0"
 * @param timestamping    linuxptp's enum timestamp_type: 0 SOFTWARE, 1 HARDWARE, 2 LEGACY_HW, 3 ONESTEP, 4 P2P1STEP
 * @param physicalAddress the MAC address (6 octets), or empty
 * @param networkProtocol IEEE 1588-2019 Table 3: 1 UDP/IPv4, 2 UDP/IPv6, 3 IEEE 802.3
 * @param protocolAddress the port's address in that protocol (4, 16 or 6 octets)
 * @param phcIndex        /dev/ptpN index, -1 for none
 */
public record PortDescription(String interfaceName, int timestamping, byte[] physicalAddress, int networkProtocol,
        byte[] protocolAddress, int phcIndex) {
    /** A port nothing is known about (tests, simulations). */
    public static PortDescription unknown(String interfaceName) {
        return new PortDescription(interfaceName, 0, new byte[0], 1, new byte[4], -1);
    }
}
