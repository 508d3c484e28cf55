package io.ptp4j.tools.pmc;

import static org.junit.jupiter.api.Assertions.*;

import io.ptp4j.core.management.ManagementErrorId;
import io.ptp4j.core.management.ManagementErrorStatus;
import io.ptp4j.core.management.ManagementId;
import io.ptp4j.core.management.ManagementRequest;
import io.ptp4j.core.wire.PtpMessage;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * The printers the recorded vectors do not cover, against linuxptp 4's pmc.c format strings
 * (labels, padding, number formats), plus errors, empty TLVs and --json.
 */
class PmcPrinterTest {
    static final String SRC = "\t6e6886.fffe.d36905-1 seq 7 ";
    final PmcPrinter v4 = new PmcPrinter(PmcDialect.LINUXPTP_4);

    static ByteBuffer msg(int action, ManagementId id, String hexData) {
        ManagementRequest m = new ManagementRequest();
        m.sourceClockIdentity = 0x6e6886fffed36905L;
        m.sourcePortNumber = 1;
        ByteBuffer b = ByteBuffer.allocate(1500);
        int n = m.encode(b, 7, action, id.id, HexFormat.of().parseHex(hexData));
        return b.limit(n);
    }

    String show(ManagementId id, String hex) throws Exception {
        ByteBuffer b = msg(ManagementRequest.RESPONSE, id, hex);
        return v4.show(b, 0, b.limit()).text();
    }

    @Test
    void subscribeEventsNpInLinuxptp4AndIn3() throws Exception {
        String data = "003c" + "05" + "00".repeat(63);
        assertEquals(SRC + "RESPONSE MANAGEMENT SUBSCRIBE_EVENTS_NP \n\t\tduration               60\n\t\tNOTIFY_PORT_STATE      on"
                + "\n\t\tNOTIFY_TIME_SYNC       off\n\t\tNOTIFY_PARENT_DATA_SET on\n\t\tNOTIFY_CMLDS           off\n",
                show(ManagementId.SUBSCRIBE_EVENTS_NP, data));
        ByteBuffer b = msg(ManagementRequest.RESPONSE, ManagementId.SUBSCRIBE_EVENTS_NP, data);
        assertEquals(SRC + "RESPONSE MANAGEMENT SUBSCRIBE_EVENTS_NP \n\t\tduration          60\n\t\tNOTIFY_PORT_STATE on\n",
                new PmcPrinter(PmcDialect.LINUXPTP_3).show(b, 0, b.limit()).text());
    }

    @Test
    void linuxptp4OnlyIds() throws Exception {
        assertEquals(SRC + "RESPONSE MANAGEMENT PORT_HWCLOCK_NP \n\t\tportIdentity            6e6886.fffe.d36905-1"
                + "\n\t\tphcIndex                -1\n\t\tflags                   0\n",
                show(ManagementId.PORT_HWCLOCK_NP, "6e6886fffed369050001" + "ffffffff" + "0000"));
        assertEquals(SRC + "RESPONSE MANAGEMENT CMLDS_INFO_NP \n\t\tmeanLinkDelay           1515\n\t\tscaledNeighborRateRatio -3"
                + "\n\t\tas_capable              1\n",
                show(ManagementId.CMLDS_INFO_NP, "0000000005eb0000" + "fffffffd" + "00000001"));
        // linuxptp prints a blank after each of these three values.
        assertEquals(SRC + "RESPONSE MANAGEMENT PORT_CORRECTIONS_NP \n\t\tegressLatency  100 \n\t\tingressLatency -100 "
                + "\n\t\tdelayAsymmetry 0 \n",
                show(ManagementId.PORT_CORRECTIONS_NP, "0000000000640000" + "ffffffffff9c0000" + "0000000000000000"));
        assertEquals(SRC + "RESPONSE MANAGEMENT MASTER_ONLY \n\t\tmasterOnly 1\n", show(ManagementId.MASTER_ONLY, "0100"));
        assertEquals(SRC + "RESPONSE MANAGEMENT EXTERNAL_GRANDMASTER_PROPERTIES_NP \n\t\tgmIdentity   6e6886.fffe.d36905\n\t\tstepsRemoved 2\n",
                show(ManagementId.EXTERNAL_GRANDMASTER_PROPERTIES_NP, "6e6886fffed369050002"));
        assertEquals(SRC + "RESPONSE MANAGEMENT POWER_PROFILE_SETTINGS_NP \n\t\tversion                   2\n\t\tgrandmasterID             0x00ab"
                + "\n\t\tgrandmasterTimeInaccuracy 1\n\t\tnetworkTimeInaccuracy     2\n\t\ttotalTimeInaccuracy       3\n",
                show(ManagementId.POWER_PROFILE_SETTINGS_NP, "000200ab000000010000000200000003"));
        assertEquals(SRC + "RESPONSE MANAGEMENT ALTERNATE_TIME_OFFSET_PROPERTIES \n\t\tkeyField       1\n\t\tcurrentOffset  -3600"
                + "\n\t\tjumpSeconds    3600\n\t\ttimeOfNextJump 4294967297\n",
                show(ManagementId.ALTERNATE_TIME_OFFSET_PROPERTIES, "01" + "fffff1f0" + "00000e10" + "000100000001" + "00"));
        assertEquals(SRC + "RESPONSE MANAGEMENT ALTERNATE_TIME_OFFSET_ENABLE \n\t\tkeyField       2\n\t\tenable         1\n",
                show(ManagementId.ALTERNATE_TIME_OFFSET_ENABLE, "0201"));
        assertEquals(SRC + "RESPONSE MANAGEMENT ALTERNATE_TIME_OFFSET_NAME \n\t\tkeyField       0\n\t\tdisplayName    CET\n",
                show(ManagementId.ALTERNATE_TIME_OFFSET_NAME, "0003434554"));
        String stats = "6e6886fffed369050001" + "0100000000000000" + "00".repeat(8 * 9) + "0200000000000000" + "00".repeat(8 * 9);
        assertTrue(show(ManagementId.PORT_SERVICE_STATS_NP, stats).contains("\n\t\tannounce_timeout          1\n\t\tsync_timeout              0\n"));
        assertTrue(show(ManagementId.PORT_SERVICE_STATS_NP, stats).endsWith("\n\t\tfollowup_mismatch         0\n"));
    }

    @Test
    void unicastMasterTable() throws Exception {
        String entry = "6e6886fffed369050001" + "06214e5d" + "01" + "03" + "80" + "81" + "0001" + "0004" + "c0000201";
        String t = show(ManagementId.UNICAST_MASTER_TABLE_NP, "0001" + entry);
        assertEquals(SRC + "RESPONSE MANAGEMENT UNICAST_MASTER_TABLE_NP \n\t\tactual_table_size 1"
                + "\n\t\tBM  identity                 address                            state     clockClass clockQuality offsetScaledLogVariance p1  p2"
                + "\n\t\tyes 6e6886.fffe.d36905-1     192.0.2.1                          HAVE_SYDY 6          0x21         0x4e5d                  128 129\n", t);
    }

    @Test
    void errorsEmptyTlvsAndAcknowledgements() throws Exception {
        ByteBuffer b = ByteBuffer.allocate(100);
        PtpMessage m = new PtpMessage().wrap(b, 0, 100).initHeader(io.ptp4j.core.wire.MessageType.MANAGEMENT, 0)
                .sourcePort(0x6e6886fffed36905L, 0).sequenceId(3).actionField(ManagementRequest.RESPONSE);
        new ManagementErrorStatus(ManagementErrorId.NOT_SUPPORTED.code, ManagementId.PRIORITY1.id, "").append(m);
        PmcResponse r = v4.show(b, 0, m.messageLength());
        assertEquals("\t6e6886.fffe.d36905-0 seq 3 RESPONSE MANAGEMENT_ERROR_STATUS \n", r.text());
        assertEquals("{\"source\":\"6e6886.fffe.d36905-0\",\"sequenceId\":3,\"action\":\"RESPONSE\",\"tlv\":\"MANAGEMENT_ERROR_STATUS\","
                + "\"managementId\":\"PRIORITY1\",\"error\":\"NOT_SUPPORTED\"}", r.json());
        ByteBuffer ack = msg(ManagementRequest.ACKNOWLEDGE, ManagementId.DISABLE_PORT, "");
        assertEquals(SRC + "ACKNOWLEDGE MANAGEMENT empty-tlv \n", v4.show(ack, 0, ack.limit()).text());
        ByteBuffer nul = msg(ManagementRequest.RESPONSE, ManagementId.NULL_MANAGEMENT, "");
        assertEquals(SRC + "RESPONSE MANAGEMENT \n", v4.show(nul, 0, nul.limit()).text());
    }

    @Test
    void jsonHasTypedValues() throws Exception {
        ByteBuffer b = msg(ManagementRequest.RESPONSE, ManagementId.TIME_STATUS_NP,
                "0000000000000377" + "18ebc4ea0d7c3b3f" + "00000000" + "00000000" + "0000" + "00".repeat(12) + "00000001" + "6e6886fffed36905");
        String j = v4.show(b, 0, b.limit()).json();
        assertEquals("{\"source\":\"6e6886.fffe.d36905-1\",\"sequenceId\":7,\"action\":\"RESPONSE\",\"tlv\":\"MANAGEMENT\","
                + "\"managementId\":\"TIME_STATUS_NP\",\"data\":{\"master_offset\":887,\"ingress_time\":1795745385964911423,"
                + "\"cumulativeScaledRateOffset\":0.0,\"scaledLastGmPhaseChange\":0,\"gmTimeBaseIndicator\":0,"
                + "\"lastGmPhaseChange\":\"0x0000'0000000000000000.0000\",\"gmPresent\":true,\"gmIdentity\":\"6e6886.fffe.d36905\"}}", j);
    }

    @Test
    void mutatedMessagesPrintOrAreBadMessages() {
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(7);
        ManagementId[] ids = ManagementId.values();
        int shown = 0;
        for (int i = 0; i < 20_000; i++) {
            byte[] data = new byte[rnd.nextInt(0, 300)];
            for (int k = 0; k < data.length; k++) data[k] = (byte) rnd.nextInt(256);
            ByteBuffer b = msg(rnd.nextInt(0, 6), ids[rnd.nextInt(ids.length)], HexFormat.of().formatHex(data));
            for (int k = rnd.nextInt(0, 3); k > 0; k--) b.put(rnd.nextInt(0, b.limit()), (byte) rnd.nextInt(256));
            try {
                PmcResponse r = v4.show(b, 0, b.limit());
                if (r != null) {
                    assertNotNull(r.text());
                    assertNotNull(r.json());
                    shown++;
                }
            } catch (io.ptp4j.core.wire.DecodeException e) {
                // pmc prints "bad message" for these
            }
        }
        assertTrue(shown > 5_000, "shown: " + shown);
    }

    @Test
    void aTruncatedDataFieldIsABadMessage() {
        ByteBuffer b = msg(ManagementRequest.RESPONSE, ManagementId.DEFAULT_DATA_SET, "0102");
        var e = assertThrows(io.ptp4j.core.wire.DecodeException.class, () -> v4.show(b, 0, b.limit()));
        assertTrue(e.getMessage().contains("DEFAULT_DATA_SET"), e.getMessage());
    }
}
