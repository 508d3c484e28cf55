package io.ptp4j.tools.pmc;

import static io.ptp4j.testkit.Daemons.bin;
import static io.ptp4j.testkit.Daemons.noClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ptp4j.linux.UnixDatagramSocket;
import io.ptp4j.testkit.Daemons;
import io.ptp4j.testkit.LinuxptpPeer;
import io.ptp4j.testkit.Logs;
import io.ptp4j.testkit.NetnsPair;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * pmc bound at a slave event monitor's address ({@code pmc -u -b 0 -i PATH}, commands from a stdin
 * that stays open) prints the monitor's Signaling messages; ptp4j's pmc must print them as
 * linuxptp 4.4's pmc does. First byte for byte on the same datagrams (those of {@link
 * PmcSignalingTest}, sent by this test to each pmc's socket), then on a live monitor: a 4.4 master
 * (free running) in one namespace, a ptp4j client (virtual clock) reporting to PATH in the other,
 * read in turn by 4.4's pmc and ptp4j's, the two transcripts compared line by line with the moving
 * numbers masked. linuxptp found by {@link LinuxptpPeer}: skipped without it, failed with CI=true.
 */
@Tag("interop")
class PmcSignalingLinuxptp44Test {
    static final long S = 1_000_000_000L;

    /** Starts {@code pmc} bound at {@code mon}, sends it {@code msgs}, closes its stdin; its stdout and stderr. */
    static String[] feed(Path dir, String name, String pmc, List<byte[]> msgs) throws Exception {
        Path mon = dir.resolve(name + ".mon"), err = dir.resolve(name + ".err");
        Process p = new ProcessBuilder(pmc, "-u", "-b", "0", "-i", mon.toString(), "-s", dir.resolve("none").toString())
                .redirectError(err.toFile()).start();
        try {
            long end = System.nanoTime() + 30 * S;
            while (!Files.exists(mon) && System.nanoTime() < end && p.isAlive()) Thread.sleep(20);
            assertTrue(Files.exists(mon), name + ": pmc bound no socket at " + mon + "; " + Files.readString(err));
            Thread.sleep(100); // the socket file appears at bind(), the poll loop a moment later
            try (UnixDatagramSocket tx = UnixDatagramSocket.unbound()) {
                for (byte[] m : msgs) tx.send(ByteBuffer.wrap(m), 0, m.length, mon.toString());
            }
            Thread.sleep(300);
            p.getOutputStream().close(); // end of commands: pmc waits 100 ms more, then exits
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(10, TimeUnit.SECONDS), name + ": pmc did not exit after the end of its input");
            return new String[] {out, Files.readString(err)};
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void sameDatagramsSameTextAsLinuxptp44Pmc(@TempDir Path dir) throws Exception {
        List<byte[]> msgs = new ArrayList<>(PmcSignalingTest.vectors());
        // a record cut short: 4.4 drops the message ("bad message"), ptp4j too, and goes on
        byte[] bad = java.util.Arrays.copyOf(msgs.get(1), 90);
        ByteBuffer.wrap(bad).putShort(2, (short) 90).putShort(46, (short) 42);
        msgs.add(2, bad);
        String[] theirs = feed(dir, "l", LinuxptpPeer.program("pmc"), msgs);
        String[] mine = feed(dir, "j", bin("pmc"), msgs);
        System.out.println("---- linuxptp 4.4 pmc\n" + theirs[0] + "---- stderr\n" + theirs[1]);
        assertEquals(String.join("", PmcSignalingTest.EXPECTED), theirs[0], "4.4's pmc prints what PmcSignalingTest expects");
        assertEquals(theirs[0], mine[0], "ptp4j's pmc prints byte for byte what 4.4's prints");
        assertTrue(theirs[1].contains("bad message"), theirs[1]);
        assertTrue(mine[1].contains("bad message"), mine[1]);
    }

    /**
     * A pmc transcript as messages, each the list of its lines with the moving numbers masked: the
     * header's seq and the record values (timestamps, integers); names, labels, "N count", the
     * sender's and the parent's PortIdentity stay. A message cut short by the kill at the end is
     * left out. Each message is its masked lines joined by newlines.
     */
    static List<String> messages(String out) {
        List<List<String>> msgs = new ArrayList<>();
        int end = out.lastIndexOf('\n');
        for (String line : (end < 0 ? "" : out.substring(0, end)).split("\n", -1)) {
            if (line.startsWith("\t\t") && !msgs.isEmpty()) {
                String label = line.length() > 29 ? line.substring(0, 29) : line, value = line.substring(label.length());
                if (!label.contains("sourcePortIdentity")) {
                    value = value.replaceAll("^\\d+\\.\\d{9}$", "<seconds.nanoseconds>").replaceAll("^-?\\d+$", "<integer>");
                }
                msgs.getLast().add(label + value);
            } else if (line.startsWith("\t")) {
                msgs.add(new ArrayList<>(List.of(line.replaceFirst(" seq \\d+ ", " seq # "))));
            } else if (!line.isEmpty()) {
                msgs.add(new ArrayList<>(List.of("unexpected: " + line)));
            }
        }
        return msgs.stream().map(m -> String.join("\n", m)).toList();
    }

    static long count(List<String> msgs, String tlv) {
        return msgs.stream().filter(m -> m.contains(" SIGNALING " + tlv + " N 1 \n")).count();
    }

    /** Runs {@code pmc} bound at {@code mon} in {@code ns} for 4 s; its standard output. */
    static String listen(NetnsPair net, Path dir, String pmc, Path mon) throws Exception {
        // The monitor sends some 12 messages a second and pmc, after the end of its input, waits for
        // 100 ms of quiet that never comes: timeout ends it (its output is flushed per message).
        String cmd = "timeout 4 " + pmc + " -u -b 0 -i " + mon + " -s " + dir.resolve("none") + " 2>" + mon + ".err < <(exec sleep 6 2>/dev/null)";
        NetnsPair.Result r = net.exec(net.nsB(), Duration.ofSeconds(20), "bash", "-c", cmd);
        assertEquals(124, r.exitCode(), "pmc ran until timeout ended it: " + r.output() + Files.readString(Path.of(mon + ".err")));
        return r.output();
    }

    @Test
    void ptp4jClientsMonitorPrintsAsWithLinuxptp44Pmc(@TempDir Path dir) throws Exception {
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
        String common = "logSyncInterval -3\nlogAnnounceInterval -2\nannounceReceiptTimeout 3\nlogMinDelayReqInterval -2\nuse_syslog 0\n";
        Path mcfg = dir.resolve("m.cfg"), ccfg = dir.resolve("c.cfg"), mon = dir.resolve("monitor"), clog = dir.resolve("c.log");
        Files.writeString(mcfg, "[global]\nserverOnly 1\nfree_running 1\n" + common + "uds_address " + dir.resolve("m.uds") + "\nuds_ro_address "
                + dir.resolve("m.ro") + "\n");
        Files.writeString(ccfg, "[global]\nclientOnly 1\nvirtual_clock 1\n" + common + "uds_address " + dir.resolve("c.uds") + "\nuds_ro_address "
                + dir.resolve("c.ro") + "\nslave_event_monitor " + mon + "\n");
        try (NetnsPair net = NetnsPair.create()) {
            Process master = net.start(net.nsA(), dir.resolve("m.log"),
                    noClock(LinuxptpPeer.program("ptp4l"), "-i", NetnsPair.IF_A, "-S", "-m", "-f", mcfg.toString()));
            Process client = net.start(net.nsB(), clog, noClock(bin("ptp4l"), "-i", NetnsPair.IF_B, "-S", "-m", "-f", ccfg.toString()));
            try {
                Logs.await(clog, Duration.ofSeconds(20), "to UNCALIBRATED");
                String theirs = listen(net, dir, LinuxptpPeer.program("pmc"), mon);
                String mine = listen(net, dir, bin("pmc"), mon);
                System.out.println("---- linuxptp 4.4 pmc (head)\n" + theirs.lines().limit(16).reduce("", (a, b) -> a + b + "\n"));
                List<String> t = messages(theirs), m = messages(mine);
                for (var who : List.of(java.util.Map.entry("linuxptp 4.4", t), java.util.Map.entry("ptp4j", m))) {
                    var msgs = who.getValue();
                    assertTrue(count(msgs, "SLAVE_RX_SYNC_TIMING_DATA") >= 10, who.getKey() + ": Sync reports (8/s): " + msgs.size());
                    assertTrue(count(msgs, "SLAVE_DELAY_TIMING_DATA_NP") >= 3, who.getKey() + ": Delay_Resp reports (4/s): " + msgs.size());
                    assertEquals(msgs.size(), count(msgs, "SLAVE_RX_SYNC_TIMING_DATA") + count(msgs, "SLAVE_DELAY_TIMING_DATA_NP"),
                            who.getKey() + ": only the two kinds, one record each");
                }
                // the same kinds of message, each laid out alike: header, parent, labels, number formats, line counts
                assertEquals(new TreeSet<>(t), new TreeSet<>(m), "masked messages of 4.4's pmc and of ptp4j's");
                assertEquals(2, new TreeSet<>(t).size(), "a sync and a delay message, each always alike once masked: " + new TreeSet<>(t));
            } finally {
                Daemons.stop(client, master);
            }
        }
    }
}
