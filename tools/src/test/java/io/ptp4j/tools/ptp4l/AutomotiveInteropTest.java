package io.ptp4j.tools.ptp4l;

import static io.ptp4j.testkit.Daemons.bin;
import static io.ptp4j.testkit.Daemons.noClock;
import static io.ptp4j.testkit.Daemons.stop;
import static io.ptp4j.testkit.Logs.tail;
import static org.junit.jupiter.api.Assertions.*;

import io.ptp4j.testkit.NetnsPair;
import io.ptp4j.testkit.Offsets;
import io.ptp4j.testkit.Tshark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The automotive profile against Debian's linuxptp 3.1.1, both ways, L2 over a veth pair between
 * two namespaces, software timestamps. Both run upstream's automotive configs
 * (src/test/resources/linuxptp-configs; for 3.1.1 with serverOnly/clientOnly spelled
 * masterOnly/slaveOnly, see {@link #linuxptpCfg}). Both free_running 1 (or ptp4j's
 * virtual clock): nothing touches the machine's clock, so every offset is measurement noise.
 */
@Tag("interop")
class AutomotiveInteropTest {
    static final Path UPSTREAM = Paths.get("src/test/resources/linuxptp-configs");

    /**
     * Upstream's config for linuxptp 3.1.1: the only keys 3.1.1 lacks are serverOnly and clientOnly
     * ("unknown option serverOnly"), which it spells masterOnly and slaveOnly (as its packaged copies
     * in /usr/share/doc/linuxptp/configs do); every other line is taken unchanged.
     */
    static String linuxptpCfg(String name, Path uds) throws Exception {
        return Files.readString(UPSTREAM.resolve(name)).replaceAll("(?m)^serverOnly", "masterOnly").replaceAll("(?m)^clientOnly", "slaveOnly")
                + "free_running 1\nuds_address " + uds + "\n";
    }

    static String ptp4jCfg(String name, Path uds, String extra) throws Exception {
        return Files.readString(UPSTREAM.resolve(name)) + "use_syslog 0\nuds_address " + uds + "\n" + extra;
    }

    /**
     * A slave on ptp4j's virtual clock that becomes stable on veth's software stamps (threshold
     * raised), with hardware-like PI constants: the software ones wait ~40 s before the first
     * frequency estimate.
     */
    static final String STABLE_VIRTUAL_CLOCK = "virtual_clock 1\nvirtual_clock_offset 20000\nvirtual_clock_freq 20000\n"
            + "servo_offset_threshold 20000\nservo_num_offset_values 4\npi_proportional_const 0.7\npi_integral_const 0.3\n";

    /** messageType (hex, as tshark prints it) -> count, and the logMessageInterval of every Sync, in order. */
    record Capture(Map<String, Long> kinds, List<Integer> syncIntervals, String requests) {}

    static Capture read(Path pcap) throws Exception {
        String all = Tshark.read(pcap, "ptp", "-T", "fields", "-e", "ptp.v2.messagetype", "-e", "ptp.v2.logmessageperiod");
        Map<String, Long> kinds = new TreeMap<>();
        List<Integer> syncs = new ArrayList<>();
        for (String l : all.lines().filter(l -> !l.isBlank()).toList()) {
            String[] f = l.strip().split("\\s+");
            kinds.merge(f[0], 1L, Long::sum);
            if (f[0].equals("0x00") && f.length > 1) syncs.add(Integer.parseInt(f[1]));
        }
        return new Capture(kinds, syncs, Tshark.read(pcap, "ptp.v2.messagetype == 0x0c", "-V"));
    }

    /** What a test asks the daemons while they run, before they are stopped. */
    interface During {
        void ask(NetnsPair net) throws Exception;
    }

    /**
     * Runs {@code master} (ptp4l or ptp4j's) with m.cfg in namespace A and {@code slave} with
     * s.cfg in B, capturing 20 s on the master's link end (else the slave's) into wire.pcapng; when the capture
     * ends, {@code during} asks its questions, then both daemons stop. Returns the capture.
     */
    static Capture run(Path dir, String master, String slave, boolean captureOnMaster, During during) throws Exception {
        Path pcap = dir.resolve("wire.pcapng");
        try (NetnsPair net = NetnsPair.create()) {
            Process cap = captureOnMaster ? Tshark.capture(net, net.nsA(), NetnsPair.IF_A, pcap, 20)
                    : Tshark.capture(net, net.nsB(), NetnsPair.IF_B, pcap, 20);
            Process m = net.start(net.nsA(), dir.resolve("m.log"), noClock(master, "-i", NetnsPair.IF_A, "-S", "-m", "-f", dir.resolve("m.cfg").toString()));
            Process s = net.start(net.nsB(), dir.resolve("s.log"), noClock(slave, "-i", NetnsPair.IF_B, "-S", "-m", "-f", dir.resolve("s.cfg").toString()));
            Tshark.awaitEnd(cap, 60);
            during.ask(net);
            stop(s, m);
        }
        return read(pcap);
    }

    /** linuxptp's pmc over the management socket {@code uds} in {@code ns} (transportSpecific 1, as the automotive profile's). */
    static String pmc(NetnsPair net, String ns, Path uds, String command) throws Exception {
        return net.exec(ns, Duration.ofSeconds(10), noClock("pmc", "-u", "-b", "0", "-t", "1", "-s", uds.toString(), command)).output();
    }

    @Test
    void linuxptpMasterPtp4jSlave(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("m.cfg"), linuxptpCfg("automotive-master.cfg", dir.resolve("m.uds")));
        Files.writeString(dir.resolve("s.cfg"), ptp4jCfg("automotive-slave.cfg", dir.resolve("s.uds"), "free_running 1\nsummary_interval -3\n"));
        String[] asked = new String[2];
        Capture c = run(dir, "ptp4l", bin("ptp4l"), false, net -> {
            asked[0] = pmc(net, net.nsA(), dir.resolve("m.uds"), "GET DEFAULT_DATA_SET");
            asked[1] = pmc(net, net.nsB(), dir.resolve("s.uds"), "GET PARENT_DATA_SET");
        });
        String masterDs = asked[0], parent = asked[1];
        String mlog = Files.readString(dir.resolve("m.log")), log = Files.readString(dir.resolve("s.log"));
        assertTrue(mlog.contains("INITIALIZING to MASTER on INIT_COMPLETE"), "linuxptp 3.1.1 takes the config: " + mlog);
        assertTrue(log.contains("port 1 (vB): INITIALIZING to SLAVE on INIT_COMPLETE"), log);
        assertFalse(log.contains("not yet acted on"), log);
        System.out.println("linuxptp automotive master -> ptp4j slave: on the wire " + c.kinds());
        Offsets.of(log).atLeast(41).secondHalf().assertNearZero("linuxptp automotive master -> ptp4j slave").assertDelayPlausible("peer delay");
        assertFalse(c.kinds().containsKey("0x0b"), "no Announce on the wire: " + c.kinds());
        assertTrue(c.kinds().getOrDefault("0x00", 0L) > 80, "Syncs at 8/s: " + c.kinds());
        assertTrue(c.kinds().getOrDefault("0x02", 0L) > 5, "the slave's Pdelay_Req: " + c.kinds());
        // parentDS: the master that sends the Syncs (no Announce names it)
        Matcher mid = Pattern.compile("clockIdentity\\s+(\\S+)").matcher(masterDs);
        assertTrue(mid.find(), masterDs);
        System.out.println("---- linuxptp master DEFAULT_DATA_SET\n" + masterDs + "---- ptp4j slave PARENT_DATA_SET\n" + parent);
        assertTrue(Pattern.compile("parentPortIdentity\\s+" + Pattern.quote(mid.group(1) + "-1")).matcher(parent).find(), parent);
        assertTrue(Pattern.compile("grandmasterIdentity\\s+" + Pattern.quote(mid.group(1))).matcher(parent).find(), parent);
    }

    /**
     * ptp4j's slave on its virtual clock locks, becomes stable (servo_offset_threshold raised to
     * what software timestamps on veth allow) and asks the linuxptp master for operLogSyncInterval
     * 0: linuxptp must parse our message interval request TLV and slow its Syncs from 2^-3 to 2^0.
     */
    @Test
    void ptp4jSlaveAsksLinuxptpMasterForOneSyncPerSecond(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("m.cfg"), linuxptpCfg("automotive-master.cfg", dir.resolve("m.uds")));
        Files.writeString(dir.resolve("s.cfg"), ptp4jCfg("automotive-slave.cfg", dir.resolve("s.uds"), STABLE_VIRTUAL_CLOCK));
        Capture c = run(dir, "ptp4l", bin("ptp4l"), false, net -> {});
        String log = Files.readString(dir.resolve("s.log"));
        List<Integer> iv = c.syncIntervals();
        System.out.printf("ptp4j slave -> linuxptp master interval request: Sync intervals first %s last %s, on the wire %s%n",
                iv.subList(0, Math.min(3, iv.size())), iv.subList(Math.max(0, iv.size() - 3), iv.size()), c.kinds());
        assertTrue(c.requests().contains("Message Interval Request TLV") && c.requests().contains("organizationId: IEEE 802 (0x0080c2)")
                && c.requests().contains("timeSyncInterval: 0"), "a Signaling with the 802.1AS message interval request TLV:\n"
                + c.requests() + "\n" + tail(log, 40));
        assertFalse(c.kinds().containsKey("0x0b"), "no Announce on the wire: " + c.kinds());
        assertEquals(-3, iv.get(0), "linuxptp starts at logSyncInterval -3");
        assertEquals(0, iv.get(iv.size() - 1), "after the request linuxptp sends 1 Sync/s\n" + log);
        assertTrue(log.contains("port 1 (vB): INITIALIZING to SLAVE on INIT_COMPLETE"), log);
    }

    /**
     * ptp4j on both ends: the virtual-clock slave's request reaches ptp4j's master, which slows
     * its Syncs and reports the new interval in PORT_DATA_SET (linuxptp's pmc asks it).
     */
    @Test
    void ptp4jMasterHonoursPtp4jSlavesIntervalRequest(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("m.cfg"), ptp4jCfg("automotive-master.cfg", dir.resolve("m.uds"), "free_running 1\n"));
        Files.writeString(dir.resolve("s.cfg"), ptp4jCfg("automotive-slave.cfg", dir.resolve("s.uds"), STABLE_VIRTUAL_CLOCK));
        String[] portDs = new String[1];
        Capture c = run(dir, bin("ptp4l"), bin("ptp4l"), true, net -> portDs[0] = pmc(net, net.nsA(), dir.resolve("m.uds"), "GET PORT_DATA_SET"));
        String log = Files.readString(dir.resolve("s.log"));
        List<Integer> iv = c.syncIntervals();
        System.out.printf("ptp4j slave -> ptp4j master interval request: Sync intervals first %s last %s, on the wire %s%n",
                iv.subList(0, Math.min(3, iv.size())), iv.subList(Math.max(0, iv.size() - 3), iv.size()), c.kinds());
        assertTrue(c.requests().contains("Message Interval Request TLV"), c.requests() + "\n" + tail(log, 30));
        assertFalse(c.kinds().containsKey("0x0b"), "no Announce on the wire: " + c.kinds());
        assertEquals(-3, iv.get(0));
        assertEquals(0, iv.get(iv.size() - 1), "after the request ptp4j sends 1 Sync/s");
        assertTrue(Pattern.compile("logSyncInterval\\s+0\\b").matcher(portDs[0]).find(), portDs[0]);
    }

    @Test
    void ptp4jMasterLinuxptpSlave(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("m.cfg"), ptp4jCfg("automotive-master.cfg", dir.resolve("m.uds"), "free_running 1\n"));
        Files.writeString(dir.resolve("s.cfg"), linuxptpCfg("automotive-slave.cfg", dir.resolve("s.uds")));
        String[] asked = new String[2];
        Capture c = run(dir, bin("ptp4l"), "ptp4l", true, net -> {
            asked[0] = pmc(net, net.nsB(), dir.resolve("s.uds"), "GET TIME_STATUS_NP");
            asked[1] = pmc(net, net.nsB(), dir.resolve("s.uds"), "GET PORT_DATA_SET");
        });
        String status = asked[0], port = asked[1];
        String mlog = Files.readString(dir.resolve("m.log")), log = Files.readString(dir.resolve("s.log"));
        Matcher off = Pattern.compile("master_offset\\s+(-?\\d+)").matcher(status);
        Matcher ingress = Pattern.compile("ingress_time\\s+(-?\\d+)").matcher(status);
        assertTrue(off.find() && ingress.find(), status);
        long o = Long.parseLong(off.group(1));
        System.out.printf("ptp4j automotive master -> linuxptp slave: master_offset %d ns, on the wire %s%n", o, c.kinds());
        assertTrue(mlog.contains("port 1 (vA): INITIALIZING to MASTER on INIT_COMPLETE"), mlog);
        assertFalse(mlog.contains("not yet acted on"), mlog);
        assertTrue(log.contains("INITIALIZING to SLAVE on INIT_COMPLETE"), log);
        assertTrue(port.contains("portState               SLAVE"), port);
        assertNotEquals(0, Long.parseLong(ingress.group(1)), "the linuxptp slave took Syncs:\n" + status);
        assertTrue(Math.abs(o) < 20_000, "offset consistent with 0: " + o);
        assertFalse(c.kinds().containsKey("0x0b"), "no Announce on the wire: " + c.kinds());
        assertTrue(c.kinds().getOrDefault("0x00", 0L) > 80, "Syncs at 8/s: " + c.kinds());
        // inhibit_delay_req: Pdelay_Req only from the linuxptp slave, answered by ptp4j
        assertTrue(c.kinds().getOrDefault("0x03", 0L) > 5, "ptp4j answers Pdelay_Req: " + c.kinds());
    }
}
