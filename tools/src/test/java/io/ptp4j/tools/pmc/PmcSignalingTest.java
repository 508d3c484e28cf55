package io.ptp4j.tools.pmc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ptp4j.core.clock.SlaveEventMonitor;
import io.ptp4j.core.engine.ClockConfig;
import io.ptp4j.core.wire.DecodeException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The slave event monitor's Signaling messages (as {@link SlaveEventMonitor} builds them) shown as
 * linuxptp 4.4's pmc.c pmc_show_signaling prints them: the header with SIGNALING, per TLV its name,
 * "N count", the parent's sourcePortIdentity, and per record the fields with labels padded to 27
 * columns; TimeInterval shown as whole nanoseconds, the rate offset unsigned. Expected text from
 * the format strings of pmc.c; {@code PmcSignalingLinuxptp44Test} checks the same bytes against
 * 4.4's own pmc.
 */
class PmcSignalingTest {
    static final long S = 1_000_000_000L;
    static final long SELF = 0x0200_00ff_fe00_0001L;
    static final long MASTER = 0x0a0b_0cff_fe0d_0e0fL;
    static final long T0 = 1_700_000_000L * S;
    static final String HEAD = "\t020000.fffe.000001-0 seq ";
    static final String PARENT = "\n\t\tsourcePortIdentity         0a0b0c.fffe.0d0e0f-1";

    /** What a monitor with {@code records} records per message sends for {@code run}. */
    static List<byte[]> monitor(int records, java.util.function.Consumer<SlaveEventMonitor> run) {
        ClockConfig cfg = new ClockConfig();
        cfg.clockIdentity = SELF;
        cfg.domainNumber = 3;
        List<byte[]> sent = new ArrayList<>();
        run.accept(new SlaveEventMonitor(cfg, (b, off, len) -> sent.add(Arrays.copyOfRange(b.array(), off, off + len)), records));
        return sent;
    }

    /** The messages the tests show, also used against linuxptp 4.4's pmc. */
    static List<byte[]> vectors() {
        List<byte[]> v = new ArrayList<>();
        // one record each: a delay (sequenceId 0), then a sync (1) with a negative correction
        v.addAll(monitor(1, m -> {
            m.delay(MASTER, 1, 42, T0 + 5, 7L, T0 + 123_456_789);
            m.sync(MASTER, 1, 7, T0 + 500, -3, T0 + 999_999_999);
        }));
        // three records in one message, the rate offset with its top bit set (pmc prints it unsigned)
        List<byte[]> three = monitor(3, m -> {
            for (int i = 0; i < 3; i++) m.sync(MASTER, 1, 65534 + i, (1L << 32) * S + i, 1_000_000L * i, T0 + i * S / 8);
        });
        ByteBuffer w = ByteBuffer.wrap(three.get(0));
        w.putInt(44 + 14 + 34 + 20, 0xFFFF_FFFE);
        v.add(three.get(0));
        // a sync TLV and a delay TLV in one message, then a TLV pmc does not show
        byte[] sync = v.get(1), delay = v.get(0);
        byte[] both = Arrays.copyOf(sync, sync.length + delay.length - 44 + 8);
        System.arraycopy(delay, 44, both, sync.length, delay.length - 44);
        ByteBuffer.wrap(both).putShort(both.length - 8, (short) 0x7FFF).putShort(both.length - 6, (short) 4).putShort(2, (short) both.length);
        v.add(both);
        // no TLV at all
        byte[] bare = Arrays.copyOf(sync, 44);
        ByteBuffer.wrap(bare).putShort(2, (short) 44).putShort(30, (short) 9);
        v.add(bare);
        return v;
    }

    static final String[] EXPECTED = {
        HEAD + "0 SIGNALING SLAVE_DELAY_TIMING_DATA_NP N 1 " + PARENT
            + "\n\t\tsequenceId                 42"
            + "\n\t\tdelayOriginTimestamp       1700000000.000000005"
            + "\n\t\ttotalCorrectionField       7"
            + "\n\t\tdelayResponseTimestamp     1700000000.123456789\n",
        HEAD + "1 SIGNALING SLAVE_RX_SYNC_TIMING_DATA N 1 " + PARENT
            + "\n\t\tsequenceId                 7"
            + "\n\t\tsyncOriginTimestamp        1700000000.000000500"
            + "\n\t\ttotalCorrectionField       -3"
            + "\n\t\tscaledCumulativeRateOffset 0"
            + "\n\t\tsyncEventIngressTimestamp  1700000000.999999999\n",
        HEAD + "1 SIGNALING SLAVE_RX_SYNC_TIMING_DATA N 3 " + PARENT
            + "\n\t\tsequenceId                 65534"
            + "\n\t\tsyncOriginTimestamp        4294967296.000000000"
            + "\n\t\ttotalCorrectionField       0"
            + "\n\t\tscaledCumulativeRateOffset 0"
            + "\n\t\tsyncEventIngressTimestamp  1700000000.000000000"
            + "\n\t\tsequenceId                 65535"
            + "\n\t\tsyncOriginTimestamp        4294967296.000000001"
            + "\n\t\ttotalCorrectionField       1000000"
            + "\n\t\tscaledCumulativeRateOffset 4294967294"
            + "\n\t\tsyncEventIngressTimestamp  1700000000.125000000"
            + "\n\t\tsequenceId                 0"
            + "\n\t\tsyncOriginTimestamp        4294967296.000000002"
            + "\n\t\ttotalCorrectionField       2000000"
            + "\n\t\tscaledCumulativeRateOffset 0"
            + "\n\t\tsyncEventIngressTimestamp  1700000000.250000000\n",
        HEAD + "1 SIGNALING SLAVE_RX_SYNC_TIMING_DATA N 1 " + PARENT
            + "\n\t\tsequenceId                 7"
            + "\n\t\tsyncOriginTimestamp        1700000000.000000500"
            + "\n\t\ttotalCorrectionField       -3"
            + "\n\t\tscaledCumulativeRateOffset 0"
            + "\n\t\tsyncEventIngressTimestamp  1700000000.999999999"
            + "SLAVE_DELAY_TIMING_DATA_NP N 1 " + PARENT
            + "\n\t\tsequenceId                 42"
            + "\n\t\tdelayOriginTimestamp       1700000000.000000005"
            + "\n\t\ttotalCorrectionField       7"
            + "\n\t\tdelayResponseTimestamp     1700000000.123456789\n",
        HEAD + "9 SIGNALING \n",
    };

    static PmcResponse show(byte[] m) throws DecodeException {
        return new PmcPrinter(PmcDialect.LINUXPTP_4).show(ByteBuffer.wrap(m), 0, m.length);
    }

    @Test
    void monitorMessagesPrintAsLinuxptp44Pmc() throws Exception {
        List<byte[]> v = vectors();
        assertEquals(EXPECTED.length, v.size());
        for (int i = 0; i < v.size(); i++) assertEquals(EXPECTED[i], show(v.get(i)).text(), "message " + i);
        // linuxptp 3's pmc prints them alike
        assertEquals(EXPECTED[0], new PmcPrinter(PmcDialect.LINUXPTP_3).show(ByteBuffer.wrap(v.get(0)), 0, v.get(0).length).text());
    }

    @Test
    void recordsThatDoNotFitTheLengthMakeABadMessage() {
        // linuxptp tlv.c: the TLV must be the sourcePortIdentity and whole records, else -EBADMSG
        byte[] m = vectors().get(1).clone();
        ByteBuffer.wrap(m).putShort(46, (short) (10 + 34 - 2)).putShort(2, (short) (m.length - 2));
        DecodeException e = assertThrows(DecodeException.class, () -> show(Arrays.copyOf(m, m.length - 2)));
        assertTrue(e.getMessage().contains("SLAVE_RX_SYNC_TIMING_DATA"), e.getMessage());
        byte[] shortTlv = Arrays.copyOf(vectors().get(0), 44 + 4 + 8);
        ByteBuffer.wrap(shortTlv).putShort(46, (short) 8).putShort(2, (short) shortTlv.length);
        assertThrows(DecodeException.class, () -> show(shortTlv));
    }

    @Test
    void json() throws Exception {
        List<byte[]> v = vectors();
        assertEquals("{\"source\":\"020000.fffe.000001-0\",\"sequenceId\":1,\"messageType\":\"SIGNALING\",\"tlvs\":[{\"tlv\":\"SLAVE_RX_SYNC_TIMING_DATA\","
                + "\"sourcePortIdentity\":\"0a0b0c.fffe.0d0e0f-1\",\"records\":[{\"sequenceId\":7,\"syncOriginTimestamp\":\"1700000000.000000500\","
                + "\"totalCorrectionField\":-3,\"scaledCumulativeRateOffset\":0,\"syncEventIngressTimestamp\":\"1700000000.999999999\"}]}]}",
                show(v.get(1)).json());
        assertEquals("{\"source\":\"020000.fffe.000001-0\",\"sequenceId\":9,\"messageType\":\"SIGNALING\",\"tlvs\":[]}", show(v.get(4)).json());
        String two = show(v.get(3)).json();
        assertTrue(two.contains("\"tlv\":\"SLAVE_RX_SYNC_TIMING_DATA\"") && two.contains("},{\"tlv\":\"SLAVE_DELAY_TIMING_DATA_NP\""), two);
        assertTrue(show(v.get(2)).json().contains("\"scaledCumulativeRateOffset\":4294967294"));
    }
}
