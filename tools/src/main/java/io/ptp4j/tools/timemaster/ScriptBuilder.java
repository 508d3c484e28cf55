package io.ptp4j.tools.timemaster;

import io.ptp4j.tools.timemaster.Script.Command;
import io.ptp4j.tools.timemaster.Script.ConfigFile;
import io.ptp4j.tools.timemaster.TimemasterConfig.NtpProgram;
import io.ptp4j.tools.timemaster.TimemasterConfig.NtpServer;
import io.ptp4j.tools.timemaster.TimemasterConfig.Program;
import io.ptp4j.tools.timemaster.TimemasterConfig.PtpDomain;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns a configuration into a {@link Script}, following linuxptp 3.1.1 timemaster.c script_create
 * byte for byte (the generated files are compared with Debian's timemaster -n in the tests), or
 * with {@code linuxptp_version 4.4} linuxptp 4.4's (clientOnly and uds_ro_address in the ptp4l
 * configs; for chronyd, SOCK refclocks at rundir/chrony.SOCKn fed by ptp4l's or phc2sys's
 * refclock_sock servo; files numbered from 0 whatever first_shm_segment):
 * <ul>
 * <li>the NTP daemon (group 0) with [chrony.conf]/[ntp.conf] lines, then one line per source;
 * <li>per PTP domain, interfaces sharing a PHC are merged into one ptp4l (-H) plus a phc2sys
 * feeding NTP SHM segment N (one restart group); an interface with only software timestamps
 * gets its own ptp4l -S whose servo is "ntpshm" writing segment N directly;
 * <li>a PHC already used by an earlier source is not used again (its interfaces fall back to the
 * software path, as in linuxptp);
 * <li>each ptp4l gets rundir/ptp4l.N.conf and answers management on rundir/ptp4l.N.socket.
 * </ul>
 */
public final class ScriptBuilder {
    private final TimemasterConfig config;
    private final TimestampProbe probe;
    private final List<ConfigFile> files = new ArrayList<>();
    private final List<Command> commands = new ArrayList<>();
    private final Set<Integer> allocatedPhcs = new HashSet<>();
    private final StringBuilder ntpConfig = new StringBuilder();
    private int shmSegment; // linuxptp 3.1.1: counts from first_shm_segment, names everything
    private int refclockId; // linuxptp 4.4: counts from 0, names the files; the SHM segment is first_shm_segment + it
    private int group;

    private ScriptBuilder(TimemasterConfig config, TimestampProbe probe) {
        this.config = config;
        this.probe = probe;
    }

    public static Script build(TimemasterConfig config, TimestampProbe probe) throws TimemasterException {
        return new ScriptBuilder(config, probe).build();
    }

    private Script build() throws TimemasterException {
        boolean chrony = config.ntpProgram == NtpProgram.CHRONYD;
        Program ntp = chrony ? config.chronyd : config.ntpd;
        for (String s : ntp.settings) ntpConfig.append(s).append('\n');
        String ntpPath = config.rundir + (chrony ? "/chrony.conf" : "/ntp.conf");
        List<String> argv = new ArrayList<>();
        argv.add(ntp.path);
        argv.addAll(ntp.options);
        argv.addAll(List.of("-n", chrony ? "-f" : "-c", ntpPath));
        commands.add(new Command(group++, argv));
        int ntpFileIndex = files.size();
        files.add(null); // content known after all sources
        shmSegment = config.firstShmSegment;
        refclockId = 0;
        for (TimemasterConfig.Source source : config.sources) {
            switch (source) {
                case NtpServer s -> ntpConfig.append(String.format(Locale.ROOT, "server %s minpoll %d maxpoll %d %s %s\n",
                        s.address, s.minpoll, s.maxpoll, s.iburst ? "iburst" : "", s.ntpOptions));
                case PtpDomain d -> addPtpDomain(d);
            }
        }
        files.set(ntpFileIndex, new ConfigFile(ntpPath, ntpConfig.toString()));
        return new Script(List.copyOf(files), List.copyOf(commands), config.restartProcesses != 0, config.linuxptp44);
    }

    /**
     * ptp4j: a domain whose ptp4l disciplines ptp4j's virtual clock ({@code virtual_clock 1} in
     * [ptp4l.conf] or a ptp4l_option) takes the hardware path with that clock standing in for the
     * PHC: one ptp4l with software timestamps for all its interfaces, and a phc2sys that finds the
     * virtual clock next to ptp4l's socket and feeds the NTP daemon.
     */
    private boolean virtualPhc(PtpDomain d) {
        List<String> all = new ArrayList<>(config.ptp4l.settings);
        all.addAll(d.ptp4lSettings);
        boolean on = false;
        for (String s : all) {
            String[] w = s.trim().split("\\s+");
            if (w.length == 2 && w[0].equals("virtual_clock")) on = w[1].equals("1");
        }
        return on;
    }

    private void addPtpDomain(PtpDomain d) throws TimemasterException {
        int n = d.interfaces.size();
        int[] phcs = new int[n];
        boolean virtual = virtualPhc(d);
        for (int i = 0; i < n; i++) {
            int phc;
            try {
                phc = virtual ? Integer.MIN_VALUE : probe.phcIndex(d.interfaces.get(i));
            } catch (TimemasterException e) {
                throw new TimemasterException(d.interfacesWhere + e.getMessage());
            }
            phcs[i] = virtual ? Integer.MAX_VALUE : phc >= 0 && !allocatedPhcs.contains(phc) ? phc : -1;
        }
        for (int i = 0; i < n; i++) {
            if (phcs[i] == -2) continue; // merged into an earlier ptp4l of this domain
            List<String> ifaces = new ArrayList<>(List.of(d.interfaces.get(i)));
            if (phcs[i] >= 0) {
                for (int j = i + 1; j < n; j++) {
                    if (phcs[j] == phcs[i]) {
                        ifaces.add(d.interfaces.get(j));
                        phcs[j] = -2;
                    }
                }
                if (!virtual) allocatedPhcs.add(phcs[i]);
            }
            boolean v44 = config.linuxptp44;
            int id = v44 ? refclockId : shmSegment, shm = v44 ? refclockId + config.firstShmSegment : shmSegment;
            String uds = config.rundir + "/ptp4l." + id + ".socket";
            String tag = "[" + d.domain + ":" + String.join("+", ifaces) + "]";
            String confPath = config.rundir + "/ptp4l." + id + ".conf";
            StringBuilder conf = new StringBuilder("[global]\n");
            if (!config.ptp4l.settings.isEmpty()) {
                for (String s : config.ptp4l.settings) conf.append(s).append('\n');
                conf.append("\n[global]\n");
            }
            for (String s : d.ptp4lSettings) conf.append(s).append('\n');
            conf.append(v44 ? "clientOnly 1\n" : "slaveOnly 1\n").append("domainNumber ").append(d.domain).append('\n')
                    .append("uds_address ").append(uds).append('\n');
            if (v44) conf.append("uds_ro_address ").append(config.rundir).append("/ptp4lro.").append(id).append(".socket\n");
            conf.append("message_tag ").append(tag).append('\n');
            boolean hardware = phcs[i] >= 0;
            String sock = config.rundir + "/chrony.SOCK" + id;
            boolean chrony = config.ntpProgram == NtpProgram.CHRONYD;
            commands.add(new Command(hardware ? group : group++, ptp4lCommand(confPath, ifaces, hardware && !virtual)));
            if (hardware) {
                commands.add(new Command(group++, phc2sysCommand(d, uds, tag, v44 && chrony ? sock : null, shm)));
            } else if (v44 && chrony) {
                conf.append("clock_servo refclock_sock\n").append("refclock_sock_address ").append(sock).append('\n');
            } else {
                conf.append("clock_servo ntpshm\n").append("ntpshm_segment ").append(shm).append('\n');
            }
            files.add(new ConfigFile(confPath, conf.toString()));
            addRefclock(d, id, shm, v44 && chrony ? sock : null);
            shmSegment++;
            refclockId++;
        }
    }

    private List<String> ptp4lCommand(String confPath, List<String> ifaces, boolean hardware) {
        List<String> argv = new ArrayList<>();
        argv.add(config.ptp4l.path);
        argv.addAll(config.ptp4l.options);
        argv.addAll(List.of("-f", confPath, hardware ? "-H" : "-S"));
        for (String i : ifaces) argv.addAll(List.of("-i", i));
        return argv;
    }

    /** phc2sys -a -r for one ptp4l: into chrony's SOCK refclock {@code sock} (linuxptp 4.4), else into SHM segment {@code shm}. */
    private List<String> phc2sysCommand(PtpDomain d, String uds, String tag, String sock, int shm) {
        List<String> argv = new ArrayList<>();
        argv.add(config.phc2sys.path);
        argv.addAll(config.phc2sys.options);
        int poll = d.phc2sysPoll;
        double rateHz = poll > 0 ? 1.0 / (1 << poll) : 1 << -poll;
        argv.addAll(List.of("-a", "-r", "-R", String.format(Locale.ROOT, "%.2f", rateHz), "-z", uds, "-t", tag,
                "-n", Integer.toString(d.domain), "-E"));
        if (sock != null) argv.addAll(List.of("refclock_sock", "--refclock_sock_address", sock));
        else argv.addAll(List.of("ntpshm", "-M", Integer.toString(shm)));
        return argv;
    }

    /** The source's line in the NTP daemon's configuration: SOCK (4.4 with chronyd) or SHM refclock, ntpd's 127.127.28.N. */
    private void addRefclock(PtpDomain d, int id, int shm, String sock) {
        String refid = refid("PTP", id);
        if (sock != null) {
            // linuxptp 4.4: filter = the samples expected per poll
            int filter = d.ntpPoll >= d.phc2sysPoll ? 1 << (d.ntpPoll - d.phc2sysPoll) : 1;
            ntpConfig.append(String.format(Locale.ROOT, "refclock SOCK %s poll %d filter %d refid %s precision 1.0e-9 delay %.1e %s\n",
                    sock, d.ntpPoll, filter, refid, d.delaySeconds, d.ntpOptions));
        } else if (config.ntpProgram == NtpProgram.CHRONYD) {
            ntpConfig.append(String.format(Locale.ROOT,
                    "refclock SHM %d poll %d dpoll %d refid %s precision 1.0e-9 delay %.1e %s\n",
                    shm, d.ntpPoll, d.phc2sysPoll, refid, d.delaySeconds, d.ntpOptions));
        } else {
            ntpConfig.append(String.format(Locale.ROOT, "server 127.127.28.%d minpoll %d maxpoll %d mode 1 %s\n"
                    + "fudge 127.127.28.%d refid %s\n", shm, d.ntpPoll, d.ntpPoll, d.ntpOptions, shm, refid));
        }
    }

    /** Four-character reference id: the prefix cut to leave room for the number (timemaster.c get_refid). */
    static String refid(String prefix, int number) {
        if (number >= 0 && number < 10) return prefix.substring(0, Math.min(3, prefix.length())) + number;
        if (number >= 10 && number < 100) return prefix.substring(0, 2) + number;
        if (number >= 100 && number < 1000) return prefix.substring(0, 1) + number;
        return "(null)"; // what glibc prints for linuxptp's NULL refid
    }
}
