package io.ptp4j.sim;

import io.ptp4j.core.engine.ClockConfig;
import io.ptp4j.core.engine.ClockType;
import io.ptp4j.core.engine.PortConfig;
import io.ptp4j.core.engine.EngineListener;
import io.ptp4j.core.servo.ServoConfig;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A scenario file (see scenarios/*.toml): nodes with their oscillators and engine settings
 * (linuxptp config key names), links, plain switches, faults at times, and pass criteria checked
 * against the TRUE time error. {@link #build} turns it into a running {@link Network}.
 */
public final class Scenario {
    public final String file;
    public final Toml toml;
    public final String name;
    public final long durationNanos;
    public final long seed;

    private Scenario(String file, Toml toml) throws Toml.ParseException {
        this(file, toml, toml.root.get("seed") == null ? 1 : ((Number) toml.root.get("seed").value()).longValue());
    }

    private Scenario(String file, Toml toml, long seed) throws Toml.ParseException {
        this.file = file;
        this.toml = toml;
        this.name = str(toml.root, "name", file);
        this.durationNanos = (long) nanos(toml.root, "duration", "120s");
        this.seed = seed;
        this.nodeConfig = (node, configKey) -> configPath(configKey);
    }

    public static Scenario load(Path path) throws Exception {
        return parse(path.toString(), Files.readString(path));
    }

    /** The same scenario with another seed (benches average over several). */
    public Scenario withSeed(long newSeed) throws Toml.ParseException {
        return new Scenario(file, toml, newSeed);
    }

    public static Scenario parse(String file, String text) throws Toml.ParseException {
        return new Scenario(file, Toml.parse(file, text));
    }

    Toml.ParseException error(int line, String reason) {
        return new Toml.ParseException(file, line, reason);
    }

    String str(Toml.Table t, String key, String dflt) {
        Toml.Value v = t.get(key);
        return v == null ? dflt : v.text();
    }

    double nanos(Toml.Table t, String key, String dflt) throws Toml.ParseException {
        Toml.Value v = t.get(key);
        String s = v == null ? dflt : v.text();
        try {
            return Toml.nanos(s);
        } catch (NumberFormatException e) {
            throw error(v == null ? t.line : v.line(), key + ": '" + s + "' is not a time (e.g. 100ns, 1.5us, 2s)");
        }
    }

    double number(Toml.Table t, String key, double dflt) throws Toml.ParseException {
        Toml.Value v = t.get(key);
        if (v == null) return dflt;
        if (v.value() instanceof Number n) return n.doubleValue();
        throw error(v.line(), key + ": expected a number, got '" + v.text() + "'");
    }

    /** "gaussian 10ns", "exponential 100ns", "uniform 50ns", or "100ns + exponential 100ns". */
    Noise noise(Toml.Table t, String key) throws Toml.ParseException {
        Toml.Value v = t.get(key);
        if (v == null) return Noise.NONE;
        String s = v.text().trim();
        try {
            double base = 0;
            int plus = s.indexOf('+');
            if (plus > 0) {
                base = Toml.nanos(s.substring(0, plus));
                s = s.substring(plus + 1).trim();
            }
            String[] parts = s.split("\\s+");
            if (parts.length == 1) return new Noise("gaussian", base, Toml.nanos(parts[0]));
            if (!List.of("gaussian", "exponential", "uniform").contains(parts[0])) {
                throw error(v.line(), key + ": unknown distribution '" + parts[0] + "' (gaussian, exponential, uniform)");
            }
            return new Noise(parts[0], base, Toml.nanos(parts[1]));
        } catch (NumberFormatException e) {
            throw error(v.line(), key + ": cannot read '" + v.text() + "'");
        }
    }

    private static final List<String> NODE_KEYS = List.of("name", "offset", "freq", "wander", "noise", "ports", "residence", "config");

    /**
     * The linuxptp config file whose [global] lines a node takes (its {@code config} key, relative
     * to the scenario file), or null. A bench replaces this to run the same network with other
     * settings (the linuxptp reference side by side with ptp4j's estimator).
     */
    public java.util.function.BiFunction<String, String, Path> nodeConfig;

    /** A node's {@code config} key as a path: relative to the scenario file. */
    public Path configPath(String configKey) {
        return configKey == null ? null : Path.of(file).toAbsolutePath().getParent().resolve(configKey).normalize();
    }

    /** Applies the [global] lines of a linuxptp config file ("key value", # and ; comments) to a node. */
    void applyConfigFile(Path cfgFile, ClockConfig c, int line) throws Toml.ParseException {
        List<String> lines;
        try {
            lines = Files.readAllLines(cfgFile);
        } catch (java.io.IOException e) {
            throw error(line, "config: cannot read " + cfgFile + ": " + e.getMessage());
        }
        boolean global = false;
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i).strip();
            if (l.isEmpty() || l.startsWith("#") || l.startsWith(";")) continue;
            if (l.startsWith("[")) {
                global = l.equals("[global]");
                continue;
            }
            if (!global) continue;
            String[] kv = l.split("\\s+", 2);
            if (kv.length < 2) throw error(line, "config " + cfgFile.getFileName() + ":" + (i + 1) + ": expected 'key value', got '" + l + "'");
            String v = kv[1].strip();
            Object value;
            if (v.matches("[-+]?\\d+")) value = Long.parseLong(v);
            else if (v.matches("[-+]?\\d*\\.\\d+([eE][-+]?\\d+)?")) value = Double.parseDouble(v);
            else value = v;
            set(c, kv[0], new Toml.Value(value, line));
        }
    }

    /** Applies linuxptp-named keys (priority1, logSyncInterval, delay_mechanism, ...) to a config. */
    void apply(Toml.Table t, ClockConfig c) throws Toml.ParseException {
        for (Map.Entry<String, Toml.Value> e : t.values.entrySet()) {
            if (NODE_KEYS.contains(e.getKey())) continue;
            set(c, e.getKey(), e.getValue());
        }
    }

    private static final Map<String, String> ALIASES = Map.of(
            "slaveOnly", "clientOnly", "masterOnly", "serverOnly", "free_running", "freeRunning",
            "delay_mechanism", "delayMechanism", "neighborPropDelayThresh", "neighborPropDelayThreshNanos",
            "delayAsymmetry", "delayAsymmetryNanos", "clock_type", "clockType");

    /** A key names a field of the clock's settings, its ports' (every port alike) or its servo's. */
    private void set(ClockConfig c, String key, Toml.Value v) throws Toml.ParseException {
        String field = ALIASES.getOrDefault(key, camel(key));
        Object target = c;
        Field f = find(ClockConfig.class, field);
        if (f == null) {
            f = find(PortConfig.class, field);
            target = c.port;
        }
        if (f == null) {
            f = find(ServoConfig.class, field);
            target = c.servo;
        }
        if (f == null) throw error(v.line(), "unknown key '" + key + "'");
        try {
            Class<?> type = f.getType();
            Object val = v.value();
            if (type == int.class) f.setInt(target, ((Number) val).intValue());
            else if (type == long.class) f.setLong(target, val instanceof Number n ? n.longValue() : (long) Toml.nanos(val.toString()));
            else if (type == double.class) f.setDouble(target, ((Number) val).doubleValue());
            else if (type == boolean.class) f.setBoolean(target, val instanceof Boolean b ? b : ((Number) val).intValue() != 0);
            else if (type == String.class) f.set(target, val.toString());
            else if (type.isEnum()) f.set(target, enumValue(type, val.toString(), v.line(), key));
            else throw error(v.line(), "key '" + key + "' cannot be set from a scenario");
        } catch (ClassCastException | IllegalAccessException | NumberFormatException e) {
            throw error(v.line(), "bad value '" + v.text() + "' for '" + key + "'");
        }
    }

    private Object enumValue(Class<?> type, String name, int line, String key) throws Toml.ParseException {
        for (Object o : type.getEnumConstants()) if (((Enum<?>) o).name().equalsIgnoreCase(name)) return o;
        throw error(line, "bad value '" + name + "' for '" + key + "'");
    }

    private static Field find(Class<?> c, String name) {
        try {
            return c.getField(name);
        } catch (NoSuchFieldException e) {
            return null;
        }
    }

    static String camel(String key) {
        StringBuilder sb = new StringBuilder();
        boolean up = false;
        for (char ch : key.toCharArray()) {
            if (ch == '_') up = true;
            else {
                sb.append(up ? Character.toUpperCase(ch) : ch);
                up = false;
            }
        }
        return sb.toString();
    }

    /** Builds the network; {@code listeners} gives each node's listener by name (may return null). */
    public Network build(Simulation sim, Function<String, EngineListener> listeners) throws Toml.ParseException {
        Network net = new Network(sim, seed);
        Toml.Table defaults = toml.tables.getOrDefault("defaults", new Toml.Table("defaults", 0));
        Map<String, SimNode> nodes = new HashMap<>();
        Map<String, Switch> switches = new HashMap<>();
        long id = 0x0000_00ff_fe00_0001L;
        for (Toml.Table t : toml.array("node")) {
            String n = str(t, "name", null);
            if (n == null) throw error(t.line, "a [[node]] needs a name");
            if (nodes.containsKey(n)) throw error(t.line, "node '" + n + "' defined twice");
            ClockConfig c = new ClockConfig();
            c.clockIdentity = id++;
            c.numberPorts = (int) number(t, "ports", 1);
            if (c.numberPorts > 1) c.clockType = ClockType.BC;
            apply(defaults, c);
            apply(t, c);
            Path cfgFile = nodeConfig.apply(n, t.get("config") == null ? null : t.get("config").text());
            if (cfgFile != null) applyConfigFile(cfgFile, c, t.line);
            if ((c.clockType == ClockType.E2E_TC || c.clockType == ClockType.P2P_TC) && c.numberPorts < 2)
                throw error(t.line, "a transparent clock (" + c.clockType + ") needs ports >= 2");
            double offset = nanos(t, "offset", "0ns");
            double freq;
            Toml.Value fv = t.get("freq");
            try {
                freq = fv == null ? 0 : Toml.ppm(fv.text());
            } catch (NumberFormatException e) {
                throw error(fv.line(), "freq: '" + fv.text() + "' is not a frequency (e.g. 100ppm, 50ppb)");
            }
            double wander = number(t, "wander", 0);
            Noise noise = noise(t, "noise");
            SimNode made = net.node(n, c, offset, freq, wander, noise, listeners.apply(n));
            made.residence = noise(t, "residence");
            nodes.put(n, made);
        }
        for (Toml.Table t : toml.array("switch")) {
            String n = str(t, "name", null);
            if (n == null) throw error(t.line, "a [[switch]] needs a name");
            Noise residence = noise(t, "residence");
            Switch sw = net.plainSwitch(n, residence == Noise.NONE ? new Noise("gaussian", 1_000, 20) : residence);
            if (t.get("load_max") != null) {
                // background traffic: utilisation between load_min and load_max, bursts (see BackgroundLoad)
                double low = number(t, "load_min", 0), high = number(t, "load_max", 0), burst = number(t, "burst_load", 0);
                if (low < 0 || high > 1 || low > high || burst > 1) throw error(t.line, "load_min <= load_max, both and burst_load in [0, 1]");
                long hold = (long) nanos(t, "load_hold", "5s"), every = (long) nanos(t, "burst_every", "0s");
                long length = (long) nanos(t, "burst_length", "1s"), frame = (long) nanos(t, "frame", "12us");
                long seed0 = net.seedFor();
                sw.load = port -> new BackgroundLoad(low, high, hold, burst, every, length, frame, seed0 * 31 + port);
            }
            switches.put(n, sw);
        }
        int linkNo = 0;
        for (Toml.Table t : toml.array("link")) {
            linkNo++;
            String a = str(t, "a", null), b = str(t, "b", null);
            if (a == null || b == null) throw error(t.line, "a [[link]] needs a and b");
            long delay = (long) nanos(t, "delay", "1us");
            Noise jitter = noise(t, "jitter");
            Link l;
            if (switches.containsKey(b) && switches.containsKey(a)) {
                l = net.connect(switches.get(a), switches.get(b), delay, jitter);
            } else if (switches.containsKey(b) || switches.containsKey(a)) {
                String nodeEnd = switches.containsKey(b) ? a : b;
                Switch s = switches.get(switches.containsKey(b) ? b : a);
                l = net.connect(endNode(nodes, nodeEnd, t), endPort(nodeEnd, t), s, delay, jitter);
            } else {
                l = net.connect(endNode(nodes, a, t), endPort(a, t), endNode(nodes, b, t), endPort(b, t), delay, jitter);
            }
            double asym = nanos(t, "asymmetry", "0ns");
            if (asym != 0) l.asymmetry(delay, (long) asym);
            l.loss(number(t, "loss", 0));
            l.duplication = number(t, "duplication", 0);
            l.lateProbability = number(t, "late_probability", 0);
            l.late = noise(t, "late");
            links.put(str(t, "name", "link" + linkNo), l);
        }
        this.nodes = nodes;
        for (Toml.Table t : toml.array("fault")) scheduleFault(sim, t);
        net.start();
        return net;
    }

    private final Map<String, Link> links = new HashMap<>();
    private Map<String, SimNode> nodes = new HashMap<>();
    public final List<String> faultLog = new ArrayList<>();

    private SimNode endNode(Map<String, SimNode> nodes, String end, Toml.Table t) throws Toml.ParseException {
        String n = end.contains(":") ? end.substring(0, end.indexOf(':')) : end;
        SimNode node = nodes.get(n);
        if (node == null) throw error(t.line, "link end '" + end + "' names no node or switch");
        return node;
    }

    private int endPort(String end, Toml.Table t) throws Toml.ParseException {
        if (!end.contains(":")) return 1;
        try {
            return Integer.parseInt(end.substring(end.indexOf(':') + 1));
        } catch (NumberFormatException e) {
            throw error(t.line, "link end '" + end + "': port must be a number");
        }
    }

    private void scheduleFault(Simulation sim, Toml.Table t) throws Toml.ParseException {
        long at = sim.now() + (long) nanos(t, "at", "0s");
        String kind = str(t, "kind", "");
        String target = str(t, "target", "");
        Toml.Value value = t.get("value");
        Runnable action = switch (kind) {
            case "node_down", "node_up" -> {
                SimNode n = nodes.get(target);
                if (n == null) throw error(t.line, "fault target '" + target + "' is no node");
                yield () -> n.setAlive(kind.equals("node_up"));
            }
            case "link_down", "link_up" -> {
                Link l = links.get(target);
                if (l == null) throw error(t.line, "fault target '" + target + "' is no link name");
                yield () -> l.setUp(kind.equals("link_up"));
            }
            case "freq_step" -> {
                SimNode n = nodes.get(target);
                if (n == null || value == null) throw error(t.line, "freq_step needs a node target and a value (ppm)");
                double ppb = Toml.ppm(value.text()) * 1000;
                yield () -> n.clock().frequencyStep(sim.now(), ppb);
            }
            case "asymmetry" -> {
                Link l = links.get(target);
                if (l == null || value == null) throw error(t.line, "asymmetry needs a link target and a value (ns)");
                long asym = (long) Toml.nanos(value.text());
                long mean = (l.delayAtoB + l.delayBtoA) / 2;
                yield () -> l.asymmetry(mean, asym);
            }
            default -> throw error(t.line, "unknown fault kind '" + kind + "' (node_down, node_up, link_down, link_up, freq_step, asymmetry)");
        };
        sim.at(at, () -> {
            faultLog.add(String.format("%.3f %s %s", at / 1e9, kind, target));
            action.run();
        });
    }
}
