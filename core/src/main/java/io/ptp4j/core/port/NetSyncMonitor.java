package io.ptp4j.core.port;

import io.ptp4j.core.dataset.CurrentDS;
import io.ptp4j.core.dataset.ParentDS;
import io.ptp4j.core.dataset.TimePropertiesDS;
import io.ptp4j.core.engine.Driver;
import io.ptp4j.core.wire.DecodeException;
import io.ptp4j.core.wire.PtpMessage;
import io.ptp4j.core.wire.TlvCursor;

/**
 * The server half of linuxptp's NetSync Monitor (NSM; port.c port_nsm_reply and
 * net_sync_resp_append, enabled by {@code net_sync_monitor 1} with {@code hybrid_e2e 1}): a
 * unicast Delay_Req that carries a PTPMON_REQ TLV is answered in any port state with a
 * Delay_Resp carrying a PTPMON_RESP TLV (the port's state, the parent's address, parentDS,
 * currentDS, timePropertiesDS and the last Sync's ingress time), then a unicast Sync and
 * Follow_Up with the request's sequenceId, so that the nsm client measures its offset to this
 * clock without the clock keeping any state for it.
 *
 * <p>PTPMON_RESP value (all big-endian): portState, reserved, PortAddress of the parent (or of
 * this port when the clock is its own parent), parentDS (32 octets as PARENT_DATA_SET), currentDS
 * (18), timePropertiesDS (4), lastSyncTimestamp (Timestamp, 10). ptp4j knows the parent's address
 * when the parent is heard on this port (UDP/IPv4 and IEEE 802.3); otherwise it reports its own.
 */
final class NetSyncMonitor {
    static final int PTPMON_REQ = 0x21FE, PTPMON_RESP = 0x21FF;

    private int networkProtocol = 0xFFFE; // unknown until the daemon says
    private byte[] ownAddress = new byte[0];
    private final byte[] parent = new byte[16];

    /** This port's own PortAddress (the daemon knows it, the engine does not). */
    void protocolAddress(int networkProtocol, byte[] address) {
        this.networkProtocol = networkProtocol;
        this.ownAddress = address.clone();
    }

    /** Whether {@code rx} carries a PTPMON_REQ TLV. */
    static boolean requested(PtpMessage rx, TlvCursor tlvs) {
        try {
            tlvs.reset(rx);
            while (tlvs.next()) if (tlvs.type() == PTPMON_REQ) return true;
        } catch (DecodeException e) {
            // validated before: a TLV that does not decode asks for nothing
        }
        return false;
    }

    /**
     * Appends PTPMON_RESP to a Delay_Resp. {@code parentHandle}: the driver's handle of the
     * parent's address heard on this port, or {@link Driver#MULTICAST} when there is none here.
     */
    void appendResponse(PtpMessage resp, PortState state, PortHost host, long parentHandle) {
        int len = parentAddress(host, parentHandle);
        byte[] addr = len < 0 ? ownAddress : parent;
        int n = len < 0 ? ownAddress.length : len;
        int valueLength = 6 + n + 64;
        int v = TlvCursor.append(resp, PTPMON_RESP, valueLength + (valueLength & 1));
        java.nio.ByteBuffer b = resp.buffer();
        int at = resp.baseOffset() + v;
        b.put(at, (byte) (state == PortState.GRAND_MASTER ? PortState.MASTER.code : state.code));
        b.putShort(at + 2, (short) networkProtocol).putShort(at + 4, (short) n);
        b.put(at + 6, addr, 0, n);
        at += 6 + n;
        ParentDS p = host.parentDS();
        b.putLong(at, p.parentClockIdentity()).putShort(at + 8, (short) p.parentPortNumber());
        b.put(at + 10, (byte) 0).put(at + 11, (byte) 0).putShort(at + 12, (short) 0xFFFF).putInt(at + 14, 0x7FFFFFFF);
        b.put(at + 18, (byte) p.grandmasterPriority1()).put(at + 19, (byte) p.grandmasterClockClass())
                .put(at + 20, (byte) p.grandmasterClockAccuracy()).putShort(at + 21, (short) p.grandmasterOffsetScaledLogVariance())
                .put(at + 23, (byte) p.grandmasterPriority2()).putLong(at + 24, p.grandmasterIdentity());
        CurrentDS c = host.currentDS();
        b.putShort(at + 32, (short) c.stepsRemoved()).putLong(at + 34, c.offsetFromMasterNanos() << 16)
                .putLong(at + 42, c.meanPathDelayNanos() << 16);
        TimePropertiesDS t = host.timeProperties();
        b.putShort(at + 50, (short) t.currentUtcOffset()).put(at + 52, (byte) t.flags()).put(at + 53, (byte) t.timeSource());
        long ingress = host.lastIngressNanos(), sec = Math.floorDiv(ingress, 1_000_000_000L);
        b.putShort(at + 54, (short) (sec >>> 32)).putInt(at + 56, (int) sec).putInt(at + 60, (int) Math.floorMod(ingress, 1_000_000_000L));
    }

    /** The parent's address octets into {@link #parent}; -1 when this port cannot name them. */
    private int parentAddress(PortHost host, long handle) {
        if (handle == Driver.MULTICAST || handle < 0 || host.isGrandmaster()) return -1;
        if (networkProtocol == 1 && handle <= 0xFFFF_FFFFL) { // UDP/IPv4: the handle is the address
            for (int i = 0; i < 4; i++) parent[i] = (byte) (handle >>> (24 - 8 * i));
            return 4;
        }
        if (networkProtocol == 3 && handle <= 0xFFFF_FFFF_FFFFL) { // IEEE 802.3: the handle is the MAC
            for (int i = 0; i < 6; i++) parent[i] = (byte) (handle >>> (40 - 8 * i));
            return 6;
        }
        return -1;
    }
}
