package io.ptp4j.tools.doctor;

import io.ptp4j.core.management.ManagementId;
import io.ptp4j.core.management.ManagementRequest;
import io.ptp4j.linux.NativeException;
import io.ptp4j.tools.pmc.ManagementReply;
import io.ptp4j.tools.pmc.PmcClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The doctor's GETs to ptp4l's Unix socket (uds_address), as pmc -u does, through the tools'
 * {@link PmcClient}: to all ports (targetPortIdentity all ones, IEEE 1588-2019 15.4.1.3), from a
 * socket in a temporary directory of its own so ptp4l can answer.
 */
public final class ManagementClient implements AutoCloseable {
    /** One answer: the responding port (0 for clock-level data) and its dataField. */
    public record Response(int port, Map<String, Object> data) {}

    private final PmcClient client;
    private final Path dir;
    private final String server;

    public ManagementClient(String serverPath, int domainNumber) throws IOException {
        this.server = serverPath;
        this.dir = Files.createTempDirectory("ptp4j-doctor");
        try {
            this.client = PmcClient.uds(serverPath, dir.resolve("pmc").toString());
        } catch (NativeException e) {
            Files.deleteIfExists(dir);
            throw new IOException(e.getMessage(), e);
        }
        ManagementRequest r = client.request();
        r.domainNumber = domainNumber;
        r.sourceClockIdentity = 0x0000_00FF_FE00_0000L | ProcessHandle.current().pid() & 0xFFFFFF;
        r.sourcePortNumber = 0;
        r.boundaryHops = 0;
    }

    /**
     * Sends GET id and collects answers until {@code timeoutMillis} pass without one (port-level
     * ids answer once per port, at most 100 ms apart). An error status (e.g. NOT_SUPPORTED) gives no response.
     */
    public List<Response> get(ManagementId id, int timeoutMillis) throws IOException {
        List<Response> answers = new ArrayList<>();
        try {
            for (ManagementReply r : client.request(ManagementRequest.GET, id, new byte[0], timeoutMillis, Math.min(timeoutMillis, 100))) {
                if (!r.isError() && r.managementId() == id.id) answers.add(new Response(r.source().portNumber(), r.data()));
            }
        } catch (NativeException e) {
            throw new IOException(server + ": " + e.getMessage(), e);
        }
        return answers;
    }

    @Override
    public void close() {
        client.close();
        try {
            Files.deleteIfExists(dir.resolve("pmc"));
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // a temp file left behind
        }
    }
}
