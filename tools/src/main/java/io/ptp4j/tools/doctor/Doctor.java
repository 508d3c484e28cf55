package io.ptp4j.tools.doctor;

import io.ptp4j.tools.ops.ProcScanner;
import io.ptp4j.tools.ops.TimeProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the checklist: processes from the proc tree, each interface's timestamping, then the
 * chosen ptp4l (the one on {@code iface}, else the first found) over its management socket and,
 * for ptp4j's ptp4l with metrics_port, its metrics. Every probe is injected.
 */
public final class Doctor {
    private final ProcScanner scanner;
    private final long selfPid;
    private final Probes.TsInfoProbe tsInfo;
    private final Probes.Ptp4lProbe ptp4l;
    private final Probes.MetricsProbe metrics;

    public Doctor(Path procRoot, long selfPid, Probes.TsInfoProbe tsInfo, Probes.Ptp4lProbe ptp4l, Probes.MetricsProbe metrics) {
        this.scanner = new ProcScanner(procRoot);
        this.selfPid = selfPid;
        this.tsInfo = tsInfo;
        this.ptp4l = ptp4l;
        this.metrics = metrics;
    }

    /**
     * @param ifaces interfaces asked about (-i); empty: those of the ptp4l found
     * @param udsOverride --uds, or null for the daemon's uds_address
     */
    public List<Finding> run(List<String> ifaces, String udsOverride) {
        List<Finding> out = new ArrayList<>();
        List<TimeProcess> procs;
        try {
            procs = scanner.scan(selfPid);
        } catch (IOException e) {
            out.add(Finding.error("processes", "cannot read the process list: " + e.getMessage(), "run the doctor on the host itself, with /proc mounted"));
            procs = List.of();
        }
        Map<Long, DaemonConfig> configs = new HashMap<>();
        for (TimeProcess p : procs) if (p.kind().equals("ptp4l")) configs.put(p.pid(), DaemonConfig.of(p));
        // the ptp4l asked about: on the interface given, in the doctor's own network namespace first
        String ownNetns = scanner.selfNetns();
        TimeProcess target = null;
        for (int pass = 0; pass < 2 && target == null; pass++) {
            for (TimeProcess p : procs) {
                if (!p.kind().equals("ptp4l")) continue;
                if (pass == 0 && ownNetns != null && !ownNetns.equals(p.netns())) continue;
                if (ifaces.isEmpty() || configs.get(p.pid()).interfaces().stream().anyMatch(ifaces::contains)) {
                    target = p;
                    break;
                }
            }
        }
        if (target != null && ownNetns != null && target.netns() != null && !ownNetns.equals(target.netns())) {
            out.add(Finding.info("netns", target.label() + " runs in another network namespace (" + target.netns() + ")",
                    "run the doctor inside it ('ip netns exec NAME ptp4j doctor') to check its interfaces and metrics"));
        }
        DaemonConfig cfg = target == null ? null : configs.get(target.pid());
        List<String> checked = !ifaces.isEmpty() ? ifaces : cfg != null ? cfg.interfaces() : List.of();
        if (checked.isEmpty()) {
            out.add(Finding.info("timestamping", "no interface to check", "name one with -i IFACE"));
        }
        for (String i : checked) out.add(Checks.timestamping(i, tsInfo, cfg != null && cfg.hardwareTimestamping()));
        out.addAll(Checks.timeDaemons(procs, configs));
        out.add(Checks.ptp4lRunning(target, cfg, ifaces.isEmpty() ? null : ifaces.get(0)));
        if (target == null && udsOverride == null) return out;
        String uds = udsOverride != null ? udsOverride : cfg.config().getString("uds_address");
        if (udsOverride != null && cfg != null && !udsOverride.equals(cfg.config().getString("uds_address"))) {
            out.add(Finding.info("management", "asking " + udsOverride + ", which is not the uds_address of " + target.label()
                    + " (" + cfg.config().getString("uds_address") + "): state and offset below are that daemon's",
                    "leave out --uds to check the ptp4l found on the interface"));
        }
        int domain = cfg == null ? 0 : cfg.config().getInt("domainNumber");
        Ptp4lStatus status = null;
        try {
            status = ptp4l.query(uds, domain);
        } catch (IOException e) {
            out.add(Finding.error("management", "ptp4l does not answer on its management socket " + uds + ": " + e.getMessage(),
                    "run the doctor as root (the socket is root's), or pass --uds with ptp4l's uds_address"));
        }
        Map<String, Double> m = null;
        int metricsPort = cfg == null || target == null || !target.ptp4j() ? 0 : cfg.config().getInt("metrics_port");
        if (metricsPort > 0) {
            try {
                m = Checks.parseMetrics(metrics.scrape(metricsPort));
            } catch (IOException e) {
                out.add(Finding.info("metrics", "cannot read ptp4l's metrics on 127.0.0.1:" + metricsPort + ": " + e.getMessage(),
                        "run the doctor in ptp4l's network namespace"));
            }
        }
        if (status != null) {
            out.add(Checks.portState(status, cfg != null && cfg.config().getInt("free_running") == 1));
            boolean hw = cfg == null || cfg.hardwareTimestamping();
            Double rms = m == null ? null : m.get("ptp4j_offset_rms_ns");
            Double max = m == null ? null : m.get("ptp4j_max_offset_ns");
            out.add(Checks.offset(status, hw, cfg != null && cfg.leavesClocksAlone(), rms, max));
        }
        if (cfg != null) {
            out.add(Checks.phc2sys(cfg, procs));
            out.add(Checks.transparentClocks(m));
            out.add(Checks.clientSettings(cfg, status));
        }
        return out;
    }

    public static Severity worst(List<Finding> findings) {
        Severity w = Severity.OK;
        for (Finding f : findings) if (f.severity().compareTo(w) > 0) w = f.severity();
        return w;
    }
}
