package io.ptp4j.tools.ptp4l;

import static io.ptp4j.testkit.Daemons.noClock;
import static org.junit.jupiter.api.Assertions.*;

import io.ptp4j.testkit.Daemons;
import io.ptp4j.testkit.LinuxptpPeer;
import io.ptp4j.testkit.Logs;
import io.ptp4j.testkit.NetnsPair;
import io.ptp4j.testkit.Offsets;
import io.ptp4j.testkit.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ptp4j's ptp4l with authentication (sa_file, spp, active_key_id) against linuxptp 4.4's, in
 * namespaces, free running, software timestamps: each side synchronizes to the other as master
 * (UDPv4 E2E; and L2 P2P with 4.4 as master), 4.4's pmc gets answers from ptp4j's authenticated
 * management socket, and a ptp4j client with a wrong key never synchronizes while its metrics
 * say why.
 */
@Tag("interop")
class Ptp4lAuthenticationInteropTest {
    static final String SA = """
            [security_association]
            spp 2
            1 SHA256-128 HEX:F8ADC6B8B8E9AA709106BA42481EC9E29607334DE2C3C737A11A12931DB27F8C
            3 AES128 HEX:FAF48EBA01E7C5966A76CB787AED4E7B
            """;
    static final String WRONG = """
            [security_association]
            spp 2
            1 SHA256-128 HEX:00ADC6B8B8E9AA709106BA42481EC9E29607334DE2C3C737A11A12931DB27F8C
            """;

    /** linuxptp 4.4 built with authentication (LinuxptpPeer: skipped, and counted, where there is none). */
    static Path linuxptp44() {
        return LinuxptpPeer.require();
    }

    static String launcher() {
        return Daemons.bin("ptp4l");
    }

    static int offsetCount(String log) {
        return Offsets.of(log).size();
    }

    /** Writes the sa_file {@code text} to {@code name} in {@code dir}. */
    static Path saFile(Path dir, String name, String text) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    /**
     * Starts {@code ptp4l -i iface -S -m args...} in iface's namespace (vA: A, vB: B), logging to
     * {@code <name>.log} in {@code dir}.
     */
    static Process start(NetnsPair net, String iface, Path dir, String name, String ptp4l, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(ptp4l, "-i", iface, "-S", "-m"));
        command.addAll(List.of(args));
        String ns = iface.equals(NetnsPair.IF_A) ? net.nsA() : net.nsB();
        return net.start(ns, dir.resolve(name + ".log"), noClock(command.toArray(String[]::new)));
    }

    static String cfg(Path dir, String name, Path sa, long key, String extra) throws Exception {
        Path f = dir.resolve(name + ".cfg");
        Files.writeString(f, "[global]\nfree_running 1\nuse_syslog 0\nlogSyncInterval -3\nsummary_interval -3\nsa_file " + sa
                + "\nspp 2\nactive_key_id " + key + "\nuds_address " + dir.resolve(name + ".uds") + "\nuds_ro_address "
                + dir.resolve(name + ".udsro") + "\n" + extra);
        return f.toString();
    }

    /** Waits for {@code n} "master offset" lines in {@code log}, failing after {@code seconds}. */
    static void awaitOffsets(Path log, int n, int seconds) throws Exception {
        Logs.await(log, Duration.ofSeconds(seconds), n + " offsets", t -> Offsets.of(t).size() >= n);
    }

    static long medianOffset(String log) {
        return Offsets.of(log).secondHalf().medianOffset();
    }

    /**
     * Waits for {@code n} offsets in {@code log} (at most {@code seconds}), stops {@code daemons} (in
     * this order), then prints the tail of {@code log} under {@code title} and returns it.
     */
    static String awaitOffsetsAndStop(Path log, int n, int seconds, String title, Process... daemons) throws Exception {
        awaitOffsets(log, n, seconds);
        for (Process p : daemons) p.destroy();
        for (Process p : daemons) p.waitFor();
        String text = Files.readString(log);
        System.out.println("---- " + title + " (tail)\n" + Logs.tail(text, 6));
        return text;
    }

    /**
     * The client whose {@code log} this is locked and stayed clean: it went to UNCALIBRATED on
     * RS_SLAVE, logged at least {@code minOffsets} offsets and never {@code refused}, and the
     * median offset of its second half is under 5 us (printed as {@code what}).
     */
    static void assertLocked(String what, String log, int minOffsets, String refused) {
        assertTrue(log.contains("to UNCALIBRATED on RS_SLAVE"), log);
        assertFalse(log.contains(refused), log);
        assertTrue(offsetCount(log) >= minOffsets, what + ": " + offsetCount(log) + " offsets\n" + log);
        long med = medianOffset(log);
        System.out.printf("%s: median offset %d ns%n", what, med);
        assertTrue(Math.abs(med) < 5_000, what + ": offset " + med);
    }

    @Test
    void ptp4jClientOfAnAuthenticatedLinuxptp44MasterAndTheOtherWayRound(@TempDir Path dir) throws Exception {
        Path bin = linuxptp44();
        Path sa = saFile(dir, "sa.cfg", SA), wrong = saFile(dir, "wrong.cfg", WRONG);
        try (NetnsPair net = NetnsPair.create()) {
            // linuxptp 4.4 master (key 1) in A; ptp4j client (key 3, the same association) in B
            Process m = start(net, NetnsPair.IF_A, dir, "m44", bin.resolve("ptp4l").toString(), "-f", cfg(dir, "m44", sa, 1, "masterOnly 1\n"));
            Process s = start(net, NetnsPair.IF_B, dir, "s4j", launcher(), "-f", cfg(dir, "s4j", sa, 3, "slaveOnly 1\nmetrics_port 9187\n"));
            awaitOffsets(dir.resolve("s4j.log"), 40, 40);
            // linuxptp 4.4's pmc (signing with key 1) through ptp4j's authenticated management socket
            String pmcCfg = cfg(dir, "pmc44", sa, 1, "");
            String answer = "";
            for (int i = 0; i < 5 && !answer.contains("RESPONSE"); i++) {
                answer = net.exec(net.nsB(), Duration.ofSeconds(15), noClock(bin.resolve("pmc").toString(), "-u", "-b", "0", "-f", pmcCfg,
                        "-s", dir.resolve("s4j.uds").toString(), "GET PARENT_DATA_SET")).output();
            }
            String plain = net.exec(net.nsB(), Duration.ofSeconds(15), noClock(bin.resolve("pmc").toString(), "-u", "-b", "0",
                    "-s", dir.resolve("s4j.uds").toString(), "GET PARENT_DATA_SET")).output();
            s.destroy();
            s.waitFor();
            String log = Files.readString(dir.resolve("s4j.log"));
            System.out.println("---- ptp4j client of linuxptp 4.4 (tail)\n" + Logs.tail(log, 6) + "---- 4.4's pmc\n" + answer);
            assertLocked("ptp4j client of an authenticated linuxptp 4.4 master", log, 21, "port 1 (vB): auth: bad message");
            assertTrue(answer.contains("RESPONSE MANAGEMENT PARENT_DATA_SET"), answer);
            assertFalse(plain.contains("RESPONSE MANAGEMENT"), "an unsigned request gets no answer: " + plain);
            assertTrue(log.contains("s4j.uds): bad management message: AUTHENTICATION at offset 0: auth: bad message (NOT_LAST)"), log);
            m.destroy();
            m.waitFor();

            // ptp4j master (key 3, AES128) in A; linuxptp 4.4 client (key 1) in B
            Process m4j = start(net, NetnsPair.IF_A, dir, "m4j", launcher(), "-f", cfg(dir, "m4j", sa, 3, "masterOnly 1\n"));
            Process s44 = start(net, NetnsPair.IF_B, dir, "s44", bin.resolve("ptp4l").toString(),
                    "-f", cfg(dir, "s44", sa, 1, "slaveOnly 1\nfreq_est_interval -3\n"));
            // free running, linuxptp logs one offset per 2^freq_est_interval s: one per Sync here, so
            // the median is of 20 offsets (it was of 2, and one late Sync under load moved it by 20 us)
            String log44 = awaitOffsetsAndStop(dir.resolve("s44.log"), 40, 50, "linuxptp 4.4 client of ptp4j", s44, m4j);
            assertLocked("linuxptp 4.4 client of an authenticated ptp4j master", log44, 40, "auth: bad message");
        }
    }

    @Test
    void aWrongKeyNeverSynchronizesAndTheMetricsSayWhyAndL2P2pLocks(@TempDir Path dir) throws Exception {
        Path bin = linuxptp44();
        Path sa = saFile(dir, "sa.cfg", SA), wrong = saFile(dir, "wrong.cfg", WRONG);
        try (NetnsPair net = NetnsPair.create()) {
            Process m = start(net, NetnsPair.IF_A, dir, "m44", bin.resolve("ptp4l").toString(), "-2", "-P",
                    "-f", cfg(dir, "m44", sa, 1, "masterOnly 1\n"));
            Process bad = start(net, NetnsPair.IF_B, dir, "bad", launcher(), "-2", "-P",
                    "-f", cfg(dir, "bad", wrong, 1, "slaveOnly 1\nmetrics_port 9188\n"));
            Logs.await(dir.resolve("bad.log"), Duration.ofSeconds(30), "auth: bad message (BAD_ICV)");
            var pattern = java.util.regex.Pattern.compile("ptp4j_auth_rejected_total\\{[^}]*reason=\"BAD_ICV\"[^}]*\\} (\\d+)");
            String metrics = "";
            long refused = 0;
            for (int i = 0; i < 40 && refused <= 50; i++) { // some 50 Syncs and Follow_Ups, all refused
                Thread.sleep(500);
                metrics = net.httpGet(net.nsB(), 9188, "/metrics");
                var count = pattern.matcher(metrics);
                refused = count.find() ? Long.parseLong(count.group(1)) : 0;
            }
            bad.destroy();
            bad.waitFor();
            String badLog = Files.readString(dir.resolve("bad.log"));
            System.out.println("---- ptp4j client with a wrong key (tail)\n" + Logs.tail(badLog, 6) + "---- its auth metrics\n"
                    + metrics.lines().filter(l -> l.startsWith("ptp4j_auth")).reduce("", (a, b) -> a + b + "\n"));
            assertFalse(badLog.contains("RS_SLAVE"), badLog);
            assertTrue(offsetCount(badLog) == 0, "no offset ever");
            assertTrue(badLog.contains("auth: bad message (BAD_ICV)"), badLog);
            assertTrue(refused > 50, metrics);

            // the same, rightly keyed, over L2 with peer delay
            Process s = start(net, NetnsPair.IF_B, dir, "s4j", launcher(), "-2", "-P", "-f", cfg(dir, "s4j", sa, 3, "slaveOnly 1\n"));
            String log = awaitOffsetsAndStop(dir.resolve("s4j.log"), 40, 40, "ptp4j L2 P2P client of linuxptp 4.4", s, m);
            assertLocked("ptp4j L2 P2P client of an authenticated linuxptp 4.4 master", log, 0, "auth: bad message");
        }
    }

    /** Unicast negotiation (Signaling with grant TLVs, then unicast Announce, Sync, Delay_Resp) authenticated end to end. */
    @Test
    void ptp4jUnicastClientOfAnAuthenticatedLinuxptp44Server(@TempDir Path dir) throws Exception {
        Path bin = linuxptp44();
        Path sa = dir.resolve("sa.cfg");
        Files.writeString(sa, SA);
        String auth = "[global]\nsa_file " + sa + "\nspp 2\nactive_key_id 1\nuse_syslog 0\nlogSyncInterval -2\nsummary_interval -2\n";
        Files.writeString(dir.resolve("m.cfg"), TestData.vectorConfig("unicast-master.cfg", dir.resolve("m.uds")).replace("[global]\n", auth)
                + "uds_ro_address " + dir.resolve("m.udsro") + "\n");
        Files.writeString(dir.resolve("s.cfg"), TestData.vectorConfig("unicast-slave.cfg", dir.resolve("s.uds"))
                .replace("[global]\n", auth.replace("active_key_id 1", "active_key_id 3")
                        + "uds_ro_address " + dir.resolve("s.udsro") + "\n"));
        try (NetnsPair net = NetnsPair.create()) {
            Process m = start(net, NetnsPair.IF_A, dir, "m", bin.resolve("ptp4l").toString(), "-f", dir.resolve("m.cfg").toString());
            Process s = start(net, NetnsPair.IF_B, dir, "s", launcher(), "-f", dir.resolve("s.cfg").toString());
            awaitOffsetsAndStop(dir.resolve("s.log"), 30, 45, "ptp4j unicast client of linuxptp 4.4", s, m);
        }
        String log = Files.readString(dir.resolve("s.log")), mlog = Files.readString(dir.resolve("m.log"));
        assertFalse(mlog.contains("auth: bad message"), mlog);
        assertLocked("ptp4j unicast client of an authenticated linuxptp 4.4 server", log, 16, "auth: bad message");
    }

    /**
     * Key rollover while running: the master signs with a key the client does not know yet, so
     * the client refuses everything (UNKNOWN_KEY); the client's sa_file gets the key (written
     * beside it and renamed over it, as tools do) and the running client takes it and locks.
     */
    @Test
    void aKeyAddedToTheSaFileIsTakenWhileRunning(@TempDir Path dir) throws Exception {
        Path bin = linuxptp44();
        Path sa = dir.resolve("sa.cfg"), clientSa = dir.resolve("client-sa.cfg");
        Files.writeString(sa, SA);
        Files.writeString(clientSa, "[security_association]\nspp 2\n1 SHA256-128 HEX:F8ADC6B8B8E9AA709106BA42481EC9E29607334DE2C3C737A11A12931DB27F8C\n");
        try (NetnsPair net = NetnsPair.create()) {
            start(net, NetnsPair.IF_A, dir, "m44", bin.resolve("ptp4l").toString(), "-f", cfg(dir, "m44", sa, 3, "masterOnly 1\n"));
            Process s = start(net, NetnsPair.IF_B, dir, "s4j", launcher(), "-f", cfg(dir, "s4j", clientSa, 1, "slaveOnly 1\n"));
            Logs.await(dir.resolve("s4j.log"), Duration.ofSeconds(30), "auth: bad message (UNKNOWN_KEY)");
            assertEquals(0, offsetCount(Files.readString(dir.resolve("s4j.log"))));
            Path next = dir.resolve("client-sa.cfg.new");
            Files.writeString(next, SA);
            Files.move(next, clientSa, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Logs.await(dir.resolve("s4j.log"), Duration.ofSeconds(10), "sa_file " + clientSa + " reloaded");
            awaitOffsets(dir.resolve("s4j.log"), 30, 40);
            s.destroy();
            s.waitFor();
            String log = Files.readString(dir.resolve("s4j.log"));
            System.out.println("---- ptp4j client across the reload (without offsets)\n"
                    + log.lines().filter(l -> !l.contains("master offset")).reduce("", (a, b) -> a + b + "\n"));
            long med = medianOffset(log);
            System.out.printf("ptp4j client after the key arrived in its sa_file: median offset %d ns%n", med);
            assertTrue(Math.abs(med) < 5_000, "offset " + med);
        }
    }
}
