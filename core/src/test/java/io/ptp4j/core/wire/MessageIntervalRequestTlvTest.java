package io.ptp4j.core.wire;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** 802.1AS 10.6.4.3 message interval request TLV, laid out as linuxptp's struct msg_interval_req_tlv. */
class MessageIntervalRequestTlvTest {
    @Test
    void encodesLikeLinuxptpAndDecodesBack() throws Exception {
        ByteBuffer buf = ByteBuffer.allocate(128);
        PtpMessage m = new PtpMessage().wrap(buf, 0, buf.capacity()).initHeader(MessageType.SIGNALING, 1)
                .majorSdoId(1).sourcePort(0x0011_22ff_fe33_4455L, 1).sequenceId(7).logMessageInterval(0x7F)
                .targetPort(-1L, 0xFFFF);
        int at = m.messageLength();
        int v = MessageIntervalRequestTlv.append(m, MessageIntervalRequestTlv.NO_CHANGE, 0, MessageIntervalRequestTlv.NO_CHANGE);
        assertEquals(at + 4, v);
        assertEquals(at + 16, m.messageLength());
        byte[] tlv = new byte[16];
        buf.get(at, tlv);
        // type 3, length 12, 00-80-C2, subtype 00-00-02, linkDelay -128, timeSync 0, announce -128, flags, reserved
        assertEquals("0003000c0080c200000280008000" + "0000", HexFormat.of().formatHex(tlv));

        PtpMessage rx = new PtpMessage().wrap(buf, 0, m.messageLength());
        TlvCursor c = new TlvCursor();
        assertEquals(MessageType.SIGNALING, rx.validate(c));
        c.reset(rx);
        assertTrue(c.next());
        assertEquals(TlvType.ORGANIZATION_EXTENSION, c.type());
        assertTrue(MessageIntervalRequestTlv.matches(rx, c.valueOffset(), c.length()));
        assertFalse(FollowUpInfoTlv.matches(rx, c.valueOffset(), c.length()));
        assertEquals(-128, MessageIntervalRequestTlv.linkDelayInterval(rx, c.valueOffset()));
        assertEquals(0, MessageIntervalRequestTlv.timeSyncInterval(rx, c.valueOffset()));
        assertEquals(-128, MessageIntervalRequestTlv.announceInterval(rx, c.valueOffset()));
        assertFalse(c.next());
    }

    @Test
    void setIntervalRules() {
        assertEquals(-3, MessageIntervalRequestTlv.apply(-3, MessageIntervalRequestTlv.NO_CHANGE, 1));
        assertEquals(1, MessageIntervalRequestTlv.apply(-3, MessageIntervalRequestTlv.SET_INITIAL, 1));
        assertEquals(2, MessageIntervalRequestTlv.apply(-3, 2, 1));
        assertEquals(-5, MessageIntervalRequestTlv.apply(0, -5, 1));
    }
}
