package io.ptp4j.tools.ptp4l;

import io.ptp4j.core.clock.PtpClock;
import io.ptp4j.core.engine.DelayMechanism;
import io.ptp4j.core.engine.PtpNode;
import io.ptp4j.core.management.ManagementId;
import io.ptp4j.core.management.ManagementRequest;
import io.ptp4j.core.management.Notification;
import io.ptp4j.core.port.Port;
import io.ptp4j.core.wire.DecodeException;
import io.ptp4j.linux.NativeException;
import io.ptp4j.linux.UnixDatagramSocket;
import io.ptp4j.linux.daemon.EventLoop;
import io.ptp4j.tools.config.PtpConfig;
import io.ptp4j.tools.log.Printer;
import io.ptp4j.tools.pmc.ManagementReply;
import io.ptp4j.tools.pmc.PmcClient;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The client half of IEEE 802.1AS-2020's Common Mean Link Delay Service, as linuxptp 4.4 runs
 * it (port.c port_cmlds_initialize, port_cmlds_renew, process_cmlds): a port with
 * {@code delay_mechanism COMMON_P2P} measures nothing itself. It subscribes to NOTIFY_CMLDS at
 * the CMLDS, another ptp4l (linuxptp's or ptp4j's) whose P2P port on the same link answers at
 * {@code cmlds.server_address}, from its own socket at {@code cmlds.client_address}, with
 * majorSdoId {@code cmlds.majorSdoId} (2, the CMLDS's) in domain {@code cmlds.domainNumber};
 * every CMLDS_INFO_NP pushed from port {@code cmlds.port} (0: this port's own number) gives the
 * port its meanLinkDelay, neighbor rate ratio and asCapable. The subscription (60 s) is renewed
 * every 30 s, and at once (at most once a second) while no news came for more than
 * allowedLostResponses Pdelay intervals; the engine meanwhile drops asCapable
 * ({@link io.ptp4j.core.port.PeerDelay#commonTimeout}).
 *
 * <p>Everything runs on the event loop's thread: the sockets are watched by the loop, renewals
 * ride on the engine's timer ticks ({@link #wrap}).
 */
final class CmldsClient implements AutoCloseable {
    static final int SUBSCRIPTION_SECONDS = 60, UPDATE_SECONDS = SUBSCRIPTION_SECONDS / 2;
    private static final long NS = 1_000_000_000L;

    private record Link(PtpClock clock, Port port, int cmldsPort, PmcClient client, String server, long silenceNanos) {}

    private final List<Link> links = new ArrayList<>();
    private final long[] lastRenewal, lastNews;
    private final Printer printer;
    private final ByteBuffer rx = ByteBuffer.allocate(UnixDatagramSocket.MAX_DATAGRAM);
    private final EventLoop loop;

    private CmldsClient(List<Link> links, Printer printer, EventLoop loop) {
        this.loop = loop;
        this.links.addAll(links);
        this.lastRenewal = new long[links.size()];
        this.lastNews = new long[links.size()];
        java.util.Arrays.fill(lastRenewal, Long.MIN_VALUE);
        this.printer = printer;
    }

    /** Subscribes every COMMON_P2P port of {@code clock}; null when there is none. */
    static CmldsClient attach(PtpClock clock, PtpConfig c, List<String> ifaces, EventLoop loop, Printer printer) throws NativeException {
        List<Link> links = new ArrayList<>();
        for (int i = 0; i < ifaces.size(); i++) {
            Port p = clock.port(i + 1);
            if (p.config().delayMechanism != DelayMechanism.COMMON_P2P) continue;
            String iface = ifaces.get(i);
            String local = c.getString(iface, "cmlds.client_address");
            String server = c.getString(iface, "cmlds.server_address");
            PmcClient client = PmcClient.uds(server, local);
            ManagementRequest r = client.request();
            r.boundaryHops = 0;
            r.domainNumber = c.getInt(iface, "cmlds.domainNumber");
            r.transportSpecific = c.getInt(iface, "cmlds.majorSdoId");
            int cmldsPort = c.getInt(iface, "cmlds.port");
            // pmc -z as linuxptp (zero_datalen); allowedLostResponses Pdelay intervals of silence before asCapable drops
            int log = p.config().logMinPdelayReqInterval;
            long silence = (p.config().allowedLostResponses + 1L) * (log >= 0 ? NS << Math.min(log, 30) : NS >> Math.min(-log, 30));
            links.add(new Link(clock, p, cmldsPort == 0 ? i + 1 : cmldsPort, client, server, silence));
        }
        if (links.isEmpty()) return null;
        CmldsClient cmlds = new CmldsClient(links, printer, loop);
        for (int i = 0; i < links.size(); i++) {
            int n = i;
            loop.watch(links.get(i).client().fd(), () -> cmlds.readable(n));
        }
        return cmlds;
    }

    /** The engine with the renewals on its timer ticks. */
    PtpNode wrap(PtpNode node) {
        return new io.ptp4j.core.engine.ForwardingNode(node) {
            @Override
            public void start(long now) {
                super.start(now);
                tick(now);
            }

            @Override
            public void onTimer(long now) {
                super.onTimer(now);
                tick(now);
            }

            @Override
            public long nextTimerNanos() {
                return Math.min(super.nextTimerNanos(), nextTick());
            }
        };
    }

    private long nextTick() {
        long next = Long.MAX_VALUE;
        for (int i = 0; i < links.size(); i++) next = Math.min(next, due(lastRenewal[i], lastNews[i], links.get(i).silenceNanos()));
        return next;
    }

    /**
     * When a link next needs a renewal: at once before the first, {@link #UPDATE_SECONDS} after
     * the last, and sooner once the CMLDS has been silent for {@code silenceNanos} (no news yet
     * counts as silent), but never within a second of the last. (Due "a second after the last
     * renewal" whatever the news, the event loop found a timer due on every round from then on
     * and read no socket until the next renewal.)
     */
    static long due(long lastRenewal, long lastNews, long silenceNanos) {
        if (lastRenewal == Long.MIN_VALUE) return Long.MIN_VALUE;
        long retry = lastRenewal + NS;
        long silentFrom = lastNews == 0 ? retry : Math.max(retry, lastNews + silenceNanos + 1);
        return Math.min(lastRenewal + UPDATE_SECONDS * NS, silentFrom);
    }

    /** linuxptp port_cmlds_timeout: renew every 30 s, or every second while the CMLDS is silent. */
    void tick(long now) {
        for (int i = 0; i < links.size(); i++) {
            if (now >= due(lastRenewal[i], lastNews[i], links.get(i).silenceNanos())) renew(i, now);
        }
    }

    private void renew(int i, long now) {
        Link l = links.get(i);
        lastRenewal[i] = now;
        byte[] sub = new byte[2 + io.ptp4j.core.management.Subscriptions.BITMASK_OCTETS];
        sub[0] = (byte) (SUBSCRIPTION_SECONDS >> 8);
        sub[1] = (byte) SUBSCRIPTION_SECONDS;
        byte[] mask = new byte[io.ptp4j.core.management.Subscriptions.BITMASK_OCTETS];
        Notification.set(mask, Notification.NOTIFY_CMLDS, true);
        System.arraycopy(mask, 0, sub, 2, mask.length);
        try {
            l.client().send(ManagementRequest.SET, ManagementId.SUBSCRIBE_EVENTS_NP.id, sub);
        } catch (NativeException e) {
            // The CMLDS is not (yet) there: tried again in a second.
            printer.print(Printer.LOG_DEBUG, "port " + l.port().number() + ": CMLDS at " + l.server() + ": " + e.getMessage());
        }
    }

    /** A push notification (or the answer to a renewal) from the CMLDS. */
    private void readable(int i) {
        Link l = links.get(i);
        try {
            int n;
            while ((n = l.client().receive(rx)) > 0) {
                ManagementReply r = ManagementReply.parse(rx, n);
                if (r == null || r.isError() || r.managementId() != ManagementId.CMLDS_INFO_NP.id) continue;
                if (r.source().portNumber() != l.cmldsPort() || r.data().isEmpty()) continue;
                lastNews[i] = loop.monotonicNanos();
                // linuxptp process_cmlds: the port's link as the CMLDS says, and a peer delay for the clock
                l.port().peerDelay().common((Long) r.data().get("meanLinkDelay"), (int) (long) (Long) r.data().get("scaledNeighborRateRatio"),
                        (Long) r.data().get("as_capable") != 0);
                l.clock().peerDelayMeasured(l.port(), l.port().peerDelay().delayNanos());
            }
        } catch (NativeException | DecodeException e) {
            printer.print(Printer.LOG_ERR, "port " + l.port().number() + ": pmc_recv bad message: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        for (Link l : links) l.client().close();
    }
}
