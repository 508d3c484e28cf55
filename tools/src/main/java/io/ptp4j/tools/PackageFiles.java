package io.ptp4j.tools;

import io.ptp4j.tools.cli.BashCompletion;
import io.ptp4j.tools.cli.ManPage;
import io.ptp4j.tools.cli.OptionTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The files of the Debian package that are rendered from the commands' tables: a man page for
 * every command (section 8 for linuxptp's, section 1 for ptp4j and each of its subcommands, as
 * ptp4j-NAME) and one bash completion script. {@code java io.ptp4j.tools.PackageFiles DIR}
 * writes DIR/man/man8/*.8, DIR/man/man1/*.1 and DIR/bash-completion/ptp4j; scripts/package calls it, and
 * PackageFilesTest keeps the copy in packaging/ equal to what this renders.
 */
public final class PackageFiles {
    private PackageFiles() {}

    /** linuxptp's commands, installed in /usr/sbin under their own names. */
    static final List<String> LINUXPTP = List.of("ptp4l", "phc2sys", "pmc", "phc_ctl", "hwstamp_ctl", "timemaster", "ts2phc", "nsm", "tz2alt");

    /** The package's commands and what each says beyond its one-line summary. */
    private static String description(String name) {
        return switch (name) {
            case "ptp4l" -> "ptp4j's implementation of linuxptp's ptp4l, an IEEE 1588 Precision Time Protocol daemon: "
                    + "ordinary, boundary and transparent clocks over UDPv4, UDPv6 and IEEE 802.3, E2E and P2P delay "
                    + "measurement, hardware or software timestamps. It reads linuxptp's configuration files and "
                    + "options unchanged and prints linuxptp's log lines.\n\n"
                    + "Management (GET, SET, COMMAND) is answered on the UDS socket uds_address and, read-only, on "
                    + "uds_ro_address; see pmc(8).";
            case "phc2sys" -> "ptp4j's implementation of linuxptp's phc2sys: synchronizes one clock (the system clock, "
                    + "a PTP hardware clock, a ptp4j virtual clock) to another, either as told (-s, -c) or following "
                    + "ptp4l's port states (-a).";
            case "pmc" -> "ptp4j's implementation of linuxptp's PTP management client: sends GET, SET and CMD "
                    + "management messages to ptp4l (ptp4j's or linuxptp's) over its UDS socket or the network, and "
                    + "prints the answers in linuxptp's words. Commands come from the command line, or one per line "
                    + "from standard input.\n\n"
                    + "Every configuration key of ptp4l(8) is also accepted as --KEY VAL.";
            case "phc_ctl" -> "ptp4j's implementation of linuxptp's phc_ctl: reads and adjusts a PTP hardware clock "
                    + "directly. It never changes CLOCK_REALTIME.";
            case "hwstamp_ctl" -> "ptp4j's implementation of linuxptp's hwstamp_ctl: shows an interface's hardware "
                    + "timestamping settings and, with -t or -r, changes them (SIOCGHWTSTAMP, SIOCSHWTSTAMP).";
            case "timemaster" -> "ptp4j's implementation of linuxptp's timemaster: reads one configuration of NTP "
                    + "servers and PTP domains, generates the configuration of chronyd or ntpd and of one ptp4l per "
                    + "domain, starts them with phc2sys where needed, and restarts what dies.";
            case "ts2phc" -> "ptp4j's implementation of linuxptp's ts2phc: disciplines PTP hardware clocks to a 1-PPS "
                    + "signal (a generic source, NMEA time of day, or another PHC) read from the clocks' external "
                    + "timestamp channels.";
            case "ptp4j" -> "ptp4j is an IEEE 1588 Precision Time Protocol stack for Linux in Java, a drop-in for "
                    + "linuxptp's ptp4l, phc2sys, pmc, phc_ctl, hwstamp_ctl, timemaster, ts2phc, nsm and tz2alt, which are "
                    + "installed as commands of their own. The ptp4j command runs its other tools, each described in "
                    + "a page of its own (ptp4j-sim(1), ...); ptp4j help lists them.";
            case "sim" -> "Runs a scenario (scenarios/*.toml: nodes with oscillator errors, links with delay, jitter, "
                    + "asymmetry and loss, switches, faults at given times) in virtual time with the very engine "
                    + "ptp4l runs, prints one node's ptp4l lines and a summary of every node's true time error, and "
                    + "exits 1 when the scenario's pass criteria fail.";
            case "demo" -> "A simulated network (a grandmaster, a boundary clock, two clients behind a plain switch) "
                    + "converging live in the terminal: no root, no PTP hardware.";
            case "decode" -> "Prints every PTP message of a pcapng capture, one line or one JSON object each; packets "
                    + "that do not decode are shown as such and counted.";
            case "doctor" -> "Checks a machine's PTP setup and prints each finding with a severity and a fix: "
                    + "timestamping capabilities, other time daemons adjusting the same clock, ptp4l's port state and "
                    + "offset, phc2sys, client settings. Run it as root to see every process.";
            case "plot" -> "Draws ptp4l or phc2sys logs (linuxptp's or ptp4j's; text, syslog or JSON) as one SVG of "
                    + "offset, path delay and frequency over time.";
            case "ts-info" -> "Shows what ethtool -T shows for an interface (ETHTOOL_GET_TS_INFO) and a verdict: "
                    + "which ptp4l time stamping mode fits.";
            case "clockbound" -> "Reads a ClockBound shared-memory segment (protocol version 2) as an application "
                    + "does through ptp4j-time: the interval [earliest, latest] that holds the true time, and the "
                    + "clock status; with --rate, many reads a second, each judged against CLOCK_REALTIME when the "
                    + "segment describes a ptp4j virtual clock disciplined against a master on this machine's clock.";
            case "nsm" -> "ptp4j's implementation of linuxptp's nsm, the NetSync Monitor client: asks a ptp4l with "
                    + "net_sync_monitor 1 for one unicast exchange and prints the measured offset and the data sets "
                    + "that came with it.";
            case "tz2alt" -> "ptp4j's implementation of linuxptp's tz2alt: reads a time zone's offsets from tzdata and "
                    + "sets them into ptp4l as ALTERNATE_TIME_OFFSET_* over management, ahead of each change.";
            case "config-keys" -> "Lists every configuration key ptp4l, phc2sys, ts2phc and pmc accept, with its "
                    + "scope, type, default and range (the same table as ptp4l(8)).";
            default -> "A command of ptp4j(1).";
        };
    }

    private static List<String> files(String name) {
        return switch (name) {
            case "ptp4l" -> List.of("/etc/ptp4j/ptp4l.conf", "the configuration ptp4l@.service reads (ptp4l -f)",
                    "/var/run/ptp/ptp4l", "the default management socket (uds_address)");
            case "pmc", "phc2sys" -> List.of("/var/run/ptp/ptp4l", "ptp4l's default management socket");
            case "timemaster" -> List.of("/etc/ptp4j/timemaster.conf", "the configuration timemaster.service reads");
            default -> List.of();
        };
    }

    /** Every page: its file name (ptp4l.8, ptp4j-sim.1) and its text. */
    public static Map<String, String> manPages() {
        Map<String, String> pages = new LinkedHashMap<>();
        Map<String, String> summaries = Main.descriptions();
        for (String name : LINUXPTP) {
            List<String> see = new ArrayList<>();
            for (String other : LINUXPTP) if (!other.equals(name)) see.add(other + "(8)");
            see.add("ptp4j(1)");
            pages.put(name + ".8", new ManPage(name, 8, name, summaries.get(name), description(name), Main.optionTable(name),
                    name.equals("ptp4l"), files(name), see).render());
        }
        List<String> subSee = new ArrayList<>();
        for (String sub : subcommands().keySet()) subSee.add("ptp4j-" + sub + "(1)");
        pages.put("ptp4j.1", new ManPage("ptp4j", 1, "ptp4j", "IEEE 1588 PTP for Linux: ptp4j's own tools",
                description("ptp4j"), ptp4jTable(), false, List.of(), subSee).render());
        for (Map.Entry<String, OptionTable> e : subcommands().entrySet()) {
            pages.put("ptp4j-" + e.getKey() + ".1", new ManPage("ptp4j-" + e.getKey(), 1, "ptp4j " + e.getKey(),
                    summaries.get(e.getKey()), description(e.getKey()), e.getValue(), false, List.of(), List.of("ptp4j(1)")).render());
        }
        return pages;
    }

    /** The bash completion script for every command. */
    public static String bashCompletion() {
        Map<String, OptionTable> tools = new LinkedHashMap<>();
        for (String name : LINUXPTP) tools.put(name, Main.optionTable(name));
        return BashCompletion.render(tools, subcommands());
    }

    /** ptp4j's subcommands that have a table (every one but version), by name. */
    static Map<String, OptionTable> subcommands() {
        Map<String, OptionTable> subs = new TreeMap<>();
        for (String name : Main.descriptions().keySet()) {
            if (LINUXPTP.contains(name) || name.equals("version")) continue;
            subs.put(name, Main.optionTable(name));
        }
        return subs;
    }

    /** ptp4j's own command line: a command name (the registry's), then that command's arguments. */
    private static OptionTable ptp4jTable() {
        OptionTable.Builder b = OptionTable.builder("COMMAND [ARGS...]").section("commands", 14);
        Main.descriptions().forEach(b::operand);
        b.operand("help", "lists the commands (also -h, --help)");
        return b.trailer("");
    }

    /** Writes DIR/man/man8, DIR/man/man1 and DIR/bash-completion/ptp4j. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: java io.ptp4j.tools.PackageFiles DIR");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        for (Map.Entry<String, String> p : manPages().entrySet()) {
            Path f = dir.resolve("man").resolve("man" + p.getKey().substring(p.getKey().length() - 1)).resolve(p.getKey());
            Files.createDirectories(f.getParent());
            Files.writeString(f, p.getValue());
        }
        Path c = dir.resolve("bash-completion").resolve("ptp4j");
        Files.createDirectories(c.getParent());
        Files.writeString(c, bashCompletion());
    }
}
