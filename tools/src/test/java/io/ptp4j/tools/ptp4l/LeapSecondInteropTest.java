package io.ptp4j.tools.ptp4l;

import static io.ptp4j.testkit.Daemons.noClock;
import static org.junit.jupiter.api.Assertions.*;

import io.ptp4j.testkit.NetnsPair;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A leap second from a linuxptp 4.4 grandmaster (SET GRANDMASTER_SETTINGS_NP: leap61, a traceable
 * UTC offset, PTP timescale) to ptp4j's ptp4l on its virtual clock, which keeps UTC and carries
 * the leap itself (kernel_leap 1). The grandmaster runs free on this machine's clock, so its UTC
 * is that clock minus the offset it announces: an offset of hours (currentUtcOffset is 16 bits:
 * at most 9.1 h) puts the client's UTC just before a midnight, and the leap happens during the
 * test. Within 9.1 h of no UTC midnight (09:06 to 14:54 UTC) the test still checks the leap61
 * flag, the offset and the arming, and says it could not cross midnight.
 */
@Tag("interop")
class LeapSecondInteropTest {
    static final Pattern VCLOCK = Pattern.compile("virtual clock offset from CLOCK_REALTIME (-?\\d+) ns");
    static final long DAY = 86_400;

    @Test
    void aLinuxptp44LeapSecondIsCarriedByTheVirtualClock(@TempDir Path dir) throws Exception {
        Path mcfg = dir.resolve("m.cfg"), scfg = dir.resolve("s.cfg"), muds = dir.resolve("m.uds"), suds = dir.resolve("s.uds");
        Files.writeString(mcfg, "[global]\nserverOnly 1\n" + LinkFaultInteropTest.COMMON + "uds_address " + muds + "\nuds_ro_address "
                + dir.resolve("m.ro") + "\n");
        Files.writeString(scfg, "[global]\nclientOnly 1\n" + LinkFaultInteropTest.LOCKING + "summary_interval -3\nlogging_level 7\nuds_address "
                + suds + "\n");
        long lead = 45; // seconds from now to the client's midnight
        long now = System.currentTimeMillis() / 1000, tod = Math.floorMod(now, DAY);
        long offset;
        boolean crossing = true;
        if (tod + lead <= 32767) offset = tod + lead;                 // the midnight that just passed, replayed
        else if (tod + lead - DAY >= -32768) offset = tod + lead - DAY; // the next one, hours early
        else {
            crossing = false;
            // no midnight within reach: UTC 8 h 20 min ahead, 17:26 to 23:14, after 06:00, so the leap is
            // armed; and a grandmaster whose unread clock says 0 sees 08:20 UTC and keeps its leap too
            offset = -30_000;
        }
        try (NetnsPair net = NetnsPair.create()) {
            // linuxptp 4.4 with free_running 1 has no clock (CLOCK_INVALID); as grandmaster it still asks
            // it for the time before each Announce (clock_update_leap_status), gets EINVAL and judges
            // whether its leap is over by an uninitialized timespec. Now and then that says "over" and
            // it drops leap61 itself. Such a grandmaster is restarted (at most five times); what the
            // ptp4j client is then checked against is a leap the grandmaster kept announcing.
            String gmTp = "";
            for (int attempt = 1; ; attempt++) {
                Process gm = net.start(net.nsA(), dir.resolve("m" + attempt + ".log"),
                        noClock(io.ptp4j.testkit.LinuxptpPeer.program("ptp4l"), "-i", NetnsPair.IF_A, "-S", "-m", "-f", mcfg.toString()));
                Thread.sleep(1000);
                NetnsPair.Result set = net.exec(net.nsA(), Duration.ofSeconds(10), noClock(io.ptp4j.testkit.LinuxptpPeer.program("pmc"), "-u", "-b", "0", "-s", muds.toString(),
                        "SET GRANDMASTER_SETTINGS_NP clockClass 248 clockAccuracy 0xfe offsetScaledLogVariance 0xffff currentUtcOffset " + offset
                                + " leap61 1 leap59 0 currentUtcOffsetValid 1 ptpTimescale 1 timeTraceable 1 frequencyTraceable 0 timeSource 0xa0"));
                assertTrue(set.output().contains("leap61                  1"), set.output());
                Thread.sleep(1500); // six Announces
                gmTp = net.exec(net.nsA(), Duration.ofSeconds(10), noClock(io.ptp4j.testkit.LinuxptpPeer.program("pmc"), "-u", "-b", "0", "-s", muds.toString(),
                        "GET TIME_PROPERTIES_DATA_SET")).output();
                if (gmTp.contains("leap61                1")) break;
                System.out.println("linuxptp 4.4's free-running grandmaster dropped its own leap61 (attempt " + attempt + "):\n" + gmTp);
                gm.destroy();
                gm.waitFor();
                if (attempt == 5) {
                    fail("linuxptp 4.4's grandmaster dropped its leap61 in five starts out of five:\n" + gmTp);
                }
            }
            net.start(net.nsB(), dir.resolve("s.log"), noClock(io.ptp4j.testkit.Daemons.bin("ptp4l"), "-i", NetnsPair.IF_B, "-S", "-m", "-f", scfg.toString()));
            assertEquals("SLAVE", LinkFaultInteropTest.awaitState(net, net.nsB(), suds, 40, "SLAVE"));
            String tp = net.exec(net.nsB(), Duration.ofSeconds(10), noClock(io.ptp4j.testkit.LinuxptpPeer.program("pmc"), "-u", "-b", "0", "-s", suds.toString(),
                    "GET TIME_PROPERTIES_DATA_SET")).output();
            System.out.println("---- ptp4j's time properties (offset " + offset + ", crossing " + crossing + ")\n" + tp);
            assertTrue(tp.contains("currentUtcOffset      " + offset), tp);
            assertTrue(tp.contains("leap61                1"), tp);
            assertTrue(tp.contains("ptpTimescale          1"), tp);
            if (crossing) {
                long wait = (now + lead + 12) * 1000 - System.currentTimeMillis();
                if (wait > 0) Thread.sleep(wait);
                tp = net.exec(net.nsB(), Duration.ofSeconds(10), noClock(io.ptp4j.testkit.LinuxptpPeer.program("pmc"), "-u", "-b", "0", "-s", suds.toString(),
                        "GET TIME_PROPERTIES_DATA_SET", "GET PORT_DATA_SET")).output();
                System.out.println("---- after midnight\n" + tp);
                // linuxptp 4.4's free-running grandmaster has no clock to see its leap pass (see above)
                // and may keep announcing leap61 and the old offset; the client corrects both itself
                // after midnight (leap_second_status), as linuxptp does
                assertTrue(tp.contains("portState               SLAVE"), "still locked after the leap: " + tp);
            } else {
                System.out.println("no UTC midnight within 9.1 h of now (" + tod + " s into the day): leap armed, not crossed");
            }
            Thread.sleep(1000);
            List<String> log = LinkFaultInteropTest.lines(dir.resolve("s.log"));
            List<String> notes = log.stream().filter(l -> !l.startsWith("master offset") && !l.startsWith("virtual clock offset")).toList();
            System.out.println("---- ptp4j client (without offset lines)\n" + String.join("\n", notes));
            assertTrue(log.contains("updating time properties to insert leap second"), String.join("\n", notes));
            assertTrue(log.contains("updating UTC offset to " + offset), String.join("\n", notes));
            assertTrue(log.contains("clock set to insert leap second at midnight (UTC)"), String.join("\n", notes));
            if (!crossing) return;
            assertTrue(log.contains("clock update suspended due to leap second"), String.join("\n", notes));
            // the virtual clock minus this machine's clock: -offset s before the leap, -(offset + 1) s after it
            List<Long> vclock = new ArrayList<>();
            for (String l : log) {
                Matcher m = VCLOCK.matcher(l);
                if (m.find()) vclock.add(Long.parseLong(m.group(1)));
            }
            long first = vclock.get(vclock.size() / 3), last = vclock.get(vclock.size() - 1);
            System.out.printf("virtual minus realtime: %d ns before, %d ns after%n", first, last);
            assertEquals(-offset * 1_000_000_000L, first, 1_000_000, "before the leap");
            assertEquals(-(offset + 1) * 1_000_000_000L, last, 1_000_000, "after the leap: one second inserted");
            long big = log.stream().filter(l -> l.startsWith("master offset")).skip(Math.max(0, log.size() - 40))
                    .map(l -> Long.parseLong(l.replaceAll("master offset +(-?\\d+).*", "$1"))).filter(o -> Math.abs(o) > 100_000).count();
            assertEquals(0, big, "no offset over 100 us after the leap");
        }
    }
}
