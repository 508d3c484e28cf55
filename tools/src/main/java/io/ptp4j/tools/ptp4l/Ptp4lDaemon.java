package io.ptp4j.tools.ptp4l;

import io.ptp4j.core.auth.Authenticator;
import io.ptp4j.core.clock.ManagementAgent;
import io.ptp4j.core.clock.PortDescription;
import io.ptp4j.core.clock.PtpClock;
import io.ptp4j.core.clock.TransparentClock;
import io.ptp4j.core.engine.Driver;
import io.ptp4j.core.engine.ClockConfig;
import io.ptp4j.core.engine.EngineListener;
import io.ptp4j.core.engine.PtpNode;
import io.ptp4j.core.wire.ClockIdentity;
import io.ptp4j.linux.FileWatch;
import io.ptp4j.linux.NativeException;
import io.ptp4j.linux.UnixDatagramSocket;
import io.ptp4j.linux.clock.ClockDevice;
import io.ptp4j.linux.clock.Clocks;
import io.ptp4j.linux.clock.JbodClock;
import io.ptp4j.linux.clock.OscillatorErrorClock;
import io.ptp4j.linux.clock.PhcClock;
import io.ptp4j.linux.clock.ReadOnlyClock;
import io.ptp4j.linux.clock.SystemClock;
import io.ptp4j.linux.clock.VirtualClock;
import io.ptp4j.linux.clock.VirtualClockFile;
import io.ptp4j.linux.daemon.EventLoop;
import io.ptp4j.linux.ethtool.HardwareAddress;
import io.ptp4j.linux.ethtool.TsInfo;
import io.ptp4j.linux.ntpshm.NtpShmSegment;
import io.ptp4j.linux.transport.Timestamping;
import io.ptp4j.linux.transport.Transport;
import io.ptp4j.linux.transport.TransportConfig;
import io.ptp4j.linux.transport.Transports;
import io.ptp4j.linux.transport.TxTimestampTimeoutException;
import io.ptp4j.tools.auth.SecuritySetup;
import io.ptp4j.tools.bound.BoundPublishing;
import io.ptp4j.tools.config.PtpConfig;
import io.ptp4j.tools.log.LinuxptpLogListener;
import io.ptp4j.tools.log.LogRateLimit;
import io.ptp4j.tools.log.Printer;
import io.ptp4j.tools.log.Printers;
import io.ptp4j.tools.obs.JsonLogging;
import io.ptp4j.tools.obs.JsonSummaryLog;
import io.ptp4j.tools.obs.Observability;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The ptp4l daemon: a validated configuration becomes a {@link ClockConfig} ({@link EngineSettings}), the interfaces
 * become timestamping transports, the clock becomes a {@link ClockDevice}, and the Linux
 * {@link EventLoop} runs the {@link PtpClock} engine until SIGINT/SIGTERM.
 */
public final class Ptp4lDaemon {
    /**
     * The PHC (or, with boundary_clock_jbod and ports on different NICs, the PHCs) a hardware
     * timestamping ptp4l disciplines; null after printing linuxptp's error.
     */
    static ClockDevice hardwareClock(String prog, Ptp4lSettings s, PtpConfig c, PrintStream err) throws NativeException {
        List<String> ifaces = s.interfaces();
        int n = ifaces.size();
        int[] attached = new int[n], configured = new int[n];
        boolean[] jbod = new boolean[n];
        List<String> names = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            attached[i] = TsInfo.query(ifaces.get(i)).phcIndex();
            configured[i] = c.getInt(ifaces.get(i), "phc_index");
            jbod[i] = c.getInt(ifaces.get(i), "boundary_clock_jbod") == 1;
            names.add("port " + (i + 1) + " (" + ifaces.get(i) + ")");
        }
        PhcPlan plan;
        try {
            plan = PhcPlan.of(names, attached, configured, jbod, s.phcDevice());
        } catch (PhcPlan.MismatchException e) {
            err.println(prog + ": " + e.getMessage().replace("\n", "\n" + prog + ": "));
            return null;
        }
        for (String w : plan.warnings()) err.println(prog + ": " + w);
        if (s.phcDevice() != null && PhcPlan.deviceIndex(s.phcDevice()) < 0) {
            return PhcClock.open(s.phcDevice());
        }
        if (plan.phcByPort()[0] < 0) return Clocks.forInterface(ifaces.get(0), Timestamping.HARDWARE); // its error
        if (!plan.jbod()) return PhcClock.open(plan.phcByPort()[0]);
        Map<Integer, ClockDevice> open = new HashMap<>();
        ClockDevice[] byPort = new ClockDevice[n];
        for (int i = 0; i < n; i++) {
            int idx = plan.phcByPort()[i];
            ClockDevice d = open.get(idx);
            if (d == null) {
                d = PhcClock.open(idx);
                open.put(idx, d);
            }
            byPort[i] = d;
        }
        return new JbodClock(byPort);
    }

    /** Runs the daemon until SIGINT/SIGTERM; returns the exit code. */
    public static int run(String prog, Ptp4lSettings s, PrintStream err) {
        Ptp4lDaemon d = new Ptp4lDaemon(prog, s, err);
        try {
            return d.runUntilStopped();
        } catch (IOException e) { // NativeException too
            err.println(prog + ": " + e.getMessage());
            return 1;
        } finally {
            d.close();
        }
    }

    private final String prog;
    private final Ptp4lSettings settings;
    private final PtpConfig c;
    private final List<String> ifaces;
    private final PrintStream err;
    private final boolean transparent;
    private final boolean software;
    private final Timestamping timestamping;
    private final boolean freeRunning;
    private final boolean virtual;
    // clock_servo ntpshm / refclock_sock feed chronyd/ntpd and never adjust the clock (linuxptp
    // ntpshm.c, refclock_sock.c)
    private final boolean ntpshm;
    private final boolean sockServo;

    // what run opens, closed by close() in this order
    private final Transport[] ports;
    private ClockDevice clock;
    private EventLoop loop;
    private UnixDatagramSocket uds, udsRo;
    private SlaveEventMonitorSocket slaveEventMonitor;
    private Observability obs;
    private NtpShmSegment shm;
    private UnixDatagramSocket refclockSock;
    private VirtualClockFile vclockFile;
    private CmldsClient cmlds;
    private BoundPublishing bound;
    private io.ptp4j.linux.rtnl.LinkWatch links;
    private final CountDownLatch closed = new CountDownLatch(1);
    private Printer printer;
    private EngineListener log;
    private Authenticator auth; // sa_file, spp, active_key_id (docs/security.md); null: none
    private FileWatch saFileWatch;

    private Ptp4lDaemon(String prog, Ptp4lSettings s, PrintStream err) {
        this.prog = prog;
        this.settings = s;
        this.c = s.config();
        this.ifaces = s.interfaces();
        this.err = err;
        this.transparent = s.clockType().equals("E2E_TC") || s.clockType().equals("P2P_TC");
        // onestep and p2p1step ask the NIC for one-step stamps, legacy for SYS_HARDWARE ones; a NIC
        // that cannot is refused (linuxptp sk.c), never quietly run another way
        this.timestamping = Timestamping.named(c.getEnum("time_stamping"));
        this.software = timestamping == Timestamping.SOFTWARE || timestamping == Timestamping.LEGACY;
        this.freeRunning = c.getInt("free_running") == 1;
        this.virtual = c.getInt("virtual_clock") == 1;
        this.ntpshm = c.getEnum("clock_servo").equals("ntpshm");
        this.sockServo = c.getEnum("clock_servo").equals("refclock_sock");
        this.ports = new Transport[ifaces.size()];
    }

    private boolean feedsNtp() {
        return ntpshm || sockServo;
    }

    private int runUntilStopped() throws IOException {
        long id = clockIdentity();
        int refused = openPorts();
        if (refused != 0) return refused;
        clock = openClock();
        if (clock == null) return 1;
        if (!writePhaseModeSupported(prog, c, clock, err)) return 255;
        // A transparent clock only measures residence times: it never adjusts its clock.
        if (freeRunning || transparent || feedsNtp()) clock = new ReadOnlyClock(clock);
        printer = Printers.forConfig(prog, c);
        clearKernelLeap(clock, printer);
        try {
            auth = SecuritySetup.forPtp4l(c, ifaces);
        } catch (SecuritySetup.Failure e) {
            for (String line : e.lines()) printer.print(Printer.LOG_ERR, line);
            err.println("failed to create a clock");
            return 255;
        }
        ClockConfig ec = EngineSettings.clockConfig(c, ifaces, id, software);
        attachExternalServo(ec);
        EngineListener listener = listener(ec);
        // the clock error bound (docs/bounded-time.md): null when there is nothing to publish
        bound = BoundPublishing.start(c, ifaces, BoundPublishing.Disciplined.of(freeRunning || transparent || feedsNtp(), virtual, software),
                listener, printer);
        if (bound != null) listener = bound.listener();
        warnSoftwareTimestamping();
        loop = eventLoop();
        Driver driver = Ptp4lSecurity.signing(obs.driver(loop), auth, log);
        ManagementNotifications notifications = new ManagementNotifications(listener);
        PtpNode node = transparent ? new TransparentClock(ec, driver, listener) : new PtpClock(ec, driver, notifications);
        PtpClock engine = node instanceof PtpClock pc ? pc : null; // before the layers below wrap it
        if (node instanceof PtpClock pc) {
            serveManagement(pc, driver, notifications);
            cmlds = CmldsClient.attach(pc, c, ifaces, loop, printer); // delay_mechanism COMMON_P2P
            if (cmlds != null) node = cmlds.wrap(node);
        }
        if (bound != null && node instanceof PtpClock pc) node = bound.attachedTo(pc, node);
        if (auth != null) reloadSaFileWhenChanged();
        stopOnShutdown();
        PtpNode fed = obs.node(Ptp4lSecurity.checking(node, engine, auth, log, obs.metrics()));
        links = watchLinks(loop, fed, ifaces, printer);
        loop.run(fed);
        if (log instanceof LinuxptpLogListener l) l.flushSuppressed(); // the last window's summary
        return 0;
    }

    /** clockIdentity, or one made from the first interface's MAC address. */
    private long clockIdentity() throws NativeException {
        String idText = c.getString("clockIdentity");
        if (!idText.equals("000000.0000.000000")) return ClockIdentity.parse(idText);
        byte[] mac = new byte[6];
        long m = HardwareAddress.of(ifaces.get(0));
        for (int i = 0; i < 6; i++) mac[i] = (byte) (m >>> (40 - 8 * i));
        return ClockIdentity.fromMac(mac);
    }

    /** One transport per interface; the exit code after printing why one cannot be used, else 0. */
    private int openPorts() throws NativeException {
        for (int i = 0; i < ports.length; i++) {
            String iface = ifaces.get(i);
            TransportConfig tc;
            try {
                tc = transportConfig(iface);
            } catch (IllegalArgumentException e) {
                err.println(prog + ": interface '" + iface + "': " + e.getMessage());
                return 1;
            }
            try {
                Transports.checkTimestamping(iface, timestamping);
            } catch (Transports.UnsupportedTimestampingException e) {
                err.println(prog + ": interface '" + iface + "' does not support requested timestamping mode");
                if (!software) err.println(prog + ": (no " + c.getEnum("time_stamping") + " timestamping: try -S for software timestamps; 'ptp4j ts-info "
                        + iface + "' shows what it can do)");
                err.println(prog + ": failed to create a clock");
                return 255;
            }
            try {
                ports[i] = Transports.open(c.getEnum(iface, "network_transport"), iface, tc);
            } catch (io.ptp4j.linux.transport.HardwareTimestamps.RefusedException e) {
                err.println(prog + ": " + e.getMessage() + "\n" + prog + ": failed to create a clock");
                return 255;
            }
        }
        return 0;
    }

    private TransportConfig transportConfig(String iface) {
        return transportConfig(c, iface, timestamping);
    }

    /** The transport keys of interface {@code iface}'s section (else [global]); IllegalArgumentException names a bad one. */
    static TransportConfig transportConfig(PtpConfig c, String iface, Timestamping timestamping) {
        return TransportConfig.defaults().withTimestamping(timestamping)
                .withUdpTtl(c.getInt(iface, "udp_ttl")).withUdp6Scope(c.getInt(iface, "udp6_scope"))
                .withMacs(TransportConfig.parseMac(c.getString(iface, "ptp_dst_mac")),
                        TransportConfig.parseMac(c.getString(iface, "p2p_dst_mac")))
                .withDscp(c.getInt(iface, "dscp_event"), c.getInt(iface, "dscp_general"))
                .withGroups(TransportConfig.IpGroups.parse(c.getString(iface, "ptp_dst_ipv4"), c.getString(iface, "p2p_dst_ipv4"),
                        c.getString(iface, "ptp_dst_ipv6"), c.getString(iface, "p2p_dst_ipv6")))
                .withSocketPriority(c.getInt(iface, "socket_priority"))
                .withHwtsFilter(io.ptp4j.linux.transport.HardwareTimestamps.FilterMode.named(c.getEnum("hwts_filter")));
    }

    /**
     * linuxptp clock_create: write_phase_mode needs a PHC whose driver can adjust its phase
     * (PTP_CLOCK_GETCAPS adjust_phase); the system clock and the virtual clock cannot. Not
     * checked when free running (no clock is adjusted).
     */
    static boolean writePhaseModeSupported(String prog, PtpConfig c, ClockDevice clock, PrintStream err) {
        if (c.getInt("write_phase_mode") == 0 || c.getInt("free_running") == 1 || clock.canAdjustPhase()) return true;
        err.println(prog + ": clock does not support write phase mode\n" + prog + ": failed to create a clock");
        return false;
    }

    /**
     * linuxptp clock_create on CLOCK_REALTIME: no leap second is left armed in the kernel from
     * before (sysclk_set_leap(0)). Without CAP_SYS_TIME that fails, is said, and ptp4l goes on.
     */
    static void clearKernelLeap(ClockDevice clock, Printer printer) {
        if (!(clock instanceof SystemClock sys)) return; // read-only, virtual and PHC clocks are wrapped or have none
        try {
            sys.armLeap(0);
        } catch (NativeException e) {
            printer.print(Printer.LOG_ERR, "failed to set the clock status: " + io.ptp4j.linux.Libc.strerror(e.errno()));
        }
    }

    /**
     * Link news from rtnetlink reaches the engine (linuxptp's FD_RTNL per port): link down faults
     * a port at once, link up clears it, a bond's new active slave is a new ts label. A socket
     * that cannot be opened is reported, not fatal (the ports then fault on failed sends only).
     */
    static io.ptp4j.linux.rtnl.LinkWatch watchLinks(EventLoop loop, PtpNode node, List<String> ifaces, Printer printer) {
        try {
            io.ptp4j.linux.rtnl.LinkWatch w = io.ptp4j.linux.rtnl.LinkWatch.open(ifaces);
            loop.watch(w.fd(), () -> {
                try {
                    w.drain((port, up, label) -> node.onLinkStatus(port, up, label, loop.monotonicNanos()));
                } catch (NativeException e) {
                    printer.print(Printer.LOG_ERR, e.getMessage());
                }
            });
            w.queryAll();
            return w;
        } catch (NativeException e) {
            printer.print(Printer.LOG_ERR, e.getMessage() + " (link changes will not be seen)");
            return null;
        }
    }

    /** The clock the engine disciplines: virtual, the system clock, or the PHC(s); null after printing why not. */
    private ClockDevice openClock() throws NativeException {
        if (virtual) {
            VirtualClock v = VirtualClock.startingAtRealtime();
            v.step(c.getInt("virtual_clock_offset"));
            ClockDevice withError = new OscillatorErrorClock(v, c.getInt("virtual_clock_freq"));
            vclockFile = publishVirtualClock(prog, c, v, err);
            return withError;
        }
        if (software) return new SystemClock();
        return hardwareClock(prog, settings, c, err);
    }

    /** clock_servo ntpshm or refclock_sock: the samples go to chronyd/ntpd instead of a servo. */
    private void attachExternalServo(ClockConfig ec) throws NativeException {
        if (ntpshm && !freeRunning) {
            shm = NtpShmSegment.attach(c.getInt("ntpshm_segment"));
            NtpShmSegment segment = shm;
            ec.externalServo = () -> new NtpShmServo(segment);
        }
        if (sockServo && !freeRunning) {
            refclockSock = UnixDatagramSocket.unbound().boundedSends(100);
            UnixDatagramSocket sock = refclockSock;
            String chrony = c.getString("refclock_sock_address");
            Printer p = printer;
            ec.externalServo = () -> new RefclockSockServo(sock, chrony, m -> p.print(Printer.LOG_ERR, m));
        }
    }

    /** The engine's listener: the log (linuxptp's lines, or JSON), the virtual clock report, metrics and dashboard. */
    private EngineListener listener(ClockConfig ec) throws IOException {
        int summary = c.getInt("summary_interval");
        String[] names = ifaces.toArray(new String[0]);
        // log_format json: one JSON object per engine event and per printer line on stdout
        // linuxptp's lines: what a peer can repeat at will (new foreign master, bad message, auth,
        // port errors) is rate-limited, with a summary line (docs/operations.md)
        log = c.getEnum("log_format").equals("json")
                ? new JsonSummaryLog(JsonLogging.attach(prog, printer), summary, ec.port.logSyncInterval, freeRunning, ec.freqEstInterval)
                : new LinuxptpLogListener(printer, names, summary, ec.port.logSyncInterval, freeRunning, ec.freqEstInterval)
                        .rateLimited(LogRateLimit.daemonDefault(ifaces.size()));
        EngineListener listener = virtual ? new VirtualClockReport(log, clock, printer) : log;
        obs = Observability.start(prog, prog + " on " + String.join(", ", ifaces), names,
                c.getInt("metrics_port"), c.getInt("dashboard_port"), System::nanoTime,
                Observability.windowSamples(summary, ec.port.logSyncInterval));
        return Ptp4lSecurity.tracking(obs.listener(listener), auth);
    }

    private void warnSoftwareTimestamping() {
        if (software && !freeRunning && !feedsNtp() && !virtual) {
            printer.print(Printer.LOG_WARNING, "software timestamping: expect about 1 us of accuracy, and this adjusts "
                    + clock.name() + "; use hardware timestamps (-H) where the NIC has them");
        }
    }

    private EventLoop eventLoop() throws NativeException {
        Observability o = obs;
        Printer p = printer;
        EngineListener l = log;
        return new EventLoop(ports, clock, c.getInt("tx_timestamp_timeout"), (port, msg) -> {
            if (msg.startsWith(TxTimestampTimeoutException.TIMED_OUT)) o.txTimestampTimeout(port);
            if (l instanceof LinuxptpLogListener ll) ll.portError(port, msg); // rate-limited
            else p.print(Printer.LOG_ERR, port == 0 ? msg : "port " + port + " (" + ifaces.get(port - 1) + "): " + msg);
        });
    }

    /** The management agent, its sockets (uds_address, uds_ro_address) and event notifications. */
    private void serveManagement(PtpClock pc, Driver driver, ManagementNotifications notifications) {
        PortDescription[] described = new PortDescription[ifaces.size()];
        for (int i = 0; i < described.length; i++) {
            described[i] = ManagementPorts.describe(ifaces.get(i), c.getEnum(ifaces.get(i), "network_transport"), software);
        }
        ManagementAgent agent = new ManagementAgent(pc).describePorts(described)
                .describeClock(oui(c.getString("manufacturerIdentity")), c.getText("productDescription"),
                        c.getText("revisionData"), c.getText("userDescription"))
                .answerNetworkRequests(driver).authenticateWith(auth);
        uds = ManagementSocket.open(prog, c, agent, "uds_address", true, loop, printer, err);
        udsRo = ManagementSocket.open(prog, c, agent, "uds_ro_address", false, loop, printer, err);
        if (uds != null) notifications.attach(agent, uds, printer);
        String monitorPath = c.getString("slave_event_monitor");
        if (!monitorPath.isEmpty()) { // linuxptp monitor.c: reports go from the UDS port
            try {
                slaveEventMonitor = SlaveEventMonitorSocket.open(uds, monitorPath, printer);
                pc.slaveEventMonitor(slaveEventMonitor);
            } catch (NativeException e) {
                printer.print(Printer.LOG_ERR, "failed to create slave event monitor: " + e.getMessage());
            }
        }
        agent.forwardWith(ManagementSocket.forwarder(loop, uds, printer));
        obs.watch(pc);
    }

    /**
     * Key rollover while running: when the sa_file is written or replaced, it is read again and
     * its associations take over (new keys are accepted at once; a port's active key must still be
     * in it). A file that does not parse or lacks a port's key changes nothing and says why.
     */
    private void reloadSaFileWhenChanged() throws NativeException {
        String path = c.getString("sa_file");
        saFileWatch = FileWatch.of(Path.of(path));
        loop.watch(saFileWatch.fd(), () -> {
            if (!saFileWatch.changed()) return;
            try {
                auth.replace(SecuritySetup.saFile(c));
                printer.print(Printer.LOG_NOTICE, "sa_file " + path + " reloaded");
            } catch (SecuritySetup.Failure | IllegalArgumentException e) {
                printer.print(Printer.LOG_ERR, "sa_file " + path + " not reloaded, the keys in use stay: " + e.getMessage());
            }
        });
    }

    /** SIGINT/SIGTERM stop the loop; the hook waits for close() to remove the sockets and the virtual clock file. */
    private void stopOnShutdown() {
        EventLoop l = loop;
        Thread hook = new Thread(() -> {
            l.stop();
            try {
                closed.await(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "ptp4l-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        StopSignals.onStop(l::stop); // SIGTERM, SIGINT, SIGHUP: a clean stop and exit 0, as linuxptp 4.4
    }

    private void close() {
        if (slaveEventMonitor != null) slaveEventMonitor.close();
        if (uds != null) uds.close();
        if (obs != null) obs.close();
        if (udsRo != null) udsRo.close();
        if (loop != null) loop.close();
        if (links != null) links.close();
        if (saFileWatch != null) saFileWatch.close();
        if (vclockFile != null) vclockFile.close();
        for (Transport t : ports) if (t != null) t.close();
        if (clock != null) clock.close();
        if (shm != null) shm.close();
        if (refclockSock != null) refclockSock.close();
        if (cmlds != null) cmlds.close();
        if (bound != null) bound.close();
        closed.countDown();
    }

    /**
     * virtual_clock 1: the clock's parameters go to a mapped file (virtual_clock_file, by default
     * uds_address + ".vclock") that phc2sys reads as {@code -s virtual:PATH}; see docs/linux.md.
     * A file that cannot be made is reported, not fatal.
     */
    static VirtualClockFile publishVirtualClock(String prog, PtpConfig c, VirtualClock v, PrintStream err) {
        String path = virtualClockFile(c);
        try {
            VirtualClockFile f = VirtualClockFile.create(Path.of(path));
            v.publishTo(f);
            return f;
        } catch (IOException e) {
            err.println(prog + ": cannot publish the virtual clock to " + path + ": " + e.getMessage() + " (phc2sys will not see it)");
            return null;
        }
    }

    /** Where a ptp4l with virtual_clock 1 publishes its clock. */
    public static String virtualClockFile(PtpConfig c) {
        String f = c.getString("virtual_clock_file");
        return f.isEmpty() ? c.getString("uds_address") + ".vclock" : f;
    }

    /** manufacturerIdentity "00:1b:19": three hex octets (linuxptp config.c); anything else reads as zeros. */
    static byte[] oui(String text) {
        String[] p = text.split(":");
        byte[] b = new byte[3];
        if (p.length != 3) return b;
        try {
            for (int i = 0; i < 3; i++) b[i] = (byte) Integer.parseInt(p[i], 16);
        } catch (NumberFormatException e) {
            return new byte[3];
        }
        return b;
    }
}
