package io.ptp4j.tools.pmc;

import static org.junit.jupiter.api.Assertions.*;

import io.ptp4j.core.clock.ManagementAgent;
import io.ptp4j.core.clock.PortDescription;
import io.ptp4j.core.clock.PtpClock;
import io.ptp4j.core.engine.Driver;
import io.ptp4j.core.engine.ClockConfig;
import io.ptp4j.linux.UnixDatagramSocket;
import io.ptp4j.testkit.Captured;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/pmc end to end over a Unix socket in a temporary directory, against an in-process
 * management agent (no root, no network): options, batch commands, output, socket cleanup.
 */
class PmcMainTest {
    static Captured pmc(String... args) {
        return Captured.of((out, err) -> PmcMain.run("pmc", args, out, err));
    }

    /**
     * A ptp4l stand-in: one clock's management agent behind a Unix socket, served by a thread.
     * With {@code againAfterMillis} > 0 every answer comes a second time that much later, as if
     * a second clock answered.
     */
    static final class Server implements AutoCloseable {
        final AtomicBoolean running = new AtomicBoolean(true);
        final PtpClock clock;
        final Thread thread;

        Server(Path path) throws Exception {
            this(path, 0);
        }

        Server(Path path, int againAfterMillis) throws Exception {
            ClockConfig cfg = new ClockConfig();
            cfg.clockIdentity = 0x0200_00ff_fe00_0001L;
            cfg.freeRunning = true;
            clock = new PtpClock(cfg, Driver.quiet(() -> 0), null);
            clock.start(0);
            ManagementAgent agent = new ManagementAgent(clock).describePorts(PortDescription.unknown("ptp4jnone0"));
            UnixDatagramSocket s = UnixDatagramSocket.bind(path.toString(), true);
            thread = new Thread(() -> {
                ByteBuffer in = ByteBuffer.allocate(UnixDatagramSocket.MAX_DATAGRAM);
                try (s) {
                    while (running.get()) {
                        int n = s.receive(in, 0, 50);
                        if (n > 0) agent.handle(in, 0, n, true, s.lastSenderPath(), System.nanoTime(), (b, len) -> {
                            try {
                                s.reply(b, 0, len);
                                if (againAfterMillis > 0) {
                                    Thread.sleep(againAfterMillis);
                                    try {
                                        s.reply(b, 0, len);
                                    } catch (io.ptp4j.linux.NativeException gone) {
                                        // the pmc that asked has exited: it took the first answer
                                    }
                                }
                            } catch (Exception e) {
                                throw new RuntimeException(e);
                            }
                        });
                    }
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            thread.start();
        }

        @Override
        public void close() throws Exception {
            running.set(false);
            thread.join(2000);
        }
    }

    @Test
    void batchQueriesAndSetsAndRemovesItsSocket(@TempDir Path dir) throws Exception {
        Path sock = dir.resolve("ptp4l");
        try (Server s = new Server(sock)) {
            Captured r = pmc("-u", "-b", "0", "-s", sock.toString(), "GET PRIORITY1", "SET PRIORITY1 9", "GET DEFAULT_DATA_SET", "get nosuch",
                    "SET DOMAIN 1");
            assertEquals(0, r.rc(), r.err());
            assertTrue(r.out().startsWith("sending: GET PRIORITY1\n"), r.out());
            assertTrue(r.out().contains("\t020000.fffe.000001-0 seq 0 RESPONSE MANAGEMENT PRIORITY1 \n\t\tpriority1 128\n"), r.out());
            assertTrue(r.out().contains(" seq 1 RESPONSE MANAGEMENT PRIORITY1 \n\t\tpriority1 9\n"), r.out());
            assertTrue(r.out().contains("\t\tpriority1               9\n"), r.out());
            assertEquals("bad command: get nosuch\nDOMAIN only allows GET\n", r.err());
            assertEquals(9, s.clock.defaultDS().priority1());
            // The client socket (pmc.PID next to the server's) is gone after exit.
            try (var files = Files.list(dir)) {
                assertEquals(java.util.List.of("ptp4l"), files.map(p -> p.getFileName().toString()).toList());
            }
            Captured j = pmc("--json", "-u", "-s", sock.toString(), "GET PRIORITY2", "GET UTC_PROPERTIES");
            assertEquals("{\"source\":\"020000.fffe.000001-0\",\"sequenceId\":0,\"action\":\"RESPONSE\",\"tlv\":\"MANAGEMENT\","
                    + "\"managementId\":\"PRIORITY2\",\"data\":{\"priority2\":128}}\n", j.out());
            assertEquals("sending: GET PRIORITY2\nsending: GET UTC_PROPERTIES\nsorry, UTC_PROPERTIES not supported yet\n", j.err(),
                    "with --json, stdout is only JSON");
        }
    }

    /**
     * Over the Unix socket with boundary hops 0 a clock-level id has one answerer, and pmc stops
     * at its answer instead of waiting out 100 ms of quiet; a port-level id, or hops that reach
     * other clocks, still waits, and a second answer 20 ms later is shown.
     */
    @Test
    void batchStopsAtTheOnlyAnswerAndWaitsWhereMoreCanCome(@TempDir Path dir) throws Exception {
        Path sock = dir.resolve("ptp4l");
        try (Server s = new Server(sock, 20)) {
            String response = " RESPONSE MANAGEMENT ";
            Captured one = pmc("-u", "-b", "0", "-s", sock.toString(), "GET CURRENT_DATA_SET");
            assertEquals(1, one.out().split(response, -1).length - 1, one.out());
            Thread.sleep(200); // the second answer finds pmc gone (the next pmc in this JVM binds the same pmc.PID)
            Captured port = pmc("-u", "-b", "0", "-s", sock.toString(), "GET PORT_DATA_SET");
            assertEquals(2, port.out().split(response, -1).length - 1, "a port-level id: every port may answer\n" + port.out());
            Captured hops = pmc("-u", "-b", "1", "-s", sock.toString(), "GET CURRENT_DATA_SET");
            assertEquals(2, hops.out().split(response, -1).length - 1, "boundary hops 1: other clocks may answer\n" + hops.out());
            Captured events = pmc("-u", "-b", "0", "-s", sock.toString(), "GET SUBSCRIBE_EVENTS_NP");
            assertEquals(2, events.out().split(response, -1).length - 1, "notifications may follow\n" + events.out());
        }
        Path plain = dir.resolve("ptp4l-2");
        try (Server s = new Server(plain)) {
            Captured two = pmc("-u", "-b", "0", "-s", plain.toString(), "GET CURRENT_DATA_SET", "GET PRIORITY1", "GET TIME_PROPERTIES_DATA_SET");
            for (String id : new String[] {"CURRENT_DATA_SET", "PRIORITY1", "TIME_PROPERTIES_DATA_SET"}) {
                assertTrue(two.out().contains(" RESPONSE MANAGEMENT " + id + " \n"), "every request waits for its answer:\n" + two.out());
            }
        }
    }

    /**
     * bin/pmc as a process: it answers through the one capturing syscall(2) downcall shape
     * (Libc.oneShape), so it links one FFM stub, not two (docs/benchmarks.md, pmc start-up).
     */
    @Test
    void pmcProcessLinksOneDowncallStub(@TempDir Path dir) throws Exception {
        Path sock = dir.resolve("ptp4l"), classes = dir.resolve("classes.log");
        try (Server s = new Server(sock)) {
            ProcessBuilder pb = new ProcessBuilder(io.ptp4j.testkit.Daemons.bin("pmc"), "-u", "-b", "0", "-s", sock.toString(),
                    "GET CURRENT_DATA_SET").redirectErrorStream(true);
            pb.environment().put("PTP4J_JAVA_OPTS", "-Xlog:class+load:file=" + classes);
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS));
            assertEquals(0, p.exitValue(), out);
            assertTrue(out.contains(" RESPONSE MANAGEMENT CURRENT_DATA_SET \n"), out);
            long stubs = Files.readAllLines(classes).stream().filter(l -> l.contains("jdk.internal.foreign.abi.DowncallStub")).count();
            assertEquals(1, stubs, "downcall stubs linked by one pmc query");
        }
    }

    @Test
    void clientApiForOtherTools(@TempDir Path dir) throws Exception {
        Path sock = dir.resolve("ptp4l");
        try (Server s = new Server(sock); PmcClient c = PmcClient.uds(sock.toString(), dir.resolve("client").toString())) {
            c.request().boundaryHops = 0;
            var replies = c.request(io.ptp4j.core.management.ManagementRequest.GET, io.ptp4j.core.management.ManagementId.PORT_DATA_SET,
                    new byte[0], 2000, 100); // the first answer: 2 s under load, then 100 ms quiet
            assertEquals(1, replies.size());
            ManagementReply r = replies.get(0);
            assertFalse(r.isError());
            assertEquals(new io.ptp4j.core.wire.PortIdentity(0x0200_00ff_fe00_0001L, 1), r.source());
            assertEquals(new io.ptp4j.core.wire.PortIdentity(0x0200_00ff_fe00_0001L, 1), r.data().get("portIdentity"));
            var err = c.request(io.ptp4j.core.management.ManagementRequest.SET, io.ptp4j.core.management.ManagementId.DOMAIN,
                    new byte[] {1, 0}, 2000, 100);
            assertEquals(io.ptp4j.core.management.ManagementErrorId.NOT_SUPPORTED, err.get(0).error());
        }
        assertFalse(Files.exists(dir.resolve("client")), "closed client removes its socket");
    }

    @Test
    void defaultServerFollowsTheDialect() throws Exception {
        assertEquals("/var/run/ptp/ptp4l", PmcMain.serverPath(PmcMain.parse("pmc", new String[] {"-u"})));
        assertEquals("/var/run/ptp4l", PmcMain.serverPath(PmcMain.parse("pmc", new String[] {"--linuxptp=3", "-u"})));
        assertEquals("/tmp/x", PmcMain.serverPath(PmcMain.parse("pmc", new String[] {"--linuxptp=3", "-u", "-s", "/tmp/x"})));
        assertEquals("/tmp/y", PmcMain.serverPath(PmcMain.parse("pmc", new String[] {"--linuxptp", "3", "--uds_address", "/tmp/y"})));
        assertEquals("/var/run/pmc.12", PmcClient.localPath(PmcMain.LINUXPTP3_UDS, "pmc.12"));
        PmcMain.Options o = PmcMain.parse("pmc", new String[] {"-2", "-b", "3", "-d", "5", "-t", "0x1", "-z", "-i", "vB", "GET X"});
        assertEquals("L2", o.transport());
        assertEquals(3, o.boundaryHops());
        assertEquals(5, o.cfg().getInt("domainNumber"));
        assertEquals(1, o.cfg().getInt("transportSpecific"));
        assertTrue(o.zeroLengthGets());
        assertEquals(java.util.List.of("GET X"), o.commands());
    }

    @Test
    void optionsAndTheirErrors(@TempDir Path dir) {
        Captured h = pmc("-h");
        assertEquals(0, h.rc());
        assertTrue(h.err().startsWith("\nusage: pmc [options] [commands]\n\n Network Transport\n\n -2        IEEE 802.3\n"), h.err());
        assertTrue(h.err().contains(" -z        send zero length TLV values with the GET actions\n"), h.err());
        Captured v = pmc("-v");
        assertEquals(0, v.rc());
        assertTrue(v.out().startsWith("ptp4j "), v.out());
        Captured bad = pmc("-x");
        assertEquals(255, bad.rc());
        assertTrue(bad.err().startsWith("pmc: invalid option -- 'x'\n\nusage: pmc"), bad.err());
        Captured dialect = pmc("--linuxptp=5", "-u");
        assertEquals(255, dialect.rc());
        assertTrue(dialect.err().startsWith("pmc: --linuxptp takes 3, 4.4 or 4, not '5'"), dialect.err());
        Captured noServer = pmc("-u", "-s", dir.resolve("none").toString(), "GET PRIORITY1");
        assertEquals(0, noServer.rc(), "pmc reports and carries on, as linuxptp's does");
        assertTrue(noServer.err().contains(dir.resolve("none").toString()), noServer.err());
        Captured noDir = pmc("-u", "-i", "/nonexistent-dir/pmc.sock", "GET PRIORITY1");
        assertEquals(255, noDir.rc());
        assertTrue(noDir.err().contains("failed to create pmc"), noDir.err());
        Captured badKey = pmc("--domainNumber=300", "-u");
        assertEquals(255, badKey.rc());
        assertTrue(badKey.err().contains("domainNumber"), badKey.err());
    }
}
