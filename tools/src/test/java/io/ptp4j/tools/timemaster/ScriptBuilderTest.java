package io.ptp4j.tools.timemaster;

import static org.junit.jupiter.api.Assertions.*;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Generated files and commands, compared with Debian's linuxptp 3.1.1 `timemaster -n` (see resources/timemaster/README.md). */
class ScriptBuilderTest {
    static String resource(String name) throws Exception {
        try (InputStream in = ScriptBuilderTest.class.getResourceAsStream("/timemaster/" + name)) {
            assertNotNull(in, name);
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    /** lo has software timestamps only; anything else is unknown to this fake kernel. */
    static final TimestampProbe LO_ONLY = iface -> {
        if (iface.equals("lo")) return -1;
        throw new TimemasterException("failed to get time stamping info for " + iface);
    };

    @ParameterizedTest
    @ValueSource(strings = {"chronyd", "ntpd", "segments", "debian"})
    void dryRunMatchesLinuxptp(String name) throws Exception {
        Script s = ScriptBuilder.build(TimemasterConfigParser.parse(name + ".conf", resource(name + ".conf")), LO_ONLY);
        assertEquals(resource(name + ".expected"), s.dryRunText());
    }

    @Test
    void restartProcessesZeroDisablesRestarts() throws Exception {
        assertFalse(ScriptBuilder.build(TimemasterConfigParser.parse("s", resource("segments.conf")), LO_ONLY).restartGroups());
        assertTrue(ScriptBuilder.build(TimemasterConfigParser.parse("c", resource("chronyd.conf")), LO_ONLY).restartGroups());
    }

    /**
     * Hardware timestamping (no PHC on this machine, so a fake kernel; text derived from timemaster.c
     * add_ptp_source): interfaces sharing PHC 0 get one ptp4l -H plus a phc2sys writing SHM, in one
     * restart group; a software-only interface gets ptp4l -S with the ntpshm servo; a PHC already
     * used by an earlier ptp4l falls back to software.
     */
    @Test
    void hardwareInterfacesShareOnePtp4lAndAPhc2sys() throws Exception {
        Map<String, Integer> phcs = Map.of("ptp4jhw0", 0, "ptp4jhw1", 0, "ptp4jsw0", -1, "ptp4jhw2", 0);
        String conf = """
                [timemaster]
                rundir /run/hw
                [ptp_domain 0]
                interfaces ptp4jhw0 ptp4jsw0 ptp4jhw1
                phc2sys_poll 2
                [ptp_domain 1]
                interfaces ptp4jhw2
                [ptp4l.conf]
                tx_timestamp_timeout 10
                [phc2sys]
                path /opt/ptp4j/bin/phc2sys
                """;
        Script s = ScriptBuilder.build(TimemasterConfigParser.parse("hw.conf", conf), phcs::get);
        assertEquals("""
                /run/hw/chrony.conf:

                makestep 1 3
                refclock SHM 0 poll 2 dpoll 2 refid PTP0 precision 1.0e-9 delay 1.0e-04\s
                refclock SHM 1 poll 2 dpoll 2 refid PTP1 precision 1.0e-9 delay 1.0e-04\s
                refclock SHM 2 poll 2 dpoll 0 refid PTP2 precision 1.0e-9 delay 1.0e-04\s

                /run/hw/ptp4l.0.conf:

                [global]
                tx_timestamp_timeout 10

                [global]
                slaveOnly 1
                domainNumber 0
                uds_address /run/hw/ptp4l.0.socket
                message_tag [0:ptp4jhw0+ptp4jhw1]

                /run/hw/ptp4l.1.conf:

                [global]
                tx_timestamp_timeout 10

                [global]
                slaveOnly 1
                domainNumber 0
                uds_address /run/hw/ptp4l.1.socket
                message_tag [0:ptp4jsw0]
                clock_servo ntpshm
                ntpshm_segment 1

                /run/hw/ptp4l.2.conf:

                [global]
                tx_timestamp_timeout 10

                [global]
                slaveOnly 1
                domainNumber 1
                uds_address /run/hw/ptp4l.2.socket
                message_tag [1:ptp4jhw2]
                clock_servo ntpshm
                ntpshm_segment 2

                commands:

                [0] chronyd -n -f /run/hw/chrony.conf\s
                [1] ptp4l -l 5 -f /run/hw/ptp4l.0.conf -H -i ptp4jhw0 -i ptp4jhw1\s
                [1] /opt/ptp4j/bin/phc2sys -l 5 -a -r -R 0.25 -z /run/hw/ptp4l.0.socket -t [0:ptp4jhw0+ptp4jhw1] -n 0 -E ntpshm -M 0\s
                [2] ptp4l -l 5 -f /run/hw/ptp4l.1.conf -S -i ptp4jsw0\s
                [3] ptp4l -l 5 -f /run/hw/ptp4l.2.conf -S -i ptp4jhw2\s
                """, s.dryRunText());
        assertEquals(List.of(0, 1, 1, 2, 3), s.commands().stream().map(Script.Command::group).toList());
    }

    @Test
    void interfaceWithoutTimestampsNamesTheSettingLine() throws Exception {
        TimemasterConfig c = TimemasterConfigParser.parse("t.conf", "[ptp_domain 0]\n\ninterfaces ptp4jnone0\n");
        TimemasterException e = assertThrows(TimemasterException.class, () -> ScriptBuilder.build(c, LO_ONLY));
        assertEquals("t.conf:3: failed to get time stamping info for ptp4jnone0", e.getMessage());
    }

    @Test
    void refidsShortenThePrefixForLongerNumbers() {
        assertEquals("PTP7", ScriptBuilder.refid("PTP", 7));
        assertEquals("PT42", ScriptBuilder.refid("PTP", 42));
        assertEquals("P123", ScriptBuilder.refid("PTP", 123));
        assertEquals("(null)", ScriptBuilder.refid("PTP", 1000));
    }

    @Test
    void phc2sysRateFollowsPoll() throws Exception {
        TimemasterConfig c = TimemasterConfigParser.parse("r", "[ptp_domain 3]\ninterfaces ptp4jhw0\nphc2sys_poll -3\n");
        Script s = ScriptBuilder.build(c, i -> 1);
        assertTrue(s.commands().get(2).text().contains(" -R 8.00 "), s.commands().get(2).text());
    }

    /**
     * linuxptp_version 4.4 on the hardware path (text from 4.4's timemaster.c add_ptp_source and
     * get_phc2sys_command): phc2sys feeds chrony's SOCK refclock with the refclock_sock servo, or
     * for ntpd SHM segment first_shm_segment + n; files are numbered from 0.
     */
    @Test
    void linuxptp44HardwarePathFeedsSockOrShm() throws Exception {
        Map<String, Integer> phcs = Map.of("ptp4jhw0", 0, "ptp4jsw0", -1);
        String conf = """
                [timemaster]
                linuxptp_version 4.4
                ntp_program %s
                rundir /run/hw
                first_shm_segment 4
                [ptp_domain 2]
                interfaces ptp4jhw0 ptp4jsw0
                phc2sys_poll -2
                """;
        Script chrony = ScriptBuilder.build(TimemasterConfigParser.parse("hw.conf", conf.formatted("chronyd")), phcs::get);
        String t = chrony.dryRunText();
        assertTrue(t.contains("refclock SOCK /run/hw/chrony.SOCK0 poll 2 filter 16 refid PTP0 precision 1.0e-9 delay 1.0e-04 \n"), t);
        assertTrue(t.contains("[1] phc2sys -l 5 -a -r -R 4.00 -z /run/hw/ptp4l.0.socket -t [2:ptp4jhw0] -n 2 -E refclock_sock "
                + "--refclock_sock_address /run/hw/chrony.SOCK0 \n"), t);
        assertTrue(t.contains("[1] ptp4l -l 5 -f /run/hw/ptp4l.0.conf -H -i ptp4jhw0 \n"), t);
        assertTrue(t.contains("clientOnly 1\ndomainNumber 2\nuds_address /run/hw/ptp4l.1.socket\nuds_ro_address /run/hw/ptp4lro.1.socket\n"
                + "message_tag [2:ptp4jsw0]\nclock_servo refclock_sock\nrefclock_sock_address /run/hw/chrony.SOCK1\n"), t);
        Script ntpd = ScriptBuilder.build(TimemasterConfigParser.parse("hw.conf", conf.formatted("ntpd")), phcs::get);
        t = ntpd.dryRunText();
        assertTrue(t.contains("-n 2 -E ntpshm -M 4 \n"), t);
        assertTrue(t.contains("server 127.127.28.4 minpoll 2 maxpoll 2 mode 1 \nfudge 127.127.28.4 refid PTP0\n"), t);
        assertTrue(t.contains("clock_servo ntpshm\nntpshm_segment 5\n"), t);
    }

    /** ptp4j: virtual_clock 1 stands in for a PHC: one ptp4l -S for the domain's interfaces, and its phc2sys. */
    @Test
    void virtualClockStandsInForThePhc() throws Exception {
        String conf = """
                [timemaster]
                rundir /run/v
                [ptp_domain 0]
                interfaces vB vC
                ptp4l_option virtual_clock 1
                """;
        TimestampProbe none = iface -> {
            throw new TimemasterException("the stand-in needs no probe: " + iface);
        };
        String t = ScriptBuilder.build(TimemasterConfigParser.parse("v.conf", conf), none).dryRunText();
        assertTrue(t.contains("[1] ptp4l -l 5 -f /run/v/ptp4l.0.conf -S -i vB -i vC \n"), t);
        assertTrue(t.contains("[1] phc2sys -l 5 -a -r -R 1.00 -z /run/v/ptp4l.0.socket -t [0:vB+vC] -n 0 -E ntpshm -M 0 \n"), t);
        assertTrue(t.contains("virtual_clock 1\nslaveOnly 1\n"), t);
        assertFalse(t.contains("clock_servo"), t);
    }
}
