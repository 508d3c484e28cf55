package io.ptp4j.core.clock;

import io.ptp4j.core.management.ManagementData;
import io.ptp4j.core.management.ManagementErrorId;
import io.ptp4j.core.management.ManagementErrorStatus;
import io.ptp4j.core.management.ManagementId;
import io.ptp4j.core.management.Notification;
import io.ptp4j.core.management.PtpText;
import io.ptp4j.core.management.Subscriptions;
import io.ptp4j.core.wire.DecodeException;
import io.ptp4j.core.wire.MessageType;
import io.ptp4j.core.wire.PortIdentity;
import io.ptp4j.core.wire.PtpMessage;
import io.ptp4j.core.wire.TlvCursor;
import io.ptp4j.core.wire.TlvType;
import java.nio.ByteBuffer;
import java.util.Map;

/**
 * ptp4l's management responder (IEEE 1588-2019 clause 15) as linuxptp 4 runs it on its Unix
 * sockets (clock.c clock_manage, port.c port_manage): GET, SET and COMMAND with linuxptp's
 * dispatch and error statuses, and SUBSCRIBE_EVENTS_NP notifications.
 *
 * <ul>
 * <li>Clock-level ids answer with the ingress port's identity (port 0 on the Unix sockets),
 *     port-level ids once per addressed port; a port number that matches no port gets
 *     WRONG_VALUE (IEEE 1588 interpretation #21, as linuxptp).
 * <li>SET and COMMAND only on the read-write socket: the read-only one (uds_ro_address) answers
 *     NOT_SUPPORTED, as do PORT_PROPERTIES_NP and PORT_HWCLOCK_NP GETs there.
 * <li>Settable: PRIORITY1, PRIORITY2, GRANDMASTER_SETTINGS_NP, SUBSCRIBE_EVENTS_NP,
 *     SYNCHRONIZATION_UNCERTAIN_NP (clock), PORT_DATA_SET_NP (port); commands ENABLE_PORT and
 *     DISABLE_PORT. A SET answers with the new values, a COMMAND with an empty ACKNOWLEDGE.
 * <li>A SET without data gets WRONG_LENGTH; one with less data than the id needs also does
 *     (linuxptp drops it silently); a value out of range WRONG_VALUE; other known ids
 *     NOT_SUPPORTED (as linuxptp, which never says NOT_SETABLE); unknown ids NO_SUCH_ID.
 * <li>From the network ({@link #answerNetworkRequests}) only GETs, as linuxptp.
 * </ul>
 * Management is not a per-packet path: responses are built through the layout tables.
 */
public final class ManagementAgent {
    /** Where a response goes (the caller sends it back to the requester). */
    public interface Sink {
        void send(ByteBuffer buf, int length);
    }

    /**
     * Where management is forwarded between a boundary clock's ports and its read-write Unix
     * socket (linuxptp clock_forward_mgmt_msg): out of a PTP port (multicast, general port) or
     * to whoever last sent to the read-write socket.
     */
    public interface Forwarder {
        void toPort(int port, ByteBuffer buf, int length);

        void toUnixSocket(ByteBuffer buf, int length);
    }

    /** Where notifications go: a subscriber's address (a Unix socket path for ptp4l). */
    public interface Notifier {
        void send(String address, ByteBuffer buf, int length);
    }

    static final int GET = 0, SET = 1, RESPONSE = 2, COMMAND = 3, ACKNOWLEDGE = 4;
    private static final long WILDCARD_CLOCK = -1L;

    private final PtpClock clock;
    private final ManagementDataSets sets;
    private final Subscriptions subscriptions = new Subscriptions();
    private final PtpMessage req = new PtpMessage();
    private final PtpMessage resp = new PtpMessage();
    private final TlvCursor tlvs = new TlvCursor();
    private final ByteBuffer out = ByteBuffer.allocate(1500);
    private final ByteBuffer fwd = ByteBuffer.allocate(1500);
    private final PtpMessage fwdMsg = new PtpMessage();
    private Forwarder forwarder;
    private io.ptp4j.core.auth.Authenticator auth;
    // parentDS as last notified, to send NOTIFY_PARENT_DATA_SET on a change only.
    private long lastParentClock, lastGm;
    private int lastParentPort = -1;

    public ManagementAgent(PtpClock clock) {
        this.clock = clock;
        this.sets = new ManagementDataSets(clock);
    }

    /**
     * Answers management that arrives on the clock's PTP ports, as linuxptp does: GETs are
     * answered by multicast on the general port of the port it came in on; SET and COMMAND get
     * NOT_SUPPORTED (they are for the read-write Unix socket only). Malformed ones are dropped.
     */
    public ManagementAgent answerNetworkRequests(io.ptp4j.core.engine.Driver driver) {
        clock.managementHook((port, buf, offset, length, source) -> {
            try {
                handle(buf, offset, length, port, false, null, 0, (b, len) -> driver.send(port, b, 0, len, false, io.ptp4j.core.engine.Driver.MULTICAST));
            } catch (DecodeException e) {
                // the engine already validated the header; a bad TLV is dropped like any bad packet
            }
        });
        return this;
    }

    /**
     * CLOCK_DESCRIPTION's and USER_DESCRIPTION's texts (linuxptp's manufacturerIdentity,
     * productDescription, revisionData and userDescription keys; each PTPText at most 255 octets).
     */
    public ManagementAgent describeClock(byte[] manufacturerIdentity, String productDescription, String revisionData, String userDescription) {
        return describeClock(manufacturerIdentity, utf8(productDescription), utf8(revisionData), utf8(userDescription));
    }

    /**
     * The same texts as UTF-8 octets (a configuration file's bytes, unchanged). Each is checked
     * against its bounds (IEEE 1588-2019 5.3.9, 15.5.3.1.2: 64, 32 and 128 symbols, 255 octets):
     * IllegalArgumentException names the first that does not fit.
     */
    public ManagementAgent describeClock(byte[] manufacturerIdentity, byte[] productDescription, byte[] revisionData, byte[] userDescription) {
        if (manufacturerIdentity.length != 3) throw new IllegalArgumentException("manufacturerIdentity must have 3 octets");
        byte[] p = PtpText.require("productDescription", productDescription.clone(), PtpText.PRODUCT_DESCRIPTION_SYMBOLS);
        byte[] r = PtpText.require("revisionData", revisionData.clone(), PtpText.REVISION_DATA_SYMBOLS);
        byte[] u = PtpText.require("userDescription", userDescription.clone(), PtpText.USER_DESCRIPTION_SYMBOLS);
        sets.manufacturerIdentity = manufacturerIdentity.clone();
        sets.productDescription = p;
        sets.revisionData = r;
        sets.userDescription = u;
        return this;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Interface names, timestamping and addresses of the ports, for the ids that report them. */
    public ManagementAgent describePorts(PortDescription... ports) {
        sets.ports = ports.clone();
        // the ports' own addresses also go into NetSync Monitor answers
        for (int i = 0; i < ports.length && i < clock.numberPorts(); i++) {
            if (ports[i] != null) clock.port(i + 1).protocolAddress(ports[i].networkProtocol(), ports[i].protocolAddress());
        }
        return this;
    }

    /**
     * Forwards management as linuxptp does: a message with boundaryHops left, from the read-write
     * socket or a port in a forwarding state, goes out of every other forwarding port with one hop
     * less; answers that come in from the network also go to the read-write socket. So
     * {@code pmc -u -b 1} reaches this clock's neighbours too. Without a forwarder nothing is forwarded.
     */
    public ManagementAgent forwardWith(Forwarder forwarder) {
        this.forwarder = forwarder;
        return this;
    }

    /**
     * Authentication (IEEE 1588-2019 Annex P) as linuxptp 4.4's UDS port and clock do it: with an
     * spp on port 0 (the global spp), a request on the Unix sockets must verify (else it is
     * dropped with a DecodeException saying why) and every answer and notification there is
     * signed; a forwarded message's AUTHENTICATION TLVs are signed again after its boundaryHops
     * changed (sad_update_auth_tlv). Requests and answers on PTP ports are checked and signed where
     * the port's messages are ({@code auth}'s port numbers are the clock's).
     */
    public ManagementAgent authenticateWith(io.ptp4j.core.auth.Authenticator auth) {
        this.auth = auth;
        return this;
    }

    /** linuxptp forwarding(): ports in these states forward management. */
    private boolean forwards(int port) {
        return switch (clock.portState(port)) {
            case MASTER, GRAND_MASTER, SLAVE, UNCALIBRATED, PRE_MASTER -> true;
            default -> false;
        };
    }

    /** linuxptp clock_forward_mgmt_msg: one hop less, out of the other forwarding ports (and answers to the Unix socket). */
    private void forward(ByteBuffer buf, int offset, int length, int ingressPort) {
        if (forwarder == null || req.boundaryHops() == 0 || length > fwd.capacity()) return;
        fwd.put(0, buf, offset, length);
        fwdMsg.wrap(fwd, 0, length).boundaryHops(req.boundaryHops() - 1);
        if (auth != null) auth.update(fwd, 0, length); // the hop count is under the ICV
        for (int p = 1; p <= clock.numberPorts(); p++) {
            if (p != ingressPort && forwards(p)) forwarder.toPort(p, fwd, length);
        }
        int action = req.actionField();
        if (ingressPort != 0 && (action == RESPONSE || action == ACKNOWLEDGE)) forwarder.toUnixSocket(fwd, length);
    }

    public Subscriptions subscriptions() {
        return subscriptions;
    }

    /** A request on the read-write socket from an anonymous requester (no subscriptions). */
    public void handle(ByteBuffer buf, int offset, int length, Sink sink) throws DecodeException {
        handle(buf, offset, length, true, null, 0, sink);
    }

    /**
     * Handles one request. Malformed requests get no answer (and a DecodeException for the caller
     * to log); so do responses, other clocks' requests and requests with more than one TLV.
     *
     * @param readWrite  false on the read-only socket: SET and COMMAND are refused
     * @param requester  the requester's address, where notifications of its subscription go
     * @param nowNanos   a monotonic time, for subscription durations
     */
    public void handle(ByteBuffer buf, int offset, int length, boolean readWrite, String requester, long nowNanos, Sink sink)
            throws DecodeException {
        if (auth != null && auth.secures(0)) {
            io.ptp4j.core.auth.AuthResult r = auth.verify(buf, offset, length, 0);
            if (!r.accepted()) throw new DecodeException("AUTHENTICATION", 0, "auth: bad message (" + r + ")");
            Sink plain = sink;
            sink = (b, len) -> {
                int n = auth.sign(b, 0, len, 0);
                if (n > 0) plain.send(b, n);
            };
        }
        handle(buf, offset, length, 0, readWrite, requester, nowNanos, sink);
    }

    // The port the request came in on: clock-level answers and errors carry its identity (0: the Unix socket).
    private int ingress;

    private void handle(ByteBuffer buf, int offset, int length, int ingressPort, boolean readWrite, String requester, long nowNanos,
            Sink sink) throws DecodeException {
        ingress = ingressPort;
        req.wrap(buf, offset, length);
        if (req.validate(tlvs) != MessageType.MANAGEMENT) return;
        // linuxptp port_ignore, Unix sockets included: another domain or transportSpecific is not ours.
        if (req.domainNumber() != clock.defaultDS().domainNumber() || req.majorSdoId() != clock.config().port.transportSpecific) return;
        if (ingressPort == 0 ? readWrite : forwards(ingressPort)) forward(buf, offset, Math.min(length, req.messageLength()), ingressPort);
        tlvs.reset(req);
        if (!tlvs.next() || tlvs.type() != TlvType.MANAGEMENT) return;
        // linuxptp clock_manage: exactly one TLV, or two when the second is an AUTHENTICATION TLV
        if (tlvs.next() && (tlvs.type() != TlvType.AUTHENTICATION || tlvs.next())) return;
        tlvs.reset(req);
        tlvs.next();
        long target = req.targetClockIdentity();
        if (target != WILDCARD_CLOCK && target != clock.defaultDS().clockIdentity()) return;
        int action = req.actionField();
        if (action != GET && action != SET && action != COMMAND) return;
        subscriptions.prune(nowNanos);
        int idCode = req.u16(tlvs.valueOffset());
        int dataOffset = tlvs.valueOffset() + 2, dataLength = tlvs.length() - 2;
        ManagementId id = ManagementId.of(idCode);

        if (action == SET) {
            if (dataLength == 0 && idCode != ManagementId.NULL_MANAGEMENT.id) {
                error(ingress, ManagementErrorId.WRONG_LENGTH, idCode, sink);
                return;
            }
            if (!readWrite) {
                error(ingress, ManagementErrorId.NOT_SUPPORTED, idCode, sink);
                return;
            }
            if (id != null && id.isClockLevel() && clockSet(id, idCode, dataOffset, dataLength, requester, nowNanos, sink)) return;
        } else if (action == COMMAND && !readWrite) {
            error(ingress, ManagementErrorId.NOT_SUPPORTED, idCode, sink);
            return;
        } else if (action == GET && id != null && id.isClockLevel()) {
            Map<String, Object> data = isAlternateTimeOffset(id) ? sets.alternateTimeOffset(id, alternateTimeOffsetKey(dataLength, dataOffset))
                    : sets.clockData(id, req.sourcePortIdentity(), subscriptions, nowNanos);
            if (data != null) {
                reply(ingress, id, data, RESPONSE, sink);
                return;
            }
        }
        if (!readWrite && (id == ManagementId.PORT_PROPERTIES_NP || id == ManagementId.PORT_HWCLOCK_NP)) {
            error(ingress, ManagementErrorId.NOT_SUPPORTED, idCode, sink);
            return;
        }
        if (id != null && id.isClockLevel()) {
            error(ingress, ManagementErrorId.NOT_SUPPORTED, idCode, sink);
            return;
        }
        int targetPort = req.targetPortNumber(), answers = 0;
        for (int p = 1; p <= clock.numberPorts(); p++) {
            if (targetPort != 0xFFFF && targetPort != p) continue;
            answers++;
            if (!portAction(p, id, idCode, action, dataOffset, dataLength, sink)) return; // NO_SUCH_ID: once
        }
        if (answers == 0) error(ingress, ManagementErrorId.WRONG_VALUE, idCode, sink);
    }

    /** Port-level ids linuxptp knows (port_manage): unserved ones get NOT_SUPPORTED, others NO_SUCH_ID. */
    private static boolean isKnownPortLevel(ManagementId id) {
        return id != null && switch (id) {
            case NULL_MANAGEMENT, CLOCK_DESCRIPTION, PORT_DATA_SET, LOG_ANNOUNCE_INTERVAL, ANNOUNCE_RECEIPT_TIMEOUT,
                 LOG_SYNC_INTERVAL, VERSION_NUMBER, ENABLE_PORT, DISABLE_PORT, UNICAST_NEGOTIATION_ENABLE, UNICAST_MASTER_TABLE,
                 UNICAST_MASTER_MAX_TABLE_SIZE, ACCEPTABLE_MASTER_TABLE_ENABLED, ALTERNATE_MASTER, MASTER_ONLY,
                 TRANSPARENT_CLOCK_PORT_DATA_SET, DELAY_MECHANISM, LOG_MIN_PDELAY_REQ_INTERVAL, PORT_DATA_SET_NP,
                 PORT_PROPERTIES_NP, PORT_STATS_NP, PORT_SERVICE_STATS_NP, UNICAST_MASTER_TABLE_NP, PORT_HWCLOCK_NP,
                 POWER_PROFILE_SETTINGS_NP, CMLDS_INFO_NP, PORT_CORRECTIONS_NP -> true;
            default -> false;
        };
    }

    private static boolean isAlternateTimeOffset(ManagementId id) {
        return id == ManagementId.ALTERNATE_TIME_OFFSET_ENABLE || id == ManagementId.ALTERNATE_TIME_OFFSET_NAME
                || id == ManagementId.ALTERNATE_TIME_OFFSET_PROPERTIES;
    }

    /**
     * linuxptp clock_alttime_offset_get_key: these GETs pick a key with their data field; an
     * empty one asks for key 0, one too short for a keyField asks for none (an empty answer).
     */
    private int alternateTimeOffsetKey(int dataLength, int dataOffset) {
        if (dataLength == 0) return 0;
        return dataLength < 2 ? -1 : req.u8(dataOffset);
    }

    private long u32(int at) {
        return req.buffer().getInt(req.baseOffset() + at) & 0xFFFFFFFFL;
    }

    /** Octets of the dataField a SET of {@code id} must carry. */
    private static int setLength(ManagementId id) {
        return switch (id) {
            case PRIORITY1, PRIORITY2, SYNCHRONIZATION_UNCERTAIN_NP, ALTERNATE_TIME_OFFSET_ENABLE, ALTERNATE_TIME_OFFSET_NAME -> 2;
            case ALTERNATE_TIME_OFFSET_PROPERTIES, POWER_PROFILE_SETTINGS_NP -> 16;
            case GRANDMASTER_SETTINGS_NP, PORT_DATA_SET_NP -> 8;
            case SUBSCRIBE_EVENTS_NP -> 2 + Subscriptions.BITMASK_OCTETS;
            default -> -1;
        };
    }

    /** linuxptp clock_management_set; false when the id is not settable here. */
    private boolean clockSet(ManagementId id, int idCode, int at, int len, String requester, long nowNanos, Sink sink) {
        int need = setLength(id);
        if (need < 0) return false;
        if (len < need) {
            error(ingress, ManagementErrorId.WRONG_LENGTH, idCode, sink);
            return true;
        }
        switch (id) {
            case PRIORITY1 -> clock.setPriority1(req.u8(at));
            case PRIORITY2 -> clock.setPriority2(req.u8(at));
            case GRANDMASTER_SETTINGS_NP -> clock.setGrandmasterSettings(req.u8(at), req.u8(at + 1), req.u16(at + 2),
                    (short) req.u16(at + 4), req.u8(at + 6), req.u8(at + 7));
            case SYNCHRONIZATION_UNCERTAIN_NP -> {
                if (!clock.setSyncUncertain(req.u8(at))) {
                    error(ingress, ManagementErrorId.WRONG_VALUE, idCode, sink);
                    return true;
                }
            }
            case SUBSCRIBE_EVENTS_NP -> {
                if (requester == null || requester.isEmpty()) {
                    error(ingress, ManagementErrorId.NOT_SUPPORTED, idCode, sink); // nowhere to send events to
                    return true;
                }
                byte[] mask = new byte[Subscriptions.BITMASK_OCTETS];
                for (int i = 0; i < mask.length; i++) mask[i] = (byte) req.u8(at + 2 + i);
                subscriptions.update(req.sourcePortIdentity(), requester, mask, req.u16(at), nowNanos);
            }
            case ALTERNATE_TIME_OFFSET_ENABLE, ALTERNATE_TIME_OFFSET_NAME, ALTERNATE_TIME_OFFSET_PROPERTIES -> {
                if (!setAlternateTimeOffset(id, at, len)) {
                    error(ingress, ManagementErrorId.WRONG_VALUE, idCode, sink); // linuxptp: NO_SUCH_ID from its ports
                    return true;
                }
                reply(ingress, id, sets.alternateTimeOffset(id, req.u8(at)), RESPONSE, sink);
                return true;
            }
            default -> {
                return false;
            }
        }
        reply(ingress, id, sets.clockData(id, req.sourcePortIdentity(), subscriptions, nowNanos), RESPONSE, sink);
        return true;
    }

    /**
     * linuxptp clock_management_set for the alternate time offsets: ENABLE (keyField 0xFF: every
     * key; bit 0 of the second octet), NAME (a PTPText of at most 10 characters), PROPERTIES
     * (currentOffset, jumpSeconds, 48-bit timeOfNextJump). False for a key or name out of range.
     */
    private boolean setAlternateTimeOffset(ManagementId id, int at, int len) {
        var a = clock.alternateTimeOffsets();
        int key = req.u8(at);
        return switch (id) {
            case ALTERNATE_TIME_OFFSET_ENABLE -> a.enable(key, (req.u8(at + 1) & 1) != 0);
            case ALTERNATE_TIME_OFFSET_NAME -> {
                int n = req.u8(at + 1);
                if (2 + n > len) yield false;
                byte[] text = new byte[n];
                for (int i = 0; i < n; i++) text[i] = (byte) req.u8(at + 2 + i);
                yield a.displayName(key, new String(text, java.nio.charset.StandardCharsets.UTF_8));
            }
            default -> a.properties(key, (int) u32(at + 1), (int) u32(at + 5), (long) req.u16(at + 9) << 32 | u32(at + 11));
        };
    }

    /** linuxptp port_manage for one port; false after a NO_SUCH_ID (sent once, not per port). */
    private boolean portAction(int port, ManagementId id, int idCode, int action, int at, int len, Sink sink) {
        if (action == GET && id != null) {
            Map<String, Object> data = sets.portData(id, port);
            if (data != null) {
                reply(port, id, data, RESPONSE, sink);
                return true;
            }
        } else if (action == SET && id == ManagementId.PORT_DATA_SET_NP) {
            if (len < setLength(id)) {
                error(port, ManagementErrorId.WRONG_LENGTH, idCode, sink);
                return true;
            }
            clock.port(port).ds().neighborPropDelayThreshNanos(req.u16(at) * 65536L + req.u16(at + 2));
            reply(port, id, sets.portData(id, port), RESPONSE, sink);
            return true;
        } else if (action == SET && id == ManagementId.POWER_PROFILE_SETTINGS_NP) {
            // linuxptp port_management_set: version none, 2011 or 2017; another version is refused
            boolean ok = len >= setLength(id) && clock.port(port).powerProfile().set(req.u16(at), req.u16(at + 2), u32(at + 4),
                    u32(at + 8), u32(at + 12));
            if (ok) reply(port, id, sets.portData(id, port), RESPONSE, sink);
            else error(port, len < setLength(id) ? ManagementErrorId.WRONG_LENGTH : ManagementErrorId.WRONG_VALUE, idCode, sink);
            return true;
        } else if (action == COMMAND && (id == ManagementId.ENABLE_PORT || id == ManagementId.DISABLE_PORT)) {
            clock.port(port).enable(id == ManagementId.ENABLE_PORT);
            reply(port, id, Map.of(), ACKNOWLEDGE, sink);
            return true;
        }
        if (isKnownPortLevel(id)) {
            error(port, ManagementErrorId.NOT_SUPPORTED, idCode, sink);
            return true;
        }
        error(port, ManagementErrorId.NO_SUCH_ID, idCode, sink);
        return false;
    }

    // ---- notifications (linuxptp clock_send_notification) ------------------------------------

    /** Whether anyone subscribed to {@code n}: callers check this first on per-sample paths. */
    public boolean wants(Notification n) {
        return subscriptions.wanted(n);
    }

    /** A port changed state: PORT_DATA_SET to NOTIFY_PORT_STATE subscribers; also checks parentDS. */
    public void portStateChanged(int port, long nowNanos, Notifier notifier) {
        if (wants(Notification.NOTIFY_PORT_STATE)) notify(Notification.NOTIFY_PORT_STATE, port, nowNanos, notifier);
        parentMaybeChanged(nowNanos, notifier);
    }

    /** A servo sample: TIME_STATUS_NP to NOTIFY_TIME_SYNC subscribers; also checks parentDS. */
    public void timeSync(long nowNanos, Notifier notifier) {
        if (wants(Notification.NOTIFY_TIME_SYNC)) notify(Notification.NOTIFY_TIME_SYNC, 0, nowNanos, notifier);
        parentMaybeChanged(nowNanos, notifier);
    }

    /** Sends PARENT_DATA_SET to NOTIFY_PARENT_DATA_SET subscribers when parent or grandmaster changed. */
    public void parentMaybeChanged(long nowNanos, Notifier notifier) {
        long parent = clock.parentDS().parentClockIdentity(), gm = clock.parentDS().grandmasterIdentity();
        int parentPort = clock.parentDS().parentPortNumber();
        if (parent == lastParentClock && parentPort == lastParentPort && gm == lastGm) return;
        lastParentClock = parent;
        lastParentPort = parentPort;
        lastGm = gm;
        if (wants(Notification.NOTIFY_PARENT_DATA_SET)) notify(Notification.NOTIFY_PARENT_DATA_SET, 0, nowNanos, notifier);
    }

    /** Pushes {@code n} (from {@code port}, 0 for the clock) to every subscriber that asked for it. */
    public void notify(Notification n, int port, long nowNanos, Notifier notifier) {
        subscriptions.prune(nowNanos);
        Map<String, Object> data = port == 0 ? sets.clockData(n.carries, null, subscriptions, nowNanos) : sets.portData(n.carries, port);
        if (data == null) return;
        for (Subscriptions.Subscriber s : subscriptions.all()) {
            if (!n.in(s.events)) continue;
            // port_management_notify: boundary hops 1, RESPONSE, the subscriber as target.
            header(port, s.sequenceId, s.portIdentity.clockIdentity(), s.portIdentity.portNumber(), 1, RESPONSE);
            s.sequenceId = (s.sequenceId + 1) & 0xFFFF;
            if (!appendData(n.carries, data)) continue;
            int len = auth != null && auth.secures(0) ? auth.sign(out, 0, resp.messageLength(), 0) : resp.messageLength();
            if (len > 0) notifier.send(s.address, out, len);
        }
    }

    // ---- building responses -------------------------------------------------------------------

    private void header(int port, int sequenceId, long targetClock, int targetPort, int boundaryHops, int action) {
        resp.wrap(out, 0, out.capacity()).initHeader(MessageType.MANAGEMENT, 0)
                .majorSdoId(clock.config().port.transportSpecific).domainNumber(clock.defaultDS().domainNumber())
                .sourcePort(clock.defaultDS().clockIdentity(), port).sequenceId(sequenceId).logMessageInterval(0x7F)
                .targetPort(targetClock, targetPort)
                .startingBoundaryHops(boundaryHops).boundaryHops(boundaryHops).actionField(action);
    }

    /** port_management_reply: back to the requester, hops used so far, RESPONSE or ACKNOWLEDGE. */
    private void replyHeader(int port, int action) {
        header(port, req.sequenceId(), req.sourceClockIdentity(), req.sourcePortNumber(),
                (req.startingBoundaryHops() - req.boundaryHops()) & 0xFF, action);
    }

    private void reply(int port, ManagementId id, Map<String, Object> data, int action, Sink sink) {
        replyHeader(port, action);
        if (!appendData(id, data)) {
            error(port, ManagementErrorId.GENERAL_ERROR, id.id, sink);
            return;
        }
        sink.send(out, resp.messageLength());
    }

    /** False (and nothing appended) when the data would not fit one message: never write past the buffer. */
    private boolean appendData(ManagementId id, Map<String, Object> data) {
        int need = ManagementData.encodedLength(id, data);
        // header + TLV type, length and managementId + data + a pad octet, and room for an AUTHENTICATION TLV
        int authRoom = auth == null ? 0 : io.ptp4j.core.auth.Authenticator.TLV_OVERHEAD + 32;
        if (resp.messageLength() + 6 + need + 1 + authRoom > out.capacity()) return false;
        int v = TlvCursor.append(resp, TlvType.MANAGEMENT, 2);
        resp.u16(v, id.id);
        // an empty map: an empty data field (linuxptp's answer to a GET of a key it does not have)
        int n = data.isEmpty() ? 0 : ManagementData.encode(id, data, out, v + 2);
        if ((n & 1) == 1) out.put(v + 2 + n++, (byte) 0); // dataField is padded to an even length
        resp.u16(v - 2, 2 + n).messageLength(v + 2 + n);
        return true;
    }

    private void error(int port, ManagementErrorId err, int idCode, Sink sink) {
        replyHeader(port, req.actionField() == COMMAND ? ACKNOWLEDGE : RESPONSE);
        new ManagementErrorStatus(err.code, idCode, "").append(resp);
        sink.send(out, resp.messageLength());
    }
}
