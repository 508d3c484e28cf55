package io.ptp4j.tools.ptp4l;

import static io.ptp4j.testkit.Daemons.bin;
import static io.ptp4j.testkit.Daemons.noClock;
import static org.junit.jupiter.api.Assertions.*;

import io.ptp4j.testkit.NetnsPair;
import io.ptp4j.testkit.LinuxptpPeer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * 802.1AS follow_up information between linuxptp 4.4 and ptp4j, both ways, with linuxptp 4.4's
 * own configs/gPTP.cfg (L2, P2P, transportSpecific 1, follow_up_info 1; neighborPropDelayThresh
 * raised for software timestamps on a veth). Both run free_running; ptp4j's time base is a
 * virtual clock 200 ppm fast, so the rate ratios are far from 1 and visible:
 * <ol>
 * <li>linuxptp 4.4 is grandmaster (priority1 100): ptp4j's TIME_STATUS_NP names it and reports
 *     its rate ratio to it (-200 ppm), time base 0;
 * <li>4.4's priority1 goes to 250 over management: ptp4j takes over, starting a new time base.
 *     linuxptp 4.4's TIME_STATUS_NP then names ptp4j, shows its rate ratio to it (+200 ppm),
 *     gmTimeBaseIndicator 1 and the frequency step ptp4j's Follow_Ups carry.
 * </ol>
 * Daemons run under setpriv without CAP_SYS_TIME, in namespaces this test creates.
 */
@Tag("interop")
class GptpLinuxptp44InteropTest {
    static final double POW2_41 = 2199023255552.0;

    static String pmc(NetnsPair net, String ns, String pmc, Path uds, String... commands) throws Exception {
        return io.ptp4j.testkit.Pmc.ask(net, ns, pmc, uds.toString(), 1, commands); // gPTP: transportSpecific 1
    }

    static String field(String out, String name) {
        Matcher m = Pattern.compile("\t\t" + name + " +(\\S+)").matcher(out);
        assertTrue(m.find(), name + " in\n" + out);
        return m.group(1);
    }

    static int timeBase(String out) {
        Matcher m = Pattern.compile("\t\tgmTimeBaseIndicator +(\\d+)").matcher(out);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    /**
     * Polls TIME_STATUS_NP until {@code gm} is its grandmaster, its rate offset is set and its
     * gmTimeBaseIndicator is at least {@code timeBase} (the parent's identity comes with its first
     * Announce, its time base with a later Follow_Up); returns the last answer.
     */
    static String timeStatus(NetnsPair net, String ns, String pmc, Path uds, String gm, int timeBase, Path log) throws Exception {
        return io.ptp4j.testkit.Pmc.await(Duration.ofSeconds(60), () -> pmc(net, ns, pmc, uds, "GET TIME_STATUS_NP"),
                out -> out.contains("\t\tgmIdentity                 " + gm + "\n") && !out.contains("cumulativeScaledRateOffset +0.000000000")
                        && out.contains("gmPresent                  true") && timeBase(out) >= timeBase,
                "TIME_STATUS_NP never named " + gm + " with a rate offset and time base " + timeBase, log);
    }

    @Test
    @Timeout(180)
    void eachSideReportsTheOthersRateRatioAndTimeBase(@TempDir Path dir) throws Exception {
        String theirPtp4l = LinuxptpPeer.program("ptp4l"), theirPmc = LinuxptpPeer.program("pmc");
        Path cfg = dir.resolve("gPTP.cfg");
        Files.writeString(cfg, GPTP_CFG);
        Path l = dir.resolve("l.uds"), j = dir.resolve("j.uds"), llog = dir.resolve("l.log"), jlog = dir.resolve("j.log");
        try (NetnsPair net = NetnsPair.create()) {
            net.start(net.nsA(), llog, noClock(theirPtp4l, "-f", cfg.toString(), "-i", NetnsPair.IF_A, "-S", "-m", "--free_running", "1",
                    "--priority1", "100", "--neighborPropDelayThresh", "100000", "--uds_address", l.toString(), "--uds_ro_address", dir.resolve("l.ro").toString()));
            net.start(net.nsB(), jlog, noClock(bin("ptp4l"), "-f", cfg.toString(), "-i", NetnsPair.IF_B, "-S", "-m", "--free_running", "1",
                    "--virtual_clock", "1", "--virtual_clock_freq", "200000", "--neighborPropDelayThresh", "100000",
                    "--uds_address", j.toString(), "--uds_ro_address", dir.resolve("j.ro").toString(), "--use_syslog", "0"));
            String lid = "", jid = "";
            for (int i = 0; i < 100 && (lid.isEmpty() || jid.isEmpty()); i++) {
                Thread.sleep(300);
                if (Files.exists(l)) lid = pmc(net, net.nsA(), theirPmc, l, "GET DEFAULT_DATA_SET").lines().filter(s -> s.contains("clockIdentity"))
                        .map(s -> s.trim().split(" +")[1]).findFirst().orElse("");
                if (Files.exists(j)) jid = pmc(net, net.nsB(), theirPmc, j, "GET DEFAULT_DATA_SET").lines().filter(s -> s.contains("clockIdentity"))
                        .map(s -> s.trim().split(" +")[1]).findFirst().orElse("");
            }
            assertFalse(lid.isEmpty() || jid.isEmpty(), "both daemons answer");

            // 1. linuxptp 4.4 grandmaster, ptp4j client: ptp4j's rate ratio to 4.4 = 1 / (1 + 200e-6)
            String js = timeStatus(net, net.nsB(), theirPmc, j, lid, 0, jlog);
            System.out.println("---- ptp4j's TIME_STATUS_NP, linuxptp 4.4 grandmaster\n" + js);
            double ratio = Double.parseDouble(field(js, "cumulativeScaledRateOffset"));
            assertEquals(1 / (1 + 200e-6) - 1, ratio, 40e-6, "ptp4j reports its rate ratio to 4.4's clock");
            assertEquals("0", field(js, "gmTimeBaseIndicator"), "4.4 sends time base 0");

            // 2. ptp4j takes over: 4.4 reports ptp4j's rate ratio and the new time base
            String set = pmc(net, net.nsA(), theirPmc, l, "SET PRIORITY1 250");
            assertTrue(set.contains("priority1 250"), set);
            String ls = timeStatus(net, net.nsA(), theirPmc, l, jid, 1, llog);
            System.out.println("---- linuxptp 4.4's TIME_STATUS_NP, ptp4j grandmaster\n" + ls);
            assertEquals(200e-6, Double.parseDouble(field(ls, "cumulativeScaledRateOffset")), 40e-6, "4.4 reports its rate ratio to ptp4j");
            assertEquals("1", field(ls, "gmTimeBaseIndicator"), "ptp4j took over: a new time base");
            // ptp4j's frequency step relative to the old grandmaster: 1/ratio - 1 = +200 ppm, scaled by 2^41
            assertEquals(200e-6, Long.parseLong(field(ls, "scaledLastGmPhaseChange")) / POW2_41, 40e-6);
            String jgm = pmc(net, net.nsB(), theirPmc, j, "GET TIME_STATUS_NP");
            assertEquals("1", field(jgm, "gmTimeBaseIndicator"), "ptp4j's own TIME_STATUS_NP as grandmaster\n" + jgm);
            assertEquals("false", field(jgm, "gmPresent"));
        }
    }

    /** linuxptp 4.4's configs/gPTP.cfg (its settings; the comments left out). */
    static final String GPTP_CFG = """
            [global]
            gmCapable		1
            priority1		248
            priority2		248
            logAnnounceInterval	0
            logSyncInterval		-3
            syncReceiptTimeout	3
            neighborPropDelayThresh	800
            min_neighbor_prop_delay	-20000000
            assume_two_step		1
            path_trace_enabled	1
            follow_up_info		1
            transportSpecific	0x1
            ptp_dst_mac		01:80:C2:00:00:0E
            network_transport	L2
            delay_mechanism		P2P
            """;
}
