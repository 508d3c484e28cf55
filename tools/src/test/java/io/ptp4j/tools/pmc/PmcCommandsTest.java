package io.ptp4j.tools.pmc;

import static org.junit.jupiter.api.Assertions.*;

import io.ptp4j.core.management.ManagementId;
import io.ptp4j.core.management.ManagementRequest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** pmc_common.c's command language: parsing, abbreviations, SET syntax, messages. */
class PmcCommandsTest {
    /** Records what a command did. */
    static class Rec implements PmcCommands.Session {
        final StringBuilder out = new StringBuilder(), err = new StringBuilder();
        final List<String> sent = new ArrayList<>();
        String target;

        @Override
        public void stdout(String text) {
            out.append(text);
        }

        @Override
        public void stderr(String text) {
            err.append(text);
        }

        @Override
        public void send(int action, int id, byte[] data) {
            sent.add(PmcPrinter.ACTIONS[action] + " " + PmcCommands.nameOf(id) + " " + HexFormat.of().formatHex(data));
        }

        @Override
        public void target(long clock, int port) {
            target = String.format("%016x-%d", clock, port);
        }
    }

    final PmcCommands v4 = new PmcCommands(PmcDialect.LINUXPTP_4, false);
    final PmcCommands v3 = new PmcCommands(PmcDialect.LINUXPTP_3, false);

    static Rec run(PmcCommands c, String cmd, boolean ok) {
        Rec r = new Rec();
        assertEquals(ok, c.execute(cmd, r), cmd);
        return r;
    }

    @Test
    void getSendsTheZeroedDataFieldPmcSends() {
        Rec r = run(v4, "GET DEFAULT_DATA_SET", true);
        assertEquals("sending: GET DEFAULT_DATA_SET\n", r.out.toString());
        assertEquals(List.of("GET DEFAULT_DATA_SET " + "00".repeat(20)), r.sent);
        assertEquals(List.of("GET TIME_STATUS_NP " + "00".repeat(50)), run(v4, "get time_status_np", true).sent);
        Rec z = run(new PmcCommands(PmcDialect.LINUXPTP_4, true), "GET DEFAULT_DATA_SET", true);
        assertEquals(List.of("GET DEFAULT_DATA_SET "), z.sent, "-z: zero length GETs");
    }

    @Test
    void actionsAndIdsAreCaseInsensitivePrefixes() {
        assertEquals(List.of("GET PARENT_DATA_SET " + "00".repeat(32)), run(v4, "g par", true).sent);
        assertEquals("sending: GET PRIORITY1\n", run(v4, "Ge priority1", true).out.toString());
        assertEquals("id prio is too ambiguous\n", run(v4, "get prio", true).out.toString());
        // An exact name wins over longer names it prefixes (TIME vs TIME_STATUS_NP).
        assertEquals("sending: GET TIME\nsorry, TIME not supported yet\n", run(v4, "GET TIME", true).out.toString());
        assertEquals(List.of("COMMAND DISABLE_PORT "), run(v4, "CMD DISABLE_PORT", true).sent);
        assertEquals(List.of("COMMAND ENABLE_PORT "), run(v4, "co enable", true).sent);
        run(v4, "GETS PRIORITY1", false);
        run(v4, "GET NO_SUCH_THING", false);
        run(v4, "GET", false);
        run(v4, "xx", false);
    }

    @Test
    void wrongActionsGetLinuxptpsMessages() {
        Rec r = run(v4, "SET DOMAIN 3", true);
        assertEquals("sending: SET DOMAIN\n", r.out.toString());
        assertEquals("DOMAIN only allows GET\n", r.err.toString());
        assertTrue(r.sent.isEmpty());
        assertEquals("PRIORITY1 only allows GET or SET\n", run(v4, "CMD PRIORITY1", true).err.toString());
        assertEquals("ENABLE_PORT only allows COMMAND\n", run(v4, "GET ENABLE_PORT", true).err.toString());
        assertEquals("sending: SET NULL_MANAGEMENT\nnon-get actions still todo\n", run(v4, "SET NULL_MANAGEMENT", true).out.toString());
        assertEquals("sending: GET UTC_PROPERTIES\nsorry, UTC_PROPERTIES not supported yet\n", run(v4, "GET UTC_PROPERTIES", true).out.toString());
    }

    @Test
    void setArgumentsFollowPmcsScanfFormats() {
        assertEquals(List.of("SET PRIORITY1 4d00"), run(v4, "SET PRIORITY1 77", true).sent);
        assertEquals(List.of("SET PRIORITY2 ff00"), run(v4, "set priority2   255", true).sent);
        assertEquals("PRIORITY1 SET needs 1 value\n", run(v4, "SET PRIORITY1 x", true).err.toString());
        assertEquals(List.of("SET GRANDMASTER_SETTINGS_NP 06214e5d00253c20"), run(v4, "SET GRANDMASTER_SETTINGS_NP clockClass 6 "
                + "clockAccuracy 0x21 offsetScaledLogVariance 0x4e5d currentUtcOffset 37 leap61 0 leap59 0 currentUtcOffsetValid 1 "
                + "ptpTimescale 1 timeTraceable 1 frequencyTraceable 1 timeSource 0x20", true).sent);
        assertEquals("GRANDMASTER_SETTINGS_NP SET needs 11 values\n",
                run(v4, "SET GRANDMASTER_SETTINGS_NP clockClass 6 clockAccuracy 0x21", true).err.toString());
        assertEquals(List.of("SET PORT_DATA_SET_NP 000003e800000001"),
                run(v4, "SET PORT_DATA_SET_NP neighborPropDelayThresh 1000 asCapable 1", true).sent);
        assertEquals(List.of("SET SYNCHRONIZATION_UNCERTAIN_NP 0100"), run(v4, "SET SYNC 1", true).sent);
        assertEquals("\nusage: set SYNCHRONIZATION_UNCERTAIN_NP 0 (false), 1 (true), or 255 (don't care)\n\n",
                run(v4, "SET SYNC 7", true).err.toString());
        assertEquals(List.of("SET PORT_CORRECTIONS_NP " + "0000000000640000" + "ffffffffff9c0000" + "0000000000000000"),
                run(v4, "SET PORT_CORRECTIONS_NP egressLatency 100 ingressLatency -100 delayAsymmetry 0", true).sent);
        assertEquals(List.of("SET EXTERNAL_GRANDMASTER_PROPERTIES_NP 6e6886fffed369050002"),
                run(v4, "SET EXTERNAL_GRANDMASTER_PROPERTIES_NP gmIdentity 6e6886.fffe.d36905 stepsRemoved 2", true).sent);
    }

    @Test
    void subscribeEventsInBothDialects() {
        String mask4 = "0b" + "00".repeat(63);
        assertEquals(List.of("SET SUBSCRIBE_EVENTS_NP 003c" + mask4), run(v4,
                "SET SUBSCRIBE_EVENTS_NP duration 60 NOTIFY_PORT_STATE on NOTIFY_TIME_SYNC on NOTIFY_PARENT_DATA_SET off NOTIFY_CMLDS on",
                true).sent);
        assertEquals(List.of("SET SUBSCRIBE_EVENTS_NP 0005" + "00".repeat(64)), run(v4, "SET SUBSCRIBE_EVENTS_NP duration 5", true).sent,
                "linuxptp 4 needs only the duration");
        assertEquals("SUBSCRIBE_EVENTS_NP SET needs 2 values\n", run(v3, "SET SUBSCRIBE_EVENTS_NP duration 5", true).err.toString());
        assertEquals(List.of("SET SUBSCRIBE_EVENTS_NP ffff01" + "00".repeat(63)),
                run(v3, "SET SUBSCRIBE_EVENTS_NP duration 65535 NOTIFY_PORT_STATE ON", true).sent);
    }

    @Test
    void linuxptp3KnowsFewerIds() {
        run(v3, "GET PORT_SERVICE_STATS_NP", false); // "bad command" in pmc-uds.a.txt
        run(v3, "GET UNICAST_MASTER_TABLE_NP", false);
        assertEquals("sending: COMMAND DISABLE_PORT\nsorry, DISABLE_PORT not supported yet\n", run(v3, "CMD DISABLE_PORT", true).out.toString());
        assertEquals(List.of("GET PORT_SERVICE_STATS_NP " + "00".repeat(90)), run(v4, "GET PORT_SERVICE_STATS_NP", true).sent);
        assertEquals(List.of("GET PORT_STATS_NP "), run(v3, "GET PORT_STATS_NP", true).sent, "3.1.1 sends no data with this GET");
    }

    @Test
    void targetAndHelp() {
        assertEquals("6e6886fffed36905-1", run(v4, "TARGET 6e6886.fffe.d36905-1", true).target);
        assertEquals("ffffffffffffffff-65535", run(v4, "t *", true).target);
        run(v4, "TARGET 6e6886", false);
        String help = run(v3, "help", true).out.toString();
        assertTrue(help.startsWith("\n\t[action] USER_DESCRIPTION\n\t[action] DEFAULT_DATA_SET\n"), help);
        assertTrue(help.endsWith("\tThe [action] can be GET, SET, CMD, or COMMAND\n\tCommands are case insensitive and may be abbreviated.\n\n"
                + "\tTARGET [portIdentity]\n\tTARGET *\n\n"), help);
        assertEquals(28, help.lines().filter(l -> l.startsWith("\t[action] ")).count(), "pmc 3.1.1's help lists 28 ids");
        assertEquals(41, run(v4, "HE", true).out.toString().lines().filter(l -> l.startsWith("\t[action] ")).count());
        assertFalse(run(v4, "helpme", false).out.toString().contains("[action]"));
    }

    @Test
    void scanfBehavesLikeC() {
        assertEquals(List.of(255L), Scanf.scan(" x y 0xff", " %*s %*s %hhx"));
        assertEquals(List.of(44L), Scanf.scan("300", "%hhu"), "%hhu truncates like C");
        assertEquals(List.of(-1L), Scanf.scan("-1", "%d"));
        assertEquals(List.of("abc", "defgh"), Scanf.scan("abcdefgh", "%3s%64s"));
        assertEquals(List.of(1L), Scanf.scan("a 1 b x", "a %d b %d"), "stops at the first mismatch");
        assertEquals(ManagementId.PRIORITY1.id, 0x2005);
        assertEquals(3, ManagementRequest.COMMAND);
    }
}
