package io.ptp4j.tools.phc2sys;

import io.ptp4j.core.management.ManagementId;
import io.ptp4j.core.management.ManagementRequest;
import io.ptp4j.linux.NativeException;
import io.ptp4j.tools.pmc.ManagementReply;
import io.ptp4j.tools.pmc.PmcClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * phc2sys's management agent (linuxptp pmc_agent.c), on the tools' PmcClient: GET requests to ptp4l's Unix socket
 * (uds_address) from a socket of its own next to it, answers matched by sequenceId. Used for -w
 * (PORT_DATA_SET states), the UTC offset (TIME_PROPERTIES_DATA_SET) and -a (DEFAULT_DATA_SET,
 * PORT_DATA_SET, PORT_PROPERTIES_NP). Not a per-packet path: values are maps.
 */
final class PmcAgent implements AutoCloseable {
    /** One answer: its management id, the port it came from, and the decoded data field (null for an error status). */
    record Answer(ManagementId id, int portNumber, Map<String, Object> data, int errorId) {}

    private final PmcClient client;
    private final String server;
    private int syncOffsetSeconds;
    private boolean utcOffsetTraceable;
    private int leap;

    private PmcAgent(PmcClient client, String server, int domainNumber) {
        this.client = client;
        this.server = server;
        ManagementRequest r = client.request();
        r.domainNumber = domainNumber;
        // pmc's clock identity is made of its pid; it only has to differ from ptp4l's
        r.sourceClockIdentity = 0x7074346AL << 32 | (ProcessHandle.current().pid() & 0xFFFFFFFFL);
        r.sourcePortNumber = 0;
        r.boundaryHops = 0;
    }

    /**
     * Opens a socket bound next to ptp4l's (linuxptp binds /var/run/phc2sys.PID): DIR/phc2sys.PID.N
     * where DIR is uds_address's directory, so an unprivileged ptp4l and phc2sys pair works.
     */
    static PmcAgent open(String udsAddress, int domainNumber, int n) throws NativeException {
        Path dir = Path.of(udsAddress).toAbsolutePath().getParent();
        String local = (dir == null ? Path.of("/tmp") : dir).resolve("phc2sys." + ProcessHandle.current().pid() + "." + n).toString();
        return new PmcAgent(PmcClient.uds(udsAddress, local), udsAddress, domainNumber);
    }

    /**
     * Sends a GET for {@code id} to all ports and collects the answers that arrive within
     * {@code timeoutMillis} of each other (the first one waited for up to timeoutMillis, the
     * next ones 20 ms: more ports follow right behind).
     */
    List<Answer> get(ManagementId id, int timeoutMillis) throws NativeException {
        List<ManagementReply> replies;
        try {
            replies = client.request(ManagementRequest.GET, id, new byte[0], timeoutMillis, Math.min(timeoutMillis, 20));
        } catch (NativeException e) {
            // ptp4l not (yet) there: ENOENT, ECONNREFUSED. linuxptp ignores the send error and
            // times out waiting; so do we, without the wait spinning
            sleepMillis(timeoutMillis);
            return List.of();
        }
        List<Answer> answers = new ArrayList<>();
        for (ManagementReply r : replies) {
            if (r.action() != ManagementRequest.RESPONSE) continue;
            int port = r.source().portNumber();
            if (r.isError()) answers.add(new Answer(id, port, null, r.errorCode()));
            else if (r.managementId() == id.id) answers.add(new Answer(id, port, r.data(), 0));
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
        client.close();
    }
}
