package io.ptp4j.tools.pmc;

import static io.ptp4j.testkit.Daemons.bin;
import static io.ptp4j.testkit.Daemons.noClock;
import static org.junit.jupiter.api.Assertions.*;

import io.ptp4j.core.management.ManagementId;
import io.ptp4j.core.management.ManagementRequest;
import io.ptp4j.testkit.Contains;
import io.ptp4j.testkit.Logs;
import io.ptp4j.testkit.NetnsPair;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ptp4j's management against linuxptp's, both ways, in network namespaces this test creates:
 * linuxptp's pmc queries and sets ptp4j's ptp4l; ptp4j's pmc queries and sets linuxptp's ptp4l
 * and prints what linuxptp's pmc prints. Every daemon runs with free_running 1 under setpriv
 * without CAP_SYS_TIME: nothing touches the machine's clock.
 */
@Tag("interop")
class PmcInteropTest {
    static final Duration T = Duration.ofSeconds(60);

    /** Every GET linuxptp 3.1.1's pmc offers (its idtab entries that are not "not supported"). */
    static final List<String> GETS = List.of("GET USER_DESCRIPTION", "GET DEFAULT_DATA_SET", "GET CURRENT_DATA_SET", "GET PARENT_DATA_SET",
            "GET TIME_PROPERTIES_DATA_SET", "GET PRIORITY1", "GET PRIORITY2", "GET DOMAIN", "GET SLAVE_ONLY", "GET CLOCK_ACCURACY",
            "GET TRACEABILITY_PROPERTIES", "GET TIMESCALE_PROPERTIES", "GET TIME_STATUS_NP", "GET GRANDMASTER_SETTINGS_NP",
            "GET SUBSCRIBE_EVENTS_NP", "GET SYNCHRONIZATION_UNCERTAIN_NP", "GET NULL_MANAGEMENT", "GET CLOCK_DESCRIPTION",
            "GET PORT_DATA_SET", "GET LOG_ANNOUNCE_INTERVAL", "GET ANNOUNCE_RECEIPT_TIMEOUT", "GET LOG_SYNC_INTERVAL",
            "GET VERSION_NUMBER", "GET DELAY_MECHANISM", "GET LOG_MIN_PDELAY_REQ_INTERVAL", "GET PORT_DATA_SET_NP",
            "GET PORT_STATS_NP", "GET PORT_PROPERTIES_NP");

    static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    /** Runs a pmc in {@code ns}; returns its stdout only (stderr is dropped). */
    static String pmc(NetnsPair net, String ns, List<String> pmc, List<String> commands) throws Exception {
        StringBuilder cmd = new StringBuilder();
        for (String a : pmc) cmd.append(quote(a)).append(' ');
        for (String c : commands) cmd.append(quote(c)).append(' ');
        NetnsPair.Result r = net.exec(ns, T, "bash", "-c", cmd + "2>/dev/null");
        assertEquals(0, r.exitCode(), cmd + "\n" + r.output());
        return r.output();
    }

    /** Waits until the daemon logged {@code text} and its management socket {@code file} exists. */
    static void waitFor(Path file, Path log, String text) throws Exception {
        Logs.await(log, Duration.ofSeconds(45), "'" + text + "' and " + file, t -> t.contains(text) && Files.exists(file));
    }

    /** The response blocks of a pmc transcript, values that move between two queries masked, sorted. */
    static List<String> blocks(String out) {
        List<String> blocks = new ArrayList<>();
        StringBuilder cur = null;
        for (String line : out.split("\n")) {
            if (line.startsWith("\t\t") && cur != null) {
                cur.append(mask(line)).append('\n');
            } else if (line.startsWith("\t")) {
                if (cur != null) blocks.add(cur.toString());
                cur = new StringBuilder(line.replaceFirst(" seq \\d+ ", " seq N ")).append('\n');
            }
        }
        if (cur != null) blocks.add(cur.toString());
        blocks.sort(null);
        return blocks;
    }

    /** A response to every one of {@link #GETS}, none an error, the port MASTER (a lone ptp4l). */
    static void assertAnswersEveryGet(String out) {
        for (String g : GETS) {
            String id = g.substring(4);
            String expect = id.equals("NULL_MANAGEMENT") ? "RESPONSE MANAGEMENT \n" : "RESPONSE MANAGEMENT " + id + " \n";
            assertTrue(out.contains(expect), "answer to " + g + " in\n" + out);
        }
        assertFalse(out.contains("MANAGEMENT_ERROR_STATUS"), out);
        assertTrue(out.contains("\t\tportState               MASTER\n"), out);
    }

    static final Pattern MOVING = Pattern.compile(
            "\t\t(offsetFromMaster|meanPathDelay|master_offset|ingress_time|cumulativeScaledRateOffset|rx_\\w+|tx_\\w+|duration) +");

    static String mask(String line) {
        var m = MOVING.matcher(line);
        return m.lookingAt() ? m.group() + "*" : line;
    }

    @Test
    void linuxptpPmcQueriesAndSetsPtp4jPtp4l(@TempDir Path dir) throws Exception {
        Path cfg = dir.resolve("j.cfg"), uds = dir.resolve("j.uds"), ro = dir.resolve("j.ro"), log = dir.resolve("j.log");
        Files.writeString(cfg, "[global]\nfree_running 1\nuse_syslog 0\nlogSyncInterval -2\nuds_address " + uds + "\nuds_ro_address " + ro + "\n");
        try (NetnsPair net = NetnsPair.create()) {
            net.start(net.nsA(), log, noClock(bin("ptp4l"), "-i", NetnsPair.IF_A, "-S", "-m", "-f", cfg.toString()));
            waitFor(uds, log, "assuming the grand master role");
            List<String> linuxptp = List.of("pmc", "-u", "-b", "0", "-s", uds.toString());
            String out = pmc(net, net.nsA(), linuxptp, GETS);
            System.out.println("---- linuxptp pmc -> ptp4j ptp4l (head)\n" + out.lines().limit(40).reduce("", (a, b) -> a + b + "\n"));
            assertAnswersEveryGet(out);
            Contains.all(out, "\t\tinterface               vA\n", "\t\tprotocolAddress       1 192.0.2.1\n");

            // ptp4j's pmc prints the same blocks as linuxptp's against the same daemon.
            String ours = pmc(net, net.nsA(), List.of(bin("pmc"), "--linuxptp=3", "-u", "-b", "0", "-s", uds.toString()), GETS);
            assertEquals(blocks(out), blocks(ours));

            // SETs linuxptp allows change the daemon.
            String set = pmc(net, net.nsA(), linuxptp, List.of("SET PRIORITY1 77", "SET PRIORITY2 99",
                    "SET SYNCHRONIZATION_UNCERTAIN_NP 1", "SET PORT_DATA_SET_NP neighborPropDelayThresh 1000 asCapable 1",
                    "SET GRANDMASTER_SETTINGS_NP clockClass 6 clockAccuracy 0x21 offsetScaledLogVariance 0x4e5d currentUtcOffset 37 "
                            + "leap61 0 leap59 0 currentUtcOffsetValid 1 ptpTimescale 1 timeTraceable 1 frequencyTraceable 1 timeSource 0x20"));
            System.out.println("---- linuxptp pmc SETs -> ptp4j ptp4l\n" + set);
            Contains.all(set, "RESPONSE MANAGEMENT PRIORITY1 \n\t\tpriority1 77\n", "\t\tuncertain 1\n", "\t\tneighborPropDelayThresh 1000\n");
            String after = pmc(net, net.nsA(), linuxptp, List.of("GET DEFAULT_DATA_SET", "GET PARENT_DATA_SET", "GET TIME_PROPERTIES_DATA_SET"));
            Contains.all(after, "\t\tpriority1               77\n", "\t\tpriority2               99\n", "\t\tclockClass              6\n",
                    "\t\tgrandmasterPriority1                  77\n", "\t\tptpTimescale          1\n", "\t\ttimeSource            0x20\n");

            // The read-only socket answers GETs and refuses SETs (linuxptp 4's uds_ro_address).
            String roOut = pmc(net, net.nsA(), List.of("pmc", "-u", "-b", "0", "-s", ro.toString()), List.of("SET PRIORITY1 1", "GET PRIORITY1"));
            assertTrue(roOut.contains("RESPONSE MANAGEMENT_ERROR_STATUS"), roOut);
            assertTrue(roOut.contains("\t\tpriority1 77\n"), roOut);

            // Over the network (UDPv4 from the other namespace): GETs answered from the ingress port, SETs refused.
            String net4 = pmc(net, net.nsB(), List.of("pmc", "-4", "-i", NetnsPair.IF_B), List.of("GET DEFAULT_DATA_SET", "GET PORT_DATA_SET",
                    "SET PRIORITY1 3"));
            System.out.println("---- linuxptp pmc -4 -> ptp4j ptp4l\n" + net4);
            assertTrue(net4.matches("(?s).*-1 seq 0 RESPONSE MANAGEMENT DEFAULT_DATA_SET \n.*\t\tpriority1               77\n.*"), net4);
            assertTrue(net4.contains("\t\tportState               MASTER\n"), net4);
            assertTrue(net4.contains("RESPONSE MANAGEMENT_ERROR_STATUS"), net4);

            // Commands from stdin (no command arguments): one per line, empty lines skipped, replies until input ends.
            NetnsPair.Result stdin = net.exec(net.nsA(), T, "bash", "-c", "printf 'GET PRIORITY1\\n\\nSET PRIORITY1 78\\nbogus\\n' | "
                    + quote(bin("pmc")) + " -u -b 0 -s " + quote(uds.toString()));
            System.out.println("---- ptp4j pmc, commands on stdin\n" + stdin.output());
            assertTrue(stdin.output().contains("sending: GET PRIORITY1\n"), stdin.output());
            assertTrue(stdin.output().contains("\t\tpriority1 78\n"), stdin.output());
            assertTrue(stdin.output().contains("bad command: bogus\n"), stdin.output());
            try (var files = Files.list(dir)) {
                assertTrue(files.noneMatch(p -> p.getFileName().toString().startsWith("pmc.")), "client sockets removed on exit");
            }

            // Commands (linuxptp 4 syntax, ptp4j's pmc): the port goes DISABLED and back.
            String cmd = pmc(net, net.nsA(), List.of(bin("pmc"), "-u", "-b", "0", "-s", uds.toString()),
                    List.of("CMD DISABLE_PORT", "GET PORT_DATA_SET"));
            assertTrue(cmd.contains("ACKNOWLEDGE MANAGEMENT empty-tlv"), cmd);
            assertTrue(cmd.contains("\t\tportState               DISABLED\n"), cmd);
            cmd = pmc(net, net.nsA(), List.of(bin("pmc"), "-u", "-b", "0", "-s", uds.toString()), List.of("CMD ENABLE_PORT", "GET PORT_DATA_SET"));
            assertTrue(cmd.contains("\t\tportState               LISTENING\n"), cmd);
        }
    }

    @Test
    void ptp4jPmcQueriesAndSetsLinuxptpPtp4l(@TempDir Path dir) throws Exception {
        Path cfg = dir.resolve("l.cfg"), uds = dir.resolve("l.uds"), log = dir.resolve("l.log");
        Files.writeString(cfg, "[global]\nfree_running 1\nlogSyncInterval -2\nuds_address " + uds + "\n");
        try (NetnsPair net = NetnsPair.create()) {
            net.start(net.nsA(), log, noClock("ptp4l", "-i", NetnsPair.IF_A, "-S", "-m", "-f", cfg.toString()));
            waitFor(uds, log, "assuming the grand master role");
            List<String> linuxptp = List.of("pmc", "-u", "-b", "0", "-s", uds.toString());
            List<String> ours = List.of(bin("pmc"), "--linuxptp=3", "-u", "-b", "0", "-s", uds.toString());
            String theirs = pmc(net, net.nsA(), linuxptp, GETS);
            String mine = pmc(net, net.nsA(), ours, GETS);
            System.out.println("---- ptp4j pmc -> linuxptp ptp4l (head)\n" + mine.lines().limit(30).reduce("", (a, b) -> a + b + "\n"));
            List<String> a = blocks(theirs), b = blocks(mine);
            assertEquals(GETS.size(), b.size(), mine);
            assertEquals(a, b, "line by line, moving values masked");
            // The "sending:" lines are the same too.
            assertEquals(theirs.lines().filter(l -> l.startsWith("sending:")).toList(), mine.lines().filter(l -> l.startsWith("sending:")).toList());

            String set = pmc(net, net.nsA(), ours, List.of("SET PRIORITY1 42"));
            assertTrue(set.contains("\t\tpriority1 42\n"), set);
            String check = pmc(net, net.nsA(), linuxptp, List.of("GET DEFAULT_DATA_SET"));
            assertTrue(check.contains("\t\tpriority1               42\n"), "linuxptp's ptp4l took ptp4j's SET:\n" + check);

            // --json: one object per response.
            String json = pmc(net, net.nsA(), List.of(bin("pmc"), "--json", "-u", "-b", "0", "-s", uds.toString()),
                    List.of("GET PRIORITY1", "GET PORT_DATA_SET"));
            List<String> objs = json.lines().toList();
            assertEquals(2, objs.size(), json);
            assertTrue(objs.stream().anyMatch(l -> l.contains("\"managementId\":\"PRIORITY1\",\"data\":{\"priority1\":42}")), json);
            assertTrue(objs.stream().anyMatch(l -> l.contains("\"portState\":\"MASTER\"")), json);

            // Over UDPv4 from the other namespace: ptp4j's pmc -4 and linuxptp's pmc -4 print the same.
            List<String> udp = List.of("GET DEFAULT_DATA_SET", "GET PORT_DATA_SET", "GET TIME_PROPERTIES_DATA_SET");
            String theirs4 = pmc(net, net.nsB(), List.of("pmc", "-4", "-i", NetnsPair.IF_B), udp);
            String mine4 = pmc(net, net.nsB(), List.of(bin("pmc"), "--linuxptp=3", "-4", "-i", NetnsPair.IF_B), udp);
            System.out.println("---- ptp4j pmc -4 -> linuxptp ptp4l\n" + mine4);
            assertEquals(3, blocks(mine4).size(), mine4);
            assertEquals(blocks(theirs4), blocks(mine4));
        }
    }

    /** ptp4j's pmc over UDPv6 and raw Ethernet against linuxptp's ptp4l on the same transport, compared with linuxptp's pmc. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"-6", "-2"})
    void ptp4jPmcOverUdpv6AndEthernet(String transport, @TempDir Path dir) throws Exception {
        Path cfg = dir.resolve("l.cfg"), uds = dir.resolve("l.uds"), log = dir.resolve("l.log");
        Files.writeString(cfg, "[global]\nfree_running 1\nuds_address " + uds + "\n");
        try (NetnsPair net = NetnsPair.create()) {
            net.start(net.nsA(), log, noClock("ptp4l", "-i", NetnsPair.IF_A, "-S", transport, "-m", "-f", cfg.toString()));
            waitFor(uds, log, "assuming the grand master role");
            List<String> cmds = List.of("GET DEFAULT_DATA_SET", "GET PORT_DATA_SET", "GET CLOCK_DESCRIPTION");
            String theirs = pmc(net, net.nsB(), List.of("pmc", transport, "-i", NetnsPair.IF_B), cmds);
            String mine = pmc(net, net.nsB(), List.of(bin("pmc"), "--linuxptp=3", transport, "-i", NetnsPair.IF_B), cmds);
            System.out.println("---- ptp4j pmc " + transport + " -> linuxptp ptp4l\n" + mine);
            assertEquals(3, blocks(mine).size(), mine);
            assertEquals(blocks(theirs), blocks(mine));
        }
    }

    /** pmc -u -b 1 through ptp4j's ptp4l reaches linuxptp's ptp4l on the other end of the link (pmc-uds.b-boundary1.txt). */
    @Test
    void boundaryHopsReachTheNeighbour(@TempDir Path dir) throws Exception {
        Path mcfg = dir.resolve("m.cfg"), scfg = dir.resolve("s.cfg"), uds = dir.resolve("s.uds");
        Files.writeString(mcfg, "[global]\nmasterOnly 1\nfree_running 1\nuds_address " + dir.resolve("m.uds") + "\n");
        Files.writeString(scfg, "[global]\nslaveOnly 1\nfree_running 1\nuse_syslog 0\nuds_address " + uds + "\nuds_ro_address "
                + dir.resolve("s.ro") + "\n");
        try (NetnsPair net = NetnsPair.create()) {
            net.start(net.nsA(), dir.resolve("m.log"), noClock("ptp4l", "-i", NetnsPair.IF_A, "-S", "-m", "-f", mcfg.toString()));
            net.start(net.nsB(), dir.resolve("s.log"), noClock(bin("ptp4l"), "-i", NetnsPair.IF_B, "-S", "-m", "-f", scfg.toString()));
            waitFor(uds, dir.resolve("s.log"), "LISTENING to UNCALIBRATED");
            for (List<String> client : List.of(List.of("pmc", "-u", "-b", "1", "-s", uds.toString()),
                    List.of(bin("pmc"), "--linuxptp=3", "-u", "-b", "1", "-s", uds.toString()))) {
                String out = pmc(net, net.nsB(), client, List.of("GET PORT_DATA_SET"));
                System.out.println("---- " + client.get(0) + " -u -b 1 -> ptp4j ptp4l -> linuxptp ptp4l\n" + out);
                List<String> b = blocks(out);
                assertEquals(2, b.size(), "the local answer and the neighbour's:\n" + out);
                assertTrue(b.stream().anyMatch(x -> x.matches("(?s).*portState +(UNCALIBRATED|SLAVE)\n.*")), out);
                assertTrue(b.stream().anyMatch(x -> x.contains("\t\tportState               MASTER\n")), out);
                String local = pmc(net, net.nsB(), List.of("pmc", "-u", "-b", "0", "-s", uds.toString()), List.of("GET PORT_DATA_SET"));
                assertEquals(1, blocks(local).size(), "-b 0: the local clock only\n" + local);
            }
        }
    }

    @Test
    void subscribersGetPortStateNotifications(@TempDir Path dir) throws Exception {
        Path cfg = dir.resolve("j.cfg"), uds = dir.resolve("j.uds"), log = dir.resolve("j.log");
        Files.writeString(cfg, "[global]\nfree_running 1\nuse_syslog 0\nuds_address " + uds + "\nuds_ro_address " + dir.resolve("j.ro") + "\n");
        try (NetnsPair net = NetnsPair.create()) {
            net.start(net.nsA(), log, noClock(bin("ptp4l"), "-i", NetnsPair.IF_A, "-S", "-m", "-f", cfg.toString()));
            waitFor(uds, log, "assuming the grand master role");
            // Unix sockets are files: the test talks to the daemon from outside the namespace.
            try (PmcClient c = PmcClient.uds(uds.toString(), dir.resolve("sub").toString())) {
                byte[] sub = new byte[66];
                sub[1] = 60;
                sub[2] = 1; // NOTIFY_PORT_STATE
                c.send(ManagementRequest.SET, ManagementId.SUBSCRIBE_EVENTS_NP.id, sub);
                c.send(ManagementRequest.COMMAND, ManagementId.DISABLE_PORT.id, new byte[0]);
                PmcPrinter p = new PmcPrinter(PmcDialect.LINUXPTP_4);
                ByteBuffer rx = ByteBuffer.allocate(1500);
                StringBuilder got = new StringBuilder();
                int n;
                while ((n = c.receive(rx, 2000)) >= 0) got.append(p.show(rx, 0, n).text());
                String s = got.toString();
                System.out.println("---- subscription, DISABLE_PORT, notification\n" + s);
                assertTrue(s.contains("RESPONSE MANAGEMENT SUBSCRIBE_EVENTS_NP \n\t\tduration               60\n\t\tNOTIFY_PORT_STATE      on"), s);
                assertTrue(s.contains("ACKNOWLEDGE MANAGEMENT empty-tlv"), s);
                assertTrue(s.matches("(?s).*-1 seq 0 RESPONSE MANAGEMENT PORT_DATA_SET .*portState +DISABLED.*"), "the notification:\n" + s);
            }
        }
    }
}
