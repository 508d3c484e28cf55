package io.ptp4j.tools.doctor;

import io.ptp4j.core.management.ManagementData;
import io.ptp4j.core.management.ManagementId;
import io.ptp4j.core.wire.DecodeException;
import io.ptp4j.core.wire.MessageType;
import io.ptp4j.core.wire.PtpMessage;
import io.ptp4j.core.wire.TlvCursor;
import io.ptp4j.core.wire.TlvType;
import io.ptp4j.linux.NativeException;
import io.ptp4j.linux.UnixDatagramSocket;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A small management client over ptp4l's Unix socket (uds_address), as pmc -u does: GET requests
 * to all ports (targetPortIdentity all ones, IEEE 1588-2019 15.4.1.3), answers decoded with
 * {@link ManagementData}. Binds its own socket in a temporary directory so ptp4l can answer.
 */
public final class ManagementClient implements AutoCloseable {
    /** One answer: the responding port (0 for clock-level data) and its dataField. */
    public record Response(int port, Map<String, Object> data) {}

    private final UnixDatagramSocket socket;
    private final Path dir;
    private final String server;
    private final int domainNumber;
    private final ByteBuffer out = ByteBuffer.allocate(128);
    private final ByteBuffer in = ByteBuffer.allocate(UnixDatagramSocket.MAX_DATAGRAM);
    private final PtpMessage msg = new PtpMessage();
    private final TlvCursor tlvs = new TlvCursor();
    private int sequenceId;

    public ManagementClient(String serverPath, int domainNumber) throws IOException {
        this.server = serverPath;
        this.domainNumber = domainNumber;
        this.dir = Files.createTempDirectory("ptp4j-doctor");
        try {
            this.socket = UnixDatagramSocket.bind(dir.resolve("pmc").toString(), true);
        } catch (NativeException e) {
            Files.deleteIfExists(dir);
            throw new IOException(e.getMessage(), e);
        }
    }

    /**
     * Sends GET id and collects answers until {@code timeoutMillis} pass without one (port-level
     * ids answer once per port). An error status (e.g. NOT_SUPPORTED) gives no response.
     */
    public List<Response> get(ManagementId id, int timeoutMillis) throws IOException {
        int seq = sequenceId++ & 0xFFFF;
        out.clear();
        msg.wrap(out, 0, out.capacity()).initHeader(MessageType.MANAGEMENT, 0).domainNumber(domainNumber)
                .sourcePort(0x0000_00FF_FE00_0000L | ProcessHandle.current().pid() & 0xFFFFFF, 0)
                .sequenceId(seq).logMessageInterval(0x7F).targetPort(-1L, 0xFFFF).startingBoundaryHops(0).boundaryHops(0)
                .actionField(0);
        int v = TlvCursor.append(msg, TlvType.MANAGEMENT, 2);
        msg.u16(v, id.id);
        List<Response> answers = new ArrayList<>();
        try {
            socket.send(out, 0, msg.messageLength(), server);
            int wait = timeoutMillis;
            while (true) {
                int n = socket.receive(in, 0, wait);
                if (n <= 0) break;
                Response r = decode(id, seq, n);
                if (r != null) answers.add(r);
                wait = Math.min(timeoutMillis, 100); // the remaining ports answer at once
            }
        } catch (NativeException e) {
            throw new IOException(server + ": " + e.getMessage(), e);
        }
        return answers;
    }

    private Response decode(ManagementId id, int seq, int length) {
        try {
            msg.wrap(in, 0, length);
            if (msg.validate(tlvs) != MessageType.MANAGEMENT || msg.sequenceId() != seq) return null;
            tlvs.reset(msg);
            if (!tlvs.next() || tlvs.type() != TlvType.MANAGEMENT || tlvs.length() < 2) return null;
            if (msg.u16(tlvs.valueOffset()) != id.id) return null;
            return new Response(msg.sourcePortNumber(), ManagementData.decode(id, in, tlvs.valueOffset() + 2, tlvs.length() - 2));
        } catch (DecodeException e) {
            return null;
        }
    }

    @Override
    public void close() {
        socket.close();
        try {
            Files.deleteIfExists(dir.resolve("pmc"));
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // a temp file left behind
        }
    }
}
