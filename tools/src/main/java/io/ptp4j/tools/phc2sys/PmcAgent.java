package io.ptp4j.tools.phc2sys;

import io.ptp4j.core.management.ManagementData;
import io.ptp4j.core.management.ManagementId;
import io.ptp4j.core.wire.DecodeException;
import io.ptp4j.core.wire.MessageType;
import io.ptp4j.core.wire.PtpMessage;
import io.ptp4j.core.wire.TlvCursor;
import io.ptp4j.core.wire.TlvType;
import io.ptp4j.linux.NativeException;
import io.ptp4j.linux.UnixDatagramSocket;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * phc2sys's small management client (linuxptp pmc_agent.c): GET requests to ptp4l's Unix socket
 * (uds_address) from a socket of its own next to it, answers matched by sequenceId. Used for -w
 * (PORT_DATA_SET states), the UTC offset (TIME_PROPERTIES_DATA_SET) and -a (DEFAULT_DATA_SET,
 * PORT_DATA_SET, PORT_PROPERTIES_NP). Not a per-packet path: values are maps.
 */
final class PmcAgent implements AutoCloseable {
    /** One answer: its management id, the port it came from, and the decoded data field (null for an error status). */
    record Answer(ManagementId id, int portNumber, Map<String, Object> data, int errorId) {}

    private final UnixDatagramSocket socket;
    private final String server;
    private final int domainNumber;
    private final long clockIdentity;
    private final ByteBuffer out = ByteBuffer.allocate(256);
    private final ByteBuffer in = ByteBuffer.allocate(UnixDatagramSocket.MAX_DATAGRAM);
    private final PtpMessage msg = new PtpMessage();
    private final TlvCursor tlvs = new TlvCursor();
    private int sequenceId;
    private int syncOffsetSeconds;
    private boolean utcOffsetTraceable;
    private int leap;
    // SUBSCRIBE_EVENTS_NP (linuxptp pmc_agent_subscribe / pmc_agent_update / pmc_agent_is_subscribed)
    static final int UPDATES_PER_SUBSCRIPTION = 3, MIN_UPDATE_INTERVAL_SECONDS = 10;
    private java.util.function.Consumer<Answer> notifications = a -> { };
    private boolean stayNotified;
    private long updateIntervalNanos, lastUpdateNanos;
    private long ptp4lClockIdentity = Long.MIN_VALUE; // once known, answers from other clocks are not ptp4l's

    private PmcAgent(UnixDatagramSocket socket, String server, int domainNumber) {
        this.socket = socket;
        this.server = server;
        this.domainNumber = domainNumber;
        // pmc's clock identity is made of its pid; it only has to differ from ptp4l's
        this.clockIdentity = 0x7074346AL << 32 | (ProcessHandle.current().pid() & 0xFFFFFFFFL);
    }

    /**
     * Opens a socket bound next to ptp4l's (linuxptp binds /var/run/phc2sys.PID): DIR/phc2sys.PID.N
     * where DIR is uds_address's directory, so an unprivileged ptp4l and phc2sys pair works.
     */
    static PmcAgent open(String udsAddress, int domainNumber, int n) throws NativeException {
        Path dir = Path.of(udsAddress).toAbsolutePath().getParent();
        String local = (dir == null ? Path.of("/tmp") : dir).resolve("phc2sys." + ProcessHandle.current().pid() + "." + n).toString();
        return new PmcAgent(UnixDatagramSocket.bind(local, true), udsAddress, domainNumber);
    }

    /**
     * Sends a GET for {@code id} to all ports and collects the answers that arrive within
     * {@code timeoutMillis} of each other (the first one waited for up to timeoutMillis).
     */
    List<Answer> get(ManagementId id, int timeoutMillis) throws NativeException {
        return request(id, 0, new byte[0], timeoutMillis);
    }

    /** One request (action 0 GET, 1 SET with {@code data}); the answers as {@link #get}. */
    private List<Answer> request(ManagementId id, int action, byte[] data, int timeoutMillis) throws NativeException {
        int seq = sequenceId = (sequenceId + 1) & 0xFFFF;
        msg.wrap(out, 0, out.capacity()).initHeader(MessageType.MANAGEMENT, 0)
                .domainNumber(domainNumber).sourcePort(clockIdentity, 0).sequenceId(seq).logMessageInterval(0x7F)
                .targetPort(-1L, 0xFFFF).startingBoundaryHops(0).boundaryHops(0).actionField(action);
        int v = TlvCursor.append(msg, TlvType.MANAGEMENT, 2 + data.length);
        msg.u16(v, id.id);
        for (int i = 0; i < data.length; i++) msg.u8(v + 2 + i, data[i]);
        List<Answer> answers = new ArrayList<>();
        try {
            socket.send(out, 0, msg.messageLength(), server);
        } catch (NativeException e) {
            // ptp4l not (yet) there: ENOENT, ECONNREFUSED. linuxptp ignores the send error and
            // times out waiting; so do we, without the wait spinning
            sleepMillis(timeoutMillis);
            return answers;
        }
        int wait = timeoutMillis;
        while (true) {
            int n = socket.receive(in, 0, wait);
            if (n <= 0) break;
            Answer a = parse(n, seq, id);
            if (a != null) {
                answers.add(a);
                wait = Math.min(timeoutMillis, 20); // more ports follow right behind
            }
        }
        return answers;
    }

    private static void sleepMillis(int millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Answer parse(int n, int seq, ManagementId wanted) {
        try {
            msg.wrap(in, 0, n);
            if (msg.validate(tlvs) != MessageType.MANAGEMENT || msg.actionField() != 2) return null;
            if (ptp4lClockIdentity != Long.MIN_VALUE && msg.sourceClockIdentity() != ptp4lClockIdentity) return null;
            tlvs.reset(msg);
            if (!tlvs.next()) return null;
            int port = msg.sourcePortNumber();
            // linuxptp run_pmc: what is not the data set asked for may be a notification (recv_subscribed)
            if (tlvs.type() == TlvType.MANAGEMENT && msg.u16(tlvs.valueOffset()) != wanted.id) {
                notification(port);
                return null;
            }
            if (msg.sequenceId() != seq) return null;
            if (tlvs.type() == TlvType.MANAGEMENT_ERROR_STATUS) {
                return new Answer(wanted, port, null, msg.u16(tlvs.valueOffset()));
            }
            if (tlvs.type() != TlvType.MANAGEMENT || msg.u16(tlvs.valueOffset()) != wanted.id) return null;
            return new Answer(wanted, port, ManagementData.decode(wanted, in, tlvs.valueOffset() + 2, tlvs.length() - 2), 0);
        } catch (DecodeException e) {
            return null;
        }
    }

    /** A pushed PORT_DATA_SET (NOTIFY_PORT_STATE) goes to the subscriber's handler. */
    private void notification(int port) throws DecodeException {
        if (msg.u16(tlvs.valueOffset()) != ManagementId.PORT_DATA_SET.id || tlvs.length() <= 2) return;
        notifications.accept(new Answer(ManagementId.PORT_DATA_SET, port,
                ManagementData.decode(ManagementId.PORT_DATA_SET, in, tlvs.valueOffset() + 2, tlvs.length() - 2), 0));
    }

    /** Where pushed port state changes go. */
    void onNotification(java.util.function.Consumer<Answer> handler) {
        this.notifications = handler;
    }

    /** Answers from clocks other than this one are dropped from now on (linuxptp check_clock_identity). */
    void ptp4lClockIdentity(long clockIdentity) {
        this.ptp4lClockIdentity = clockIdentity;
    }

    /**
     * linuxptp pmc_agent_subscribe: NOTIFY_PORT_STATE for UPDATES_PER_SUBSCRIPTION update
     * intervals of at least 10 s; false when ptp4l did not acknowledge within timeoutMillis.
     */
    boolean subscribe(int timeoutMillis, double intervalSeconds, long nowNanos) throws NativeException {
        stayNotified = true;
        updateIntervalNanos = (long) Math.max(MIN_UPDATE_INTERVAL_SECONDS, (int) intervalSeconds) * 1_000_000_000L;
        return renew(timeoutMillis);
    }

    private boolean renew(int timeoutMillis) throws NativeException {
        byte[] sen = new byte[2 + io.ptp4j.core.management.Subscriptions.BITMASK_OCTETS];
        long duration = UPDATES_PER_SUBSCRIPTION * updateIntervalNanos / 1_000_000_000L;
        sen[0] = (byte) (duration >> 8);
        sen[1] = (byte) duration;
        byte[] mask = new byte[io.ptp4j.core.management.Subscriptions.BITMASK_OCTETS];
        io.ptp4j.core.management.Notification.set(mask, io.ptp4j.core.management.Notification.NOTIFY_PORT_STATE, true);
        System.arraycopy(mask, 0, sen, 2, mask.length);
        return !request(ManagementId.SUBSCRIBE_EVENTS_NP, 1, sen, timeoutMillis).isEmpty();
    }

    /**
     * linuxptp pmc_agent_update: once per update interval the subscription is renewed and the UTC
     * offset asked for again (a good answer counts as being in touch with ptp4l); then whatever
     * ptp4l pushed meanwhile goes to the notification handler.
     */
    void update(long nowNanos) throws NativeException {
        if (nowNanos - lastUpdateNanos >= updateIntervalNanos) {
            if (stayNotified) renew(100);
            if (queryUtcOffset(100)) lastUpdateNanos = nowNanos;
        }
        int n;
        while ((n = socket.receive(in, 0, 0)) > 0) parse(n, -1, ManagementId.NULL_MANAGEMENT);
    }

    /** linuxptp pmc_agent_is_subscribed: ptp4l answered within UPDATES_PER_SUBSCRIPTION update intervals. */
    boolean isSubscribed(long nowNanos) {
        return lastUpdateNanos > 0 && nowNanos - lastUpdateNanos <= UPDATES_PER_SUBSCRIPTION * updateIntervalNanos;
    }

    /** After auto_init_ports: the last update was now (the UTC offset was just read). */
    void updated(long nowNanos) {
        lastUpdateNanos = nowNanos;
    }

    /**
     * run_pmc_wait_sync: 1 when a port of ptp4l is MASTER or SLAVE, 0 when none is (yet) or ptp4l
     * did not answer within timeoutMillis.
     */
    int waitSync(int timeoutMillis) throws NativeException {
        for (Answer a : get(ManagementId.PORT_DATA_SET, timeoutMillis)) {
            if (a.data() == null) continue;
            long state = (Long) a.data().get("portState");
            if (state == 6 || state == 9) return 1; // MASTER, SLAVE
        }
        return 0;
    }

    /** pmc_agent_query_utc_offset: false when ptp4l did not answer. */
    boolean queryUtcOffset(int timeoutMillis) throws NativeException {
        for (Answer a : get(ManagementId.TIME_PROPERTIES_DATA_SET, timeoutMillis)) {
            if (a.data() == null) continue;
            syncOffsetSeconds = (int) (long) (Long) a.data().get("currentUtcOffset");
            long flags = (Long) a.data().get("flags");
            leap = (flags & 0x01) != 0 ? 1 : (flags & 0x02) != 0 ? -1 : 0; // LEAP_61, LEAP_59
            utcOffsetTraceable = (flags & 0x04) != 0 && (flags & 0x10) != 0; // UTC_OFF_VALID and TIME_TRACEABLE
            return true;
        }
        return false;
    }

    int syncOffsetSeconds() {
        return syncOffsetSeconds;
    }

    void syncOffsetSeconds(int seconds) {
        this.syncOffsetSeconds = seconds;
    }

    boolean utcOffsetTraceable() {
        return utcOffsetTraceable;
    }

    int leap() {
        return leap;
    }

    String server() {
        return server;
    }

    @Override
    public void close() {
        socket.close();
    }
}
