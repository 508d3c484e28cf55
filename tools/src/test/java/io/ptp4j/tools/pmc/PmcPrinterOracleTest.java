package io.ptp4j.tools.pmc;

import static org.junit.jupiter.api.Assertions.*;

import io.ptp4j.core.management.ManagementId;
import io.ptp4j.core.management.ManagementRequest;
import io.ptp4j.core.wire.ClockIdentity;
import io.ptp4j.testkit.TestData;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every response block linuxptp 3.1.1's pmc printed in the recorded vectors (pmc-uds.*.txt) is
 * rebuilt as the management message it came from (from the values it shows), printed by
 * {@link PmcPrinter}, and compared byte for byte with linuxptp's text.
 */
class PmcPrinterOracleTest {
    static final Pattern HEADER = Pattern.compile("\t(\\S+)-(\\d+) seq (\\d+) (RESPONSE) MANAGEMENT (\\S*) ?\n");
    static final Pattern FIELD = Pattern.compile("^(\\S+)( +)(.*)$");

    /** One printed response: its exact text and what it shows. */
    record Block(String text, String clock, int port, int seq, String id, Map<String, String> values) {}

    static List<Block> blocks(String transcript) {
        List<Block> out = new ArrayList<>();
        String[] lines = transcript.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher m = HEADER.matcher(lines[i] + "\n");
            if (!m.matches()) continue;
            StringBuilder text = new StringBuilder(lines[i]);
            Map<String, String> values = new LinkedHashMap<>();
            int j = i + 1;
            for (; j < lines.length && lines[j].startsWith("\t\t"); j++) {
                text.append("\n").append(lines[j]);
                Matcher f = FIELD.matcher(lines[j].substring(2));
                assertTrue(f.matches(), lines[j]);
                values.put(f.group(1), f.group(3));
            }
            out.add(new Block(text.append("\n").toString(), m.group(1), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
                    m.group(5), values));
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"pmc-uds.a.txt", "pmc-uds.b.txt", "pmc-uds.b-boundary1.txt"})
    void everyRecordedResponsePrintsByteForByte(String file) throws Exception {
        String transcript = Files.readString(TestData.linuxptp311(file));
        List<Block> blocks = blocks(transcript);
        assertTrue(blocks.size() >= 2, "responses in " + file);
        PmcPrinter printer = new PmcPrinter(PmcDialect.LINUXPTP_3);
        Set<String> ids = new HashSet<>();
        for (Block b : blocks) {
            ByteBuffer msg = encode(b);
            PmcResponse r = printer.show(msg, 0, msg.limit());
            assertEquals(b.text(), r.text(), "response " + b.id() + " seq " + b.seq());
            ids.add(b.id());
        }
        if (!file.contains("boundary")) {
            // Every id pmc-uds.*.txt shows, NULL_MANAGEMENT's empty answer ("") included.
            assertEquals(28, ids.size(), ids.toString());
        }
    }

    /** The RESPONSE message that makes linuxptp print block {@code b}. */
    static ByteBuffer encode(Block b) {
        ManagementRequest m = new ManagementRequest();
        m.sourceClockIdentity = ClockIdentity.parse(b.clock());
        m.sourcePortNumber = b.port();
        ByteBuffer buf = ByteBuffer.allocate(1500);
        String idName = b.id().isEmpty() ? "NULL_MANAGEMENT" : b.id();
        int n = m.encode(buf, b.seq(), ManagementRequest.RESPONSE, ManagementId.valueOf(idName).id, data(idName, b.values()));
        return buf.limit(n);
    }

    static long num(String v) {
        v = v.strip();
        if (v.startsWith("0x")) return Long.parseUnsignedLong(v.substring(2), 16);
        return Long.parseLong(v);
    }

    static int bool(String v) {
        return v.equals("1") || v.equals("true") || v.equals("on") ? 1 : 0;
    }

    static int state(String v) {
        return Arrays.asList(PmcPrinter.PORT_STATES).indexOf(v);
    }

    static void pid(ByteBuffer d, String v) {
        int dash = v.lastIndexOf('-');
        d.putLong(ClockIdentity.parse(v.substring(0, dash))).putShort((short) Integer.parseInt(v.substring(dash + 1)));
    }

    static void text(ByteBuffer d, String v) {
        byte[] t = v.getBytes(StandardCharsets.UTF_8);
        d.put((byte) t.length).put(t);
    }

    static byte[] octets(String v) {
        if (v.isEmpty()) return new byte[0];
        String[] p = v.split(":");
        byte[] o = new byte[p.length];
        for (int i = 0; i < p.length; i++) o[i] = (byte) Integer.parseInt(p[i], 16);
        return o;
    }

    static int timeFlags(Map<String, String> v) {
        String[] names = {"leap61", "leap59", "currentUtcOffsetValid", "ptpTimescale", "timeTraceable", "frequencyTraceable"};
        int f = 0;
        for (int i = 0; i < names.length; i++) if (bool(v.get(names[i])) == 1) f |= 1 << i;
        return f;
    }

    static byte[] data(String id, Map<String, String> v) {
        ByteBuffer d = ByteBuffer.allocate(600);
        switch (id) {
            case "NULL_MANAGEMENT" -> { }
            case "DEFAULT_DATA_SET" -> {
                d.put((byte) (bool(v.get("twoStepFlag")) | bool(v.get("slaveOnly")) << 1)).put((byte) 0)
                        .putShort((short) num(v.get("numberPorts"))).put((byte) num(v.get("priority1")))
                        .put((byte) num(v.get("clockClass"))).put((byte) num(v.get("clockAccuracy")))
                        .putShort((short) num(v.get("offsetScaledLogVariance"))).put((byte) num(v.get("priority2")))
                        .putLong(ClockIdentity.parse(v.get("clockIdentity"))).put((byte) num(v.get("domainNumber"))).put((byte) 0);
            }
            case "CURRENT_DATA_SET" -> d.putShort((short) num(v.get("stepsRemoved")))
                    .putLong(Math.round(Double.parseDouble(v.get("offsetFromMaster")) * 65536))
                    .putLong(Math.round(Double.parseDouble(v.get("meanPathDelay")) * 65536));
            case "PARENT_DATA_SET" -> {
                pid(d, v.get("parentPortIdentity"));
                d.put((byte) num(v.get("parentStats"))).put((byte) 0).putShort((short) num(v.get("observedParentOffsetScaledLogVariance")))
                        .putInt((int) num(v.get("observedParentClockPhaseChangeRate"))).put((byte) num(v.get("grandmasterPriority1")))
                        .put((byte) num(v.get("gm.ClockClass"))).put((byte) num(v.get("gm.ClockAccuracy")))
                        .putShort((short) num(v.get("gm.OffsetScaledLogVariance"))).put((byte) num(v.get("grandmasterPriority2")))
                        .putLong(ClockIdentity.parse(v.get("grandmasterIdentity")));
            }
            case "TIME_PROPERTIES_DATA_SET" -> d.putShort((short) num(v.get("currentUtcOffset"))).put((byte) timeFlags(v))
                    .put((byte) num(v.get("timeSource")));
            case "PRIORITY1", "PRIORITY2", "DOMAIN", "SLAVE_ONLY", "CLOCK_ACCURACY", "LOG_ANNOUNCE_INTERVAL", "ANNOUNCE_RECEIPT_TIMEOUT",
                 "LOG_SYNC_INTERVAL", "VERSION_NUMBER", "DELAY_MECHANISM", "LOG_MIN_PDELAY_REQ_INTERVAL", "SYNCHRONIZATION_UNCERTAIN_NP" ->
                    d.put((byte) num(v.values().iterator().next())).put((byte) 0);
            case "TRACEABILITY_PROPERTIES" -> d.put((byte) (bool(v.get("timeTraceable")) << 4 | bool(v.get("frequencyTraceable")) << 5)).put((byte) 0);
            case "TIMESCALE_PROPERTIES" -> d.put((byte) (bool(v.get("ptpTimescale")) << 3)).put((byte) 0xA0);
            case "CLOCK_DESCRIPTION" -> {
                d.putShort((short) num(v.get("clockType")));
                text(d, v.get("physicalLayerProtocol"));
                byte[] mac = octets(v.get("physicalAddress"));
                d.putShort((short) mac.length).put(mac);
                String[] pa = v.get("protocolAddress").split(" ");
                byte[] ip = new byte[4];
                String[] q = pa[1].split("\\.");
                for (int i = 0; i < 4; i++) ip[i] = (byte) Integer.parseInt(q[i]);
                d.putShort((short) Integer.parseInt(pa[0])).putShort((short) 4).put(ip);
                d.put(octets(v.get("manufacturerId"))).put((byte) 0);
                text(d, v.get("productDescription"));
                text(d, v.get("revisionData"));
                text(d, v.get("userDescription"));
                d.put(octets(v.get("profileId")));
            }
            case "USER_DESCRIPTION" -> text(d, v.get("userDescription"));
            case "TIME_STATUS_NP" -> {
                d.putLong(num(v.get("master_offset"))).putLong(num(v.get("ingress_time")))
                        .putInt((int) Math.round(Double.parseDouble(v.get("cumulativeScaledRateOffset")) * (1L << 41)))
                        .putInt((int) num(v.get("scaledLastGmPhaseChange"))).putShort((short) num(v.get("gmTimeBaseIndicator")));
                Matcher m = Pattern.compile("0x(\\p{XDigit}{4})'(\\p{XDigit}{16})\\.(\\p{XDigit}{4})").matcher(v.get("lastGmPhaseChange"));
                assertTrue(m.matches());
                d.putShort((short) Integer.parseInt(m.group(1), 16)).putLong(Long.parseUnsignedLong(m.group(2), 16))
                        .putShort((short) Integer.parseInt(m.group(3), 16));
                d.putInt(bool(v.get("gmPresent"))).putLong(ClockIdentity.parse(v.get("gmIdentity")));
            }
            case "GRANDMASTER_SETTINGS_NP" -> d.put((byte) num(v.get("clockClass"))).put((byte) num(v.get("clockAccuracy")))
                    .putShort((short) num(v.get("offsetScaledLogVariance"))).putShort((short) num(v.get("currentUtcOffset")))
                    .put((byte) timeFlags(v)).put((byte) num(v.get("timeSource")));
            case "SUBSCRIBE_EVENTS_NP" -> {
                d.putShort((short) num(v.get("duration")));
                byte[] mask = new byte[64];
                mask[0] = (byte) bool(v.get("NOTIFY_PORT_STATE"));
                d.put(mask);
            }
            case "PORT_DATA_SET" -> {
                pid(d, v.get("portIdentity"));
                d.put((byte) state(v.get("portState"))).put((byte) num(v.get("logMinDelayReqInterval")))
                        .putLong(num(v.get("peerMeanPathDelay")) << 16).put((byte) num(v.get("logAnnounceInterval")))
                        .put((byte) num(v.get("announceReceiptTimeout"))).put((byte) num(v.get("logSyncInterval")))
                        .put((byte) num(v.get("delayMechanism"))).put((byte) num(v.get("logMinPdelayReqInterval")))
                        .put((byte) num(v.get("versionNumber")));
            }
            case "PORT_DATA_SET_NP" -> d.putInt((int) num(v.get("neighborPropDelayThresh"))).putInt((int) num(v.get("asCapable")));
            case "PORT_PROPERTIES_NP" -> {
                pid(d, v.get("portIdentity"));
                d.put((byte) state(v.get("portState"))).put((byte) List.of("SOFTWARE", "HARDWARE").indexOf(v.get("timestamping")));
                text(d, v.get("interface"));
            }
            case "PORT_STATS_NP" -> {
                pid(d, v.get("portIdentity"));
                String[] types = {"Sync", "Delay_Req", "Pdelay_Req", "Pdelay_Resp", null, null, null, null, "Follow_Up", "Delay_Resp",
                    "Pdelay_Resp_Follow_Up", "Announce", "Signaling", "Management", null, null};
                for (String dir : new String[] {"rx_", "tx_"}) {
                    for (String t : types) d.putLong(Long.reverseBytes(t == null ? 0 : num(v.get(dir + t)))); // little-endian
                }
            }
            default -> fail("no encoder for " + id);
        }
        return Arrays.copyOf(d.array(), d.position());
    }
}
