package io.ptp4j.tools.phc2sys;

import io.ptp4j.core.clock.ManagementAgent;
import io.ptp4j.core.clock.PortDescription;
import io.ptp4j.core.clock.PtpClock;
import io.ptp4j.core.engine.ClockConfig;
import io.ptp4j.core.engine.Driver;
import io.ptp4j.core.engine.EngineListener;
import io.ptp4j.core.port.PortEvent;
import io.ptp4j.core.port.PortState;
import io.ptp4j.linux.UnixDatagramSocket;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A ptp4l's management socket without a network: ptp4j's own engine and management agent (the
 * code that answers in the real daemon) behind a Unix socket, its ports' states moved by the
 * test. Port i reports interface {@code ifaces[i-1]} with hardware timestamping, so phc2sys -a
 * takes that name for the port's clock ({@code virtual-NAME}: a virtual clock of phc2sys's own).
 * Every state change is pushed to subscribers, as ptp4l does. The managementIds it was asked
 * for are recorded.
 */
final class FakePtp4l implements AutoCloseable {
    final List<Integer> requestedIds = new CopyOnWriteArrayList<>();
    private final UnixDatagramSocket uds;
    private final PtpClock clock;
    private final ManagementAgent agent;
    private final ConcurrentLinkedQueue<Runnable> actions = new ConcurrentLinkedQueue<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean answering = true;
    private final ManagementAgent.Notifier notifier;

    FakePtp4l(Path path, long clockIdentity, int domainNumber, String... ifaces) throws Exception {
        uds = UnixDatagramSocket.bind(path.toString(), true);
        ClockConfig cfg = new ClockConfig();
        cfg.clockIdentity = clockIdentity;
        cfg.domainNumber = domainNumber;
        cfg.numberPorts = ifaces.length;
        cfg.freeRunning = true;
        Driver quiet = Driver.quiet(() -> System.currentTimeMillis() * 1_000_000L);
        notifier = (address, buf, len) -> {
            try {
                uds.send(buf, 0, len, address);
            } catch (Exception e) {
                // a subscriber gone: as ptp4l, the subscription lapses
            }
        };
        EngineListener pushes = new EngineListener() {
            @Override
            public void portStateChanged(int port, PortState from, PortState to, PortEvent event) {
                if (FakePtp4l.this.agentReady()) FakePtp4l.this.agent().portStateChanged(port, System.nanoTime(), notifier);
            }
        };
        clock = new PtpClock(cfg, quiet, pushes);
        PortDescription[] d = new PortDescription[ifaces.length];
        for (int i = 0; i < d.length; i++) d[i] = new PortDescription(ifaces[i], 1, new byte[6], 1, new byte[4], -1);
        agent = new ManagementAgent(clock).describePorts(d);
        clock.start(System.nanoTime()); // INITIALIZING -> LISTENING
        thread = new Thread(this::serve, "fake-ptp4l " + path.getFileName());
        thread.setDaemon(true);
        thread.start();
    }

    private boolean agentReady() {
        return agent != null;
    }

    private ManagementAgent agent() {
        return agent;
    }

    private void serve() {
        ByteBuffer in = ByteBuffer.allocate(UnixDatagramSocket.MAX_DATAGRAM);
        while (running) {
            try {
                for (Runnable r; (r = actions.poll()) != null; ) r.run();
                int n = uds.receive(in, 0, 20);
                if (n <= 0 || !answering) continue;
                if (n >= 52) requestedIds.add(((in.get(52) & 0xFF) << 8) | (in.get(53) & 0xFF));
                agent.handle(in, 0, n, true, uds.lastSenderPath(), System.nanoTime(), (b, len) -> {
                    try {
                        uds.reply(b, 0, len);
                    } catch (Exception e) {
                        // the client went away
                    }
                });
            } catch (Exception e) {
                // keep serving
            }
        }
    }

    /** Moves port {@code port} through {@code events} on the server's thread (subscribers are told). */
    void events(int port, PortEvent... events) {
        actions.add(() -> {
            for (PortEvent e : events) clock.port(port).transition(e, false);
        });
    }

    /** Port {@code port}: LISTENING to UNCALIBRATED to SLAVE. */
    void slave(int port) {
        events(port, PortEvent.RS_SLAVE, PortEvent.MASTER_CLOCK_SELECTED);
    }

    /** Port {@code port}: to MASTER (through PRE_MASTER), as after losing its master. */
    void master(int port) {
        events(port, PortEvent.ANNOUNCE_RECEIPT_TIMEOUT_EXPIRES, PortEvent.RS_MASTER, PortEvent.QUALIFICATION_TIMEOUT_EXPIRES);
    }

    PortState state(int port) {
        return clock.portState(port);
    }

    /** false: requests go unanswered (a ptp4l that hangs). */
    void answering(boolean on) {
        answering = on;
    }

    @Override
    public void close() throws Exception {
        running = false;
        thread.join(2000);
        uds.close();
    }
}
