package io.ptp4j.tools.timemaster;

import java.util.ArrayList;
import java.util.List;

/**
 * A parsed timemaster configuration file (linuxptp 3.1.1 timemaster.c: struct timemaster_config):
 * the time sources in file order, which NTP daemon to run, where to put generated files, and the
 * path, options and extra settings of each program. Defaults are linuxptp's.
 */
public final class TimemasterConfig {
    /** ntp_program: the NTP daemon timemaster generates a configuration for and runs. */
    public enum NtpProgram { CHRONYD, NTPD }

    /** A source in a [ntp_server ADDRESS] or [ptp_domain N] section. */
    public sealed interface Source permits NtpServer, PtpDomain {}

    /** [ntp_server ADDRESS]: an NTP server line in the generated NTP configuration. */
    public static final class NtpServer implements Source {
        public final String address;
        public int minpoll = 6;
        public int maxpoll = 10;
        public boolean iburst;
        public String ntpOptions = "";

        NtpServer(String address) {
            this.address = address;
        }
    }

    /** [ptp_domain N]: a ptp4l (and phc2sys with hardware timestamps) per PHC, an SHM refclock each. */
    public static final class PtpDomain implements Source {
        public final int domain;
        /** ntp_poll: log2 seconds chronyd/ntpd polls the SHM refclock. */
        public int ntpPoll = 2;
        /** phc2sys_poll: log2 seconds between phc2sys updates (-R 2^-poll Hz). */
        public int phc2sysPoll = 0;
        /** delay: seconds, the refclock's assumed maximum error (chrony's delay option). */
        public double delaySeconds = 1e-4;
        public List<String> interfaces = new ArrayList<>();
        /** "file:line" of the interfaces setting, to name it in errors found later (no timestamps). */
        public String interfacesWhere = "";
        /** ptp4l_option lines, copied into the [global] section of the generated ptp4l config. */
        public final List<String> ptp4lSettings = new ArrayList<>();
        public String ntpOptions = "";

        PtpDomain(int domain) {
            this.domain = domain;
        }
    }

    /** [chronyd], [ntpd], [phc2sys], [ptp4l]: the program to run, its options, extra config lines. */
    public static final class Program {
        public String path;
        public List<String> options;
        /** Lines of [chrony.conf], [ntp.conf] or [ptp4l.conf] ('>' unescaped). */
        public List<String> settings;

        Program(String path, List<String> options, List<String> settings) {
            this.path = path;
            this.options = new ArrayList<>(options);
            this.settings = new ArrayList<>(settings);
        }
    }

    public final List<Source> sources = new ArrayList<>();
    public NtpProgram ntpProgram = NtpProgram.CHRONYD;
    public String rundir = "/var/run/timemaster";
    public int firstShmSegment = 0;
    public int restartProcesses = 1;
    /**
     * linuxptp_version 4.4 (ptp4j): generate what linuxptp 4.4's timemaster does (clientOnly,
     * uds_ro_address, chrony SOCK refclocks fed by the refclock_sock servos); 3.1.1 (the default)
     * generates 3.1.1's SHM refclocks.
     */
    public boolean linuxptp44;
    public final Program chronyd = new Program("chronyd", List.of(), List.of("makestep 1 3"));
    public final Program ntpd = new Program("ntpd", List.of(),
            List.of("restrict default nomodify notrap nopeer noquery", "restrict 127.0.0.1", "restrict ::1"));
    public final Program phc2sys = new Program("phc2sys", List.of("-l", "5"), List.of());
    public final Program ptp4l = new Program("ptp4l", List.of("-l", "5"), List.of());
}
