package io.ptp4j.linux.transport;

import static org.junit.jupiter.api.Assertions.*;

import io.ptp4j.core.engine.Driver;
import io.ptp4j.linux.Libc;
import io.ptp4j.linux.ethtool.HardwareAddress;
import io.ptp4j.testkit.NetnsPair;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Our transports on both ends of a veth pair in two namespaces, software timestamps. */
@Tag("interop")
class TransportNetnsTest {
    @AutoClose
    static NetnsPair pair;

    @BeforeAll
    static void up() throws Exception {
        pair = NetnsPair.create();
    }

    interface Opener {
        Transport open(String iface, TransportConfig c) throws Exception;
    }

    static boolean readable(int fd, int timeoutMillis) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment p = a.allocate(8);
            p.set(ValueLayout.JAVA_INT, 0, fd);
            p.set(ValueLayout.JAVA_SHORT, 4, Libc.POLLIN);
            return Libc.poll(p, 1, timeoutMillis) > 0;
        }
    }

    /** poll() with no events still reports POLLERR when the error queue holds something. */
    static boolean errorQueued(int fd, int timeoutMillis) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment p = a.allocate(8);
            p.set(ValueLayout.JAVA_INT, 0, fd);
            return Libc.poll(p, 1, timeoutMillis) > 0 && (p.get(ValueLayout.JAVA_SHORT, 6) & Libc.POLLERR) != 0;
        }
    }

    static long realtimeNanos() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment ts = a.allocate(16);
            Libc.clockGettime(Libc.CLOCK_REALTIME, ts);
            return Libc.timespecNanos(ts, 0);
        }
    }

    static ByteBuffer message(int type, int seq, int len) {
        ByteBuffer b = ByteBuffer.allocate(len);
        b.put(0, (byte) type).put(1, (byte) 2).putShort(2, (short) len).putShort(30, (short) seq);
        return b;
    }

    void exchange(Opener opener, String expectSourceOfA) throws Exception {
        exchange(opener, expectSourceOfA, TransportConfig.software());
    }

    void exchange(Opener opener, String expectSourceOfA, TransportConfig cfg) throws Exception {
        try (Transport a = pair.in(pair.nsA(), () -> opener.open(NetnsPair.IF_A, cfg));
                Transport b = pair.in(pair.nsB(), () -> opener.open(NetnsPair.IF_B, cfg))) {
            // a general message first: on L2 it shares the socket, yet must leave no TX stamp behind
            assertTrue(a.send(false, message(0xB, 1, 64), 0, 64, Driver.MULTICAST));
            assertFalse(errorQueued(a.eventFd(), 20), "a general message left a TX stamp in the error queue");
            long before = realtimeNanos();
            assertTrue(a.send(true, message(0x0, 7, 44), 0, 44, Driver.MULTICAST), "send Sync");
            long tx = a.txTimestampNanos(100);
            assertFalse(errorQueued(a.eventFd(), 0), "the error queue is empty once the stamp is read");
            ByteBuffer in = ByteBuffer.allocate(1500);
            int got = -1;
            for (int i = 0; i < 2 && got != 44; i++) {
                assertTrue(readable(b.eventFd(), 1000), "nothing arrived on " + b.getClass().getSimpleName());
                got = b.receive(true, in, 10);
                if (got == 64) { // L2: the general message comes first on the shared socket
                    assertEquals(0xB, in.get(10));
                }
            }
            long after = realtimeNanos();
            assertEquals(44, got);
            assertEquals(7, in.getShort(10 + 30));
            long rx = b.rxTimestampNanos();
            assertNotEquals(Long.MIN_VALUE, rx, "no software RX timestamp");
            assertTrue(tx >= before - 1_000_000 && tx <= after, "tx stamp " + tx + " outside [" + before + "," + after + "]");
            assertTrue(rx >= tx && rx - tx < 5_000_000, "rx - tx = " + (rx - tx) + " ns");
            long src = b.rxSource();
            assertEquals(expectSourceOfA, b.addressText(src));

            // answer by unicast on the general socket, as a Delay_Resp would go
            assertTrue(b.send(false, message(0x9, 7, 54), 0, 54, src));
            int n = -1;
            for (int i = 0; i < 3 && n != 54; i++) {
                assertTrue(readable(a.generalFd(), 1000), "unicast reply did not arrive");
                n = a.receive(false, in, 0);
            }
            assertEquals(54, n);
            assertEquals(0x9, in.get(0));

            // peer-delay group
            assertTrue(a.send(true, message(0x2, 8, 54), 0, 54, Driver.PEER_MULTICAST));
            a.txTimestampNanos(100);
            assertTrue(readable(b.eventFd(), 1000));
            assertEquals(54, b.receive(true, in, 0));
            assertEquals(8, in.getShort(30));

            // no event message since the last stamp: a clear error, not a hang
            Exception e = assertThrows(Exception.class, () -> a.txTimestampNanos(1));
            assertTrue(e.getMessage().contains("MSG_ERRQUEUE"), e.getMessage());
        }
    }

    @Test
    void udpv4() throws Exception {
        exchange(Udpv4Transport::open, NetnsPair.IPV4_A);
    }

    @Test
    void udpv6() throws Exception {
        exchange(Udpv6Transport::open, NetnsPair.IPV6_A);
    }

    @Test
    void layer2() throws Exception {
        String macA = pair.in(pair.nsA(), () -> HardwareAddress.text(HardwareAddress.of(NetnsPair.IF_A)));
        exchange(RawEthernetTransport::open, macA);
    }

    static final TransportConfig.IpGroups OTHER_GROUPS =
            TransportConfig.IpGroups.parse("224.0.1.130", "224.0.0.108", "FF0E:0:0:0:0:0:0:182", "ff02::6c");

    @Test
    void otherMulticastGroupsFromPtpDstAndP2pDstKeys() throws Exception {
        TransportConfig other = TransportConfig.software().withGroups(OTHER_GROUPS);
        exchange(Udpv4Transport::open, NetnsPair.IPV4_A, other);
        exchange(Udpv6Transport::open, NetnsPair.IPV6_A, other);
        try (Transport v4 = pair.in(pair.nsA(), () -> Udpv4Transport.open(NetnsPair.IF_A, other));
                Transport v6 = pair.in(pair.nsA(), () -> Udpv6Transport.open(NetnsPair.IF_A, other.withUdp6Scope(0x5)));
                Transport plain = pair.in(pair.nsB(), () -> Udpv4Transport.open(NetnsPair.IF_B, TransportConfig.software()))) {
            assertEquals("224.0.1.130", v4.addressText(Driver.MULTICAST));
            assertEquals("224.0.0.108", v4.addressText(Driver.PEER_MULTICAST));
            assertEquals("ff05::182", v6.addressText(Driver.MULTICAST), "udp6_scope still sets the scope byte");
            assertEquals("ff02::6c", v6.addressText(Driver.PEER_MULTICAST));
            assertTrue(v4.send(true, message(0x0, 9, 44), 0, 44, Driver.MULTICAST));
            v4.txTimestampNanos(100);
            assertFalse(readable(plain.eventFd(), 300), "a port on 224.0.1.129 heard a Sync sent to 224.0.1.130");
        }
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> TransportConfig.IpGroups.parse("224.0.1.300", "224.0.0.107", "ff0e::181", "ff02::6b"));
        assertEquals("invalid ptp_dst_ipv4 224.0.1.300", bad.getMessage());
        bad = assertThrows(IllegalArgumentException.class,
                () -> TransportConfig.IpGroups.parse("224.0.1.129", "224.0.0.107", "ff0e::181", "example.com"));
        assertEquals("invalid p2p_dst_ipv6 example.com", bad.getMessage());
        assertEquals(TransportConfig.IpGroups.DEFAULT,
                TransportConfig.IpGroups.parse("224.0.1.129", "224.0.0.107", "FF0E:0:0:0:0:0:0:181", "FF02:0:0:0:0:0:0:6B"));
    }

    @Test
    void socketPrioritySetsSoPriorityOnTheL2Socket() throws Exception {
        try (Transport l2 = pair.in(pair.nsA(), () -> RawEthernetTransport.open(NetnsPair.IF_A, TransportConfig.software().withSocketPriority(3)));
                Transport plain = pair.in(pair.nsA(), () -> RawEthernetTransport.open(NetnsPair.IF_A, TransportConfig.software()));
                java.lang.foreign.Arena a = java.lang.foreign.Arena.ofConfined()) {
            for (Object[] c : new Object[][] {{l2, 3}, {plain, 0}}) {
                java.lang.foreign.MemorySegment v = a.allocate(4, 4), len = a.allocate(4, 4);
                len.set(java.lang.foreign.ValueLayout.JAVA_INT, 0, 4);
                assertEquals(0, io.ptp4j.linux.Libc.getsockopt(((Transport) c[0]).eventFd(), io.ptp4j.linux.Libc.SOL_SOCKET,
                        io.ptp4j.linux.Libc.SO_PRIORITY, v, len));
                assertEquals((int) c[1], v.get(java.lang.foreign.ValueLayout.JAVA_INT, 0));
            }
        }
        assertThrows(IllegalArgumentException.class, () -> TransportConfig.software().withSocketPriority(16));
    }

    @Test
    void unicastAddressHandles() throws Exception {
        try (Transport v4 = pair.in(pair.nsA(), () -> Udpv4Transport.open(NetnsPair.IF_A, TransportConfig.software()));
                Transport v6 = pair.in(pair.nsA(), () -> Udpv6Transport.open(NetnsPair.IF_A,
                        TransportConfig.software().withUdp6Scope(0x5)))) {
            assertEquals(0xC0000202L, v4.resolveUnicast("192.0.2.2"));
            assertEquals("192.0.2.2", v4.addressText(0xC0000202L));
            assertEquals(Transport.NO_ADDRESS, v4.resolveUnicast("192.0.2.256"));
            assertEquals(Transport.NO_ADDRESS, v4.resolveUnicast("2001:db8::2"));
            assertEquals("224.0.1.129", v4.addressText(Driver.MULTICAST));
            long h = v6.resolveUnicast("2001:db8::2");
            assertTrue(h >= 0);
            assertEquals(h, v6.resolveUnicast("2001:0db8:0:0::2"), "same peer, same handle");
            assertEquals("2001:db8::2", v6.addressText(h));
            assertEquals("ff05::181", v6.addressText(Driver.MULTICAST), "udp6_scope picks the group");
            assertEquals("ff02::6b", v6.addressText(Driver.PEER_MULTICAST));
            assertEquals(Transport.NO_ADDRESS, v6.resolveUnicast("example.com"));
        }
    }

    @Test
    void openByConfigNames() throws Exception {
        for (String name : new String[] {"UDPv4", "UDPv6", "L2"}) {
            try (Transport t = pair.in(pair.nsA(), () -> Transports.open(name, NetnsPair.IF_A, TransportConfig.software()))) {
                assertEquals(NetnsPair.IF_A, t.interfaceName());
            }
        }
        Exception bad = assertThrows(IllegalArgumentException.class,
                () -> pair.in(pair.nsA(), () -> Transports.open("UDP", NetnsPair.IF_A, TransportConfig.software())));
        assertTrue(bad.getMessage().contains("'UDP'"));
        Exception hw = assertThrows(Exception.class,
                () -> pair.in(pair.nsA(), () -> Transports.open("UDPv4", NetnsPair.IF_A, TransportConfig.defaults())));
        assertEquals("interface 'vA' does not support requested timestamping mode", hw.getMessage());
        Exception phc = assertThrows(Exception.class, () -> pair.in(pair.nsA(),
                () -> io.ptp4j.linux.clock.Clocks.forInterface(NetnsPair.IF_A, Timestamping.HARDWARE)));
        assertTrue(phc.getMessage().contains("no PTP hardware clock; use -S"), phc.getMessage());
        try (var c = io.ptp4j.linux.clock.Clocks.forInterface(NetnsPair.IF_A, Timestamping.SOFTWARE)) {
            assertEquals("CLOCK_REALTIME", c.name());
        }
    }

    @Test
    void openingAMissingInterfaceNamesIt() {
        Exception e = assertThrows(Exception.class,
                () -> pair.in(pair.nsA(), () -> Udpv4Transport.open("nosuch0", TransportConfig.software())));
        assertTrue(e.getMessage().contains("if_nametoindex nosuch0"), e.getMessage());
    }

    @Test
    void hardwareTimestampingOnVethFailsClearly() {
        Exception e = assertThrows(Exception.class,
                () -> pair.in(pair.nsA(), () -> Udpv4Transport.open(NetnsPair.IF_A, TransportConfig.defaults())));
        assertTrue(e.getMessage().contains("SIOCSHWTSTAMP") && e.getMessage().contains(NetnsPair.IF_A), e.getMessage());
    }
}
