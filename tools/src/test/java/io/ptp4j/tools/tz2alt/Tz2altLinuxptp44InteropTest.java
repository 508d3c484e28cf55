package io.ptp4j.tools.tz2alt;

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
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * tz2alt between linuxptp 4.4 and ptp4j, both ways: ptp4j's tz2alt sets Asia/Tokyo into
 * linuxptp 4.4's ptp4l, whose ALTERNATE_TIME_OFFSET_* linuxptp 4.4's pmc then shows; linuxptp
 * 4.4's tz2alt sets the same into ptp4j's ptp4l. Both pmc transcripts are the same (the zone's
 * offset to TAI, the jump and the time of the next change, the display name, enabled), and so
 * are both tz2alts' messages. A zone without summer time: linuxptp 4.4's tz2alt misses summer time
 * changes (it converts the zone's local time back with mktime under TZ=UTC keeping tm_isdst, which
 * folds the hour away), where ptp4j's finds them (Tz2altTest). Daemons free_running under setpriv,
 * in a namespace of the test.
 */
@Tag("interop")
class Tz2altLinuxptp44InteropTest {
    static final String LEAPFILE = "/usr/share/zoneinfo/leap-seconds.list";

    @Test
    @Timeout(180)
    void eachTz2altSetsTheOthersPtp4l(@TempDir Path dir) throws Exception {
        assertTrue(Files.exists(Path.of(LEAPFILE)), "tzdata's leap second table");
        String theirPtp4l = LinuxptpPeer.program("ptp4l"), theirPmc = LinuxptpPeer.program("pmc"), theirTz2alt = LinuxptpPeer.program("tz2alt");
        List<String> shown = new ArrayList<>(), said = new ArrayList<>();
        try (NetnsPair net = NetnsPair.create()) {
            // ptp4j's tz2alt into 4.4's ptp4l, then 4.4's tz2alt into ptp4j's ptp4l
            String[][] pairs = {{theirPtp4l, bin("tz2alt")}, {bin("ptp4l"), theirTz2alt}};
            for (String[] pair : pairs) {
                int n = shown.size();
                Path uds = dir.resolve("p" + n + ".uds"), log = dir.resolve("p" + n + ".log"), tzlog = dir.resolve("tz" + n + ".log");
                Process ptp4l = net.start(net.nsA(), log, noClock(pair[0], "-i", NetnsPair.IF_A, "-S", "-m", "--free_running", "1",
                        "--use_syslog", "0", "--uds_address", uds.toString(), "--uds_ro_address", dir.resolve("p" + n + ".ro").toString()));
                long end = System.nanoTime() + 60_000_000_000L;
                while (!(Files.exists(uds) && Files.readString(log).contains("INITIALIZING to LISTENING")) && System.nanoTime() < end) Thread.sleep(200);
                Process tz = net.start(net.nsA(), tzlog, pair[1], "-z", "Asia/Tokyo", "-k", "0", "-p", "3600",
                        "--leapfile", LEAPFILE, "--uds_address", uds.toString());
                String out = "";
                end = System.nanoTime() + 60_000_000_000L;
                while (System.nanoTime() < end) {
                    out = net.exec(net.nsA(), Duration.ofSeconds(20), "bash", "-c", theirPmc + " -u -b 0 -s " + uds
                            + " 'GET ALTERNATE_TIME_OFFSET_ENABLE' 'GET ALTERNATE_TIME_OFFSET_NAME' 'GET ALTERNATE_TIME_OFFSET_PROPERTIES' 2>/dev/null")
                            .output();
                    if (out.contains("enable         1")) break;
                    Thread.sleep(500);
                }
                System.out.println("---- " + pair[1] + " -> " + pair[0] + ", linuxptp 4.4's pmc\n" + out + "---- " + pair[1] + "\n"
                        + Files.readString(tzlog));
                assertTrue(out.contains("\t\tenable         1\n"), out + Files.readString(tzlog));
                assertTrue(out.contains("\t\tdisplayName    Asia/Tokyo\n"), out);
                assertTrue(out.contains("\t\tcurrentOffset  32363\n"), "Tokyo's offset to TAI: 9 h - 37 s: " + out);
                assertTrue(out.contains("\t\tjumpSeconds    0\n\t\ttimeOfNextJump 0\n"), "no change ahead: " + out);
                shown.add(out.replaceAll("sending: [^\n]*\n", "").replaceAll(" seq \\d+ ", " seq N ").replaceAll("[0-9a-f]{6}\\.[0-9a-f]{4}\\.[0-9a-f]{6}-0", "CLOCK-0"));
                said.add(Files.readString(tzlog).replaceAll("tz2alt\\[[0-9.]+\\]: ", "").replaceAll("ptp4j: building[^\n]*\n", ""));
                tz.destroy();
                ptp4l.destroy();
                assertTrue(ptp4l.waitFor(20, java.util.concurrent.TimeUnit.SECONDS));
                tz.waitFor(20, java.util.concurrent.TimeUnit.SECONDS);
            }
        }
        assertEquals(shown.get(0), shown.get(1), "4.4's pmc shows the same, whichever tz2alt set whichever ptp4l");
        assertEquals(said.get(0), said.get(1), "both tz2alts say the same");
    }
}
