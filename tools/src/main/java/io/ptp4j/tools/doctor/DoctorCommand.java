package io.ptp4j.tools.doctor;

import io.ptp4j.tools.json.Json;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ptp4j doctor [-i IFACE]... [--json] [--uds PATH] [--samples N]}: checks a machine's PTP
 * setup and prints each finding with a severity and a fix. Exit code: the worst severity (0 ok,
 * 1 info, 2 warn, 3 error); 4 for a bad command line.
 */
public final class DoctorCommand {
    static final String USAGE = "usage: ptp4j doctor [-i IFACE]... [--json] [--uds PATH] [--samples N]\n"
            + "  checks timestamping, competing time daemons, ptp4l's state and offset, phc2sys, client settings\n"
            + "  exit code: worst finding (0 ok, 1 info, 2 warn, 3 error)";

    private DoctorCommand() {}

    public static int run(String[] args, PrintStream out, PrintStream err) {
        List<String> ifaces = new ArrayList<>();
        boolean json = false;
        String uds = null;
        Path proc = Path.of("/proc");
        int samples = 5;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "-i", "--interface" -> ifaces.add(value(args, ++i, args[i - 1]));
                    case "--json" -> json = true;
                    case "--uds", "-s" -> uds = value(args, ++i, args[i - 1]);
                    case "--samples" -> {
                        samples = Integer.parseInt(value(args, ++i, "--samples"));
                        if (samples < 1 || samples > 100) throw new IllegalArgumentException("--samples: must be 1..100");
                    }
                    case "--proc" -> proc = Path.of(value(args, ++i, "--proc"));
                    case "-h", "--help" -> {
                        out.println(USAGE);
                        return 0;
                    }
                    default -> throw new IllegalArgumentException("unknown argument '" + args[i] + "'");
                }
            }
        } catch (IllegalArgumentException e) {
            err.println("doctor: " + e.getMessage() + "\n" + USAGE);
            return 4;
        }
        Doctor d = new Doctor(proc, ProcessHandle.current().pid(), Probes.tsInfo(), Probes.management(samples, 400), Probes.http());
        List<Finding> findings = d.run(ifaces, uds);
        Severity worst = Doctor.worst(findings);
        out.print(json ? json(findings, worst) : text(findings, worst));
        return worst.exitCode();
    }

    static String text(List<Finding> findings, Severity worst) {
        StringBuilder sb = new StringBuilder("ptp4j doctor\n\n");
        for (Finding f : findings) {
            sb.append(String.format("  %-7s %-18s %s%n", "[" + f.severity().label() + "]", f.check(), f.summary()));
            if (!f.fix().isEmpty() && f.severity() != Severity.OK) sb.append(String.format("  %-7s %-18s fix: %s%n", "", "", f.fix()));
        }
        sb.append("\nworst: ").append(worst.label()).append(" (exit ").append(worst.exitCode()).append(")\n");
        return sb.toString();
    }

    /** {"worst":"warn","exitCode":2,"findings":[{"check":...,"severity":...,"summary":...,"fix":...}]} */
    static String json(List<Finding> findings, Severity worst) {
        StringBuilder sb = new StringBuilder("{\"worst\":\"").append(worst.label()).append("\",\"exitCode\":").append(worst.exitCode())
                .append(",\"findings\":[");
        for (int i = 0; i < findings.size(); i++) {
            Finding f = findings.get(i);
            if (i > 0) sb.append(',');
            sb.append("{\"check\":");
            Json.string(sb, f.check());
            sb.append(",\"severity\":\"").append(f.severity().label()).append("\",\"summary\":");
            Json.string(sb, f.summary());
            sb.append(",\"fix\":");
            Json.string(sb, f.fix());
            sb.append('}');
        }
        return sb.append("]}\n").toString();
    }

    private static String value(String[] args, int i, String opt) {
        if (i >= args.length) throw new IllegalArgumentException(opt + " needs a value");
        return args[i];
    }
}
