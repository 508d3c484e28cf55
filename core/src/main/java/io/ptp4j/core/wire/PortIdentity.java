package io.ptp4j.core.wire;

/**
 * PortIdentity (IEEE 1588-2019 5.3.5): an 8-byte clockIdentity and a 16-bit portNumber.
 * Printed the linuxptp way: {@code 6e6886.fffe.d36905-1}.
 */
public record PortIdentity(long clockIdentity, int portNumber) implements Comparable<PortIdentity> {
    public static final int WIRE_LENGTH = 10;
    /** The wildcard port identity of management messages (all ones). */
    public static final PortIdentity ALL = new PortIdentity(-1L, 0xFFFF);

    public PortIdentity {
        portNumber &= 0xFFFF;
    }

    @Override
    public int compareTo(PortIdentity o) {
        int c = Long.compareUnsigned(clockIdentity, o.clockIdentity);
        return c != 0 ? c : Integer.compare(portNumber, o.portNumber);
    }

    @Override
    public String toString() {
        return ClockIdentity.format(clockIdentity) + "-" + portNumber;
    }
}
