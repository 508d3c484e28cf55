package io.ptp4j.tools.pmc;

import io.ptp4j.core.engine.Driver;
import io.ptp4j.core.management.ManagementId;
import io.ptp4j.core.management.ManagementRequest;
import io.ptp4j.core.wire.ClockIdentity;
import io.ptp4j.core.wire.DecodeException;
import io.ptp4j.linux.Libc;
import io.ptp4j.linux.NativeException;
import io.ptp4j.linux.UnixDatagramSocket;
import io.ptp4j.linux.ethtool.HardwareAddress;
import io.ptp4j.linux.transport.RawEthernetTransport;
import io.ptp4j.linux.transport.Transport;
import io.ptp4j.linux.transport.TransportConfig;
import io.ptp4j.linux.transport.Udpv4Transport;
import io.ptp4j.linux.transport.Udpv6Transport;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A management client (linuxptp pmc_common.c pmc_create/pmc_send/pmc_recv): builds requests
 * with its port identity, sequence numbers, target and boundary hops, sends them over a Unix
 * datagram socket to ptp4l's uds_address or over a PTP network transport (multicast to the
 * general port), and receives answers: the one management client of ptp4j's tools (pmc,
 * phc2sys's agent, the doctor). Not thread-safe.
 */
public final class PmcClient implements AutoCloseable {
    private final ManagementRequest request = new ManagementRequest();
    private final ByteBuffer tx = ByteBuffer.allocate(1500);
    private final ByteBuffer rx = ByteBuffer.allocate(UnixDatagramSocket.MAX_DATAGRAM);
    private final UnixDatagramSocket uds;
    private final String serverPath;
    private final Transport net;
    private int sequenceId;
    private io.ptp4j.core.auth.Authenticator auth;
    private int allowUnauth;
    private java.util.function.Consumer<String> authLog = m -> {};

    private PmcClient(UnixDatagramSocket uds, String serverPath, Transport net) {
        this.uds = uds;
        this.serverPath = serverPath;
        this.net = net;
    }

    /**
     * A client on a Unix socket bound to {@code localPath} (removed again by {@link #close()}),
     * talking to the ptp4l socket at {@code serverPath}. As linuxptp 4, its port identity is
     * derived from the process id (clock identity octets 6-7 and port number).
     */
    public static PmcClient uds(String serverPath, String localPath) throws NativeException {
        PmcClient c = new PmcClient(UnixDatagramSocket.bind(localPath, true), serverPath, null);
        long pid = ProcessHandle.current().pid();
        c.request.sourceClockIdentity = (pid >>> 16) & 0xFFFF;
        c.request.sourcePortNumber = (int) (pid & 0xFFFF);
        return c;
    }

    /** linuxptp 4's client path: an absolute path as is, a relative one next to the server socket. */
    public static String localPath(String serverPath, String name) {
        if (name.startsWith("/")) return name;
        Path dir = Path.of(serverPath).getParent();
        return dir == null ? name : dir.resolve(name).toString();
    }

    /**
     * A client on a network transport ("UDPv4", "UDPv6", "L2") on {@code iface}; its clock
     * identity is the interface's EUI-64, its port number 1 (linuxptp pmc_create).
     */
    public static PmcClient network(String transport, String iface) throws NativeException {
        TransportConfig cfg = TransportConfig.software();
        Transport t = switch (transport) {
            case "UDPv4" -> Udpv4Transport.open(iface, cfg);
            case "UDPv6" -> Udpv6Transport.open(iface, cfg);
            case "L2" -> RawEthernetTransport.open(iface, cfg);
            default -> throw new IllegalArgumentException("network transport must be UDPv4, UDPv6 or L2: '" + transport + "'");
        };
        PmcClient c = new PmcClient(null, null, t);
        try {
            long mac = HardwareAddress.of(iface);
            byte[] m = new byte[6];
            for (int i = 0; i < 6; i++) m[i] = (byte) (mac >>> (40 - 8 * i));
            c.request.sourceClockIdentity = ClockIdentity.fromMac(m);
        } catch (NativeException e) {
            t.close();
            throw e;
        }
        c.request.sourcePortNumber = 1;
        return c;
    }

    /** Header settings: target, boundary hops, domain, transportSpecific, source port identity. */
    public ManagementRequest request() {
        return request;
    }

    /** TARGET: which clock and port the following requests address (all ones: every one). */
    public void target(long clockIdentity, int portNumber) {
        request.targetClockIdentity = clockIdentity;
        request.targetPortNumber = portNumber;
    }

    /**
     * Authentication as linuxptp 4.4's pmc (pmc_common.c pmc_send/pmc_recv): every request is
     * signed with the global spp's active key; an answer must verify, except that with
     * {@code allowUnauth} 1 a management RESPONSE or a SIGNALING message without an
     * AUTHENTICATION TLV is taken, and with 2 anything is taken ("auth failed but allow_unauth
     * set"). What is dropped goes to {@code log} as "auth: bad message".
     */
    public PmcClient authenticate(io.ptp4j.core.auth.Authenticator auth, int allowUnauth, java.util.function.Consumer<String> log) {
        this.auth = auth;
        this.allowUnauth = allowUnauth;
        this.authLog = log;
        return this;
    }

    /** Sends one request; returns its sequenceId. */
    public int send(int action, int managementId, byte[] data) throws NativeException {
        int seq = sequenceId;
        sequenceId = (sequenceId + 1) & 0xFFFF;
        int n = request.encode(tx, seq, action, managementId, data);
        if (auth != null) {
            n = auth.sign(tx, 0, n, 0);
            if (n < 0) throw new NativeException("msg_pre_send failed (the AUTHENTICATION TLV does not fit)", 0);
        }
        if (uds != null) {
            uds.send(tx, 0, n, serverPath);
        } else if (!net.send(false, tx, 0, n, Driver.MULTICAST)) {
            throw new NativeException("sendto(" + net.interfaceName() + ")", Libc.errno());
        }
        return seq;
    }

    /** The descriptor to poll for answers. */
    public int fd() {
        return uds != null ? uds.fd() : net.generalFd();
    }

    /** Receives one waiting message without blocking into {@code into} at 0; -1 when none. */
    public int receive(ByteBuffer into) throws NativeException {
        return receive(into, 0);
    }

    /**
     * Waits up to {@code timeoutMillis} for a message, then receives it; -1 on timeout. A message
     * that fails authentication is dropped and the wait goes on.
     */
    public int receive(ByteBuffer into, int timeoutMillis) throws NativeException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (true) {
            int n = receiveRaw(into, timeoutMillis);
            if (n < 0 || admitted(into, n)) return n;
            timeoutMillis = (int) Math.max(0, (deadline - System.nanoTime()) / 1_000_000L);
        }
    }

    private int receiveRaw(ByteBuffer into, int timeoutMillis) throws NativeException {
        if (uds != null) return timeoutMillis == 0 ? uds.receive(into, 0) : uds.receive(into, 0, timeoutMillis);
        int n = net.receive(false, into, 0);
        if (n >= 0 || timeoutMillis == 0) return n;
        return Poller.waitReadable(new int[] {net.generalFd()}, timeoutMillis) != 0 ? net.receive(false, into, 0) : -1;
    }

    /** pmc_recv's authentication step. */
    private boolean admitted(ByteBuffer in, int n) {
        return auth == null || admits(auth, allowUnauth, in, n, authLog);
    }

    /**
     * Whether pmc takes a received message (linuxptp 4.4 pmc_common.c pmc_recv): it must verify,
     * except that with {@code allowUnauth} 1 a management RESPONSE or a SIGNALING message without
     * any AUTHENTICATION TLV is taken, and with 2 whatever fails is taken with a notice.
     */
    static boolean admits(io.ptp4j.core.auth.Authenticator auth, int allowUnauth, ByteBuffer in, int n,
            java.util.function.Consumer<String> log) {
        if (allowUnauth > 0 && n >= 34) {
            int type = in.get(0) & 0x0F;
            boolean response = type == io.ptp4j.core.wire.MessageType.MANAGEMENT.code && n > 46 && (in.get(46) & 0x0F) == ManagementRequest.RESPONSE;
            if ((type == io.ptp4j.core.wire.MessageType.SIGNALING.code || response)
                    && !io.ptp4j.core.auth.Authenticator.hasAuthenticationTlv(in, 0, n)) return true;
        }
        io.ptp4j.core.auth.AuthResult r = auth.verify(in, 0, n, 0);
        if (r.accepted()) return true;
        if (allowUnauth == 2) {
            log.accept("auth failed but allow_unauth set");
            return true;
        }
        if (r != io.ptp4j.core.auth.AuthResult.NO_ASSOCIATION) log.accept("auth: bad message");
        return false;
    }

    /**
     * Sends one request and collects the decoded answers to it (same sequenceId) until
     * {@code quietMillis} pass without one; other messages (notifications, late answers) are skipped.
     */
    public List<ManagementReply> request(int action, ManagementId id, byte[] data, int quietMillis) throws NativeException {
        return request(action, id, data, quietMillis, quietMillis);
    }

    /**
     * Sends one request and collects the decoded answers to it (same sequenceId): the first is
     * waited for up to {@code firstMillis}, each next one up to {@code quietMillis} (a port-level
     * GET is answered once per port, the others right behind the first). Other messages
     * (notifications, late answers, our own request looped back) are skipped.
     */
    public List<ManagementReply> request(int action, ManagementId id, byte[] data, int firstMillis, int quietMillis)
            throws NativeException {
        return request(action, id, data, firstMillis, quietMillis, r -> { });
    }

    /**
     * As {@link #request(int, ManagementId, byte[], int, int)}; every other well-formed message
     * that arrives meanwhile (a subscriber's notifications) goes to {@code others}.
     */
    public List<ManagementReply> request(int action, ManagementId id, byte[] data, int firstMillis, int quietMillis,
            java.util.function.Consumer<ManagementReply> others) throws NativeException {
        int seq = send(action, id.id, data);
        List<ManagementReply> out = new ArrayList<>();
        int n;
        while ((n = receive(rx, out.isEmpty() ? firstMillis : quietMillis)) >= 0) {
            try {
                ManagementReply r = ManagementReply.parse(rx, n);
                if (r == null) continue;
                if (r.sequenceId() == seq && r.managementId() == id.id && r.action() != ManagementRequest.GET
                        && r.action() != ManagementRequest.SET) {
                    out.add(r);
                } else {
                    others.accept(r);
                }
            } catch (DecodeException e) {
                // not a well-formed answer: skipped
            }
        }
        return out;
    }

    /** Every message waiting now (none waited for), decoded, to {@code each}. */
    public void drain(java.util.function.Consumer<ManagementReply> each) throws NativeException {
        int n;
        while ((n = receive(rx, 0)) >= 0) {
            try {
                ManagementReply r = ManagementReply.parse(rx, n);
                if (r != null) each.accept(r);
            } catch (DecodeException e) {
                // not a well-formed message: skipped
            }
        }
    }

    /** Closes the socket; a Unix socket's file is removed (as linuxptp does on exit). */
    @Override
    public void close() {
        if (uds != null) uds.close();
        if (net != null) net.close();
    }
}
