package io.ptp4j.tools.pmc;

import io.ptp4j.core.management.ManagementId;
import io.ptp4j.core.management.ManagementRequest;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * linuxptp pmc_common.c's command language: {@code ACTION ID [values]}, {@code TARGET portIdentity|*},
 * {@code help}; actions and ids case-insensitive and abbreviable to a unique prefix; the same
 * table of ids, the same SET argument syntax (sscanf formats) and the same messages.
 */
public final class PmcCommands {
    /** What a command does to the client: output and requests. */
    public interface Session {
        void stdout(String text);

        void stderr(String text);

        void send(int action, int managementId, byte[] data);

        void target(long clockIdentity, int portNumber);
    }

    enum Kind { GET, SET, COMMAND, NOT_SUPPORTED, NULL }

    record Entry(String name, int id, Kind kind) {}

    private final PmcDialect dialect;
    private final boolean zeroLengthGets;
    private final List<Entry> table;

    public PmcCommands(PmcDialect dialect, boolean zeroLengthGets) {
        this.dialect = dialect;
        this.zeroLengthGets = zeroLengthGets;
        this.table = table(dialect);
    }

    /** The name of a managementId, or its hex value. */
    public static String nameOf(int id) {
        ManagementId m = ManagementId.of(id);
        return m == null ? String.format("0x%04x", id) : m.name();
    }

    private static List<Entry> table(PmcDialect d) {
        boolean v4 = d.v4(), upstream = d == PmcDialect.LINUXPTP_4; // upstream: newer than 4.4
        List<Entry> t = new ArrayList<>();
        // Clock management ID values (pmc_common.c idtab order: it decides prefix matches and help).
        add(t, "USER_DESCRIPTION", Kind.GET);
        add(t, "SAVE_IN_NON_VOLATILE_STORAGE", Kind.NOT_SUPPORTED);
        add(t, "RESET_NON_VOLATILE_STORAGE", Kind.NOT_SUPPORTED);
        add(t, "INITIALIZE", Kind.NOT_SUPPORTED);
        add(t, "FAULT_LOG", Kind.NOT_SUPPORTED);
        add(t, "FAULT_LOG_RESET", Kind.NOT_SUPPORTED);
        add(t, "DEFAULT_DATA_SET", Kind.GET);
        add(t, "CURRENT_DATA_SET", Kind.GET);
        add(t, "PARENT_DATA_SET", Kind.GET);
        add(t, "TIME_PROPERTIES_DATA_SET", Kind.GET);
        add(t, "PRIORITY1", Kind.SET);
        add(t, "PRIORITY2", Kind.SET);
        add(t, "DOMAIN", Kind.GET);
        add(t, "SLAVE_ONLY", Kind.GET);
        add(t, "TIME", Kind.NOT_SUPPORTED);
        add(t, "CLOCK_ACCURACY", Kind.GET);
        add(t, "UTC_PROPERTIES", Kind.NOT_SUPPORTED);
        add(t, "TRACEABILITY_PROPERTIES", Kind.GET);
        add(t, "TIMESCALE_PROPERTIES", Kind.GET);
        add(t, "PATH_TRACE_LIST", Kind.NOT_SUPPORTED);
        add(t, "PATH_TRACE_ENABLE", Kind.NOT_SUPPORTED);
        add(t, "GRANDMASTER_CLUSTER_TABLE", Kind.NOT_SUPPORTED);
        add(t, "ACCEPTABLE_MASTER_TABLE", Kind.NOT_SUPPORTED);
        add(t, "ACCEPTABLE_MASTER_MAX_TABLE_SIZE", Kind.NOT_SUPPORTED);
        add(t, "ALTERNATE_TIME_OFFSET_ENABLE", v4 ? Kind.SET : Kind.NOT_SUPPORTED);
        add(t, "ALTERNATE_TIME_OFFSET_NAME", v4 ? Kind.SET : Kind.NOT_SUPPORTED);
        add(t, "ALTERNATE_TIME_OFFSET_MAX_KEY", Kind.NOT_SUPPORTED);
        add(t, "ALTERNATE_TIME_OFFSET_PROPERTIES", v4 ? Kind.SET : Kind.NOT_SUPPORTED);
        if (v4) add(t, "MASTER_ONLY", Kind.GET);
        add(t, "TRANSPARENT_CLOCK_DEFAULT_DATA_SET", Kind.NOT_SUPPORTED);
        add(t, "PRIMARY_DOMAIN", Kind.NOT_SUPPORTED);
        add(t, "TIME_STATUS_NP", Kind.GET);
        add(t, "GRANDMASTER_SETTINGS_NP", Kind.SET);
        add(t, "SUBSCRIBE_EVENTS_NP", Kind.SET);
        add(t, "SYNCHRONIZATION_UNCERTAIN_NP", Kind.SET);
        if (upstream) add(t, "EXTERNAL_GRANDMASTER_PROPERTIES_NP", Kind.SET);
        // Port management ID values
        add(t, "NULL_MANAGEMENT", Kind.NULL);
        add(t, "CLOCK_DESCRIPTION", Kind.GET);
        add(t, "PORT_DATA_SET", Kind.GET);
        add(t, "LOG_ANNOUNCE_INTERVAL", Kind.GET);
        add(t, "ANNOUNCE_RECEIPT_TIMEOUT", Kind.GET);
        add(t, "LOG_SYNC_INTERVAL", Kind.GET);
        add(t, "VERSION_NUMBER", Kind.GET);
        add(t, "ENABLE_PORT", upstream ? Kind.COMMAND : Kind.NOT_SUPPORTED);
        add(t, "DISABLE_PORT", upstream ? Kind.COMMAND : Kind.NOT_SUPPORTED);
        add(t, "UNICAST_NEGOTIATION_ENABLE", Kind.NOT_SUPPORTED);
        add(t, "UNICAST_MASTER_TABLE", Kind.NOT_SUPPORTED);
        add(t, "UNICAST_MASTER_MAX_TABLE_SIZE", Kind.NOT_SUPPORTED);
        add(t, "ACCEPTABLE_MASTER_TABLE_ENABLED", Kind.NOT_SUPPORTED);
        add(t, "ALTERNATE_MASTER", Kind.NOT_SUPPORTED);
        add(t, "TRANSPARENT_CLOCK_PORT_DATA_SET", Kind.NOT_SUPPORTED);
        add(t, "DELAY_MECHANISM", Kind.GET);
        add(t, "LOG_MIN_PDELAY_REQ_INTERVAL", Kind.GET);
        add(t, "PORT_DATA_SET_NP", Kind.SET);
        if (v4) {
            add(t, "PORT_PROPERTIES_NP", Kind.GET);
            add(t, "PORT_STATS_NP", Kind.GET);
            add(t, "PORT_SERVICE_STATS_NP", Kind.GET);
            add(t, "UNICAST_MASTER_TABLE_NP", Kind.GET);
            add(t, "PORT_HWCLOCK_NP", Kind.GET);
            add(t, "POWER_PROFILE_SETTINGS_NP", Kind.SET);
            add(t, "CMLDS_INFO_NP", Kind.GET);
            if (upstream) add(t, "PORT_CORRECTIONS_NP", Kind.SET);
        } else {
            add(t, "PORT_STATS_NP", Kind.GET);
            add(t, "PORT_PROPERTIES_NP", Kind.GET);
        }
        return t;
    }

    private static void add(List<Entry> t, String name, Kind kind) {
        t.add(new Entry(name, ManagementId.valueOf(name).id, kind));
    }

    /** linuxptp print_help. */
    public String help() {
        StringBuilder b = new StringBuilder("\n");
        for (Entry e : table) if (e.kind != Kind.NOT_SUPPORTED) b.append("\t[action] ").append(e.name).append('\n');
        return b.append("\n\tThe [action] can be GET, SET, CMD, or COMMAND\n")
                .append("\tCommands are case insensitive and may be abbreviated.\n\n")
                .append("\tTARGET [portIdentity]\n\tTARGET *\n\n").toString();
    }

    /** C strncasecmp(s, word, strlen(s)) == 0: {@code s} is a case-insensitive prefix of {@code word}. */
    static boolean prefixOf(String s, String word) {
        return s.length() <= word.length() && word.regionMatches(true, 0, s, 0, s.length());
    }

    static int parseAction(String s) {
        if (prefixOf(s, "GET")) return ManagementRequest.GET;
        if (prefixOf(s, "SET")) return ManagementRequest.SET;
        if (prefixOf(s, "CMD")) return ManagementRequest.COMMAND;
        if (prefixOf(s, "COMMAND")) return ManagementRequest.COMMAND;
        return -1;
    }

    static final int BAD_ID = -1, AMBIGUOUS_ID = -2;

    int parseId(String s) {
        for (int i = 0; i < table.size(); i++) if (table.get(i).name.equalsIgnoreCase(s)) return i;
        int index = BAD_ID;
        for (int i = 0; i < table.size(); i++) {
            if (prefixOf(s, table.get(i).name)) {
                if (index != BAD_ID) return AMBIGUOUS_ID;
                index = i;
            }
        }
        return index;
    }

    /**
     * Runs one command line (pmc_do_command). Returns false for what linuxptp calls a bad command
     * (the caller prints "bad command: ..."); other complaints go to the session's stdout/stderr.
     */
    public boolean execute(String str, Session s) {
        if (prefixOf(str, "HELP")) {
            s.stdout(help());
            return true;
        }
        // sscanf(str, " %10s %64s"): two words, the first at most 10 characters long.
        List<Object> words = Scanf.scan(str, " %10s %64s");
        if (words.size() != 2) return false;
        String actionStr = (String) words.get(0), idStr = (String) words.get(1);
        if (prefixOf(actionStr, "TARGET")) return parseTarget(idStr, s);
        int action = parseAction(actionStr);
        int index = parseId(idStr);
        if (action < 0 || index == BAD_ID) return false;
        if (index == AMBIGUOUS_ID) {
            s.stdout("id " + idStr + " is too ambiguous\n");
            return true;
        }
        Entry e = table.get(index);
        s.stdout("sending: " + PmcPrinter.ACTIONS[action] + " " + e.name + "\n");
        switch (e.kind) {
            case GET -> {
                if (action == ManagementRequest.GET) s.send(action, e.id, getData(e.id));
                else s.stderr(e.name + " only allows GET\n");
            }
            case SET -> {
                if (action == ManagementRequest.GET) s.send(action, e.id, getData(e.id));
                else if (action == ManagementRequest.SET) set(e, str, s);
                else s.stderr(e.name + " only allows GET or SET\n");
            }
            case COMMAND -> {
                if (action == ManagementRequest.COMMAND) s.send(action, e.id, new byte[0]);
                else s.stderr(e.name + " only allows COMMAND\n");
            }
            case NOT_SUPPORTED -> s.stdout("sorry, " + e.name + " not supported yet\n");
            case NULL -> {
                if (action == ManagementRequest.GET) s.send(action, e.id, getData(e.id));
                else s.stdout("non-get actions still todo\n");
            }
        }
        return true;
    }

    /** TARGET portIdentity (str2pid) or TARGET * (all ones). */
    private static boolean parseTarget(String str, PmcCommands.Session s) {
        if (str.startsWith("*")) {
            s.target(-1L, 0xFFFF);
            return true;
        }
        List<Object> v = Scanf.scan(str, " %2hhx%2hhx%2hhx.%2hhx%2hhx.%2hhx%2hhx%2hhx-%hu");
        if (v.size() != 9) return false;
        long id = 0;
        for (int i = 0; i < 8; i++) id = (id << 8) | (Long) v.get(i);
        s.target(id, (int) (long) (Long) v.get(8));
        return true;
    }

    /** The zeroed dataField pmc sends with a GET (pmc_tlv_datalen), none with -z. */
    byte[] getData(int id) {
        if (zeroLengthGets) return new byte[0];
        ManagementId m = ManagementId.of(id);
        boolean v4 = dialect.v4();
        int len = switch (m) {
            case USER_DESCRIPTION -> 2;
            case DEFAULT_DATA_SET -> 20;
            case CURRENT_DATA_SET -> 18;
            case PARENT_DATA_SET -> 32;
            case TIME_PROPERTIES_DATA_SET -> 4;
            case PRIORITY1, PRIORITY2, DOMAIN, SLAVE_ONLY, CLOCK_ACCURACY, TRACEABILITY_PROPERTIES, TIMESCALE_PROPERTIES,
                 LOG_ANNOUNCE_INTERVAL, ANNOUNCE_RECEIPT_TIMEOUT, LOG_SYNC_INTERVAL, VERSION_NUMBER, DELAY_MECHANISM,
                 LOG_MIN_PDELAY_REQ_INTERVAL -> 2;
            case MASTER_ONLY, SYNCHRONIZATION_UNCERTAIN_NP, ALTERNATE_TIME_OFFSET_ENABLE, ALTERNATE_TIME_OFFSET_NAME -> v4 ? 2 : 0;
            case TIME_STATUS_NP -> 50;
            case ALTERNATE_TIME_OFFSET_PROPERTIES -> v4 ? 16 : 0;
            case GRANDMASTER_SETTINGS_NP -> 8;
            case SUBSCRIBE_EVENTS_NP -> v4 ? 66 : 0;
            case CLOCK_DESCRIPTION -> 22;
            case PORT_DATA_SET -> 26;
            case PORT_DATA_SET_NP -> 8;
            case PORT_PROPERTIES_NP -> v4 ? 14 : 0;
            case PORT_STATS_NP -> v4 ? 266 : 0;
            case PORT_SERVICE_STATS_NP -> 90;
            case UNICAST_MASTER_TABLE_NP -> 2;
            case PORT_HWCLOCK_NP, POWER_PROFILE_SETTINGS_NP -> 16;
            case EXTERNAL_GRANDMASTER_PROPERTIES_NP -> 10;
            case PORT_CORRECTIONS_NP -> 24;
            default -> 0;
        };
        return new byte[len];
    }

    private void set(Entry e, String str, Session s) {
        ManagementId id = ManagementId.valueOf(e.name);
        switch (id) {
            case PRIORITY1, PRIORITY2 -> {
                List<Object> v = Scanf.scan(str, " %*s %*s %hhu");
                if (v.size() != 1) {
                    s.stderr(e.name + " SET needs 1 value\n");
                    return;
                }
                s.send(ManagementRequest.SET, e.id, new byte[] {(byte) (long) (Long) v.get(0), 0});
            }
            case ALTERNATE_TIME_OFFSET_ENABLE -> {
                List<Object> v = Scanf.scan(str, " %*s %*s keyField %hhu enable %d");
                if (v.size() != 2) {
                    s.stderr(e.name + " SET needs 2 values\n");
                    return;
                }
                s.send(ManagementRequest.SET, e.id, new byte[] {(byte) (long) (Long) v.get(0), (byte) ((Long) v.get(1) != 0 ? 1 : 0)});
            }
            case ALTERNATE_TIME_OFFSET_NAME -> {
                List<Object> v = Scanf.scan(str, " %*s %*s keyField       %hhu displayName    %10s ");
                if (v.size() != 2) {
                    s.stderr(e.name + " SET needs 2 values\n");
                    return;
                }
                byte[] name = ((String) v.get(1)).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                ByteBuffer b = ByteBuffer.allocate(2 + name.length);
                b.put((byte) (long) (Long) v.get(0)).put((byte) name.length).put(name);
                s.send(ManagementRequest.SET, e.id, b.array());
            }
            case ALTERNATE_TIME_OFFSET_PROPERTIES -> {
                List<Object> v = Scanf.scan(str, " %*s %*s keyField       %hhu currentOffset  %d jumpSeconds    %d timeOfNextJump %lu");
                if (v.size() != 4) {
                    s.stderr(e.name + " SET needs 4 values\n");
                    return;
                }
                long jump = (Long) v.get(3);
                ByteBuffer b = ByteBuffer.allocate(16);
                b.put((byte) (long) (Long) v.get(0)).putInt((int) (long) (Long) v.get(1)).putInt((int) (long) (Long) v.get(2))
                        .putShort((short) (jump >>> 32)).putInt((int) jump).put((byte) 0);
                s.send(ManagementRequest.SET, e.id, b.array());
            }
            case GRANDMASTER_SETTINGS_NP -> {
                List<Object> v = Scanf.scan(str, " %*s %*s clockClass              %hhu clockAccuracy           %hhx "
                        + "offsetScaledLogVariance %hx currentUtcOffset        %hd leap61                  %d "
                        + "leap59                  %d currentUtcOffsetValid   %d ptpTimescale            %d "
                        + "timeTraceable           %d frequencyTraceable      %d timeSource              %hhx ");
                if (v.size() != 11) {
                    s.stderr(e.name + " SET needs 11 values\n");
                    return;
                }
                int flags = 0;
                int[] bits = {0x01, 0x02, 0x04, 0x08, 0x10, 0x20};
                for (int i = 0; i < 6; i++) if ((Long) v.get(4 + i) != 0) flags |= bits[i];
                ByteBuffer b = ByteBuffer.allocate(8);
                b.put((byte) (long) (Long) v.get(0)).put((byte) (long) (Long) v.get(1)).putShort((short) (long) (Long) v.get(2))
                        .putShort((short) (long) (Long) v.get(3)).put((byte) flags).put((byte) (long) (Long) v.get(10));
                s.send(ManagementRequest.SET, e.id, b.array());
            }
            case SUBSCRIBE_EVENTS_NP -> subscribe(e, str, s);
            case SYNCHRONIZATION_UNCERTAIN_NP -> {
                List<Object> v = Scanf.scan(str, " %*s %*s %hhu");
                if (v.size() != 1) {
                    s.stderr(e.name + " SET needs 1 value\n");
                    return;
                }
                long val = (Long) v.get(0);
                if (val == 0 || val == 1 || val == 0xFF) {
                    s.send(ManagementRequest.SET, e.id, new byte[] {(byte) val, 0});
                } else {
                    s.stderr("\nusage: set SYNCHRONIZATION_UNCERTAIN_NP 0 (false), 1 (true), or 255 (don't care)\n\n");
                }
            }
            case PORT_DATA_SET_NP -> {
                List<Object> v = Scanf.scan(str, " %*s %*s neighborPropDelayThresh %u asCapable               %d ");
                if (v.size() != 2) {
                    s.stderr(e.name + " SET needs 2 values\n");
                    return;
                }
                ByteBuffer b = ByteBuffer.allocate(8);
                b.putInt((int) (long) (Long) v.get(0)).putInt((int) (long) (Long) v.get(1));
                s.send(ManagementRequest.SET, e.id, b.array());
            }
            case POWER_PROFILE_SETTINGS_NP -> {
                List<Object> v = Scanf.scan(str, " %*s %*s version                   %hu grandmasterID             %hx "
                        + "grandmasterTimeInaccuracy %u networkTimeInaccuracy     %u totalTimeInaccuracy       %u ");
                if (v.size() != 5) {
                    s.stderr(e.name + " SET needs 5 values\n");
                    return;
                }
                long version = (Long) v.get(0);
                if (version > 2) {
                    s.stderr("\nusage: set PROFILE_SETTINGS_NP version 0 (none), 1 (2011), or 2 (2017)\n\n");
                    return;
                }
                ByteBuffer b = ByteBuffer.allocate(16);
                b.putShort((short) version).putShort((short) (long) (Long) v.get(1)).putInt((int) (long) (Long) v.get(2))
                        .putInt((int) (long) (Long) v.get(3)).putInt((int) (long) (Long) v.get(4));
                s.send(ManagementRequest.SET, e.id, b.array());
            }
            case EXTERNAL_GRANDMASTER_PROPERTIES_NP -> {
                List<Object> v = Scanf.scan(str, " %*s %*s gmIdentity   %18s stepsRemoved %hu ");
                long gm;
                try {
                    if (v.size() != 2) throw new IllegalArgumentException();
                    gm = parseClockId((String) v.get(0));
                } catch (IllegalArgumentException ex) {
                    s.stderr(e.name + " SET needs 2 values\n");
                    return;
                }
                ByteBuffer b = ByteBuffer.allocate(10);
                b.putLong(gm).putShort((short) (long) (Long) v.get(1));
                s.send(ManagementRequest.SET, e.id, b.array());
            }
            case PORT_CORRECTIONS_NP -> {
                List<Object> v = Scanf.scan(str, " %*s %*s egressLatency  %ld ingressLatency %ld delayAsymmetry %ld ");
                if (v.size() != 3) {
                    s.stderr(e.name + " SET needs 3 values\n");
                    return;
                }
                ByteBuffer b = ByteBuffer.allocate(24);
                for (Object o : v) b.putLong((Long) o << 16);
                s.send(ManagementRequest.SET, e.id, b.array());
            }
            default -> { }
        }
    }

    /** str2cid: exactly xxxxxx.xxxx.xxxxxx. */
    private static long parseClockId(String t) {
        List<Object> v = Scanf.scan(t, " %2hhx%2hhx%2hhx.%2hhx%2hhx.%2hhx%2hhx%2hhx");
        if (v.size() != 8) throw new IllegalArgumentException(t);
        long id = 0;
        for (Object o : v) id = (id << 8) | (Long) o;
        return id;
    }

    private void subscribe(Entry e, String str, Session s) {
        byte[] data = new byte[66];
        if (dialect == PmcDialect.LINUXPTP_3) {
            List<Object> v = Scanf.scan(str, " %*s %*s duration %hu NOTIFY_PORT_STATE %3s ");
            if (v.size() != 2) {
                s.stderr(e.name + " SET needs 2 values\n");
                return;
            }
            putDuration(data, (Long) v.get(0));
            if (((String) v.get(1)).toLowerCase(Locale.ROOT).equals("on")) data[2] = 1;
        } else {
            List<Object> v = Scanf.scan(str, " %*s %*s duration          %hu NOTIFY_PORT_STATE %3s NOTIFY_TIME_SYNC  %3s "
                    + "NOTIFY_PARENT_DATA_SET %3s NOTIFY_CMLDS %3s ");
            if (v.isEmpty()) {
                s.stderr(e.name + " SET needs at least one value\n");
                return;
            }
            putDuration(data, (Long) v.get(0));
            for (int i = 1; i < v.size(); i++) {
                if (((String) v.get(i)).equalsIgnoreCase("on")) data[2] |= (byte) (1 << (i - 1));
            }
        }
        s.send(ManagementRequest.SET, e.id, data);
    }

    private static void putDuration(byte[] d, long v) {
        d[0] = (byte) (v >> 8);
        d[1] = (byte) v;
    }
}
