package io.ptp4j.core.clock;

import io.ptp4j.core.engine.Driver;
import io.ptp4j.core.engine.EngineConfig;
import io.ptp4j.core.engine.EngineListener;
import io.ptp4j.core.engine.PtpNode;
import io.ptp4j.core.wire.DecodeException;
import io.ptp4j.core.wire.MessageType;
import io.ptp4j.core.wire.PtpMessage;
import io.ptp4j.core.wire.TlvCursor;
import java.nio.ByteBuffer;

/**
 * An end-to-end transparent clock (IEEE 1588-2019 10.2, 11.5.2; linuxptp e2e_tc.c / tc.c): every
 * PTP message of its domain is forwarded out of every other port, and the time an event message
 * spent inside (egress minus ingress timestamp, its residence time) is added to a correctionField
 * as a two-step TC does: a Sync's to its Follow_Up, a Delay_Req's to the Delay_Resp that answers
 * it. The TC's own clock is not disciplined; over microseconds of residence its frequency error
 * does not matter. Peer-delay messages are link-local and not forwarded (10.2).
 *
 * <p>Residence records live in a small preallocated ring: no allocation per message.
 */
public final class TransparentClock implements PtpNode {
    private static final int SLOTS = 64;

    private final EngineConfig cfg;
    private final Driver driver;
    private final EngineListener listener;
    private final int ports;
    private final PtpMessage rx = new PtpMessage();
    private final PtpMessage fwd = new PtpMessage();
    private final TlvCursor tlvs = new TlvCursor();
    private final ByteBuffer out = ByteBuffer.allocate(512);

    // One slot per forwarded event message copy: what it was, where it went, when it came in,
    // and (once the transmit timestamp is in) its residence time.
    private final int[] slotType = new int[SLOTS], slotSeq = new int[SLOTS], slotEgress = new int[SLOTS];
    private final long[] slotSource = new long[SLOTS], slotRx = new long[SLOTS], slotResidence = new long[SLOTS];
    private final int[] slotSourcePort = new int[SLOTS];
    private final boolean[] slotDone = new boolean[SLOTS];
    private int next;
    // A Follow_Up or Delay_Resp that came before its residence was known, held per egress port.
    private final byte[][] held = new byte[8][];
    private final int[] heldLength = new int[8];
    private final int[] heldPort = new int[8];
    private final int[] heldSlot = new int[8];
    private long forwarded, badPackets;

    public TransparentClock(EngineConfig cfg, Driver driver, EngineListener listener) {
        this.cfg = cfg;
        this.driver = driver;
        this.listener = listener == null ? new EngineListener() {} : listener;
        this.ports = cfg.numberPorts;
        for (int i = 0; i < held.length; i++) held[i] = new byte[512];
        java.util.Arrays.fill(heldSlot, -1);
    }

    @Override
    public void start(long nowNanos) {}

    @Override
    public void onTimer(long nowNanos) {}

    @Override
    public long nextTimerNanos() {
        return Long.MAX_VALUE;
    }

    public long forwarded() {
        return forwarded;
    }

    public long badPackets() {
        return badPackets;
    }

    @Override
    public void onReceive(int port, ByteBuffer buf, int offset, int length, long rxTs, long source, long now) {
        MessageType type;
        try {
            rx.wrap(buf, offset, length);
            type = rx.validate(tlvs);
        } catch (DecodeException e) {
            badPackets++;
            listener.badPacket(port, e);
            return;
        }
        if (rx.domainNumber() != cfg.domainNumber) return;
        int len = rx.messageLength();
        switch (type) {
            case PDELAY_REQ, PDELAY_RESP, PDELAY_RESP_FOLLOW_UP -> { } // link-local
            case SYNC, DELAY_REQ -> {
                for (int p = 1; p <= ports; p++) {
                    if (p == port) continue;
                    int s = next;
                    next = (next + 1) % SLOTS;
                    slotType[s] = type.code;
                    slotSeq[s] = rx.sequenceId();
                    slotSource[s] = rx.sourceClockIdentity();
                    slotSourcePort[s] = rx.sourcePortNumber();
                    slotEgress[s] = p;
                    slotRx[s] = rxTs;
                    slotDone[s] = false;
                    copy(buf, offset, len);
                    send(p, len, true);
                }
            }
            case FOLLOW_UP -> forwardCorrected(port, buf, offset, len, MessageType.SYNC.code, rx.sourceClockIdentity(),
                    rx.sourcePortNumber(), rx.sequenceId());
            case DELAY_RESP -> forwardCorrected(port, buf, offset, len, MessageType.DELAY_REQ.code, rx.requestingClockIdentity(),
                    rx.requestingPortNumber(), rx.sequenceId());
            default -> {
                for (int p = 1; p <= ports; p++) {
                    if (p == port) continue;
                    copy(buf, offset, len);
                    send(p, len, false);
                }
            }
        }
    }

    /** Forwards a general message, adding the residence of the event message it completes. */
    private void forwardCorrected(int ingress, ByteBuffer buf, int offset, int len, int eventType, long clock, int portNo, int seq) {
        for (int p = 1; p <= ports; p++) {
            if (p == ingress) continue;
            int s = find(eventType, clock, portNo, seq, p);
            copy(buf, offset, len);
            if (s >= 0 && slotDone[s]) {
                fwd.correctionField(fwd.correctionField() + (slotResidence[s] << 16));
                send(p, len, false);
            } else if (s >= 0) {
                hold(p, s, len);
            } else {
                send(p, len, false); // its event message never passed here (or is long gone)
            }
        }
    }

    @Override
    public void onTxTimestamp(int port, int typeCode, int sequenceId, long txTs, long now) {
        for (int i = 0; i < SLOTS; i++) {
            int s = (next - 1 - i + SLOTS) % SLOTS;
            if (!slotDone[s] && slotEgress[s] == port && slotType[s] == typeCode && slotSeq[s] == sequenceId) {
                slotResidence[s] = txTs - slotRx[s];
                slotDone[s] = true;
                release(s);
                return;
            }
        }
    }

    private int find(int type, long clock, int portNo, int seq, int egress) {
        for (int i = 0; i < SLOTS; i++) {
            int s = (next - 1 - i + SLOTS) % SLOTS;
            if (slotType[s] == type && slotSeq[s] == seq && slotSource[s] == clock && slotSourcePort[s] == portNo && slotEgress[s] == egress
) {
                return s;
            }
        }
        return -1;
    }

    private void hold(int port, int slot, int len) {
        for (int i = 0; i < held.length; i++) {
            if (heldSlot[i] < 0) {
                out.get(0, held[i], 0, len);
                heldLength[i] = len;
                heldPort[i] = port;
                heldSlot[i] = slot;
                return;
            }
        }
        send(port, len, false); // no room to hold it: forward uncorrected rather than drop
    }

    private void release(int slot) {
        for (int i = 0; i < held.length; i++) {
            if (heldSlot[i] != slot) continue;
            out.put(0, held[i], 0, heldLength[i]);
            fwd.wrap(out, 0, heldLength[i]);
            fwd.correctionField(fwd.correctionField() + (slotResidence[slot] << 16));
            send(heldPort[i], heldLength[i], false);
            heldSlot[i] = -1;
        }
    }

    private void copy(ByteBuffer buf, int offset, int len) {
        for (int i = 0; i < len; i++) out.put(i, buf.get(offset + i));
        fwd.wrap(out, 0, len);
    }

    private void send(int port, int len, boolean event) {
        if (driver.send(port, out, 0, len, event, Driver.MULTICAST)) forwarded++;
    }
}
