package io.ptp4j.tools.phc2sys;

import io.ptp4j.core.management.ManagementId;
import io.ptp4j.core.wire.ClockIdentity;
import io.ptp4j.core.wire.PortIdentity;
import io.ptp4j.linux.NativeException;
import io.ptp4j.tools.config.PtpConfig;
import io.ptp4j.tools.log.Printer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * phc2sys -a as linuxptp 4.4 runs it (phc2sys.c auto_init_ports, phc2sys_recv_subscribed,
 * reconfigure_domain, reconfigure, do_loop): one domain per ptp4l (-z and -n, repeatable), plus
 * one for the system clock with -r.
 *
 * <ul>
 * <li>A ptp4l's ports and their clocks come from PORT_PROPERTIES_NP (hardware-stamped ports
 *     only; ports sharing an interface share its clock) or, for a ptp4j ptp4l running
 *     {@code virtual_clock 1}, from its published virtual clock file. phc2sys then subscribes to
 *     NOTIFY_PORT_STATE (SUBSCRIBE_EVENTS_NP, renewed every 10 s with a 30 s lifetime) and learns
 *     every port state change from the PORT_DATA_SET ptp4l pushes: the first update after the
 *     event reconfigures ("port X changed state", "reconfiguring after port state change"). Nothing
 *     is polled; the UTC offset is asked for with each renewal, and a ptp4l that has not answered
 *     for three renewals is lost ("Lost connection to ptp4l #N") until it answers again.
 * <li>In a domain the clock of the SLAVE port is the source, the clocks of ports in other states
 *     sinks (one per PHC); UNCALIBRATED means wait. Across domains (linuxptp reconfigure) a domain
 *     with a source keeps it; the others take the best one's ("selecting X as out-of-domain source
 *     clock"), preferring ptp4l's domains to the system clock's. {@code -r} makes the system clock a
 *     sink of that source; {@code -rr} also lets it be the source when no ptp4l has a SLAVE port
 *     ("selecting CLOCK_REALTIME as source clock").
 * <li>ptp4j additions: {@code -c} clocks are sinks of the first domain; {@code -C virtual} stands
 *     a virtual clock in for the system clock (tests and demos never touch the real one).
 * </ul>
 * Not done: clock_reinit's switch to another PHC when a port's PHC changes (the clock is reset
 * when its port becomes MASTER, as linuxptp, but keeps its device).
 */
final class AutoConfig implements AutoCloseable {
    static final int PS_DISABLED = 3, PS_LISTENING = 4, PS_MASTER = 6, PS_UNCALIBRATED = 8, PS_SLAVE = 9;

    /** One ptp4l (agent non-null) or the system clock (-r). */
    static final class Domain {
        final int number; // "ptp4l #N"
        final PmcAgent agent;
        final Map<Integer, Phc2sysClock> portClocks = new LinkedHashMap<>();
        final Map<Integer, Integer> portStates = new LinkedHashMap<>();
        final List<Phc2sysClock> clocks = new ArrayList<>();
        final List<Phc2sysClock> sinks = new ArrayList<>();
        Phc2sysClock source;
        Domain sourceDomain = this;
        int sourcePriority;
        boolean stateChanged, subscribed, hasRealtime, realtimeSinkOnly;

        Domain(int number, PmcAgent agent) {
            this.number = number;
            this.agent = agent;
        }

        Phc2sysClock source() {
            return source;
        }

        List<Phc2sysClock> sinks() {
            return sinks;
        }

        /** Whose leap flags and UTC offset count (linuxptp clock_handle_leap: the system clock's domain has no agent). */
        PmcAgent leapAgent() {
            return hasRealtime ? sourceDomain.agent : agent;
        }
    }

    private final PtpConfig cfg;
    private final Printer printer;
    private final double intervalSeconds;
    private final List<Domain> domains = new ArrayList<>();
    private final List<Phc2sysClock> staticSinks;
    private final Phc2sysClock systemClock;
    private final List<Phc2sysClock> all = new ArrayList<>();

    /**
     * @param agents one per ptp4l, in -z order
     * @param realtimeCount -r given once (a sink) or twice (also a source)
     */
    AutoConfig(List<PmcAgent> agents, PtpConfig cfg, Printer printer, double intervalSeconds, int realtimeCount, Phc2sysClock systemClock,
            List<Phc2sysClock> staticSinks) {
        this.cfg = cfg;
        this.printer = printer;
        this.intervalSeconds = intervalSeconds;
        this.staticSinks = staticSinks;
        this.systemClock = systemClock;
        for (int i = 0; i < agents.size(); i++) domains.add(new Domain(i + 1, agents.get(i)));
        if (systemClock != null && realtimeCount > 0) {
            Domain rt = new Domain(domains.size() + 1, null);
            rt.clocks.add(systemClock);
            rt.hasRealtime = true;
            rt.realtimeSinkOnly = realtimeCount == 1;
            domains.add(rt);
        }
    }

    List<Domain> domains() {
        return domains;
    }

    /** auto_init_ports for each ptp4l; false with an error logged when phc2sys cannot go on. */
    boolean init(Phc2sys daemon) throws NativeException {
        for (Domain d : domains) {
            if (d.agent == null) continue;
            if (!initPorts(d, daemon)) return false;
            d.agent.onNotification(a -> portDataSet(d, a));
        }
        for (Phc2sysClock s : staticSinks) {
            s.portState = PS_MASTER;
            domains.get(0).clocks.add(s);
        }
        for (Domain d : domains) all.addAll(d.clocks);
        return true;
    }

    private boolean initPorts(Domain d, Phc2sys daemon) throws NativeException {
        List<PmcAgent.Answer> dds;
        while (true) {
            if (!daemon.running()) return false;
            dds = d.agent.get(ManagementId.DEFAULT_DATA_SET, 1000);
            if (!dds.isEmpty() && dds.get(0).data() != null) break;
            printer.print(Printer.LOG_NOTICE, "Waiting for ptp4l...");
        }
        long numberPorts = (Long) dds.get(0).data().get("numberPorts");
        if (numberPorts <= 0) {
            printer.print(Printer.LOG_ERR, "failed to get number of ports");
            return false;
        }
        d.agent.ptp4lClockIdentity((Long) dds.get(0).data().get("clockIdentity"));
        if (!d.agent.subscribe(1000, intervalSeconds, System.nanoTime())) {
            printer.print(Printer.LOG_ERR, "failed to subscribe");
            return false;
        }
        // a ptp4j ptp4l's virtual clock file: virtual_clock_file (one ptp4l), else next to its socket
        String f = cfg.getString("virtual_clock_file");
        Path vfile = Path.of(f.isEmpty() || domains.size() > 1 ? d.agent.server() + ".vclock" : f);
        List<PmcAgent.Answer> props = d.agent.get(ManagementId.PORT_PROPERTIES_NP, 1000);
        if (!props.isEmpty() && props.stream().allMatch(a -> a.data() == null)) {
            printer.print(Printer.LOG_ERR, "failed to get port properties (error id 0x" + Integer.toHexString(props.get(0).errorId())
                    + "): name the clocks with -s and -c instead of -a");
            return false;
        }
        Phc2sysClock virtual = null;
        if (Files.exists(vfile)) {
            // ptp4j's ptp4l with virtual_clock 1: every port's "PHC" is its published virtual clock
            virtual = open(d, "virtual:" + vfile);
            if (virtual == null) return false;
        }
        for (PmcAgent.Answer a : props) {
            if (a.data() == null) continue;
            if (virtual == null && (Long) a.data().get("timestamping") == 0) continue; // TS_SOFTWARE: no PHC to follow
            Phc2sysClock c = virtual != null ? virtual : find(d, (String) a.data().get("interface"));
            if (c == null) c = open(d, (String) a.data().get("interface"));
            if (c == null) return false;
            d.portClocks.put(a.portNumber(), c);
            d.portStates.put(a.portNumber(), normalize((int) (long) (Long) a.data().get("port_state")));
        }
        if (d.clocks.isEmpty()) {
            printer.print(Printer.LOG_ERR, "no suitable ports available");
            return false;
        }
        for (Phc2sysClock c : d.clocks) c.newState = computeState(d, c);
        d.stateChanged = true;
        d.sourcePriority = 1;
        if (!d.agent.queryUtcOffset(1000)) {
            printer.print(Printer.LOG_ERR, "failed to get UTC offset");
            return false;
        }
        d.agent.updated(System.nanoTime());
        d.subscribed = true;
        return true;
    }

    private static Phc2sysClock find(Domain d, String name) {
        for (Phc2sysClock k : d.clocks) if (k.name.equals(name)) return k;
        return null;
    }

    private Phc2sysClock open(Domain d, String name) {
        try {
            Phc2sysClock c = ClockResolver.open(name, cfg);
            d.clocks.add(c);
            return c;
        } catch (ClockResolver.ClockException e) {
            printer.print(Printer.LOG_ERR, e.getMessage());
            return null;
        }
    }

    /** phc2sys_recv_subscribed: a pushed PORT_DATA_SET. */
    private void portDataSet(Domain d, PmcAgent.Answer a) {
        PortIdentity pid = (PortIdentity) a.data().get("portIdentity");
        Phc2sysClock c = d.portClocks.get(pid.portNumber());
        if (c == null) {
            printer.print(Printer.LOG_INFO, "received data for unknown port " + pidText(pid));
            return;
        }
        int state = normalize((int) (long) (Long) a.data().get("portState"));
        Integer old = d.portStates.put(pid.portNumber(), state);
        if (old != null && old == state) return;
        printer.print(Printer.LOG_INFO, "port " + pidText(pid) + " changed state");
        int s = computeState(d, c);
        if (c.portState != s || c.newState != 0) {
            c.newState = s;
            d.stateChanged = true;
        }
    }

    /** clock_compute_state: the highest state of the clock's ports (SLAVE over UNCALIBRATED over MASTER ...). */
    private static int computeState(Domain d, Phc2sysClock c) {
        int s = PS_DISABLED;
        for (var e : d.portClocks.entrySet()) if (e.getValue() == c) s = Math.max(s, d.portStates.getOrDefault(e.getKey(), PS_DISABLED));
        return s;
    }

    /** port_state_normalize: ptp4l's internal GRAND_MASTER counts as MASTER. */
    static int normalize(int state) {
        return state == 10 ? PS_MASTER : state;
    }

    static String pidText(PortIdentity p) {
        return ClockIdentity.format(p.clockIdentity()) + "-" + p.portNumber();
    }

    /** do_loop's first half: renewals, notifications, lost ptp4ls; reconfigures when something changed. */
    void update(long nowNanos) throws NativeException {
        boolean changed = false;
        for (Domain d : domains) {
            if (d.agent == null) continue;
            d.agent.update(nowNanos);
            boolean was = d.subscribed;
            d.subscribed = d.agent.isSubscribed(nowNanos);
            if (!d.subscribed) {
                if (was) {
                    printer.print(Printer.LOG_ERR, "Lost connection to ptp4l #" + d.number);
                    changed = true;
                }
                continue;
            }
            if (d.stateChanged) {
                changed = true;
                // the UTC offset may have changed with the port state
                if (!d.agent.queryUtcOffset(1000)) printer.print(Printer.LOG_ERR, "failed to get UTC offset");
            }
        }
        if (changed) reconfigure();
    }

    /** linuxptp reconfigure: each domain on its own, then the best source for the domains without one. */
    private void reconfigure() {
        printer.print(Printer.LOG_INFO, "reconfiguring after port state change");
        Domain best = null, rt = null;
        for (Domain d : domains) {
            d.sinks.clear();
            if (!reconfigureDomain(d)) return;
            if (compare(best, d) > 0) best = d;
            if (d.hasRealtime) rt = d;
        }
        if (domains.size() <= 1 || best == null) return;
        if (rt != null && best != rt) printer.print(Printer.LOG_INFO, "selecting " + rtName() + " for synchronization");
        if (best == rt) {
            printer.print(Printer.LOG_INFO, "selecting " + rtName() + " as source clock");
        } else if (domains.size() - (rt != null ? 1 : 0) > 1) {
            printer.print(Printer.LOG_INFO, "selecting " + best.source.name + " as out-of-domain source clock");
        }
        for (Domain d : domains) {
            if (d.source != null && d.sourcePriority > 0) continue;
            d.source = best.source;
            d.sourceDomain = best;
        }
    }

    private String rtName() {
        return systemClock != null && !systemClock.system ? systemClock.name : "CLOCK_REALTIME";
    }

    /** compare_domains: a domain with a source beats one without, then the higher source priority. */
    private static int compare(Domain a, Domain b) {
        if (a == null || b == null) {
            if (a != null && a.source != null) return -1;
            if (b != null && b.source != null) return 1;
            return 0;
        }
        if ((a.source == null) != (b.source == null)) return (b.source != null ? 1 : 0) - (a.source != null ? 1 : 0);
        return b.sourcePriority - a.sourcePriority;
    }

    /** reconfigure_domain; false to postpone the whole reconfiguration (linuxptp returns -1). */
    private boolean reconfigureDomain(Domain d) {
        d.stateChanged = false;
        d.sourceDomain = d;
        if (!d.hasRealtime && !d.subscribed) {
            d.source = null;
            return true;
        }
        Phc2sysClock src = null;
        int srcCount = 0, dstCount = 0;
        for (Phc2sysClock c : d.clocks) {
            if (d.hasRealtime) { // the system clock: always a sink, with -rr also a source
                d.sinks.add(c);
                d.source = d.realtimeSinkOnly ? null : c;
                return true;
            }
            if (c.newState != 0) {
                reinit(c, c.newState);
                c.portState = c.newState;
                c.newState = 0;
            }
            switch (c.portState) {
                case PS_UNCALIBRATED -> srcCount++;
                case PS_SLAVE -> {
                    src = c;
                    srcCount++;
                }
                default -> {
                    Phc2sysClock dup = null;
                    for (Phc2sysClock k : d.sinks) if (c.phcIndex >= 0 && k.phcIndex == c.phcIndex) dup = k;
                    if (dup == null) {
                        printer.print(Printer.LOG_INFO, "selecting " + c.name + " for synchronization");
                        dstCount++;
                        d.sinks.add(c);
                    } else {
                        printer.print(Printer.LOG_INFO, "skipping " + c.name + ": " + dup.name + " has the same clock and is already selected");
                    }
                }
            }
        }
        if (srcCount > 1) {
            printer.print(Printer.LOG_INFO, "multiple source clocks available, postponing sync...");
            d.source = null;
            return false;
        }
        if (srcCount > 0 && src == null) {
            printer.print(Printer.LOG_INFO, "source clock not ready, waiting...");
            d.source = null;
            return false;
        }
        if (srcCount == 0 && dstCount == 0) {
            printer.print(Printer.LOG_INFO, "no PHC ready, waiting...");
            d.source = null;
            return false;
        }
        d.source = src;
        if (src != null) printer.print(Printer.LOG_INFO, "selecting " + src.name + " as domain source clock");
        return true;
    }

    /** clock_reinit: a clock whose port became MASTER starts its servo over. */
    private static void reinit(Phc2sysClock c, int newState) {
        if (newState != PS_MASTER) return;
        if (c.servo != null) c.servo.reset();
        c.servoState = io.ptp4j.core.servo.ServoState.UNLOCKED;
        if (c.offsetStats != null) {
            c.offsetStats.reset();
            c.freqStats.reset();
            c.delayStats.reset();
        }
    }

    /** A stable metrics port number per clock: its place among all the clocks phc2sys knows. */
    int metricsPort(Phc2sysClock c) {
        int i = all.indexOf(c);
        return i >= 0 ? i + 1 : all.size() + 1;
    }

    /** Labels each clock's metrics "port" with the clock's name. */
    void nameMetrics(io.ptp4j.tools.metrics.PtpMetrics m) {
        for (Phc2sysClock c : all) m.setInterface(metricsPort(c), c.name);
    }

    @Override
    public void close() {
        for (Phc2sysClock c : all) c.close();
        for (Domain d : domains) if (d.agent != null) d.agent.close();
    }
}
