package io.ptp4j.tools.nsm;

import static io.ptp4j.testkit.Daemons.bin;
import static io.ptp4j.testkit.Daemons.noClock;
import static org.junit.jupiter.api.Assertions.*;

import io.ptp4j.testkit.NetnsPair;
import io.ptp4j.testkit.LinuxptpPeer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * NetSync Monitor between linuxptp 4.4 and ptp4j, both ways: a grandmaster with
 * {@code net_sync_monitor 1} and {@code hybrid_e2e 1} in one namespace (first linuxptp 4.4's
 * ptp4l, then ptp4j's, the same configuration and clockIdentity), and both nsm clients in the
 * other asking it. Every answer is a complete measurement with an offset near zero (both ends
 * use this machine's clock), and the four transcripts are the same apart from the offset: each
 * nsm prints what the other prints, and each ptp4l answers what the other answers.
 */
@Tag("interop")
class NsmLinuxptp44InteropTest {

    static final Pattern OFFSET = Pattern.compile("\t\toffset +(-?\\d+)\n");

    static String nsm(NetnsPair net, String program) throws Exception {
        // batch mode: the request, its answers, 100 ms of quiet, exit
        NetnsPair.Result r = net.exec(net.nsB(), Duration.ofSeconds(30), program, "-i", NetnsPair.IF_B, "--time_stamping", "software",
                "NSM " + NetnsPair.IPV4_A);
        return r.output();
    }

    static String masked(String out) {
        return OFFSET.matcher(out).replaceAll("\t\toffset *\n").replaceAll("\n(nsm\\[[0-9.]+\\]: [^\n]*\n)", "\n");
    }

    @Test
    @Timeout(180)
    void eachNsmMeasuresEachPtp4l(@TempDir Path dir) throws Exception {
        String theirs = LinuxptpPeer.program("ptp4l"), theirNsm = LinuxptpPeer.program("nsm");
        Path cfg = dir.resolve("gm.cfg");
        Files.writeString(cfg, "[global]\nclockIdentity 020000.fffe.0000cc\nserverOnly 1\nfree_running 1\nnet_sync_monitor 1\nhybrid_e2e 1\n"
                + "use_syslog 0\nlogSyncInterval -2\nuds_address " + dir.resolve("gm.uds") + "\nuds_ro_address " + dir.resolve("gm.ro") + "\n");
        List<String> transcripts = new ArrayList<>();
        try (NetnsPair net = NetnsPair.create()) {
            for (String ptp4l : List.of(theirs, bin("ptp4l"))) {
                Path log = dir.resolve(transcripts.size() + ".log");
                Process gm = net.start(net.nsA(), log, noClock(ptp4l, "-i", NetnsPair.IF_A, "-S", "-m", "-f", cfg.toString()));
                long end = System.nanoTime() + 60_000_000_000L;
                while (!Files.readString(log).contains("assuming the grand master role") && System.nanoTime() < end) Thread.sleep(200);
                for (String nsm : List.of(theirNsm, bin("nsm"))) {
                    String out = nsm(net, nsm);
                    System.out.println("---- " + nsm + " -> " + ptp4l + "\n" + out);
                    assertTrue(out.contains("NSM MEASUREMENT COMPLETE\n"), out + "\nptp4l:\n" + Files.readString(log));
                    Matcher m = OFFSET.matcher(out);
                    assertTrue(m.find(), out);
                    assertTrue(Math.abs(Long.parseLong(m.group(1))) < 500_000, "offset near zero: " + m.group(1));
                    assertTrue(out.contains("\t\tportState                             MASTER\n"), out);
                    assertTrue(out.contains("\t\tparentPortAddress                     1 " + NetnsPair.IPV4_A + "\n"), "its own address: " + out);
                    assertTrue(out.contains("\t\tgrandmasterIdentity                   020000.fffe.0000cc\n"), out);
                    transcripts.add(masked(out));
                }
                gm.destroy();
                assertTrue(gm.waitFor(20, java.util.concurrent.TimeUnit.SECONDS));
                Thread.sleep(500);
            }
        }
        assertEquals(4, transcripts.size());
        for (int i = 1; i < 4; i++) assertEquals(transcripts.get(0), transcripts.get(i), "transcript " + i + " (0: 4.4's nsm and ptp4l)");
    }
}
