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
        this.file = file;
        this.toml = toml;
        this.name = str(toml.root, "name", file);
        this.durationNanos = (long) nanos(toml.root, "duration", "120s");
        this.seed = toml.root.get("seed") == null ? 1 : ((Number) toml.root.get("seed").value()).longValue();
    }

    public static Scenario load(Path path) throws Exception {
        return parse(path.toString(), Files.readString(path));
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

    private static final List<String> NODE_KEYS = List.of("name", "offset", "freq", "wander", "noise", "ports", "residence");

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
            switches.put(n, net.plainSwitch(n, residence == Noise.NONE ? new Noise("gaussian", 1_000, 20) : residence));
        }
        int linkNo = 0;
        for (Toml.Table t : toml.array("link")) {
            linkNo++;
            String a = str(t, "a", null), b = str(t, "b", null);
            if (a == null || b == null) throw error(t.line, "a [[link]] needs a and b");
            long delay = (long) nanos(t, "delay", "1us");
            Noise jitter = noise(t, "jitter");
            Link l;
            if (switches.containsKey(b) || switches.containsKey(a)) {
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
