package io.ptp4j.tools.ptp4l;

import io.ptp4j.core.clock.PtpClock;
import io.ptp4j.core.engine.ClockConfig;
import io.ptp4j.core.engine.PortConfig;
import io.ptp4j.core.engine.ClockType;
import io.ptp4j.core.engine.DelayMechanism;
import io.ptp4j.core.engine.EngineListener;
import io.ptp4j.core.servo.ServoConfig;
import io.ptp4j.core.wire.ClockIdentity;
import io.ptp4j.linux.NativeException;
import io.ptp4j.linux.clock.ClockDevice;
import io.ptp4j.linux.clock.Clocks;
import io.ptp4j.linux.clock.SystemClock;
import io.ptp4j.linux.clock.VirtualClock;
import io.ptp4j.linux.daemon.EventLoop;
import io.ptp4j.linux.ethtool.HardwareAddress;
import io.ptp4j.linux.transport.Timestamping;
import io.ptp4j.linux.transport.Transport;
import io.ptp4j.linux.transport.TransportConfig;
import io.ptp4j.linux.transport.Transports;
import io.ptp4j.tools.config.PtpConfig;
import io.ptp4j.tools.log.LinuxptpLogListener;
import io.ptp4j.tools.log.Printer;
import io.ptp4j.tools.log.Printers;
import java.io.PrintStream;
import java.util.List;

/**
 * The ptp4l daemon: a validated configuration becomes an {@link ClockConfig}, the interfaces
 * become timestamping transports, the clock becomes a {@link ClockDevice}, and the Linux
 * {@link EventLoop} runs the {@link PtpClock} engine until SIGINT/SIGTERM.
 */
public final class Ptp4lDaemon {
    private Ptp4lDaemon() {}

    /**
     * The PHC (or, with boundary_clock_jbod and ports on different NICs, the PHCs) a hardware
     * timestamping ptp4l disciplines; null after printing linuxptp's error.
     */
    static ClockDevice hardwareClock(String prog, Ptp4lSettings s, PtpConfig c, PrintStream err) throws NativeException {
        List<String> ifaces = s.interfaces();
        int n = ifaces.size();
        int[] attached = new int[n], configured = new int[n];
        boolean[] jbod = new boolean[n];
        List<String> names = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            attached[i] = io.ptp4j.linux.ethtool.TsInfo.query(ifaces.get(i)).phcIndex();
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
            return io.ptp4j.linux.clock.PhcClock.open(s.phcDevice());
        }
        if (plan.phcByPort()[0] < 0) return Clocks.forInterface(ifaces.get(0), Timestamping.HARDWARE); // its error
        if (!plan.jbod()) return io.ptp4j.linux.clock.PhcClock.open(plan.phcByPort()[0]);
        java.util.Map<Integer, ClockDevice> open = new java.util.HashMap<>();
        ClockDevice[] byPort = new ClockDevice[n];
        for (int i = 0; i < n; i++) {
            int idx = plan.phcByPort()[i];
            ClockDevice d = open.get(idx);
            if (d == null) {
                d = io.ptp4j.linux.clock.PhcClock.open(idx);
                open.put(idx, d);
            }
            byPort[i] = d;
        }
        return new io.ptp4j.linux.clock.JbodClock(byPort);
    }

    /** Runs the daemon; returns the exit code. */
    public static int run(String prog, Ptp4lSettings s, PrintStream err) {
        PtpConfig c = s.config();
        List<String> ifaces = s.interfaces();
        boolean transparent = s.clockType().equals("E2E_TC") || s.clockType().equals("P2P_TC");
        String ts = c.getEnum("time_stamping");
        boolean software = ts.equals("software") || ts.equals("legacy");
        Timestamping timestamping = software ? Timestamping.SOFTWARE : Timestamping.HARDWARE;
        Transport[] ports = new Transport[ifaces.size()];
        ClockDevice clock = null;
        EventLoop loop = null;
        io.ptp4j.linux.UnixDatagramSocket uds = null, udsRo = null;
        io.ptp4j.tools.obs.Observability obs = null;
        io.ptp4j.linux.ntpshm.NtpShmSegment shm = null;
        io.ptp4j.linux.UnixDatagramSocket refclockSock = null;
        // clock_servo ntpshm / refclock_sock feed chronyd/ntpd and never adjust the clock (linuxptp
        // ntpshm.c, refclock_sock.c)
        boolean ntpshm = c.getEnum("clock_servo").equals("ntpshm");
        boolean sockServo = c.getEnum("clock_servo").equals("refclock_sock");
        boolean feedsNtp = ntpshm || sockServo;
        io.ptp4j.linux.clock.VirtualClockFile vclockFile = null;
        java.util.concurrent.CountDownLatch closed = new java.util.concurrent.CountDownLatch(1);
        try {
            long id;
            String idText = c.getString("clockIdentity");
            if (!idText.equals("000000.0000.000000")) {
                id = ClockIdentity.parse(idText);
            } else {
                byte[] mac = new byte[6];
                long m = HardwareAddress.of(ifaces.get(0));
                for (int i = 0; i < 6; i++) mac[i] = (byte) (m >>> (40 - 8 * i));
                id = ClockIdentity.fromMac(mac);
            }
            for (int i = 0; i < ports.length; i++) {
                String iface = ifaces.get(i);
                TransportConfig tc;
                try {
                    tc = TransportConfig.defaults().withTimestamping(timestamping)
                            .withUdpTtl(c.getInt(iface, "udp_ttl")).withUdp6Scope(c.getInt(iface, "udp6_scope"))
                            .withMacs(TransportConfig.parseMac(c.getString(iface, "ptp_dst_mac")),
                                    TransportConfig.parseMac(c.getString(iface, "p2p_dst_mac")))
                            .withDscp(c.getInt(iface, "dscp_event"), c.getInt(iface, "dscp_general"))
                            .withGroups(TransportConfig.IpGroups.parse(c.getString(iface, "ptp_dst_ipv4"), c.getString(iface, "p2p_dst_ipv4"),
                                    c.getString(iface, "ptp_dst_ipv6"), c.getString(iface, "p2p_dst_ipv6")))
                            .withSocketPriority(c.getInt(iface, "socket_priority"));
                } catch (IllegalArgumentException e) {
                    err.println(prog + ": interface '" + iface + "': " + e.getMessage());
                    return 1;
                }
                try {
                    Transports.checkTimestamping(iface, timestamping);
                } catch (Transports.UnsupportedTimestampingException e) {
                    err.println(prog + ": interface '" + iface + "' does not support requested timestamping mode"
                            + (software ? "" : " (no hardware timestamping: try -S for software timestamps; 'ptp4j ts-info " + iface + "' shows what it can do)"));
                    return 1;
                }
                ports[i] = Transports.open(c.getEnum(iface, "network_transport"), iface, tc);
            }
            boolean freeRunning = c.getInt("free_running") == 1;
            boolean virtual = c.getInt("virtual_clock") == 1;
            if (virtual) {
                VirtualClock v = VirtualClock.startingAtRealtime();
                v.step(c.getInt("virtual_clock_offset"));
                clock = new OscillatorErrorClock(v, c.getInt("virtual_clock_freq"));
                vclockFile = publishVirtualClock(prog, c, v, err);
            } else if (software) {
                clock = new SystemClock();
            } else {
                clock = hardwareClock(prog, s, c, err);
                if (clock == null) return 1;
            }
            // A transparent clock only measures residence times: it never adjusts its clock.
            if (freeRunning || transparent || feedsNtp) clock = new ReadOnlyClock(clock);
            Printer printer = Printers.forConfig(prog, c);
            io.ptp4j.core.auth.Authenticator auth; // sa_file, spp, active_key_id (docs/security.md)
            try {
                auth = io.ptp4j.tools.auth.SecuritySetup.forPtp4l(c, ifaces);
            } catch (io.ptp4j.tools.auth.SecuritySetup.Failure e) {
                for (String line : e.lines()) printer.print(Printer.LOG_ERR, line);
                err.println("failed to create a clock");
                return 255;
            }
            ClockConfig ec = EngineSettings.clockConfig(c, ifaces, id, software);
            if (ntpshm && !freeRunning) {
                shm = io.ptp4j.linux.ntpshm.NtpShmSegment.attach(c.getInt("ntpshm_segment"));
                io.ptp4j.linux.ntpshm.NtpShmSegment segment = shm;
                ec.externalServo = () -> new NtpShmServo(segment);
            }
            if (sockServo && !freeRunning) {
                refclockSock = io.ptp4j.linux.UnixDatagramSocket.unbound().boundedSends(100);
                io.ptp4j.linux.UnixDatagramSocket sock = refclockSock;
                String chrony = c.getString("refclock_sock_address");
                ec.externalServo = () -> new RefclockSockServo(sock, chrony, m -> printer.print(Printer.LOG_ERR, m));
            }
            // log_format json: one JSON object per engine event and per printer line on stdout
            EngineListener log = c.getEnum("log_format").equals("json")
                    ? new io.ptp4j.tools.obs.JsonSummaryLog(io.ptp4j.tools.obs.JsonLogging.attach(prog, printer), c.getInt("summary_interval"),
                            ec.port.logSyncInterval, freeRunning, ec.freqEstInterval)
                    : new LinuxptpLogListener(printer, ifaces.toArray(new String[0]), c.getInt("summary_interval"),
                            ec.port.logSyncInterval, freeRunning, ec.freqEstInterval)
                            .rateLimited(io.ptp4j.tools.log.LogRateLimit.daemonDefault(ifaces.size()));
            EngineListener listener = virtual ? new VirtualClockReport(log, clock, printer) : log;
            obs = io.ptp4j.tools.obs.Observability.start(prog, prog + " on " + String.join(", ", ifaces), ifaces.toArray(new String[0]),
                    c.getInt("metrics_port"), c.getInt("dashboard_port"), System::nanoTime,
                    io.ptp4j.tools.obs.Observability.windowSamples(c.getInt("summary_interval"), ec.port.logSyncInterval));
            listener = Ptp4lSecurity.tracking(obs.listener(listener), auth);
            if (software && !freeRunning && !feedsNtp && c.getInt("virtual_clock") == 0) {
                printer.print(Printer.LOG_WARNING, "software timestamping: expect about 1 us of accuracy, and this adjusts "
                        + clock.name() + "; use hardware timestamps (-H) where the NIC has them");
            }
            io.ptp4j.tools.obs.Observability o = obs;
            loop = new EventLoop(ports, clock, c.getInt("tx_timestamp_timeout"), (port, msg) -> {
                if (msg.startsWith(io.ptp4j.linux.transport.TxTimestampTimeoutException.TIMED_OUT)) o.txTimestampTimeout(port);
                if (log instanceof LinuxptpLogListener ll) ll.portError(port, msg); // rate-limited
                else printer.print(Printer.LOG_ERR, port == 0 ? msg : "port " + port + " (" + ifaces.get(port - 1) + "): " + msg);
            });
            io.ptp4j.core.engine.Driver driver = Ptp4lSecurity.signing(obs.driver(loop), auth, log);
            ManagementNotifications notifications = new ManagementNotifications(listener);
            io.ptp4j.core.engine.PtpNode node = transparent ? new io.ptp4j.core.clock.TransparentClock(ec, driver, listener)
                    : new PtpClock(ec, driver, notifications);
            if (node instanceof PtpClock pc) {
                io.ptp4j.core.clock.PortDescription[] described = new io.ptp4j.core.clock.PortDescription[ifaces.size()];
                for (int i = 0; i < described.length; i++) {
                    described[i] = ManagementPorts.describe(ifaces.get(i), c.getEnum(ifaces.get(i), "network_transport"), software);
                }
                io.ptp4j.core.clock.ManagementAgent agent = new io.ptp4j.core.clock.ManagementAgent(pc).describePorts(described)
                        .describeClock(oui(c.getString("manufacturerIdentity")), c.getText("productDescription"),
                                c.getText("revisionData"), c.getText("userDescription"))
                        .answerNetworkRequests(driver).authenticateWith(auth);
                uds = openManagement(prog, c, agent, "uds_address", true, loop, printer, err);
                udsRo = openManagement(prog, c, agent, "uds_ro_address", false, loop, printer, err);
                if (uds != null) notifications.attach(agent, uds, printer);
                agent.forwardWith(managementForwarder(loop, uds, printer));
                obs.watch(pc);
            }
            EventLoop l = loop;
            Thread hook = new Thread(() -> {
                l.stop();
                try {
                    closed.await(2, java.util.concurrent.TimeUnit.SECONDS); // run's finally removes the sockets and the virtual clock file
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "ptp4l-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            StopSignals.onStop(l::stop); // SIGTERM, SIGINT, SIGHUP: a clean stop and exit 0, as linuxptp
            loop.run(obs.node(Ptp4lSecurity.checking(node, auth, log, obs.metrics())));
            if (log instanceof LinuxptpLogListener ll) ll.flushSuppressed(); // the last window's summary
            return 0;
        } catch (NativeException e) {
            err.println(prog + ": " + e.getMessage());
            return 1;
        } catch (java.io.IOException e) {
            err.println(prog + ": " + e.getMessage());
            return 1;
        } finally {
            if (uds != null) uds.close();
            if (obs != null) obs.close();
            if (udsRo != null) udsRo.close();
            if (loop != null) loop.close();
            if (vclockFile != null) vclockFile.close();
            for (Transport t : ports) if (t != null) t.close();
            if (clock != null) clock.close();
            if (shm != null) shm.close();
            if (refclockSock != null) refclockSock.close();
            closed.countDown();
        }
    }

    /**
     * virtual_clock 1: the clock's parameters go to a mapped file (virtual_clock_file, by default
     * uds_address + ".vclock") that phc2sys reads as {@code -s virtual:PATH}; see docs/linux.md.
     * A file that cannot be made is reported, not fatal.
     */
    static io.ptp4j.linux.clock.VirtualClockFile publishVirtualClock(String prog, PtpConfig c, VirtualClock v, PrintStream err) {
        String path = virtualClockFile(c);
        try {
            io.ptp4j.linux.clock.VirtualClockFile f = io.ptp4j.linux.clock.VirtualClockFile.create(java.nio.file.Path.of(path));
            v.publishTo(f);
            return f;
        } catch (java.io.IOException e) {
            err.println(prog + ": cannot publish the virtual clock to " + path + ": " + e.getMessage() + " (phc2sys will not see it)");
            return null;
        }
    }

    /** Where a ptp4l with virtual_clock 1 publishes its clock. */
    public static String virtualClockFile(PtpConfig c) {
        String f = c.getString("virtual_clock_file");
        return f.isEmpty() ? c.getString("uds_address") + ".vclock" : f;
    }

    /**
     * One of ptp4l's management sockets: uds_address (read-write: GET, SET, COMMAND and event
     * subscriptions) or linuxptp 4's uds_ro_address (read-only: GETs; SET and COMMAND answer
     * NOT_SUPPORTED). Requests are answered on the event loop's thread. The socket file gets
     * uds_file_mode / uds_ro_file_mode. A socket that cannot be bound is reported, not fatal.
     */
    static io.ptp4j.linux.UnixDatagramSocket openManagement(String prog, PtpConfig c, io.ptp4j.core.clock.ManagementAgent agent,
            String key, boolean readWrite, EventLoop loop, Printer printer, PrintStream err) {
        String path = c.getString(key);
        if (path.isEmpty()) return null;
        try {
            java.nio.file.Path parent = java.nio.file.Path.of(path).getParent();
            if (parent != null) java.nio.file.Files.createDirectories(parent);
            // answers and notifications wait at most 100 ms for a pmc to make room, never forever
            io.ptp4j.linux.UnixDatagramSocket uds = io.ptp4j.linux.UnixDatagramSocket.bind(path, true).boundedSends(100);
            int mode = c.getInt(readWrite ? "uds_file_mode" : "uds_ro_file_mode");
            try {
                java.nio.file.Files.setPosixFilePermissions(java.nio.file.Path.of(path), permissions(mode));
            } catch (java.io.IOException | UnsupportedOperationException e) {
                printer.print(Printer.LOG_WARNING, "cannot set mode " + Integer.toOctalString(mode) + " on " + path + ": " + e.getMessage());
            }
            java.nio.ByteBuffer in = java.nio.ByteBuffer.allocate(io.ptp4j.linux.UnixDatagramSocket.MAX_DATAGRAM);
            io.ptp4j.core.clock.ManagementAgent.Sink reply = (buf, len) -> {
                try {
                    uds.reply(buf, 0, len);
                } catch (NativeException e) {
                    printer.print(Printer.LOG_ERR, "port 0 (" + path + "): " + e.getMessage());
                }
            };
            loop.watch(uds.fd(), () -> {
                try {
                    int n;
                    while ((n = uds.receive(in, 0, 0)) > 0) {
                        agent.handle(in, 0, n, readWrite, uds.lastSenderPath(), System.nanoTime(), reply);
                    }
                } catch (NativeException | io.ptp4j.core.wire.DecodeException e) {
                    printer.print(Printer.LOG_INFO, "port 0 (" + path + "): bad management message: " + e.getMessage());
                }
            });
            return uds;
        } catch (java.io.IOException e) {
            err.println(prog + ": cannot open the management socket " + path + ": " + e.getMessage() + " (pmc will not reach this ptp4l)");
            return null;
        }
    }

    /** Management forwarding (pmc -b 1 and more): out of the PTP ports, and answers back to the last pmc on the socket. */
    static io.ptp4j.core.clock.ManagementAgent.Forwarder managementForwarder(EventLoop loop, io.ptp4j.linux.UnixDatagramSocket uds,
            Printer printer) {
        return new io.ptp4j.core.clock.ManagementAgent.Forwarder() {
            @Override
            public void toPort(int port, java.nio.ByteBuffer buf, int length) {
                loop.send(port, buf, 0, length, false, io.ptp4j.core.engine.Driver.MULTICAST);
            }

            @Override
            public void toUnixSocket(java.nio.ByteBuffer buf, int length) {
                if (uds == null) return;
                try {
                    uds.reply(buf, 0, length);
                } catch (NativeException e) {
                    printer.print(Printer.LOG_DEBUG, "port 0 (" + uds.path() + "): management forward: " + e.getMessage());
                }
            }
        };
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

    private static java.util.Set<java.nio.file.attribute.PosixFilePermission> permissions(int mode) {
        java.util.Set<java.nio.file.attribute.PosixFilePermission> p = java.util.EnumSet.noneOf(java.nio.file.attribute.PosixFilePermission.class);
        java.nio.file.attribute.PosixFilePermission[] order = {
            java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE, java.nio.file.attribute.PosixFilePermission.OTHERS_WRITE,
            java.nio.file.attribute.PosixFilePermission.OTHERS_READ, java.nio.file.attribute.PosixFilePermission.GROUP_EXECUTE,
            java.nio.file.attribute.PosixFilePermission.GROUP_WRITE, java.nio.file.attribute.PosixFilePermission.GROUP_READ,
            java.nio.file.attribute.PosixFilePermission.OWNER_EXECUTE, java.nio.file.attribute.PosixFilePermission.OWNER_WRITE,
            java.nio.file.attribute.PosixFilePermission.OWNER_READ};
        for (int i = 0; i < order.length; i++) if ((mode & (1 << i)) != 0) p.add(order[i]);
        return p;
    }

    /** Passes every engine event on to another listener; subclasses add to the ones they care about. */
    static class ForwardingListener implements EngineListener {
        final EngineListener inner;

        ForwardingListener(EngineListener inner) {
            this.inner = inner;
        }

        @Override
        public void portStateChanged(int port, io.ptp4j.core.port.PortState from, io.ptp4j.core.port.PortState to,
                io.ptp4j.core.port.PortEvent event) {
            inner.portStateChanged(port, from, to, event);
        }

        @Override
        public void servoSample(int port, long offsetNanos, io.ptp4j.core.servo.ServoState state, double freqPpb, long pathDelayNanos) {
            inner.servoSample(port, offsetNanos, state, freqPpb, pathDelayNanos);
        }

        @Override
        public void peerDelay(int port, long peerDelayNanos, double neighborRateRatio) {
            inner.peerDelay(port, peerDelayNanos, neighborRateRatio);
        }

        @Override
        public void notice(int port, String text) {
            inner.notice(port, text);
        }

        @Override
        public void badPacket(int port, io.ptp4j.core.wire.DecodeException error) {
            inner.badPacket(port, error);
        }

        @Override
        public void clockStepped(long deltaNanos) {
            inner.clockStepped(deltaNanos);
        }
    }

    /**
     * With virtual_clock 1, reports after each servo sample how far the virtual clock is from
     * CLOCK_REALTIME (debug level, logging_level 7). Where the master runs on this machine's clock
     * (tests, demos) that is the true time error.
     */
    static final class VirtualClockReport extends ForwardingListener {
        private final ClockDevice clock;
        private final Printer printer;
        private final StringBuilder line = new StringBuilder(80);

        VirtualClockReport(EngineListener inner, ClockDevice clock, Printer printer) {
            super(inner);
            this.clock = clock;
            this.printer = printer;
        }

        @Override
        public void servoSample(int port, long offsetNanos, io.ptp4j.core.servo.ServoState state, double freqPpb, long pathDelayNanos) {
            super.servoSample(port, offsetNanos, state, freqPpb, pathDelayNanos);
            if (!printer.enabled(Printer.LOG_DEBUG)) return;
            try {
                long error = clock.minusRealtimeNanos();
                line.setLength(0);
                line.append("virtual clock offset from CLOCK_REALTIME ").append(error).append(" ns");
                printer.print(Printer.LOG_DEBUG, line);
            } catch (NativeException e) {
                // a read failed: skip this report
            }
        }
    }

    /**
     * A clock whose oscillator is off by {@code errorPpb}: adjustments are made on top of that
     * error, and the engine sees only its own adjustment (as with a real oscillator).
     */
    public static final class OscillatorErrorClock implements ClockDevice {
        private final ClockDevice inner;
        private final double errorPpb;

        public OscillatorErrorClock(ClockDevice inner, double errorPpb) throws NativeException {
            this.inner = inner;
            this.errorPpb = errorPpb;
            inner.adjustFrequency(errorPpb);
        }

        @Override
        public String name() {
            return inner.name();
        }

        @Override
        public long nowNanos() throws NativeException {
            return inner.nowNanos();
        }

        @Override
        public void adjustFrequency(double freqPpb) throws NativeException {
            inner.adjustFrequency(freqPpb + errorPpb);
        }

        @Override
        public double frequencyPpb() throws NativeException {
            return inner.frequencyPpb() - errorPpb;
        }

        @Override
        public void step(long deltaNanos) throws NativeException {
            inner.step(deltaNanos);
        }

        @Override
        public double maxFrequencyPpb() {
            return inner.maxFrequencyPpb();
        }

        @Override
        public long fromSocketTimestamp(long socketNanos) throws NativeException {
            return inner.fromSocketTimestamp(socketNanos);
        }

        @Override
        public long minusRealtimeNanos() throws NativeException {
            return inner.minusRealtimeNanos();
        }

        @Override
        public void close() {
            inner.close();
        }
    }

    /** free_running 1: the clock is read, never adjusted (linuxptp's free_running). */
    static final class ReadOnlyClock implements ClockDevice {
        private final ClockDevice inner;

        ReadOnlyClock(ClockDevice inner) {
            this.inner = inner;
        }

        @Override
        public String name() {
            return inner.name();
        }

        @Override
        public long nowNanos() throws NativeException {
            return inner.nowNanos();
        }

        @Override
        public void adjustFrequency(double freqPpb) {}

        @Override
        public double frequencyPpb() {
            return 0;
        }

        @Override
        public void step(long deltaNanos) {}

        @Override
        public double maxFrequencyPpb() {
            return inner.maxFrequencyPpb();
        }

        @Override
        public long fromSocketTimestamp(long socketNanos) throws NativeException {
            return inner.fromSocketTimestamp(socketNanos);
        }

        @Override
        public long minusRealtimeNanos() throws NativeException {
            return inner.minusRealtimeNanos();
        }

        @Override
        public void close() {
            inner.close();
        }
    }
}
