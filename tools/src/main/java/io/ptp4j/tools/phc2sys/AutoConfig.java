package io.ptp4j.tools.phc2sys;

import io.ptp4j.core.management.ManagementId;
import io.ptp4j.core.wire.ClockIdentity;
import io.ptp4j.core.wire.PortIdentity;
import io.ptp4j.linux.NativeException;
import io.ptp4j.tools.config.PtpConfig;
import io.ptp4j.tools.log.Printer;
import io.ptp4j.tools.ptp4l.Ptp4lDaemon;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * phc2sys -a for one ptp4l (linuxptp auto_init_ports and reconfigure_domain): the ports' clocks
 * come from PORT_PROPERTIES_NP (hardware-stamped ports only) or, for a ptp4j ptp4l running
 * {@code virtual_clock 1}, from its published virtual clock file; ptp4l's port states (polled
 * with PORT_DATA_SET each update instead of linuxptp's event subscription) pick the source: the
 * clock of the SLAVE port; the others, the static -c clocks and CLOCK_REALTIME (-r) are sinks.
 * Limits: one ptp4l (the first -z), no clock_reinit when a port's PHC changes, -rr makes the
 * system clock the source only when ptp4l has no SLAVE port.
 */
final class AutoConfig implements AutoCloseable {
    static final int PS_UNCALIBRATED = 8, PS_SLAVE = 9, PS_MASTER = 6;

    private final PmcAgent agent;
    private final PtpConfig cfg;
    private final Printer printer;
    private final int realtimeCount;
    private final Phc2sysClock systemClock; // -r, else null
    private final List<Phc2sysClock> staticSinks;
    private final Map<Integer, Phc2sysClock> portClocks = new LinkedHashMap<>();
    private final Map<Integer, Integer> portStates = new LinkedHashMap<>();
    private final List<Phc2sysClock> clocks = new ArrayList<>();
    private final List<Phc2sysClock> sinks = new ArrayList<>();
    private Phc2sysClock source;
    private boolean stateChanged;
    private boolean connected = true;
    private long lastPollNanos;

    AutoConfig(PmcAgent agent, PtpConfig cfg, Printer printer, int realtimeCount, Phc2sysClock systemClock,
            List<Phc2sysClock> staticSinks) {
        this.agent = agent;
        this.cfg = cfg;
        this.printer = printer;
        this.realtimeCount = realtimeCount;
        this.systemClock = systemClock;
        this.staticSinks = staticSinks;
    }

    /** auto_init_ports; false with an error logged when it cannot go on. */
    boolean init(Phc2sys daemon) throws NativeException {
        List<PmcAgent.Answer> dds;
        while (true) {
            if (!daemon.running()) return false;
            dds = agent.get(ManagementId.DEFAULT_DATA_SET, 1000);
            if (!dds.isEmpty() && dds.get(0).data() != null) break;
            printer.print(Printer.LOG_NOTICE, "Waiting for ptp4l...");
        }
        long numberPorts = (Long) dds.get(0).data().get("numberPorts");
        if (numberPorts <= 0) {
            printer.print(Printer.LOG_ERR, "failed to get number of ports");
            return false;
        }
        Path vfile = Path.of(Ptp4lDaemon.virtualClockFile(cfg));
        Phc2sysClock virtual = null;
        if (Files.exists(vfile)) {
            try {
                virtual = ClockResolver.open("virtual:" + vfile, cfg);
                clocks.add(virtual);
            } catch (ClockResolver.ClockException e) {
                printer.print(Printer.LOG_ERR, e.getMessage());
                return false;
            }
            for (int p = 1; p <= numberPorts; p++) portClocks.put(p, virtual);
        } else {
            List<PmcAgent.Answer> props = agent.get(ManagementId.PORT_PROPERTIES_NP, 1000);
            if (!props.isEmpty() && props.stream().allMatch(a -> a.data() == null)) {
                printer.print(Printer.LOG_ERR, "ptp4l does not answer PORT_PROPERTIES_NP (error id 0x"
                        + Integer.toHexString(props.get(0).errorId()) + "): name the clocks with -s and -c instead of -a");
                return false;
            }
            for (PmcAgent.Answer a : props) {
                if (a.data() == null) continue;
                if ((Long) a.data().get("timestamping") == 0) continue; // TS_SOFTWARE: no PHC to follow
                String iface = (String) a.data().get("interface");
                Phc2sysClock c = null;
                for (Phc2sysClock k : clocks) if (k.name.equals(iface)) c = k;
                if (c == null) {
                    try {
                        c = ClockResolver.open(iface, cfg);
                    } catch (ClockResolver.ClockException e) {
                        printer.print(Printer.LOG_ERR, e.getMessage());
                        return false;
                    }
                    clocks.add(c);
                }
                portClocks.put(a.portNumber(), c);
            }
        }
        if (clocks.isEmpty()) {
            printer.print(Printer.LOG_ERR, "no suitable ports available");
            return false;
        }
        pollStates(false);
        stateChanged = true;
        if (!agent.queryUtcOffset(1000)) {
            printer.print(Printer.LOG_ERR, "failed to get UTC offset");
            return false;
        }
        return true;
    }

    /** Polls the port states (at most once a second); true when the source or sinks were chosen anew. */
    boolean poll() throws NativeException {
        long now = System.nanoTime();
        if (now - lastPollNanos < 1_000_000_000L) return false;
        lastPollNanos = now;
        if (!pollStates(true)) {
            if (connected) {
                printer.print(Printer.LOG_ERR, "Lost connection to ptp4l #1");
                connected = false;
                source = null;
                sinks.clear();
                portStates.clear();
                return true;
            }
            return false;
        }
        connected = true;
        if (!stateChanged) return false;
        stateChanged = false;
        if (!agent.queryUtcOffset(1000)) printer.print(Printer.LOG_ERR, "failed to get UTC offset");
        reconfigure();
        return true;
    }

    /** false when ptp4l did not answer. */
    private boolean pollStates(boolean log) throws NativeException {
        var answers = agent.get(ManagementId.PORT_DATA_SET, 1000);
        if (answers.isEmpty()) return false;
        for (PmcAgent.Answer a : answers) {
            if (a.data() == null) continue;
            PortIdentity pid = (PortIdentity) a.data().get("portIdentity");
            int state = normalize((int) (long) (Long) a.data().get("portState"));
            if (!portClocks.containsKey(pid.portNumber())) {
                if (log) printer.print(Printer.LOG_INFO, "received data for unknown port " + pidText(pid));
                continue;
            }
            Integer old = portStates.put(pid.portNumber(), state);
            if (old == null || old != state) {
                if (log) printer.print(Printer.LOG_INFO, "port " + pidText(pid) + " changed state");
                stateChanged = true;
            }
        }
        for (Phc2sysClock c : clocks) {
            int s = 3; // DISABLED
            for (var e : portClocks.entrySet()) if (e.getValue() == c) s = Math.max(s, portStates.getOrDefault(e.getKey(), 3));
            c.portState = s;
        }
        return true;
    }

    /** port_state_normalize: ptp4l's internal GRAND_MASTER counts as MASTER. */
    static int normalize(int state) {
        return state == 10 ? PS_MASTER : state;
    }

    static String pidText(PortIdentity p) {
        return ClockIdentity.format(p.clockIdentity()) + "-" + p.portNumber();
    }

    /** reconfigure_domain for one ptp4l, then the system clock (-r, -rr). */
    private void reconfigure() {
        printer.print(Printer.LOG_INFO, "reconfiguring after port state change");
        sinks.clear();
        source = null;
        Phc2sysClock src = null;
        int srcCount = 0, dstCount = 0;
        List<Phc2sysClock> all = new ArrayList<>(clocks);
        for (Phc2sysClock s : staticSinks) {
            s.portState = PS_MASTER;
            boolean dup = false;
            for (Phc2sysClock c : clocks) {
                if (s.phcIndex >= 0 && s.phcIndex == c.phcIndex) {
                    printer.print(Printer.LOG_INFO, "skipping static " + s.name + ": " + c.name + " has the same clock");
                    dup = true;
                }
            }
            if (!dup) all.add(s);
        }
        for (Phc2sysClock c : all) {
            switch (c.portState) {
                case PS_UNCALIBRATED -> srcCount++;
                case PS_SLAVE -> {
                    src = c;
                    srcCount++;
                }
                default -> {
                    printer.print(Printer.LOG_INFO, "selecting " + c.name + " for synchronization");
                    dstCount++;
                    sinks.add(c);
                }
            }
        }
        if (srcCount > 1) {
            printer.print(Printer.LOG_INFO, "multiple source clocks available, postponing sync...");
            return;
        }
        if (srcCount > 0 && src == null) {
            printer.print(Printer.LOG_INFO, "source clock not ready, waiting...");
            return;
        }
        if (srcCount == 0 && dstCount == 0) {
            printer.print(Printer.LOG_INFO, "no PHC ready, waiting...");
            return;
        }
        if (src != null) {
            source = src;
            printer.print(Printer.LOG_INFO, "selecting " + src.name + " as domain source clock");
            if (systemClock != null) {
                printer.print(Printer.LOG_INFO, "selecting system clock for synchronization");
                sinks.add(systemClock);
            }
        } else if (systemClock != null && realtimeCount > 1) {
            source = systemClock;
            printer.print(Printer.LOG_INFO, "selecting system clock as source clock");
        }
    }

    Phc2sysClock source() {
        return source;
    }

    List<Phc2sysClock> sinks() {
        return sinks;
    }

    /** A stable metrics port number per clock: its place among all the clocks phc2sys knows. */
    int metricsPort(Phc2sysClock c) {
        int i = clocks.indexOf(c);
        if (i >= 0) return i + 1;
        i = staticSinks.indexOf(c);
        if (i >= 0) return clocks.size() + i + 1;
        return clocks.size() + staticSinks.size() + 1;
    }

    /** Labels each clock's metrics "port" with the clock's name. */
    void nameMetrics(io.ptp4j.tools.metrics.PtpMetrics m) {
        for (Phc2sysClock c : clocks) m.setInterface(metricsPort(c), c.name);
        for (Phc2sysClock c : staticSinks) m.setInterface(metricsPort(c), c.name);
        if (systemClock != null) m.setInterface(metricsPort(systemClock), systemClock.name);
    }

    @Override
    public void close() {
        for (Phc2sysClock c : clocks) c.close();
        for (Phc2sysClock c : staticSinks) c.close();
        if (systemClock != null) systemClock.close();
    }
}
