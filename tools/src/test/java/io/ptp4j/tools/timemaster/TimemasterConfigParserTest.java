package io.ptp4j.tools.timemaster;

import static org.junit.jupiter.api.Assertions.*;

import io.ptp4j.tools.config.ConfigException;
import io.ptp4j.tools.timemaster.TimemasterConfig.NtpServer;
import io.ptp4j.tools.timemaster.TimemasterConfig.PtpDomain;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** timemaster's config format: values, defaults, case-insensitivity, and errors with file:line and linuxptp's words. */
class TimemasterConfigParserTest {
    @Test
    void readsEverySection() throws Exception {
        TimemasterConfig c = TimemasterConfigParser.parse("t.conf", """
                # comment
                [TimeMaster]
                ntp_program NTPD
                rundir /run/x
                first_shm_segment 0x10
                restart_processes 0
                [ntp_server 192.0.2.1]
                minpoll 3
                MAXPOLL 5
                iburst 1
                ntp_options prefer  key 2
                [ptp_domain 4]
                interfaces eth9 eth8
                interfaces ptp4jnone0   ptp4jnone1
                delay 3e-6
                ntp_poll -1
                phc2sys_poll 1
                ptp4l_option   logSyncInterval -3
                ntp_options noselect
                [ntp.conf]
                >[raw]
                   tinker panic 0
                [ptp4l]
                path /opt/ptp4l
                options -l 7   -m
                [phc2sys]
                options
                """);
        assertEquals(TimemasterConfig.NtpProgram.NTPD, c.ntpProgram);
        assertEquals("/run/x", c.rundir);
        assertEquals(16, c.firstShmSegment);
        assertEquals(0, c.restartProcesses);
        NtpServer s = (NtpServer) c.sources.get(0);
        assertEquals(List.of("192.0.2.1", 3, 5, true, "prefer  key 2"), List.of(s.address, s.minpoll, s.maxpoll, s.iburst, s.ntpOptions));
        PtpDomain d = (PtpDomain) c.sources.get(1);
        assertEquals(4, d.domain);
        assertEquals(List.of("ptp4jnone0", "ptp4jnone1"), d.interfaces, "a later interfaces line replaces the list");
        assertEquals(3e-6, d.delaySeconds);
        assertEquals(-1, d.ntpPoll);
        assertEquals(1, d.phc2sysPoll);
        assertEquals(List.of("logSyncInterval -3"), d.ptp4lSettings);
        assertEquals("noselect", d.ntpOptions);
        assertEquals(List.of("[raw]", "tinker panic 0"), c.ntpd.settings, "'>' unescaped, lines trimmed");
        assertEquals("/opt/ptp4l", c.ptp4l.path);
        assertEquals(List.of("-l", "7", "-m"), c.ptp4l.options);
        assertEquals(List.of(), c.phc2sys.options, "an empty options line clears the defaults");
        assertEquals(List.of("makestep 1 3"), c.chronyd.settings, "default kept when no [chrony.conf]");
    }

    @Test
    void defaultsAreLinuxptps() throws Exception {
        TimemasterConfig c = TimemasterConfigParser.parse("t", "[ntp_server a]\n[ptp_domain 0]\ninterfaces lo\n");
        NtpServer s = (NtpServer) c.sources.get(0);
        PtpDomain d = (PtpDomain) c.sources.get(1);
        assertEquals(List.of(6, 10, false), List.of(s.minpoll, s.maxpoll, s.iburst));
        assertEquals(List.of(2, 0, 1e-4), List.of(d.ntpPoll, d.phc2sysPoll, d.delaySeconds));
        assertEquals("/var/run/timemaster", c.rundir);
        assertEquals(List.of("-l", "5"), c.ptp4l.options);
        assertEquals(List.of("-l", "5"), c.phc2sys.options);
        assertEquals(TimemasterConfig.NtpProgram.CHRONYD, c.ntpProgram);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "[foo]|t.conf:1: unknown section foo",
        "minpoll 3|t.conf:1: settings outside section",
        "[ptp_domain x]\\ninterfaces lo|t.conf:1: invalid ptp_domain number x",
        "[ptp_domain 1]\\ndelay 1|t.conf:1: no interfaces specified for ptp_domain 1",
        "\\n\\n[ntp_server]|t.conf:3: missing address for ntp_server",
        "[ntp_server a]\\nbogus 1|t.conf:2: unknown ntp_server setting bogus",
        "[ntp_server a]\\n# c\\nminpoll x|t.conf:3: invalid value x for minpoll",
        "[ntp_server a]\\niburst 2|t.conf:2: invalid value 2 for iburst",
        "[ntp_server a]\\nmaxpoll 99999999999|t.conf:2: invalid value 99999999999 for maxpoll",
        "[ptp_domain 0]\\ninterfaces lo\\ndelay 1e-4x|t.conf:3: invalid value 1e-4x for delay",
        "[ptp_domain 0]\\ninterfaces lo\\nfoo 1|t.conf:3: unknown ptp_domain setting foo",
        "[timemaster]\\nntp_program foo|t.conf:2: unknown ntp program foo",
        "[timemaster]\\nuser ptp|t.conf:2: unknown timemaster setting user",
        "[chronyd]\\nfoo 1|t.conf:2: unknown program setting foo",
    })
    void badInputNamesFileLineAndReason(String text, String message) {
        ConfigException e = assertThrows(ConfigException.class,
                () -> TimemasterConfigParser.parse("t.conf", text.replace("\\n", "\n")));
        assertEquals(message, e.getMessage());
    }

    @Test
    void missingFileSaysSo() {
        ConfigException e = assertThrows(ConfigException.class, () -> TimemasterConfigParser.parse(Path.of("/nonexistent/tm.conf")));
        assertEquals("failed to open /nonexistent/tm.conf: No such file or directory", e.getMessage());
    }

    @Test
    void integersFollowStrtol() {
        assertEquals(16, TimemasterConfigParser.parseInt("0x10"));
        assertEquals(8, TimemasterConfigParser.parseInt("010"));
        assertEquals(-3, TimemasterConfigParser.parseInt("-3"));
        assertNull(TimemasterConfigParser.parseInt("--3"));
        assertNull(TimemasterConfigParser.parseInt("3x"));
        assertNull(TimemasterConfigParser.parseInt(""));
    }
}
