package io.ptp4j.tools.doctor;

import io.ptp4j.tools.ops.TimeProcess;
import io.ptp4j.linux.ethtool.TsInfo;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The doctor's checks, each a function of what was observed (so tests feed fakes). Thresholds:
 * with hardware timestamps a healthy client holds rms offset below {@link #HW_RMS_OK_NANOS}
 * (linuxptp on a direct link or through PTP-aware switches reaches tens of ns); with software
 * timestamps a few microseconds is normal.
 */
public final class Checks {
    public static final double HW_RMS_OK_NANOS = 100;
    public static final double HW_RMS_WARN_NANOS = 1_000;
    public static final double SW_RMS_OK_NANOS = 10_000;
    public static final double SW_RMS_WARN_NANOS = 100_000;

    private Checks() {}

    /** Hardware timestamping capabilities and a PHC on each interface (ethtool -T). */
    public static Finding timestamping(String iface, Probes.TsInfoProbe probe, boolean daemonWantsHardware) {
        TsInfo info;
        try {
            info = probe.query(iface);
        } catch (IOException e) {
            return Finding.error("timestamping", iface + ": cannot read its timestamping capabilities (" + e.getMessage() + ")",
                    "check the interface name ('ip link'); the doctor needs the interface ptp4l uses");
        }
        if (info.hardwareUsable() && info.phcIndex() >= 0)
            return Finding.ok("timestamping", iface + ": hardware timestamps and a PTP hardware clock (/dev/ptp" + info.phcIndex() + ")");
        boolean hardwareBits = (info.soTimestamping() & 0x45) == 0x45; // hardware-transmit, -receive, -raw-clock
        if (hardwareBits)
            return Finding.warn("timestamping", iface + ": hardware timestamps but no PTP hardware clock index",
                    "the driver reports no PHC; update the NIC driver/firmware, or use software timestamping (ptp4l -S)");
        if (info.softwareUsable()) {
            String what = iface + ": software timestamps only (expect about 1 us, not tens of ns)";
            return daemonWantsHardware
                    ? Finding.error("timestamping", what + ", but ptp4l is configured for hardware timestamps",
                            "run ptp4l with -S (time_stamping software), or move PTP to a NIC with hardware timestamping")
                    : Finding.warn("timestamping", what, "for sub-microsecond accuracy use a NIC with hardware timestamping ('ptp4j ts-info " + iface + "')");
        }
        return Finding.error("timestamping", iface + ": no usable timestamping at all",
                "this interface cannot carry PTP; pick another one ('ptp4j ts-info IFACE' shows what each can do)");
    }

    /** Other time daemons and duplicate PTP daemons, and whether timemaster manages them. */
    public static List<Finding> timeDaemons(List<TimeProcess> procs, Map<Long, DaemonConfig> configs) {
        List<Finding> out = new ArrayList<>();
        List<TimeProcess> ntp = procs.stream().filter(p -> List.of("chronyd", "ntpd", "openntpd", "systemd-timesyncd").contains(p.kind())).toList();
        List<TimeProcess> phc2sys = procs.stream().filter(p -> p.kind().equals("phc2sys")).toList();
        List<TimeProcess> ptp4l = procs.stream().filter(p -> p.kind().equals("ptp4l")).toList();
        boolean ptpSteersRealtime = !phc2sys.isEmpty() || ptp4l.stream().anyMatch(p -> {
            DaemonConfig c = configs.get(p.pid());
            return c != null && !c.hardwareTimestamping() && !c.leavesClocksAlone();
        });
        for (TimeProcess n : ntp) {
            if (n.kind().equals("chronyd") && n.args().contains("-x")) {
                out.add(Finding.ok("time-daemons", n.label() + " runs with -x: it never adjusts the clock"));
            } else if (n.underTimemaster()) {
                out.add(Finding.ok("time-daemons", n.label() + " is managed by timemaster"));
            } else if (ptpSteersRealtime) {
                out.add(Finding.error("time-daemons", n.label() + " and PTP both adjust CLOCK_REALTIME: they will fight",
                        n.kind().equals("systemd-timesyncd") ? "run 'timedatectl set-ntp false', or let timemaster run both"
                                : "stop " + n.kind() + " (systemctl disable --now " + n.kind() + "), or let timemaster combine NTP and PTP"));
            } else {
                out.add(Finding.info("time-daemons", n.label() + " adjusts CLOCK_REALTIME; no PTP process does so now",
                        "fine while PTP only disciplines the NIC clock; stop it before running phc2sys -r or a software-timestamping ptp4l"));
            }
        }
        // two ptp4l on one interface (in one network namespace) fight over it; elsewhere they may be deliberate
        boolean shared = false;
        for (int i = 0; i < ptp4l.size(); i++) {
            for (int j = i + 1; j < ptp4l.size(); j++) {
                TimeProcess pa = ptp4l.get(i), pb = ptp4l.get(j);
                DaemonConfig a = configs.get(pa.pid()), b = configs.get(pb.pid());
                if (a == null || b == null || !java.util.Objects.equals(pa.netns(), pb.netns())) continue;
                List<String> both = a.interfaces().stream().filter(b.interfaces()::contains).toList();
                if (both.isEmpty()) continue;
                shared = true;
                out.add(Finding.error("time-daemons", pa.label() + " and " + pb.label() + " both run on " + String.join(", ", both),
                        "stop one of them: two ptp4l on one interface answer each other's messages and steer the same clock"));
            }
        }
        if (!shared && ptp4l.size() > 1) {
            out.add(Finding.info("time-daemons", ptp4l.size() + " ptp4l processes run, on different interfaces or network namespaces: "
                    + String.join(", ", ptp4l.stream().map(TimeProcess::label).toList()),
                    "fine for separate NICs or domains; make sure no two discipline the same PHC"));
        }
        if (phc2sys.size() > 1 && phc2sys.stream().noneMatch(TimeProcess::underTimemaster)) {
            out.add(Finding.warn("time-daemons", phc2sys.size() + " phc2sys processes are running",
                    "run one phc2sys (phc2sys -a -r handles every PHC ptp4l uses)"));
        }
        if (out.isEmpty()) out.add(Finding.ok("time-daemons", ntp.isEmpty() ? "no NTP daemon competes for the clocks" : "no conflicts"));
        return out;
    }

    /** Is ptp4l running (on the interface asked about)? */
    public static Finding ptp4lRunning(TimeProcess p, DaemonConfig c, String iface) {
        if (p == null) {
            return Finding.error("ptp4l", "no ptp4l is running" + (iface == null ? "" : " on " + iface),
                    "start it, e.g. 'ptp4l -i " + (iface == null ? "IFACE" : iface) + " -m' (or its systemd unit)");
        }
        String where = c.interfaces().isEmpty() ? "" : " on " + String.join(", ", c.interfaces());
        String file = c.file() == null ? "" : ", config " + c.file();
        if (c.problem() != null)
            return Finding.warn("ptp4l", p.label() + where + file + "; its configuration: " + c.problem(), "fix the file it was started with");
        return Finding.ok("ptp4l", p.label() + where + file + (p.underTimemaster() ? " (started by timemaster)" : ""));
    }

    /** The port states ptp4l reports; with free_running the servo never locks, so UNCALIBRATED is the client's resting state. */
    public static Finding portState(Ptp4lStatus s, boolean freeRunning) {
        List<String> states = s.portStates();
        List<String> named = new ArrayList<>();
        for (int i = 0; i < states.size(); i++) named.add("port " + (i + 1) + " " + states.get(i));
        String list = String.join(", ", named);
        if (states.contains("FAULTY"))
            return Finding.error("port-state", list, "a faulty port usually means the link is down or TX timestamps time out: check 'ip link' and the ptp4l log");
        if (states.contains("SLAVE"))
            return Finding.ok("port-state", list + "; grandmaster " + s.gmIdentity() + ", " + s.stepsRemoved() + " step(s) away");
        if (states.contains("UNCALIBRATED") && freeRunning)
            return Finding.info("port-state", list + ": a master was chosen; free_running keeps the servo unlocked, so the port stays here",
                    "expected with free_running 1; remove it to let ptp4l steer the clock and reach SLAVE");
        if (states.contains("UNCALIBRATED"))
            return Finding.warn("port-state", list + ": a master was chosen but the clock is not locked yet", "wait a few seconds; if it stays, look for 'clockcheck' or step messages in the log");
        if (states.stream().anyMatch(x -> x.equals("MASTER") || x.equals("GRAND_MASTER") || x.equals("PASSIVE")))
            return Finding.info("port-state", list + ": this node serves time (it is the best clock it can hear)",
                    "right for a grandmaster; on a client it means no better master is heard: check cabling, domainNumber and transport");
        return Finding.warn("port-state", list + ": no master heard",
                "check that the master runs on the same domainNumber and network transport (-2/-4/-6), and that multicast passes the switch");
    }

    /** Offset (time error) against the thresholds; rms from the metrics when given, else from the samples. */
    public static Finding offset(Ptp4lStatus s, boolean hardware, boolean freeRunning, Double metricsRmsNanos) {
        return offset(s, hardware, freeRunning, metricsRmsNanos, null);
    }

    /** As above; {@code metricsMaxNanos} is the same window's max |offset| (ptp4j_max_offset_ns). */
    public static Finding offset(Ptp4lStatus s, boolean hardware, boolean freeRunning, Double metricsRmsNanos, Double metricsMaxNanos) {
        boolean slave = s.portStates().contains("SLAVE") || s.portStates().contains("UNCALIBRATED");
        if (!slave) return Finding.info("offset", "no offset to judge: no port is a client", "");
        double rms = metricsRmsNanos != null ? metricsRmsNanos : s.offsetRmsNanos();
        if (Double.isNaN(rms)) return Finding.warn("offset", "ptp4l gave no offset samples", "check that ptp4l's servo is running (its log shows 'master offset' lines)");
        String src = metricsRmsNanos != null ? "rms over the last summary window (metrics)" : "rms of " + s.offsetSamplesNanos().size() + " samples";
        double max = metricsRmsNanos != null && metricsMaxNanos != null ? metricsMaxNanos : s.offsetMaxAbsNanos();
        String text = String.format(Locale.ROOT, "offset %s %.0f ns, max |offset| %.0f ns, mean path delay %d ns", src, rms, max, s.meanPathDelayNanos());
        if (freeRunning) return Finding.info("offset", text + " (free_running: measured, not corrected)", "");
        double ok = hardware ? HW_RMS_OK_NANOS : SW_RMS_OK_NANOS, warn = hardware ? HW_RMS_WARN_NANOS : SW_RMS_WARN_NANOS;
        String kind = hardware ? "hardware" : "software";
        if (rms < ok) return Finding.ok("offset", text + String.format(Locale.ROOT, " (healthy for %s timestamps: < %.0f ns)", kind, ok));
        String fix = hardware ? "look for non-PTP switches on the path (add boundary/transparent clocks), network load, or a wrong delay_mechanism"
                : "software timestamps vary with CPU load; use hardware timestamping for better results";
        return rms < warn ? Finding.warn("offset", text + String.format(Locale.ROOT, " (above %.0f ns)", ok), fix)
                : Finding.error("offset", text + String.format(Locale.ROOT, " (far above %.0f ns)", ok), fix);
    }

    /** With hardware timestamps ptp4l steers the NIC's clock; without phc2sys the system clock never hears of it. */
    public static Finding phc2sys(DaemonConfig c, List<TimeProcess> procs) {
        boolean running = procs.stream().anyMatch(p -> p.kind().equals("phc2sys"));
        if (!c.hardwareTimestamping())
            return Finding.ok("phc2sys", "software timestamping: ptp4l " + (c.leavesClocksAlone() ? "measures the system clock (free_running)"
                    : "steers the system clock itself") + "; phc2sys is not needed");
        if (running) return Finding.ok("phc2sys", "phc2sys is running: the NIC clock is copied to the system clock");
        if (c.leavesClocksAlone())
            return Finding.info("phc2sys", "no phc2sys, and ptp4l runs free_running/virtual_clock: no real clock is steered", "");
        return Finding.warn("phc2sys", "ptp4l disciplines the NIC's PTP hardware clock, but no phc2sys copies it to CLOCK_REALTIME "
                + "(the NIC lives in a bubble: applications still see an unsynchronised system clock)",
                "run 'phc2sys -a -r' (or 'phc2sys -s " + (c.interfaces().isEmpty() ? "IFACE" : c.interfaces().get(0)) + " -c CLOCK_REALTIME -w')");
    }

    /** A non-zero correctionField in Sync/Follow_Up means a transparent clock on the path (from ptp4j's metrics). */
    public static Finding transparentClocks(Map<String, Double> metrics) {
        if (metrics == null)
            return Finding.info("transparent-clock", "unknown whether the path has transparent clocks",
                    "run ptp4j's ptp4l with metrics_port N (or --metrics-port N) so the doctor can read the correctionField it sees");
        Double corr = metrics.get("ptp4j_sync_correction_ns");
        Double count = metrics.get("ptp4j_corrected_syncs_total");
        if (corr == null)
            return Finding.info("transparent-clock", "the metrics do not include the correctionField (an older ptp4j?)", "");
        if (corr != 0 || (count != null && count > 0))
            return Finding.ok("transparent-clock", String.format(Locale.ROOT,
                    "transparent clock(s) on the path: Sync/Follow_Up carry a correctionField (last %.0f ns)", corr));
        return Finding.info("transparent-clock", "no transparent clock seen (correctionField 0)",
                "fine on a direct link or behind boundary clocks; ordinary switches add delay variation PTP cannot measure");
    }

    /** A client node should never become grandmaster: clientOnly 1 (-s) or priority1 255. */
    public static Finding clientSettings(DaemonConfig c, Ptp4lStatus s) {
        boolean client = s == null || s.portStates().contains("SLAVE") || s.portStates().contains("UNCALIBRATED");
        int clientOnly = c.config().getInt("clientOnly");
        int priority1 = c.config().getInt("priority1");
        if (clientOnly == 1) return Finding.ok("client-settings", "clientOnly 1: this node never becomes master");
        if (priority1 == 255) return Finding.ok("client-settings", "priority1 255: this node cannot win the BMCA against a real master");
        if (!client) return Finding.ok("client-settings", "priority1 " + priority1 + ", clientOnly 0: suitable for a node that may serve time");
        return Finding.warn("client-settings", "this client has priority1 " + priority1 + " and clientOnly 0: if the grandmaster disappears it may take over and serve its own time",
                "on client nodes set 'clientOnly 1' (ptp4l -s) or 'priority1 255' in " + (c.file() == null ? "the config file" : c.file()));
    }

    /** Prometheus text: the first sample's value of each metric name (the doctor looks at one ptp4l port). */
    public static Map<String, Double> parseMetrics(String text) {
        Map<String, Double> m = new java.util.LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (line.isEmpty() || line.startsWith("#")) continue;
            int brace = line.indexOf('{');
            int space = line.lastIndexOf(' ');
            if (space < 0) continue;
            String name = brace > 0 && brace < space ? line.substring(0, brace) : line.substring(0, space);
            try {
                m.putIfAbsent(name, Double.parseDouble(line.substring(space + 1)));
            } catch (NumberFormatException e) {
                // NaN/Inf spelled differently: skip
            }
        }
        return m;
    }
}
