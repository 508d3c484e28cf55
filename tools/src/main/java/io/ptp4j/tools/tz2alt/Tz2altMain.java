package io.ptp4j.tools.tz2alt;

import io.ptp4j.core.clock.LeapTable;
import io.ptp4j.core.management.ManagementId;
import io.ptp4j.core.management.ManagementRequest;
import io.ptp4j.linux.NativeException;
import io.ptp4j.tools.cli.ConfigCommandLine;
import io.ptp4j.tools.cli.Getopt;
import io.ptp4j.tools.cli.OptionTable;
import io.ptp4j.tools.cli.UsageException;
import io.ptp4j.tools.config.PtpConfig;
import io.ptp4j.tools.log.Printer;
import io.ptp4j.tools.log.Printers;
import io.ptp4j.tools.pmc.PmcClient;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Locale;
import java.util.function.BooleanSupplier;

/**
 * The tz2alt command (linuxptp 4.4 tz2alt.c): from a time zone's rules and the leap second table
 * it works out the zone's offset to TAI now and its next change within a look-ahead window, and
 * sets them into ptp4l over its management socket as alternate timescale {@code -k KEY}
 * (ALTERNATE_TIME_OFFSET_NAME, _PROPERTIES and _ENABLE), again every {@code -p} seconds; ptp4l
 * then announces them (ALTERNATE_TIME_OFFSET_INDICATOR TLV). Options -f, -h, -k, -l, -p, -v, -w,
 * -z and every config key as a long option ({@code --leapfile} is required, {@code
 * --uds_address} names ptp4l's socket). Messages as linuxptp's, on stdout.
 *
 * <p>Time zone rules come from the JDK's copy of the IANA tz database (zone names such as
 * Europe/Vienna, or the POSIX-style names tzdata keeps, like the default PST8PDT); linuxptp asks
 * the C library, which reads /usr/share/zoneinfo. An unknown zone is an error here (glibc would
 * quietly use UTC). The client socket is tztool.PID next to ptp4l's (linuxptp: /var/run).
 */
public final class Tz2altMain {
    static final String DEFAULT_TZ = "PST8PDT";
    static final int DEFAULT_PERIOD = 3600, DEFAULT_WINDOW = 3600 * 24 * 30 * 3, MAX_KEYS = 4, MAX_DISPLAY_NAME = 10;
    private static final DateTimeFormatter CTIME = DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.ENGLISH);

    private Tz2altMain() {}

    public static int main(String[] args) {
        return run("tz2alt", args, System.out, System.err, () -> true);
    }

    /** tz2alt's options, as linuxptp 4.4's tz2alt shows them (the usage text and the man page come from here). */
    public static final OptionTable OPTIONS = OptionTable.builder("[options]")
            .section(null, 10)
            .arg('f', "[file]", "read configuration from 'file'")
            .flag('h', "prints this message and exits")
            .arg('k', "[num]", "key field for the ALTERNATE_TIME_OFFSET_INDICATOR TLV")
            .arg('l', "[num]", "set the logging level to 'num'")
            .arg('p', "[num]", "period between updates in seconds, default " + DEFAULT_PERIOD)
            .flag('v', "prints the software version and exits")
            .arg('w', "[num]", "look ahead time window in seconds, default " + DEFAULT_WINDOW)
            .arg('z', "zone", "Time zone string, default '" + DEFAULT_TZ + "'\nSee /usr/share/zoneinfo for valid strings")
            .trailer("\n");

    /** One zone's offsets at one UTC second (tz2alt.c struct tzinfo). */
    record Offsets(long timestamp, long localUtc, int taiUtc, LeapTable.Lookup result) {
        long localTai() {
            return localUtc - taiUtc;
        }
    }

    /** Runs tz2alt until {@code running} says stop (checked once per period). */
    static int run(String prog, String[] args, PrintStream out, PrintStream err, BooleanSupplier running) {
        PtpConfig cfg = new PtpConfig();
        String zone = DEFAULT_TZ;
        int key = 0, period = DEFAULT_PERIOD, window = DEFAULT_WINDOW;
        ConfigCommandLine line = new ConfigCommandLine(cfg);
        try {
            for (Getopt.Opt o : line.parse(prog, OPTIONS, args, new ArrayList<>())) {
                if (line.shared(o)) continue;
                switch (o.letter()) {
                    case 'k' -> key = atoi(o.arg());
                    case 'l' -> cfg.setLocked("logging_level", (long) level(o.arg()));
                    case 'p' -> period = atoi(o.arg());
                    case 'w' -> window = atoi(o.arg());
                    case 'z' -> zone = o.arg();
                    default -> throw o.error();
                }
            }
            line.readFile();
        } catch (UsageException e) {
            return e.report(prog, OPTIONS, out, err);
        }
        Printer log = Printers.toStreams(prog, cfg, out, err);
        if (key > MAX_KEYS - 1) {
            log.print(Printer.LOG_ERR, "key field " + key + " exceeds maximum of " + (MAX_KEYS - 1));
            return 255;
        }
        ZoneRules rules;
        try {
            rules = ZoneId.of(zone).getRules();
        } catch (DateTimeException e) {
            log.print(Printer.LOG_ERR, "unknown time zone " + zone + ": " + e.getMessage());
            return 255;
        }
        String name = displayName(zone);
        if (!name.equals(zone)) log.print(Printer.LOG_INFO, "truncating time zone display name from " + zone + " to " + name);
        String leapfile = cfg.getString("leapfile");
        if (leapfile == null || leapfile.isEmpty()) {
            log.print(Printer.LOG_ERR, "please specify leap second table with --leapfile");
            return 255;
        }
        while (true) {
            LeapTable lstab;
            try {
                lstab = readLeapTable(Path.of(leapfile)); // again each time: it may have changed
            } catch (IOException | IllegalArgumentException e) {
                err.println(e.getMessage());
                log.print(Printer.LOG_ERR, "failed to create leap second table");
                return 255;
            }
            Offsets now;
            do {
                now = offsets(rules, lstab, Instant.now().getEpochSecond());
            } while (now.result() == LeapTable.Lookup.AMBIGUOUS);
            if (now.result() == LeapTable.Lookup.UNKNOWN) {
                log.print(Printer.LOG_ERR, "leap second table is stale");
                return 255;
            }
            log.print(Printer.LOG_DEBUG, show("current time  = ", zone, now));
            Offsets next = nextDiscontinuity(rules, lstab, now, window);
            if (next != null) {
                log.print(Printer.LOG_DEBUG, show("discontinuity = ", zone, next));
                log.print(Printer.LOG_INFO, "next discontinuity " + CTIME.format(Instant.ofEpochSecond(next.timestamp()).atZone(ZoneId.of(zone)))
                        + " " + zone);
            } else {
                log.print(Printer.LOG_INFO, "no discontinuity within " + window + " second window");
            }
            if (!update(cfg, key, name, now, next)) {
                log.print(Printer.LOG_ERR, "failed to update PTP service");
                return 255;
            }
            if (!sleep(period, running)) return 0;
        }
    }

    /**
     * The leap second table in {@code file}, parsed as ptp4l's leapfile is ({@link LeapTable}):
     * IOException with linuxptp's words when it cannot be read, IllegalArgumentException naming
     * the file and line of an entry that does not parse or a missing expiry date.
     */
    static LeapTable readLeapTable(Path file) throws IOException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new IOException("failed to open '" + file + "' for reading: " + e.getMessage(), e);
        }
        return LeapTable.parse(file.toString(), text);
    }

    /** tz_set_name: at most 10 characters; a longer name's part after '/' if that fits, else its first 10. */
    static String displayName(String zone) {
        if (zone.length() <= MAX_DISPLAY_NAME) return zone;
        int slash = zone.indexOf('/');
        if (slash >= 0) {
            String suffix = zone.substring(slash + 1);
            if (!suffix.isEmpty() && suffix.length() <= MAX_DISPLAY_NAME) return suffix;
        }
        return zone.substring(0, MAX_DISPLAY_NAME);
    }

    /** get_offsets: local - UTC from the zone's rules, TAI - UTC from the leap second table. */
    static Offsets offsets(ZoneRules rules, LeapTable lstab, long utcSeconds) {
        int[] tai = {0};
        LeapTable.Lookup r = lstab.utcToTai(utcSeconds, tai);
        return new Offsets(utcSeconds, rules.getOffset(Instant.ofEpochSecond(utcSeconds)).getTotalSeconds(), tai[0], r);
    }

    /**
     * find_next_discontinuity: when the zone's offset at the end of the window differs from now's,
     * the first second with the new offset (linuxptp's bisection, done the same way); null when it
     * is the same (a change there and back within the window counts as none, as in linuxptp).
     */
    static Offsets nextDiscontinuity(ZoneRules rules, LeapTable lstab, Offsets tz, long window) {
        Offsets next = offsets(rules, lstab, tz.timestamp() + window);
        if (next.localUtc() == tz.localUtc()) return null;
        long i = 0, j = window;
        while (true) {
            next = offsets(rules, lstab, tz.timestamp() + i);
            boolean same = next.localUtc() == tz.localUtc();
            long n;
            if (same) {
                n = j - i - 1;
            } else {
                j = i;
                i = 0;
                n = j - i - 1;
            }
            if (n == 0) {
                if (same) next = offsets(rules, lstab, next.timestamp() + 1);
                return next;
            }
            i += (n + 1) / 2;
        }
    }

    private static String show(String label, String zone, Offsets o) {
        return label + zone + " ts " + o.timestamp() + " local-utc " + o.localUtc() + " tai-utc " + o.taiUtc() + " local-tai "
                + o.localTai() + " " + (o.result() == LeapTable.Lookup.OK ? "valid" : "invalid");
    }

    /**
     * update_ptp_serivce: ALTERNATE_TIME_OFFSET_NAME, _PROPERTIES (currentOffset = local - TAI;
     * with a change ahead, jumpSeconds and timeOfNextJump, the change's UTC second) and _ENABLE,
     * sent to ptp4l's uds_address; no answer is waited for, as in linuxptp.
     */
    static boolean update(PtpConfig cfg, int key, String name, Offsets now, Offsets next) {
        String server = cfg.getString("uds_address");
        try (PmcClient pmc = PmcClient.uds(server, PmcClient.localPath(server, "tztool." + ProcessHandle.current().pid()))) {
            ManagementRequest r = pmc.request();
            r.boundaryHops = 0;
            r.domainNumber = cfg.getInt("domainNumber");
            r.transportSpecific = cfg.getInt("transportSpecific");
            byte[] text = name.getBytes(StandardCharsets.UTF_8);
            ByteBuffer aton = ByteBuffer.allocate(2 + text.length + (text.length & 1));
            aton.put((byte) key).put((byte) text.length).put(text);
            pmc.send(ManagementRequest.SET, ManagementId.ALTERNATE_TIME_OFFSET_NAME.id, aton.array());
            long jump = next == null ? 0 : next.timestamp();
            ByteBuffer atop = ByteBuffer.allocate(16).put((byte) key).putInt((int) now.localTai())
                    .putInt(next == null ? 0 : (int) (next.localTai() - now.localTai())).putShort((short) (jump >>> 32)).putInt((int) jump);
            pmc.send(ManagementRequest.SET, ManagementId.ALTERNATE_TIME_OFFSET_PROPERTIES.id, atop.array());
            pmc.send(ManagementRequest.SET, ManagementId.ALTERNATE_TIME_OFFSET_ENABLE.id, new byte[] {(byte) key, 1});
            return true;
        } catch (NativeException e) {
            System.err.println("tz2alt: " + server + ": " + e.getMessage());
            return false;
        }
    }

    private static boolean sleep(int seconds, BooleanSupplier running) {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (running.getAsBoolean()) {
            long left = end - System.nanoTime();
            if (left <= 0) return true;
            java.util.concurrent.locks.LockSupport.parkNanos(Math.min(left, 200_000_000L));
        }
        return false;
    }

    /** C atoi. */
    static int atoi(String s) {
        String t = s.stripLeading();
        int i = 0;
        boolean neg = false;
        if (i < t.length() && (t.charAt(i) == '-' || t.charAt(i) == '+')) neg = t.charAt(i++) == '-';
        long v = 0;
        while (i < t.length() && Character.isDigit(t.charAt(i)) && v < Integer.MAX_VALUE) v = v * 10 + (t.charAt(i++) - '0');
        return (int) (neg ? -v : v);
    }

    private static int level(String a) throws UsageException {
        int v;
        try {
            v = Integer.parseInt(a.strip());
        } catch (NumberFormatException e) {
            throw new UsageException("-l: " + a + " is a malformed value", false, 255);
        }
        if (v < 0 || v > 7) throw new UsageException("-l: " + a + " is out of range. Must be in the range 0 to 7", false, 255);
        return v;
    }
}
