package io.ptp4j.tools.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A linuxptp-style configuration: [global] values, per-interface values (a port section overrides
 * [global] for that port), the interfaces in the order declared, and unicast master tables.
 *
 * <p>Order of use mirrors ptp4l.c: command-line options first ({@link #setOption}, which lock the
 * global value so the file cannot override it), then {@link ConfigReader#read}. Getters take the
 * port name (null for [global]) and fall back to [global], then to linuxptp's default.
 */
public final class PtpConfig {
    private static final String GLOBAL = "";

    private final Map<String, Map<String, Object>> sections = new HashMap<>();
    private final Set<String> locked = new HashSet<>();
    private final List<String> interfaces = new ArrayList<>();
    private final Map<Integer, UnicastMasterTable> tables = new LinkedHashMap<>();
    private final List<String> warnings = new ArrayList<>();
    private final Map<String, String> origins = new HashMap<>();

    public PtpConfig() {
        sections.put(GLOBAL, new HashMap<>());
    }

    // ----- setting -----

    /**
     * A command-line {@code --key value}: parsed and range-checked like a [global] line, then
     * locked against the file. Errors carry linuxptp's wording ("unknown option foo").
     */
    public void setOption(String key, String value) throws ConfigException {
        String name = renamed(key);
        ConfigKey k = ConfigKeys.find(name);
        if (k == null) throw new ConfigException(null, 0, "unknown option " + name);
        // a text on the command line is kept as the octets a file would hold: its UTF-8
        if (ValueParser.isText(name)) value = new String(value.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                java.nio.charset.StandardCharsets.ISO_8859_1);
        Object v = parseOrThrow(k, value, null, 0, "");
        sections.get(GLOBAL).put(name, v);
        locked.add(name);
    }

    /** What ptp4l's config_set_int does for -s, -2, -S ...: set and lock a global INT or ENUM. */
    public void setLocked(String key, Object value) {
        ConfigKey k = require(key);
        Object v = k.type() == ConfigKey.Type.ENUM ? enumLabelOf(k, (String) value) : value;
        if (v instanceof Integer i) v = i.longValue();
        sections.get(GLOBAL).put(k.name(), v);
        locked.add(k.name());
    }

    /** What config_set_string does (phc2sys -t): set and lock a global STRING without parsing. */
    public void setOptionString(String key, String value) {
        ConfigKey k = require(key);
        if (k.type() != ConfigKey.Type.STRING) throw new IllegalArgumentException("bug: " + key + " is not a string");
        sections.get(GLOBAL).put(k.name(), value);
        locked.add(k.name());
    }

    /** Declares an interface (a port section or -i); declaring twice keeps the first position. */
    public void addInterface(String name) {
        if (!interfaces.contains(name)) interfaces.add(name);
        sections.computeIfAbsent(name, n -> new HashMap<>());
    }

    /** An interface declared by a port section at {@code file}:{@code line} (where errors about it point). */
    void addInterface(String name, String file, int line) {
        addInterface(name);
        origins.putIfAbsent(name, file + ":" + line);
    }

    /** "FILE:LINE" of the section that declared {@code iface}, or null (declared by -i). */
    public String interfaceOrigin(String iface) {
        return origins.get(iface);
    }

    /** Sets one line's key in [global] (section null) or a port section; used by the reader. */
    void setFromFile(String section, String key, String value, String file, int line)
            throws ConfigException {
        String name = renamed(key);
        String where = section == null ? "global" : section;
        ConfigKey k = ConfigKeys.find(name);
        if (k == null)
            throw new ConfigException(file, line, "unknown option " + name + " at line " + line + " in "
                    + where + " section");
        Object v = faultIntervalAsap(name, value)
                ? Long.valueOf(name.equals("fault_reset_interval") ? -128 : 0)
                : parseOrThrow(k, value, file, line, " at line " + line);
        if (section != null && k.scope() == ConfigKey.Scope.GLOBAL)
            throw new ConfigException(file, line, "unknown option " + name + " at line " + line + " in "
                    + where + " section (" + name + " is a global option; it cannot be set in a port section)");
        if (section == null && locked.contains(name)) return; // the command line wins, as in linuxptp
        sections.get(section == null ? GLOBAL : section).put(name, v);
    }

    UnicastMasterTable newTable(int id) {
        UnicastMasterTable t = new UnicastMasterTable(id);
        tables.put(id, t);
        return t;
    }

    void warn(String text) {
        warnings.add(text);
    }

    // ----- reading -----

    /** The interfaces, in the order sections and -i declared them. */
    public List<String> interfaces() {
        return Collections.unmodifiableList(interfaces);
    }

    public List<UnicastMasterTable> unicastMasterTables() {
        return List.copyOf(tables.values());
    }

    /** The table with that table_id, or null. */
    public UnicastMasterTable unicastMasterTable(int tableId) {
        return tables.get(tableId);
    }

    /** Warnings met while parsing (deprecated names), in order. */
    public List<String> warnings() {
        return Collections.unmodifiableList(warnings);
    }

    /** An INT key for a port (null: global), falling back to [global] then the default. */
    public int getInt(String port, String key) {
        return (int) (long) (Long) get(port, key, ConfigKey.Type.INT);
    }

    /** A UINT key (0 to 2^32-1). */
    public long getUnsigned(String port, String key) {
        return (Long) get(port, key, ConfigKey.Type.UINT);
    }

    public double getDouble(String port, String key) {
        return (Double) get(port, key, ConfigKey.Type.DOUBLE);
    }

    /** An ENUM key's canonical label as linuxptp spells it (e.g. "UDPv4", "E2E", "hardware"). */
    public String getEnum(String port, String key) {
        return (String) get(port, key, ConfigKey.Type.ENUM);
    }

    /** A STRING key, or null when linuxptp's default is NULL and nothing set it. */
    public String getString(String port, String key) {
        return (String) get(port, key, ConfigKey.Type.STRING);
    }

    /**
     * A PTPText key (productDescription, revisionData, userDescription) as the octets it carries
     * on the wire: the file's bytes unchanged, or a command-line value's UTF-8.
     */
    public byte[] getText(String key) {
        if (!ValueParser.isText(key)) throw new IllegalArgumentException("bug: " + key + " is not a PTPText key");
        return getString(key).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /** Global shorthands. */
    public int getInt(String key) {
        return getInt(null, key);
    }

    public double getDouble(String key) {
        return getDouble(null, key);
    }

    public String getEnum(String key) {
        return getEnum(null, key);
    }

    public String getString(String key) {
        return getString(null, key);
    }

    /** True if the key was set for that port (null: in [global] or on the command line). */
    public boolean isSet(String port, String key) {
        Map<String, Object> m = sections.get(port == null ? GLOBAL : port);
        return m != null && m.containsKey(ConfigKeys.canonicalName(key));
    }

    /** Every key set anywhere (global, port sections, command line), for "not yet acted on" warnings. */
    public Set<String> keysSet() {
        Set<String> all = new java.util.TreeSet<>();
        for (Map<String, Object> m : sections.values()) all.addAll(m.keySet());
        return all;
    }

    private Object get(String port, String key, ConfigKey.Type type) {
        ConfigKey k = require(ConfigKeys.canonicalName(key));
        if (k.type() != type)
            throw new IllegalArgumentException("bug: config option " + key + " is " + k.type() + ", not " + type);
        if (port != null) {
            Map<String, Object> m = sections.get(port);
            if (m != null && m.containsKey(k.name())) return m.get(k.name());
        }
        return sections.get(GLOBAL).getOrDefault(k.name(), k.defaultValue());
    }

    private static ConfigKey require(String key) {
        ConfigKey k = ConfigKeys.find(key);
        if (k == null) throw new IllegalArgumentException("bug: config option " + key + " missing");
        return k;
    }

    private String renamed(String key) {
        String newName = ConfigKeys.DEPRECATED.get(key);
        if (newName == null) return key;
        warn("option " + key + " is deprecated, please use " + newName + " instead");
        return newName;
    }

    private static boolean faultIntervalAsap(String name, String value) {
        return value.equalsIgnoreCase("ASAP")
                && (name.equals("fault_badpeernet_interval") || name.equals("fault_reset_interval"));
    }

    private static String enumLabelOf(ConfigKey k, String label) {
        for (String l : k.enumLabels()) if (l.equalsIgnoreCase(label)) return l;
        throw new IllegalArgumentException("bug: " + label + " is not a value of " + k.name());
    }

    private static Object parseOrThrow(ConfigKey k, String value, String file, int line, String at)
            throws ConfigException {
        try {
            return ValueParser.parse(k, value);
        } catch (ValueParser.Rejected r) {
            if (r.failure == ValueParser.Failure.INVALID) {
                String shown = value.length() > 40 ? value.substring(0, 40) + "..." : value;
                throw new ConfigException(file, line, "invalid " + k.name() + " '" + shown + "'" + at + " (" + r.getMessage() + ")");
            }
            String kind = switch (r.failure) {
                case INVALID -> throw new AssertionError();
                case BAD_VALUE -> " is a bad value for option ";
                case MALFORMED -> " is a malformed value for option ";
                case OUT_OF_RANGE -> " is an out of range value for option ";
            };
            throw new ConfigException(file, line, value + kind + k.name() + at + " (" + r.getMessage() + ")");
        }
    }
}
