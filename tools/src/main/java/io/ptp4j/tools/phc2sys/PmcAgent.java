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
        int seq = sequenceId = (sequenceId + 1) & 0xFFFF;
        msg.wrap(out, 0, out.capacity()).initHeader(MessageType.MANAGEMENT, 0)
                .domainNumber(domainNumber).sourcePort(clockIdentity, 0).sequenceId(seq).logMessageInterval(0x7F)
                .targetPort(-1L, 0xFFFF).startingBoundaryHops(0).boundaryHops(0).actionField(0);
        int v = TlvCursor.append(msg, TlvType.MANAGEMENT, 2);
        msg.u16(v, id.id);
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
            if (msg.validate(tlvs) != MessageType.MANAGEMENT || msg.sequenceId() != seq || msg.actionField() != 2) return null;
            tlvs.reset(msg);
            if (!tlvs.next()) return null;
            int port = msg.sourcePortNumber();
            if (tlvs.type() == TlvType.MANAGEMENT_ERROR_STATUS) {
                return new Answer(wanted, port, null, msg.u16(tlvs.valueOffset()));
            }
            if (tlvs.type() != TlvType.MANAGEMENT || msg.u16(tlvs.valueOffset()) != wanted.id) return null;
            return new Answer(wanted, port, ManagementData.decode(wanted, in, tlvs.valueOffset() + 2, tlvs.length() - 2), 0);
        } catch (DecodeException e) {
            return null;
        }
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
