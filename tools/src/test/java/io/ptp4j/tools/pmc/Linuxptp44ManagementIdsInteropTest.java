package io.ptp4j.tools.pmc;

import static io.ptp4j.testkit.Daemons.bin;
import static io.ptp4j.testkit.Daemons.noClock;
import static io.ptp4j.tools.pmc.PmcInteropTest.pmc;
import static io.ptp4j.tools.pmc.PmcInteropTest.waitFor;
import static org.junit.jupiter.api.Assertions.*;

import io.ptp4j.testkit.NetnsPair;
import io.ptp4j.testkit.LinuxptpPeer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every management id linuxptp 4.4's pmc knows, against both daemons and with both pmcs. linuxptp
 * 4.4's ptp4l and ptp4j's run side by side on the same veth end of a namespace this test creates,
 * with the same configuration (the same clockIdentity, serverOnly, free_running, under setpriv
 * without CAP_SYS_TIME), so that their answers are equal wherever the values do not move:
 * <ol>
 * <li>linuxptp 4.4's pmc gets the same answers (field names, formats, values) from ptp4j's ptp4l
 *     as from its own, for every GET it offers, then for every SET it allows, then GETs again;
 * <li>ptp4j's pmc prints against linuxptp 4.4's ptp4l exactly what linuxptp 4.4's pmc prints,
 *     "sending:" lines included.
 * </ol>
 * Values that move between two queries (offsets, times, counters, a subscription's seconds left)
 * are masked.
 */
@Tag("interop")
class Linuxptp44ManagementIdsInteropTest {
    /** Every GET linuxptp 4.4's pmc offers (pmc_common.c idtab: do_get_action, do_set_action, null_management). */
    static final List<String> GETS = List.of("USER_DESCRIPTION", "DEFAULT_DATA_SET", "CURRENT_DATA_SET", "PARENT_DATA_SET",
            "TIME_PROPERTIES_DATA_SET", "PRIORITY1", "PRIORITY2", "DOMAIN", "SLAVE_ONLY", "CLOCK_ACCURACY", "TRACEABILITY_PROPERTIES",
            "TIMESCALE_PROPERTIES", "ALTERNATE_TIME_OFFSET_ENABLE", "ALTERNATE_TIME_OFFSET_NAME", "ALTERNATE_TIME_OFFSET_PROPERTIES",
            "MASTER_ONLY", "TIME_STATUS_NP", "GRANDMASTER_SETTINGS_NP", "SUBSCRIBE_EVENTS_NP", "SYNCHRONIZATION_UNCERTAIN_NP",
            "NULL_MANAGEMENT", "CLOCK_DESCRIPTION", "PORT_DATA_SET", "LOG_ANNOUNCE_INTERVAL", "ANNOUNCE_RECEIPT_TIMEOUT",
            "LOG_SYNC_INTERVAL", "VERSION_NUMBER", "DELAY_MECHANISM", "LOG_MIN_PDELAY_REQ_INTERVAL", "PORT_DATA_SET_NP",
            "PORT_PROPERTIES_NP", "PORT_STATS_NP", "PORT_SERVICE_STATS_NP", "UNICAST_MASTER_TABLE_NP", "PORT_HWCLOCK_NP",
            "POWER_PROFILE_SETTINGS_NP", "CMLDS_INFO_NP").stream().map(id -> "GET " + id).toList();

    /** Every SET linuxptp 4.4's pmc allows (do_set_action), with values. */
    static final List<String> SETS = List.of("SET PRIORITY1 77", "SET PRIORITY2 99",
            "SET ALTERNATE_TIME_OFFSET_NAME keyField 0 displayName CET",
            "SET ALTERNATE_TIME_OFFSET_PROPERTIES keyField 0 currentOffset 3563 jumpSeconds 3600 timeOfNextJump 1774746000",
            "SET ALTERNATE_TIME_OFFSET_ENABLE keyField 0 enable 1",
            "SET GRANDMASTER_SETTINGS_NP clockClass 6 clockAccuracy 0x21 offsetScaledLogVariance 0x4e5d currentUtcOffset 37 "
                    + "leap61 0 leap59 0 currentUtcOffsetValid 1 ptpTimescale 1 timeTraceable 1 frequencyTraceable 1 timeSource 0x20",
            "SET SUBSCRIBE_EVENTS_NP duration 60 NOTIFY_PORT_STATE on NOTIFY_TIME_SYNC off NOTIFY_PARENT_DATA_SET on NOTIFY_CMLDS on",
            "SET SYNCHRONIZATION_UNCERTAIN_NP 1", "SET PORT_DATA_SET_NP neighborPropDelayThresh 1000 asCapable 1",
            "SET POWER_PROFILE_SETTINGS_NP version 2 grandmasterID 0xbeef grandmasterTimeInaccuracy 7 networkTimeInaccuracy 8 "
                    + "totalTimeInaccuracy 1500");

    static final Pattern MOVING = Pattern.compile("\t\t(offsetFromMaster|meanPathDelay|master_offset|ingress_time|rx_\\w+|tx_\\w+|duration"
            + "|announce_timeout|sync_timeout|delay_timeout|unicast_service_timeout|unicast_request_timeout|master_announce_timeout"
            + "|master_sync_timeout|qualification_timeout) +");

    /**
     * The transcript as text to compare: the "sending:" lines first (pmc prints them as it sends,
     * interleaved with answers as they happen to arrive), then the answers in order, moving values
     * masked.
     */
    static String masked(String out) {
        StringBuilder sending = new StringBuilder(), answers = new StringBuilder();
        for (String l : out.split("\n")) {
            var m = MOVING.matcher(l);
            String line = m.lookingAt() ? m.group() + "*" : l.replaceFirst(" seq \\d+ ", " seq N ");
            (l.startsWith("sending: ") ? sending : answers).append(line).append('\n');
        }
        return sending + "----\n" + answers;
    }

    /** Equal texts, or a failure naming the first line that differs. */
    static void assertSameText(String expected, String actual, String what) {
        String[] e = expected.split("\n", -1), a = actual.split("\n", -1);
        for (int i = 0; i < Math.max(e.length, a.length); i++) {
            String x = i < e.length ? e[i] : "(end)", y = i < a.length ? a[i] : "(end)";
            if (!x.equals(y)) fail(what + ": line " + (i + 1) + " differs\n  expected: " + x + "\n  actual:   " + y + "\nactual text:\n" + actual);
        }
    }

    static String config(Path dir, String name) {
        return "[global]\nclockIdentity 020000.fffe.0000aa\nserverOnly 1\nfree_running 1\nuse_syslog 0\nlogSyncInterval -2\n"
                + "uds_address " + dir.resolve(name + ".uds") + "\nuds_ro_address " + dir.resolve(name + ".ro") + "\n";
    }

    @Test
    @Timeout(180)
    void everyIdLinuxptp44KnowsAnsweredAsLinuxptp44Answers(@TempDir Path dir) throws Exception {
        String theirPtp4l = LinuxptpPeer.program("ptp4l"), theirPmc = LinuxptpPeer.program("pmc");
        Files.writeString(dir.resolve("l.cfg"), config(dir, "l"));
        Files.writeString(dir.resolve("j.cfg"), config(dir, "j"));
        Path l = dir.resolve("l.uds"), j = dir.resolve("j.uds");
        try (NetnsPair net = NetnsPair.create()) {
            net.start(net.nsA(), dir.resolve("l.log"), noClock(theirPtp4l, "-i", NetnsPair.IF_A, "-S", "-m", "-f", dir.resolve("l.cfg").toString()));
            net.start(net.nsA(), dir.resolve("j.log"), noClock(bin("ptp4l"), "-i", NetnsPair.IF_A, "-S", "-m", "-f", dir.resolve("j.cfg").toString()));
            waitFor(l, dir.resolve("l.log"), "assuming the grand master role");
            waitFor(j, dir.resolve("j.log"), "assuming the grand master role");
            List<String> on44 = List.of(theirPmc, "-u", "-b", "0", "-s", l.toString());
            List<String> onJ = List.of(theirPmc, "-u", "-b", "0", "-s", j.toString());
            List<String> ptp4jPmcOn44 = List.of(bin("pmc"), "-u", "-b", "0", "-s", l.toString());

            // 1. linuxptp 4.4's pmc: GETs, then SETs, then GETs, against both daemons
            for (List<String> commands : List.of(GETS, SETS, GETS)) {
                String theirs = pmc(net, net.nsA(), on44, commands), mine = pmc(net, net.nsA(), onJ, commands);
                System.out.println("---- linuxptp 4.4 pmc -> ptp4j ptp4l (head)\n" + mine.lines().limit(24).reduce("", (a, b) -> a + b + "\n"));
                assertFalse(theirs.contains("MANAGEMENT_ERROR_STATUS"), theirs);
                assertSameText(masked(theirs), masked(mine), "linuxptp 4.4's pmc: 4.4's ptp4l expected, ptp4j's actual");
            }
            String after = pmc(net, net.nsA(), onJ, List.of("GET ALTERNATE_TIME_OFFSET_PROPERTIES", "GET POWER_PROFILE_SETTINGS_NP"));
            assertTrue(after.contains("\t\ttimeOfNextJump 1774746000\n"), after);
            assertTrue(after.contains("\t\ttotalTimeInaccuracy       1500\n"), after);

            // 2. ptp4j's pmc against linuxptp 4.4's ptp4l prints what linuxptp 4.4's pmc prints
            List<String> all = new ArrayList<>(GETS);
            all.addAll(SETS);
            String theirs = pmc(net, net.nsA(), on44, all), mine = pmc(net, net.nsA(), ptp4jPmcOn44, all);
            System.out.println("---- ptp4j pmc -> linuxptp 4.4 ptp4l (tail)\n" + mine.lines().skip(Math.max(0, mine.lines().count() - 30))
                    .reduce("", (a, b) -> a + b + "\n"));
            assertSameText(masked(theirs), masked(mine), "against 4.4's ptp4l: 4.4's pmc expected, ptp4j's pmc actual");

            // 3. --linuxptp=4.4: 4.4's command table too (help, ids it does not support, prefixes)
            List<String> table = List.of("help", "CMD ENABLE_PORT", "CMD DISABLE_PORT", "GET ALTERNATE_TIME_OFFSET_MAX_KEY", "GET TIME",
                    "GET PORT_S", "GET POWER", "GET CMLDS");
            List<String> ptp4jPmc44 = new ArrayList<>(ptp4jPmcOn44);
            ptp4jPmc44.add(1, "--linuxptp=4.4");
            theirs = pmc(net, net.nsA(), on44, table);
            mine = pmc(net, net.nsA(), ptp4jPmc44, table);
            assertTrue(theirs.contains("sorry, ENABLE_PORT not supported yet\n"), theirs);
            assertSameText(masked(theirs), masked(mine), "4.4's command table: 4.4's pmc expected, ptp4j's pmc --linuxptp=4.4 actual");
        }
    }
}
