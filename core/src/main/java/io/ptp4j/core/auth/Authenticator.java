package io.ptp4j.core.auth;

import io.ptp4j.core.engine.EngineListener;
import io.ptp4j.core.port.PortEvent;
import io.ptp4j.core.port.PortState;
import io.ptp4j.core.wire.DecodeException;
import io.ptp4j.core.wire.MessageType;
import io.ptp4j.core.wire.PtpMessage;
import io.ptp4j.core.wire.TlvCursor;
import io.ptp4j.core.wire.TlvType;
import java.nio.ByteBuffer;

/**
 * IEEE 1588-2019 Annex P / 16.14 message authentication as linuxptp 4.4 implements it (sad.c):
 * immediate security processing with the AUTHENTICATION TLV, one security association per port
 * ({@code spp}), outgoing messages signed with the port's {@code active_key_id}, incoming ones
 * accepted with any key of the association.
 *
 * <pre>
 * AUTHENTICATION TLV: tlvType 0x8009 | lengthField 6+ICV | spp | secParamIndicator 0 | keyID (4) | ICV
 * ICV = MAC(key, message from its first octet up to the ICV), with messageLength already
 *       counting the TLV, and the correctionField taken as zero when the association has
 *       allow_mutable 1 (so a transparent clock on the path may change it)
 * </pre>
 * On receive (linuxptp sad_process_auth): a Sync or Follow_Up whose sequenceId is not within
 * {@code seqid_window} after the last one the clock synchronized to is a replay; then the
 * message must end with an AUTHENTICATION TLV, every AUTHENTICATION TLV must name the port's spp,
 * a known key and the key's ICV length, and its ICV must match. The last synchronized sequenceId
 * is kept per association, as linuxptp keeps it: it moves when a verified Sync/Follow_Up pair
 * (or one-step Sync) of the parent arrives ({@link #trackParent}; linuxptp sets it in
 * port_synchronize, which only the parent's pairs reach) or when the engine says so
 * ({@link #synchronizedOn}), and starts over when the port enters FAULTY, DISABLED, MASTER or
 * UNCALIBRATED ({@link #sequenceTracker()}).
 *
 * <p>Engine-facing: {@link #sign} just before a message leaves a port, {@link #verify} as soon as
 * one arrives (after the header is known to be PTP). Neither allocates. Port 0 is the management
 * Unix socket (linuxptp's UDS port reads the global spp). Keys roll over while running with
 * {@link #replace} (a new sa_file) and {@link #activeKey}: receivers accept every key of the
 * association, so add the new key everywhere first, then switch the senders, then drop the old one.
 * Not thread-safe: the daemon's loop thread owns it.
 */
public final class Authenticator {
    /** Octets of the AUTHENTICATION TLV before its ICV: type, length, spp, secParamIndicator, keyID. */
    public static final int TLV_OVERHEAD = 10;
    private static final int CORRECTION = 8;
    private static final int MAX_MESSAGE = 2048;
    private static final AuthResult[] RESULTS = AuthResult.values();

    private SecurityAssociations sad;
    private final int[] spp;
    private final long[] activeKeyId;
    private java.util.function.LongSupplier parentClock;
    private java.util.function.IntSupplier parentPort;
    private boolean windowFromEngine;
    /**
     * By spp: sequenceId of the last Sync/Follow_Up the clock synchronized to, -1 when none since
     * the last reset; one per association, as linuxptp keeps it (sad_set_last_seqid), but held
     * here so the parsed associations stay immutable and shareable.
     */
    private final int[] lastSeqId = new int[256];
    /** Per spp: the parent's last verified two-step Sync and Follow_Up (-1: none), to see a pair complete in either order. */
    private final int[] pendingSync = new int[256], pendingFollowUp = new int[256];
    private final long[] counts;
    private final PtpMessage msg = new PtpMessage();
    private final TlvCursor tlvs = new TlvCursor();
    private final byte[] scratch = new byte[MAX_MESSAGE];
    private final byte[] icv = new byte[32];
    private final byte[] received = new byte[32];

    /**
     * @param sad      the associations (null: none; every port must then have spp -1)
     * @param maxPort  the highest port number; port 0 is the management socket
     */
    public Authenticator(SecurityAssociations sad, int maxPort) {
        this.sad = sad;
        spp = new int[maxPort + 1];
        activeKeyId = new long[maxPort + 1];
        java.util.Arrays.fill(spp, -1);
        java.util.Arrays.fill(lastSeqId, -1);
        java.util.Arrays.fill(pendingSync, -1);
        java.util.Arrays.fill(pendingFollowUp, -1);
        counts = new long[(maxPort + 1) * RESULTS.length];
    }

    /**
     * Sets a port's spp (-1: none) and active_key_id (0: none). IllegalArgumentException with
     * linuxptp's words (sad_readiness_check) when they do not fit the associations.
     */
    public Authenticator port(int port, int spp, long activeKeyId) {
        String why = SecurityAssociations.readiness(sad, sad != null, spp, activeKeyId);
        if (why != null) throw new IllegalArgumentException(why);
        this.spp[port] = spp;
        this.activeKeyId[port] = activeKeyId;
        return this;
    }

    /** Whether a port signs and checks (has an spp). */
    public boolean secures(int port) {
        return port >= 0 && port < spp.length && spp[port] >= 0;
    }

    /** Octets {@link #sign} adds to a message of {@code port} (0 without an spp). */
    public int overhead(int port) {
        if (!secures(port)) return 0;
        SecurityAssociation sa = sad == null ? null : sad.get(spp[port]);
        AuthKey k = sa == null ? null : sa.key(activeKeyId[port]);
        return k == null ? 0 : TLV_OVERHEAD + k.algorithm.icvLength;
    }

    /** Key rollover: the port signs with another key of its association from now on. */
    public void activeKey(int port, long keyId) {
        port(port, spp[port], keyId);
    }

    /**
     * Key rollover: a new sa_file. Every securing port's spp and active key must exist in it
     * (else IllegalArgumentException and nothing changes). Replay windows start over.
     */
    public void replace(SecurityAssociations next) {
        for (int p = 0; p < spp.length; p++) {
            String why = SecurityAssociations.readiness(next, next != null, spp[p], activeKeyId[p]);
            if (why != null) throw new IllegalArgumentException("port " + p + ": " + why);
        }
        sad = next;
        java.util.Arrays.fill(lastSeqId, -1);
        java.util.Arrays.fill(pendingSync, -1);
        java.util.Arrays.fill(pendingFollowUp, -1);
    }

    // ---- sending ----------------------------------------------------------------------------

    /**
     * Appends the AUTHENTICATION TLV to the message of {@code length} octets at {@code offset}
     * (at its end, after any other TLV), sets messageLength and fills in the ICV (linuxptp
     * sad_append_auth_tlv). Returns the new length; {@code length} unchanged when the port has no
     * spp; -1 when the buffer has no room for the TLV or the port's key is gone.
     */
    public int sign(ByteBuffer buf, int offset, int length, int port) {
        if (!secures(port)) return length;
        SecurityAssociation sa = sad == null ? null : sad.get(spp[port]);
        AuthKey key = sa == null ? null : sa.key(activeKeyId[port]);
        if (key == null) return -1;
        int icvLength = key.algorithm.icvLength;
        int total = length + TLV_OVERHEAD + icvLength;
        if (offset + total > buf.limit() || total > MAX_MESSAGE || length < PtpMessage.HEADER_LENGTH) return -1;
        int at = offset + length;
        buf.putShort(at, (short) TlvType.AUTHENTICATION).putShort(at + 2, (short) (TLV_OVERHEAD - 4 + icvLength))
                .put(at + 4, (byte) sa.spp).put(at + 5, (byte) 0).putInt(at + 6, (int) key.id);
        buf.putShort(offset + 2, (short) total); // messageLength counts the TLV before the ICV is made
        icv(sa, key, buf, offset, length + TLV_OVERHEAD, icv);
        buf.put(at + TLV_OVERHEAD, icv, 0, icvLength);
        return total;
    }

    /**
     * What goes out of a port with an spp: a message this node made gets its AUTHENTICATION TLV
     * ({@link #sign}); one it forwards that already carries one (a transparent clock's) keeps it,
     * signed again after the forwarder changed it ({@link #update}; linuxptp tc.c does the same
     * and sends it on even when that fails). Returns the length to send, -1: do not send.
     */
    public int secure(ByteBuffer buf, int offset, int length, int port) {
        if (!secures(port)) return length;
        if (!carriesAuthentication(buf, offset, length)) return sign(buf, offset, length, port);
        update(buf, offset, length);
        return length;
    }

    private boolean carriesAuthentication(ByteBuffer buf, int offset, int length) {
        msg.wrap(buf, offset, length);
        try {
            msg.validate();
            tlvs.reset(msg);
            while (tlvs.next()) if (tlvs.type() == TlvType.AUTHENTICATION) return true;
        } catch (DecodeException e) {
            return false;
        }
        return false;
    }

    /**
     * Recomputes the ICV of every AUTHENTICATION TLV already in a message after it was changed
     * (a forwarded management message with one boundary hop less, a notification with a new
     * sequenceId; linuxptp sad_update_auth_tlv). False when one cannot be redone.
     */
    public boolean update(ByteBuffer buf, int offset, int length) {
        msg.wrap(buf, offset, length);
        try {
            msg.validate();
            tlvs.reset(msg);
            while (tlvs.next()) {
                if (tlvs.type() != TlvType.AUTHENTICATION) continue;
                int v = tlvs.valueOffset();
                SecurityAssociation sa = sad == null ? null : sad.get(msg.u8(v));
                if (sa == null || msg.u8(v + 1) != 0) return false;
                AuthKey key = sa.key(buf.getInt(offset + v + 2) & 0xFFFF_FFFFL);
                if (key == null || tlvs.length() != TLV_OVERHEAD - 4 + key.algorithm.icvLength) return false;
                int icvAt = v + 6;
                icv(sa, key, buf, offset, icvAt, icv);
                buf.put(offset + icvAt, icv, 0, key.algorithm.icvLength);
            }
            return true;
        } catch (DecodeException e) {
            return false;
        }
    }

    // ---- receiving --------------------------------------------------------------------------

    /**
     * Checks a message that arrived on {@code port} (linuxptp sad_process_auth) and counts the
     * result. Only {@link AuthResult#accepted()} results go on to the engine.
     */
    public AuthResult verify(ByteBuffer buf, int offset, int length, int port) {
        AuthResult r = check(buf, offset, length, port);
        counts[Math.min(Math.max(port, 0), spp.length - 1) * RESULTS.length + r.ordinal()]++;
        return r;
    }

    private AuthResult check(ByteBuffer buf, int offset, int length, int port) {
        if (!secures(port)) return AuthResult.NOT_CHECKED;
        SecurityAssociation sa = sad == null ? null : sad.get(spp[port]);
        if (sa == null) return AuthResult.NO_ASSOCIATION;
        msg.wrap(buf, offset, length);
        MessageType type;
        try {
            type = msg.validate();
        } catch (DecodeException e) {
            return AuthResult.MALFORMED;
        }
        boolean sync = type == MessageType.SYNC || type == MessageType.FOLLOW_UP;
        if (sync && replayed(msg.sequenceId(), lastSeqId[sa.spp], sa.seqidWindow)) return AuthResult.REPLAYED;
        int count = 0, last = 0;
        boolean verified = false;
        try {
            tlvs.reset(msg);
            while (tlvs.next()) {
                count++;
                last = tlvs.type();
                if (last != TlvType.AUTHENTICATION) continue;
                int v = tlvs.valueOffset();
                if (msg.u8(v) != sa.spp) return AuthResult.WRONG_SPP;
                // no RES (bit 0), no sequenceNo (bit 1), immediate security (bit 2 clear)
                if ((msg.u8(v + 1) & 0x7) != 0) return AuthResult.WRONG_SEC_PARAM;
                AuthKey key = sa.key(buf.getInt(offset + v + 2) & 0xFFFF_FFFFL);
                if (key == null) return AuthResult.UNKNOWN_KEY;
                int icvLength = key.algorithm.icvLength;
                if (tlvs.length() != TLV_OVERHEAD - 4 + icvLength) return AuthResult.WRONG_LENGTH;
                int icvAt = v + 6;
                if (icvAt > MAX_MESSAGE) return AuthResult.MALFORMED;
                icv(sa, key, buf, offset, icvAt, icv);
                buf.get(offset + icvAt, received, 0, icvLength);
                if (!sameInConstantTime(icv, received, icvLength)) return AuthResult.BAD_ICV;
                verified = true;
            }
        } catch (DecodeException e) {
            return AuthResult.MALFORMED;
        }
        if (count == 0) return AuthResult.NO_TLV;
        if (last != TlvType.AUTHENTICATION || !verified) return AuthResult.NOT_LAST;
        if (sync && !windowFromEngine && fromParent()) pairMember(sa.spp, type, msg.sequenceId());
        return AuthResult.ACCEPTED;
    }

    /** Whether the message carries an AUTHENTICATION TLV at all (false also when it does not decode). */
    public static boolean hasAuthenticationTlv(ByteBuffer buf, int offset, int length) {
        PtpMessage m = new PtpMessage().wrap(buf, offset, length);
        TlvCursor t = new TlvCursor();
        try {
            m.validate();
            t.reset(m);
            while (t.next()) if (t.type() == TlvType.AUTHENTICATION) return true;
        } catch (DecodeException e) {
            return false;
        }
        return false;
    }

    /** Compares the first {@code n} octets without an early exit, so timing tells nothing of the ICV. */
    private static boolean sameInConstantTime(byte[] a, byte[] b, int n) {
        int diff = 0;
        for (int i = 0; i < n; i++) diff |= a[i] ^ b[i];
        return diff == 0;
    }

    /**
     * linuxptp sad_check_seqid with its 16-bit wrap: behind the last one, or more than the window
     * ahead of it, is a replay; a window of 0 checks nothing, nor does a reset association.
     */
    static boolean replayed(int seqId, int last, int window) {
        if (window < 1 || last < 0) return false;
        int lastPlus1 = (last + 1) & 0xFFFF;
        if (seqId < lastPlus1 && ((seqId + window) & 0xFFFF) < ((last + 1 + window) & 0xFFFF)) return true;
        return seqId > ((last + window) & 0xFFFF) && ((seqId + window) & 0xFFFF) > ((last + 2 * window) & 0xFFFF);
    }

    /** ICV of buf[offset, offset + icvAt) with the correctionField as zero under allow_mutable. */
    private void icv(SecurityAssociation sa, AuthKey key, ByteBuffer buf, int offset, int icvAt, byte[] out) {
        buf.get(offset, scratch, 0, icvAt);
        if (sa.allowMutable) java.util.Arrays.fill(scratch, CORRECTION, CORRECTION + 8, (byte) 0);
        key.icv().compute(scratch, icvAt, out, 0);
    }

    // ---- replay window bookkeeping (linuxptp sad_set_last_seqid) -----------------------------

    /**
     * Whose Syncs move the replay window: the clock's parent (PtpClock parentClockIdentity and
     * parentPortNumber), as only the parent's pairs reach linuxptp's port_synchronize. Without it
     * every verified pair moves it, which is the same on a segment with one master.
     */
    public Authenticator trackParent(java.util.function.LongSupplier parentClockIdentity, java.util.function.IntSupplier parentPortNumber) {
        this.parentClock = parentClockIdentity;
        this.parentPort = parentPortNumber;
        return this;
    }

    /** The engine calls {@link #synchronizedOn} itself where linuxptp does (its synchronize step): verify no longer moves the window. */
    public Authenticator windowFromEngine() {
        windowFromEngine = true;
        return this;
    }

    /**
     * A verified Sync or Follow_Up of the parent: the window moves when it completes a
     * measurement, as linuxptp's port_synchronize does, whichever of the pair came first (the
     * event and general sockets are read in either order): a one-step Sync, or the second of a
     * two-step Sync and its Follow_Up.
     */
    private void pairMember(int spp, MessageType type, int seq) {
        if (type == MessageType.SYNC && !msg.flag(PtpMessage.FLAG_TWO_STEP)) {
            lastSeqId[spp] = seq;
        } else if (type == MessageType.SYNC) {
            if (pendingFollowUp[spp] == seq) lastSeqId[spp] = seq;
            else pendingSync[spp] = seq;
        } else {
            if (pendingSync[spp] == seq) lastSeqId[spp] = seq;
            else pendingFollowUp[spp] = seq;
        }
    }

    private boolean fromParent() {
        return parentClock == null
                || msg.sourceClockIdentity() == parentClock.getAsLong() && msg.sourcePortNumber() == parentPort.getAsInt();
    }

    /** The clock synchronized to the Sync {@code sequenceId} received on {@code port}: the window's new base. */
    public void synchronizedOn(int port, int sequenceId) {
        if (!secures(port) || sad == null) return;
        lastSeqId[spp[port]] = sequenceId & 0xFFFF;
    }

    /** The port changed state: the window starts over (linuxptp: FAULTY, DISABLED, MASTER, UNCALIBRATED). */
    public void resetSequence(int port) {
        if (!secures(port) || sad == null) return;
        lastSeqId[spp[port]] = -1;
        pendingSync[spp[port]] = -1;
        pendingFollowUp[spp[port]] = -1;
    }

    /**
     * The engine events that reset the replay window as linuxptp resets it: entering FAULTY,
     * DISABLED, MASTER, GRAND_MASTER or UNCALIBRATED. Add it to the engine's listeners.
     */
    public EngineListener sequenceTracker() {
        return new EngineListener() {
            @Override
            public void portStateChanged(int port, PortState from, PortState to, PortEvent event) {
                switch (to) {
                    case FAULTY, DISABLED, MASTER, GRAND_MASTER, UNCALIBRATED -> resetSequence(port);
                    default -> { }
                }
            }
        };
    }

    // ---- counters ---------------------------------------------------------------------------

    /** Messages {@link #verify} found {@code r} on {@code port} since start. */
    public long count(int port, AuthResult r) {
        return counts[port * RESULTS.length + r.ordinal()];
    }
}
