package io.ptp4j.core.management;

import static org.junit.jupiter.api.Assertions.*;

import io.ptp4j.core.capture.Framing;
import io.ptp4j.core.capture.Pcapng;
import io.ptp4j.testkit.TestData;
import io.ptp4j.core.wire.DecodeException;
import io.ptp4j.core.wire.MessageType;
import io.ptp4j.core.wire.PortIdentity;
import io.ptp4j.core.wire.PtpMessage;
import io.ptp4j.core.wire.TlvCursor;
import io.ptp4j.core.wire.TlvType;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class ManagementDataTest {
    @Test
    void idsAreUniqueAndMatchLinuxptp() {
        Map<Integer, ManagementId> seen = new HashMap<>();
        for (ManagementId m : ManagementId.values()) assertNull(seen.put(m.id, m), "duplicate id " + m);
        assertEquals(0x2000, ManagementId.DEFAULT_DATA_SET.id);
        assertEquals(0xC000, ManagementId.TIME_STATUS_NP.id);
        assertEquals(0xC006, ManagementId.SYNCHRONIZATION_UNCERTAIN_NP.id);
        assertSame(ManagementId.PORT_DATA_SET_NP, ManagementId.of(0xC002));
        assertNull(ManagementId.of(0x7777));
        assertTrue(ManagementId.PRIORITY2.allowsSet());
        assertFalse(ManagementId.DEFAULT_DATA_SET.allowsSet());
        assertEquals(ManagementErrorId.NOT_SUPPORTED, ManagementErrorId.of(6));
    }

    /** Every layout: encode a sample, decode it back, same values; the data length is what linuxptp sends. */
    @Test
    void everyLayoutRoundTrips() throws DecodeException {
        for (ManagementId id : ManagementId.values()) {
            Map<String, Object> sample = new LinkedHashMap<>();
            if (!id.layout.isEmpty()) {
                long n = 1;
                for (String f : id.layout.split(";\\s*")) {
                    String[] p = f.trim().split("\\s+");
                    switch (p[0]) {
                        case "portid" -> sample.put(p[1], new PortIdentity(0x6e6886fffed36905L, 1));
                        case "quality" -> {
                            sample.put(p[1] + ".clockClass", 248L);
                            sample.put(p[1] + ".clockAccuracy", 0xFEL);
                            sample.put(p[1] + ".offsetScaledLogVariance", 0xFFFFL);
                        }
                        case "text" -> sample.put(p[1], "eth0");
                        case "ts" -> sample.put(p[1], new byte[10]);
                        case "scaledns" -> sample.put(p[1], new byte[12]);
                        case "rest" -> sample.put(p[1], new byte[] {1, 2, 3, 4});
                        default -> {
                            if (p[0].startsWith("bytes")) sample.put(p[1], new byte[Integer.parseInt(p[0].substring(5))]);
                            else sample.put(p[1], n++);
                        }
                    }
                }
            }
            ByteBuffer b = ByteBuffer.allocate(256);
            int len = ManagementData.encode(id, sample, b, 0);
            Map<String, Object> back = ManagementData.decode(id, b, 0, len);
            assertEquals(sample.keySet(), back.keySet(), id.name());
            for (String k : sample.keySet()) {
                Object a = sample.get(k), c = back.get(k);
                if (a instanceof byte[] x) assertArrayEquals(x, (byte[]) c, id + "." + k);
                else assertEquals(a, c, id + "." + k);
            }
        }
        assertEquals(20, len(ManagementId.DEFAULT_DATA_SET));
        assertEquals(26, len(ManagementId.PORT_DATA_SET));
        assertEquals(50, len(ManagementId.TIME_STATUS_NP));
        assertEquals(32, len(ManagementId.PARENT_DATA_SET));
    }

    private static int len(ManagementId id) {
        return ManagementData.encode(id, Map.of(), ByteBuffer.allocate(256), 0);
    }

    @Test
    void truncatedDataNamesTheField() {
        ByteBuffer b = ByteBuffer.allocate(64);
        DecodeException e = assertThrows(DecodeException.class, () -> ManagementData.decode(ManagementId.CURRENT_DATA_SET, b, 0, 12));
        assertEquals("CURRENT_DATA_SET.meanPathDelay", e.field());
        // A length past the buffer itself is cut at the buffer, never read beyond it.
        DecodeException e2 = assertThrows(DecodeException.class, () -> ManagementData.decode(ManagementId.CURRENT_DATA_SET, ByteBuffer.allocate(8), 0, 18));
        assertEquals("CURRENT_DATA_SET.offsetFromMaster", e2.field());
    }

    /** linuxptp's own management traffic: every TLV decodes by its layout and re-encodes exactly. */
    @Test
    void linuxptpManagementTrafficRoundTrips() throws Exception {
        List<Pcapng.Packet> packets = Pcapng.read(Files.readAllBytes(TestData.linuxptp311("mgmt-udp4.pcapng")));
        PtpMessage m = new PtpMessage();
        TlvCursor c = new TlvCursor();
        TreeSet<String> ids = new TreeSet<>();
        int responses = 0;
        Map<String, Object> defaultDs = null;
        for (Pcapng.Packet p : packets) {
            Framing.Located loc = Framing.locate(p.data());
            if (loc == null) continue;
            ByteBuffer buf = ByteBuffer.wrap(p.data());
            m.wrap(buf, loc.offset(), loc.length());
            if (m.validate(c) != MessageType.MANAGEMENT) continue;
            c.reset(m);
            while (c.next()) {
                if (c.type() != TlvType.MANAGEMENT) continue;
                int abs = loc.offset() + c.valueOffset();
                ManagementId id = ManagementId.of(buf.getShort(abs) & 0xFFFF);
                assertNotNull(id, "unknown id 0x" + Integer.toHexString(buf.getShort(abs) & 0xFFFF));
                ids.add(id.name());
                int dataLen = c.length() - 2;
                Map<String, Object> v = ManagementData.decode(id, buf, abs + 2, dataLen);
                ByteBuffer again = ByteBuffer.allocate(256);
                int n = ManagementData.encode(id, v, again, 0);
                byte[] orig = new byte[dataLen];
                buf.get(abs + 2, orig);
                byte[] mine = new byte[dataLen];
                again.get(0, mine, 0, Math.min(n, dataLen));
                assertArrayEquals(orig, mine, id + ": re-encoding differs");
                assertTrue(dataLen - n <= 1, id + ": at most one pad octet after the layout");
                if (m.actionField() == 2) {
                    responses++;
                    if (id == ManagementId.DEFAULT_DATA_SET) defaultDs = v;
                }
            }
        }
        System.out.println("management ids in linuxptp's traffic: " + ids + ", " + responses + " responses");
        // The capture holds pmc's requests (GET with a zeroed data field of the full layout, one SET).
        assertTrue(ids.size() >= 15, ids.toString());
        if (defaultDs != null) assertEquals(1L, defaultDs.get("numberPorts"));
    }

    @Test
    void errorStatusRoundTrips() throws DecodeException {
        byte[] b = new byte[128];
        PtpMessage m = new PtpMessage().wrap(ByteBuffer.wrap(b), 0, b.length).initHeader(MessageType.MANAGEMENT, 1).actionField(2);
        new ManagementErrorStatus(ManagementErrorId.NOT_SUPPORTED.code, ManagementId.UTC_PROPERTIES.id, "not yet").append(m);
        TlvCursor c = new TlvCursor().reset(m);
        assertTrue(c.next());
        assertEquals(TlvType.MANAGEMENT_ERROR_STATUS, c.type());
        ManagementErrorStatus e = ManagementErrorStatus.read(m, c.valueOffset(), c.length());
        assertEquals("NOT_SUPPORTED", e.errorName());
        assertEquals(ManagementId.UTC_PROPERTIES.id, e.managementId());
        assertEquals("not yet", e.displayData());
        assertEquals(0, c.length() % 2, "padded to even length");
    }
}
