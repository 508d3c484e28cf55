package io.ptp4j.tools.pmc;

import static io.ptp4j.testkit.Daemons.bin;
import static io.ptp4j.testkit.Daemons.noClock;
import static io.ptp4j.tools.pmc.PmcInteropTest.GETS;
import static io.ptp4j.tools.pmc.PmcInteropTest.blocks;
import static io.ptp4j.tools.pmc.PmcInteropTest.pmc;
import static io.ptp4j.tools.pmc.PmcInteropTest.waitFor;
import static org.junit.jupiter.api.Assertions.*;

import io.ptp4j.testkit.LinuxptpPeer;
import io.ptp4j.testkit.NetnsPair;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Management against linuxptp 4.4 (found by {@link LinuxptpPeer}: skipped without it, failed
 * with CI=true), over the management socket in a namespace this test creates, both ways:
 * ptp4j's pmc (its default, linuxptp 4's output) prints what 4.4's own pmc prints against 4.4's
 * ptp4l, and 4.4's pmc gets an answer to every GET from ptp4j's ptp4l. Both daemons run
 * free_running under setpriv without CAP_SYS_TIME.
 */
@Tag("interop")
class Linuxptp44PmcInteropTest {
    @Test
    void ptp4jPmcPrintsWhatLinuxptp44PmcPrints(@TempDir Path dir) throws Exception {
        String ptp4l = LinuxptpPeer.program("ptp4l"), theirPmc = LinuxptpPeer.program("pmc");
        Path cfg = dir.resolve("l.cfg"), uds = dir.resolve("l.uds"), log = dir.resolve("l.log");
        Files.writeString(cfg, "[global]\nfree_running 1\nlogSyncInterval -2\nuds_address " + uds + "\n");
        try (NetnsPair net = NetnsPair.create()) {
            net.start(net.nsA(), log, noClock(ptp4l, "-i", NetnsPair.IF_A, "-S", "-m", "-f", cfg.toString()));
            waitFor(uds, log, "assuming the grand master role");
            String theirs = pmc(net, net.nsA(), List.of(theirPmc, "-u", "-b", "0", "-s", uds.toString()), GETS);
            String mine = pmc(net, net.nsA(), List.of(bin("pmc"), "-u", "-b", "0", "-s", uds.toString()), GETS);
            System.out.println("---- ptp4j pmc -> linuxptp 4.4 ptp4l (head)\n" + mine.lines().limit(30).reduce("", (a, b) -> a + b + "\n"));
            assertEquals(GETS.size(), blocks(theirs).size(), "4.4's ptp4l answers every GET:\n" + theirs);
            assertEquals(blocks(theirs), blocks(mine), "line by line, moving values masked");
            assertEquals(theirs.lines().filter(l -> l.startsWith("sending:")).toList(), mine.lines().filter(l -> l.startsWith("sending:")).toList());
        }
    }

    @Test
    void linuxptp44PmcQueriesPtp4jPtp4l(@TempDir Path dir) throws Exception {
        String theirPmc = LinuxptpPeer.program("pmc");
        Path cfg = dir.resolve("j.cfg"), uds = dir.resolve("j.uds"), log = dir.resolve("j.log");
        Files.writeString(cfg, "[global]\nfree_running 1\nuse_syslog 0\nlogSyncInterval -2\nuds_address " + uds + "\n");
        try (NetnsPair net = NetnsPair.create()) {
            net.start(net.nsA(), log, noClock(bin("ptp4l"), "-i", NetnsPair.IF_A, "-S", "-m", "-f", cfg.toString()));
            waitFor(uds, log, "assuming the grand master role");
            String out = pmc(net, net.nsA(), List.of(theirPmc, "-u", "-b", "0", "-s", uds.toString()), GETS);
            System.out.println("---- linuxptp 4.4 pmc -> ptp4j ptp4l (head)\n" + out.lines().limit(30).reduce("", (a, b) -> a + b + "\n"));
            PmcInteropTest.assertAnswersEveryGet(out);
            String set = pmc(net, net.nsA(), List.of(theirPmc, "-u", "-b", "0", "-s", uds.toString()), List.of("SET PRIORITY1 77", "GET PRIORITY1"));
            assertTrue(set.contains("\t\tpriority1 77\n"), "ptp4j's ptp4l took 4.4's SET:\n" + set);
        }
    }
}
