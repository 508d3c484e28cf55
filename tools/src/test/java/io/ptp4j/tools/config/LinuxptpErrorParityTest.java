package io.ptp4j.tools.config;

import static io.ptp4j.testkit.Daemons.noClock;
import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Feeds the same bad configuration files to the installed linuxptp ptp4l and to ConfigReader and
 * checks our message is linuxptp's (plus "file:line: " in front and "(reason)" behind) and that
 * linuxptp's exit code is the 254 Ptp4lMain uses. ptp4l stops at config_read, before opening any
 * socket or clock; it still runs without CAP_SYS_TIME as the brief requires.
 */
@Tag("interop")
class LinuxptpErrorParityTest {
    @TempDir Path dir;

    @Test
    void sameWordingAsLinuxptp() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/ptp4l")) && Files.isExecutable(Path.of("/usr/bin/setpriv")),
                "linuxptp or setpriv not installed");
        List<String> bad = List.of(
                "[global]\npriority1 300\n",
                "[global]\n\nfoo 1\n",
                "[global]\n[eth0]\npriority1 3\n",
                "[eth0]\nbar 2\n",
                "[global]\ndomainNumber 1x\n",
                "[global]\nnetwork_transport UDPv5\n",
                "\npriority1 1\n",
                "[global]\npriority1\n",
                "[unicast_master_table]\nUDPv4 192.0.2.1\n",
                "[unicast_master_table]\ntable_id 0\n",
                "[unicast_master_table]\ntable_id 1\n[unicast_master_table]\ntable_id 1\n",
                "[unicast_master_table]\ntable_id 1\nlogQueryInterval 200\n");
        int i = 0;
        for (String text : bad) {
            Path f = dir.resolve("bad" + (i++) + ".cfg");
            Files.writeString(f, text);
            List<String> theirs = linuxptp(f);
            ConfigException ours = assertThrows(ConfigException.class, () -> ConfigReader.read(f, new PtpConfig()));
            String detail = ours.detail().replaceAll(" \\([^()]*\\)$", "");
            assertEquals(theirs.get(0), detail, text);
            assertEquals(theirs.get(1), ours.trailer(), text);
            assertEquals(f + ":" + ours.line() + ": " + ours.detail(), ours.getMessage());
        }
    }

    @Test
    void sameCommandLineErrorsAsLinuxptp() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/ptp4l")) && Files.isExecutable(Path.of("/usr/bin/setpriv")),
                "linuxptp or setpriv not installed");
        List<List<String>> cases = List.of(List.of("-Z"), List.of("-i"), List.of("-l", "9", "-i", "lo"),
                List.of("-l", "x", "-i", "lo"), List.of("--bogus", "1"), List.of("--priority1", "999", "-i", "lo"),
                List.of("-S"), List.of("--clock_type", "BC", "-i", "lo"),
                List.of("--clock_type", "P2P_TC", "-i", "lo", "-i", "eth9"));
        for (List<String> args : cases) {
            var cmd = new java.util.ArrayList<>(List.of(noClock("/usr/sbin/ptp4l", "-q")));
            cmd.addAll(args);
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            assertTrue(p.waitFor(10, TimeUnit.SECONDS), "linuxptp ptp4l did not stop: " + args);
            String theirs = new String(p.getInputStream().readAllBytes()).lines().findFirst().orElse("");
            var err = new java.io.ByteArrayOutputStream();
            var out = new java.io.ByteArrayOutputStream();
            var all = new java.util.ArrayList<>(List.of("-q"));
            all.addAll(args);
            int rc = io.ptp4j.tools.ptp4l.Ptp4lMain.run("ptp4l", all.toArray(String[]::new),
                    new java.io.PrintStream(out, true), new java.io.PrintStream(err, true));
            String ours = err.toString().lines().findFirst().orElse("").replaceAll(" \\([^()]*\\)$", "");
            assertEquals(theirs.replace("/usr/sbin/ptp4l", "ptp4l"), ours, args.toString());
            assertEquals(p.exitValue(), rc, args.toString());
        }
    }

    private static List<String> linuxptp(Path cfg) throws Exception {
        Process p = new ProcessBuilder(noClock("/usr/sbin/ptp4l", "-f", cfg.toString(), "-i", "lo", "-q")).redirectErrorStream(true).start();
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("linuxptp ptp4l did not stop on a bad config");
        }
        List<String> lines = new String(p.getInputStream().readAllBytes()).lines().toList();
        assertEquals(254, p.exitValue(), String.join("\n", lines));
        return lines;
    }
}
