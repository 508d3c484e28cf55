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
 * byte for byte (the generated files are compared with Debian's timemaster -n in the tests):
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
    private int shmSegment;
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
        for (TimemasterConfig.Source source : config.sources) {
            switch (source) {
                case NtpServer s -> ntpConfig.append(String.format(Locale.ROOT, "server %s minpoll %d maxpoll %d %s %s\n",
                        s.address, s.minpoll, s.maxpoll, s.iburst ? "iburst" : "", s.ntpOptions));
                case PtpDomain d -> addPtpDomain(d);
            }
        }
        files.set(ntpFileIndex, new ConfigFile(ntpPath, ntpConfig.toString()));
        return new Script(List.copyOf(files), List.copyOf(commands), config.restartProcesses != 0);
    }

    private void addPtpDomain(PtpDomain d) throws TimemasterException {
        int n = d.interfaces.size();
        int[] phcs = new int[n];
        for (int i = 0; i < n; i++) {
            int phc;
            try {
                phc = probe.phcIndex(d.interfaces.get(i));
            } catch (TimemasterException e) {
                throw new TimemasterException(d.interfacesWhere + e.getMessage());
            }
            phcs[i] = phc >= 0 && !allocatedPhcs.contains(phc) ? phc : -1;
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
                allocatedPhcs.add(phcs[i]);
            }
            String uds = config.rundir + "/ptp4l." + shmSegment + ".socket";
            String tag = "[" + d.domain + ":" + String.join("+", ifaces) + "]";
            String confPath = config.rundir + "/ptp4l." + shmSegment + ".conf";
            StringBuilder conf = new StringBuilder("[global]\n");
            if (!config.ptp4l.settings.isEmpty()) {
                for (String s : config.ptp4l.settings) conf.append(s).append('\n');
                conf.append("\n[global]\n");
            }
            for (String s : d.ptp4lSettings) conf.append(s).append('\n');
            conf.append("slaveOnly 1\n").append("domainNumber ").append(d.domain).append('\n')
                    .append("uds_address ").append(uds).append('\n')
                    .append("message_tag ").append(tag).append('\n');
            boolean hardware = phcs[i] >= 0;
            commands.add(new Command(hardware ? group : group++, ptp4lCommand(confPath, ifaces, hardware)));
            if (hardware) {
                commands.add(new Command(group++, phc2sysCommand(d, uds, tag)));
            } else {
                conf.append("clock_servo ntpshm\n").append("ntpshm_segment ").append(shmSegment).append('\n');
            }
            files.add(new ConfigFile(confPath, conf.toString()));
            addShmRefclock(d);
            shmSegment++;
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

    private List<String> phc2sysCommand(PtpDomain d, String uds, String tag) {
        List<String> argv = new ArrayList<>();
        argv.add(config.phc2sys.path);
        argv.addAll(config.phc2sys.options);
        int poll = d.phc2sysPoll;
        double rateHz = poll > 0 ? 1.0 / (1 << poll) : 1 << -poll;
        argv.addAll(List.of("-a", "-r", "-R", String.format(Locale.ROOT, "%.2f", rateHz), "-z", uds, "-t", tag,
                "-n", Integer.toString(d.domain), "-E", "ntpshm", "-M", Integer.toString(shmSegment)));
        return argv;
    }

    private void addShmRefclock(PtpDomain d) {
        String refid = refid("PTP", shmSegment);
        if (config.ntpProgram == NtpProgram.CHRONYD) {
            ntpConfig.append(String.format(Locale.ROOT,
                    "refclock SHM %d poll %d dpoll %d refid %s precision 1.0e-9 delay %.1e %s\n",
                    shmSegment, d.ntpPoll, d.phc2sysPoll, refid, d.delaySeconds, d.ntpOptions));
        } else {
            ntpConfig.append(String.format(Locale.ROOT, "server 127.127.28.%d minpoll %d maxpoll %d mode 1 %s\n"
                    + "fudge 127.127.28.%d refid %s\n", shmSegment, d.ntpPoll, d.ntpPoll, d.ntpOptions, shmSegment, refid));
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
