package io.ptp4j.core.wire;

import static org.junit.jupiter.api.Assertions.*;

import io.ptp4j.core.capture.Framing;
import io.ptp4j.core.capture.Pcapng;
import io.ptp4j.testkit.Json;
import io.ptp4j.testkit.TestData;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.ToLongFunction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every PTP packet linuxptp 3.1.1 sent in the shared captures: ptp4j decodes it, every field
 * Wireshark decoded (NAME.tshark.json) equals ptp4j's value, and re-encoding gives the same bytes.
 */
class VectorOracleTest {

    @ParameterizedTest
    @ValueSource(strings = {"udp4-e2e", "udp6-e2e", "l2-p2p", "gptp", "unicast-udp4", "mgmt-udp4"})
    void decodesLikeWiresharkAndReencodesByteForByte(String name) throws Exception {
        List<Pcapng.Packet> packets = Pcapng.read(Files.readAllBytes(TestData.linuxptp311(name + ".pcapng")));
        Map<Integer, Pcapng.Packet> byNumber = new HashMap<>();
        for (Pcapng.Packet p : packets) byNumber.put(p.number(), p);
        @SuppressWarnings("unchecked")
        List<Object> oracle = (List<Object>) Json.parseTshark(Files.readString(TestData.linuxptp311(name + ".tshark.json")));
        assertFalse(oracle.isEmpty());
        int checkedFields = 0;
        TreeSet<String> tlvNames = new TreeSet<>();
        for (Object o : oracle) {
            Map<String, Object> layers = layers(o);
            @SuppressWarnings("unchecked")
            Map<String, Object> frame = (Map<String, Object>) layers.get("frame");
            int number = Integer.parseInt((String) frame.get("frame.number"));
            Pcapng.Packet p = byNumber.get(number);
            assertNotNull(p, name + ": frame " + number + " not in the capture");
            Framing.Located loc = Framing.locate(p.data());
            assertNotNull(loc, name + ": frame " + number + " has no PTP for ptp4j");
            ByteBuffer buf = ByteBuffer.wrap(p.data());
            DecodedMessage dm = DecodedMessage.decode(buf, loc.offset(), loc.length());
            PtpMessage m = new PtpMessage().wrap(buf, loc.offset(), loc.length());
            @SuppressWarnings("unchecked")
            Map<String, Object> ptp = (Map<String, Object>) layers.get("ptp");
            checkedFields += compare(name + " frame " + number, ptp, m, dm);
            dm.tlvs().forEach(t -> tlvNames.add(t.name()));

            byte[] original = new byte[loc.length()];
            buf.get(loc.offset(), original);
            assertArrayEquals(original, dm.encode(), name + " frame " + number + ": re-encoding differs");
        }
        System.out.printf("%s: %d PTP packets, %d fields equal to Wireshark's, TLVs %s%n", name, oracle.size(), checkedFields, tlvNames);
        assertTrue(checkedFields > oracle.size() * 10);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> layers(Object packet) {
        return (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) packet).get("_source")).get("layers");
    }

    /** Compares each field tshark printed with ptp4j's decode; fails on any field it cannot map. */
    private static int compare(String where, Map<String, Object> ptp, PtpMessage m, DecodedMessage dm) {
        int n = 0;
        List<String> unmapped = new ArrayList<>();
        for (Map.Entry<String, Object> e : ptp.entrySet()) {
            String key = e.getKey();
            if (key.endsWith("_tree") || !(e.getValue() instanceof String)) {
                if (key.startsWith("correctionField: ")) {
                    // "correctionField: 0.000000 nanoseconds"
                    double ns = Double.parseDouble(key.substring(17, key.indexOf(' ', 17)));
                    assertEquals(ns, m.correctionField() / 65536.0, 1e-6, where + " correctionField");
                    n++;
                } else if (key.endsWith(" TLV")) {
                    String want = key.startsWith("Follow Up") ? "ORGANIZATION_EXTENSION" : key.startsWith("Path trace") ? "PATH_TRACE" : key;
                    assertTrue(dm.tlvs().stream().anyMatch(t -> t.name().equals(want)), where + ": Wireshark saw " + key);
                    n++;
                }
                continue;
            }
            String v = (String) e.getValue();
            if (key.startsWith("ptp.v2.sig.tlv.tlvType")) {
                // repeated once per TLV: "...tlvType", "...tlvType#2", ...
                int idx = key.contains("#") ? Integer.parseInt(key.substring(key.indexOf('#') + 1)) - 1 : 0;
                assertEquals(Long.parseLong(v), dm.tlvs().get(idx).type(), where + " " + key);
                n++;
                continue;
            }
            Long mine = value(key, m);
            if (mine == null) {
                if (key.equals("ptp.v2.mm.data")) {
                    int len = m.u16(50) - 2;
                    StringBuilder sb = new StringBuilder();
                    for (int i = 0; i < len; i++) sb.append(i == 0 ? "" : ":").append(String.format("%02x", m.u8(54 + i)));
                    assertEquals(v, sb.toString(), where + " " + key);
                    n++;
                } else if (key.equals("ptp.v2.sync.reserved")) {
                    n++; // the 10 reserved octets of an 802.1AS Sync: covered by the byte-for-byte re-encode
                } else {
                    unmapped.add(key);
                }
                continue;
            }
            long want = v.startsWith("0x") ? Long.parseUnsignedLong(v.substring(2), 16) : Long.parseLong(v);
            assertEquals(want, mine.longValue(), where + " " + key);
            n++;
        }
        assertTrue(unmapped.isEmpty(), where + ": fields ptp4j does not check: " + unmapped);
        return n;
    }

    private static final int BODY = PtpMessage.OFF_BODY;

    /** ptp4j's readers of the Wireshark fields that are plain numbers, by name (what follows "ptp.v2."). */
    private static final Map<String, ToLongFunction<PtpMessage>> NUMBERS = new HashMap<>();

    /** Reads the fields called names with reader. */
    private static void number(ToLongFunction<PtpMessage> reader, String... names) {
        for (String name : names) NUMBERS.put(name, reader);
    }

    static {
        number(PtpMessage::majorSdoId, "majorsdoid");
        number(PtpMessage::messageTypeCode, "messagetype");
        number(PtpMessage::minorVersionPtp, "minorversionptp");
        number(PtpMessage::versionPtp, "versionptp");
        number(PtpMessage::messageLength, "messagelength");
        number(PtpMessage::domainNumber, "domainnumber");
        number(PtpMessage::minorSdoId, "minorsdoid");
        number(PtpMessage::flags, "flags");
        number(PtpMessage::messageTypeSpecific, "messagetypespecific");
        number(PtpMessage::sourceClockIdentity, "clockidentity");
        number(PtpMessage::sourcePortNumber, "sourceportid");
        number(PtpMessage::sequenceId, "sequenceid");
        number(PtpMessage::controlField, "controlfield");
        number(PtpMessage::logMessageInterval, "logmessageperiod");
        number(m -> m.timestampSeconds(BODY),
                "an.origintimestamp.seconds", "sdr.origintimestamp.seconds", "fu.preciseorigintimestamp.seconds",
                "dr.receivetimestamp.seconds", "pdrq.origintimestamp.seconds", "pdrs.requestreceipttimestamp.seconds",
                "pdfu.responseorigintimestamp.seconds");
        number(m -> m.timestampNanos(BODY) & 0xFFFFFFFFL,
                "an.origintimestamp.nanoseconds", "sdr.origintimestamp.nanoseconds", "fu.preciseorigintimestamp.nanoseconds",
                "dr.receivetimestamp.nanoseconds", "pdrq.origintimestamp.nanoseconds", "pdrs.requestreceipttimestamp.nanoseconds",
                "pdfu.responseorigintimestamp.nanoseconds");
        // Wireshark's "32bit" view of a timestamp: the low 32 bits of seconds * 1e9 + ns.
        number(m -> m.timestampAsNanos(BODY) & 0xFFFFFFFFL, "fu.preciseorigintimestamp.32bit");
        number(PtpMessage::requestingClockIdentity, "dr.requestingsourceportidentity", "pdrs.requestingportidentity", "pdfu.requestingportidentity");
        number(PtpMessage::requestingPortNumber, "dr.requestingsourceportid", "pdrs.requestingsourceportid", "pdfu.requestingsourceportid");
        number(PtpMessage::currentUtcOffset, "an.origincurrentutcoffset");
        number(PtpMessage::grandmasterPriority1, "an.priority1");
        number(PtpMessage::grandmasterClockClass, "an.grandmasterclockclass");
        number(PtpMessage::grandmasterClockAccuracy, "an.grandmasterclockaccuracy");
        number(PtpMessage::grandmasterOffsetScaledLogVariance, "an.grandmasterclockvariance");
        number(PtpMessage::grandmasterPriority2, "an.priority2");
        number(PtpMessage::grandmasterIdentity, "an.grandmasterclockidentity");
        number(PtpMessage::stepsRemoved, "an.localstepsremoved");
        number(PtpMessage::timeSource, "timesource");
        number(PtpMessage::targetClockIdentity, "sig.targetportidentity", "mm.targetportidentity");
        number(PtpMessage::targetPortNumber, "sig.targetportid", "mm.targetportid");
        number(PtpMessage::startingBoundaryHops, "mm.startingboundaryhops");
        number(PtpMessage::boundaryHops, "mm.boundaryhops");
        number(PtpMessage::actionField, "mm.action");
        number(m -> m.u16(48), "mm.tlvType");
        number(m -> m.u16(50), "mm.lengthField");
        number(m -> m.u16(52), "mm.managementId");
    }

    /** ptp4j's value for a Wireshark field name, or null when the name is not a plain number field. */
    private static Long value(String key, PtpMessage m) {
        ToLongFunction<PtpMessage> reader = NUMBERS.get(key.substring(key.indexOf("ptp.v2.") + 7));
        return reader == null ? null : reader.applyAsLong(m);
    }
}
