package io.ptp4j.tools.nsm;

import io.ptp4j.core.wire.ClockIdentity;
import io.ptp4j.core.wire.DecodeException;
import io.ptp4j.core.wire.MessageType;
import io.ptp4j.core.wire.PtpMessage;
import io.ptp4j.core.wire.TlvCursor;
import io.ptp4j.linux.NativeException;
import io.ptp4j.linux.ethtool.HardwareAddress;
import io.ptp4j.linux.transport.Timestamping;
import io.ptp4j.linux.transport.Transport;
import io.ptp4j.linux.transport.TransportConfig;
import io.ptp4j.linux.transport.Transports;
import io.ptp4j.tools.cli.ConfigCommandLine;
import io.ptp4j.tools.cli.Getopt;
import io.ptp4j.tools.cli.OptionTable;
import io.ptp4j.tools.cli.UsageException;
import io.ptp4j.tools.config.PtpConfig;
import io.ptp4j.tools.log.Printer;
import io.ptp4j.tools.log.Printers;
import io.ptp4j.tools.pmc.Scanf;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The nsm command, linuxptp's NetSync Monitor client (nsm.c): {@code NSM address} sends a
 * unicast Delay_Req with a PTPMON_REQ TLV to a clock running {@code net_sync_monitor 1} (and
 * hybrid_e2e), whose Delay_Resp carries a PTPMON_RESP TLV and which follows with a unicast Sync
 * and Follow_Up of the same sequenceId. From t1..t4 nsm prints the offset to that clock
 * (TSPROC_RAW: ((t2 - t1) - (t4 - t3)) / 2, corrections applied), then what the TLV says: the
 * port's state, its parent's address, parentDS, currentDS, timePropertiesDS and the time of the
 * last Sync the clock took. Options {@code -f}, {@code -i} (exactly one interface), {@code -v},
 * {@code -h} and every config key as a long option ({@code --time_stamping software},
 * {@code --network_transport L2}, ...). Commands come from the command line (batch mode: each
 * waits for its answer, at most 100 ms of silence) or one per line on stdin.
 */
public final class NsmMain {
    static final int PTPMON_REQ = 0x21FE, PTPMON_RESP = 0x21FF;
    static final String[] PORT_STATES = {"NONE", "INITIALIZING", "FAULTY", "DISABLED", "LISTENING", "PRE_MASTER", "MASTER",
        "PASSIVE", "UNCALIBRATED", "SLAVE", "GRAND_MASTER"};

    private NsmMain() {}

    public static int main(String[] args) {
        return run("nsm", args, System.out, System.err, System.in);
    }

    /** nsm's options, as linuxptp 4.4's nsm shows them (the usage text and the man page come from here). */
    public static final OptionTable OPTIONS = OptionTable.builder("[options]")
            .section(null, 10)
            .arg('f', "[file]", "read configuration from 'file'")
            .flag('h', "prints this message and exits")
            .arg('i', "[dev]", "interface device to use")
            .flag('v', "prints the software version and exits")
            .trailer("\n");

    static int run(String prog, String[] args, PrintStream out, PrintStream err, java.io.InputStream in) {
        PtpConfig cfg = new PtpConfig();
        List<String> commands = new ArrayList<>();
        ConfigCommandLine line = new ConfigCommandLine(cfg);
        try {
            for (Getopt.Opt o : line.parse(prog, OPTIONS, args, commands)) {
                if (line.shared(o)) continue;
                switch (o.letter()) {
                    case 'i' -> cfg.addInterface(o.arg());
                    default -> throw o.error();
                }
            }
            line.readFile();
        } catch (UsageException e) {
            return e.report(prog, OPTIONS, out, err);
        }
        Printer log = Printers.toStreams(prog, cfg, out, err);
        if (cfg.interfaces().size() != 1) {
            log.print(Printer.LOG_ERR, "need exactly one interface");
            return 255;
        }
        String iface = cfg.interfaces().get(0);
        try (Session s = Session.open(cfg, iface, log, out)) {
            return commands.isEmpty() ? s.interactive(in) : s.batch(commands);
        } catch (NativeException e) {
            log.print(Printer.LOG_ERR, "failed to open transport: " + e.getMessage());
            return 255;
        }
    }

    /** One nsm client: its transport, its port identity, the measurement under way. */
    static final class Session implements AutoCloseable {
        private final Transport transport;
        private final PtpConfig cfg;
        private final String iface;
        private final Printer log;
        private final PrintStream out;
        private final long clockIdentity;
        private final ByteBuffer tx = ByteBuffer.allocate(256), rx = ByteBuffer.allocate(1500);
        private final PtpMessage msg = new PtpMessage();
        private final TlvCursor tlvs = new TlvCursor();
        private int sequenceId;
        // the measurement: -1 / null until received
        private int pendingSeq = -1;
        private long t1 = Long.MIN_VALUE, t2, t3, t4, c1, c2, c3;
        private boolean haveSync, haveFup, oneStep;
        private byte[] resp;

        private Session(Transport transport, PtpConfig cfg, String iface, Printer log, PrintStream out, long clockIdentity) {
            this.transport = transport;
            this.cfg = cfg;
            this.iface = iface;
            this.log = log;
            this.out = out;
            this.clockIdentity = clockIdentity;
        }

        static Session open(PtpConfig cfg, String iface, Printer log, PrintStream out) throws NativeException {
            boolean hw = !cfg.getEnum("time_stamping").equals("software");
            TransportConfig tc = TransportConfig.defaults().withTimestamping(hw ? Timestamping.HARDWARE : Timestamping.SOFTWARE);
            Transport t = Transports.open(cfg.getEnum(iface, "network_transport"), iface, tc);
            long mac = HardwareAddress.of(iface);
            byte[] m = new byte[6];
            for (int i = 0; i < 6; i++) m[i] = (byte) (mac >>> (40 - 8 * i));
            return new Session(t, cfg, iface, log, out, ClockIdentity.fromMac(m));
        }

        /** Commands from the command line: each is sent once the previous one is done or 100 ms passed without a message. */
        int batch(List<String> commands) throws NativeException {
            for (String c : commands) {
                if (!command(c)) {
                    log.print(Printer.LOG_ERR, "command failed");
                    continue;
                }
                while (pendingSeq >= 0 && readFor(100)) {
                    // a measurement under way: its messages
                }
                reset();
            }
            return 0;
        }

        /** Commands from stdin, one per line; replies as they come; 100 ms after the end of input, exit. */
        int interactive(java.io.InputStream in) throws NativeException {
            LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                    for (String l; (l = r.readLine()) != null; ) lines.add(l);
                } catch (java.io.IOException e) {
                    // end of input
                }
                lines.add("\u0000EOF");
            }, "nsm-stdin");
            reader.setDaemon(true);
            reader.start();
            while (true) {
                String l = lines.poll();
                if (l != null) {
                    if (l.equals("\u0000EOF")) {
                        while (readFor(100)) {
                            // the last answers
                        }
                        return 0;
                    }
                    if (l.length() < 1) continue;
                    if (!command(l)) log.print(Printer.LOG_ERR, "command failed");
                }
                readFor(20);
            }
        }

        /** nsm_command: HELP, or NSM ADDRESS; false for a bad one. */
        boolean command(String cmd) throws NativeException {
            if (!cmd.isEmpty() && "HELP".regionMatches(true, 0, cmd, 0, Math.min(cmd.length(), 4)) && cmd.length() <= 4) {
                out.print("\tSend a NetSync Monitor request to a specific port address:\n\n\tNSM 111.222.333.444\n\tNSM aa:bb:cc:dd:ee:ff\n\n");
                out.flush();
                return true;
            }
            List<Object> w = Scanf.scan(cmd, " %10s %64s");
            if (w.size() != 2) {
                log.print(Printer.LOG_ERR, "bad command: " + cmd);
                return false;
            }
            String action = (String) w.get(0), target = (String) w.get(1);
            if (!(action.length() <= 3 && "NSM".regionMatches(true, 0, action, 0, action.length()))) {
                log.print(Printer.LOG_ERR, "bad command: " + cmd);
                return false;
            }
            return request(target);
        }

        /** nsm_request: the unicast Delay_Req with PTPMON_REQ, and its transmit timestamp t3. */
        private boolean request(String target) throws NativeException {
            long dst = transport.resolveUnicast(target);
            if (dst == Transport.NO_ADDRESS) {
                log.print(Printer.LOG_ERR, "failed to parse address " + target);
                return false;
            }
            reset();
            int seq = sequenceId;
            sequenceId = (sequenceId + 1) & 0xFFFF;
            long asymmetry = (long) cfg.getInt(iface, "delayAsymmetry") << 16;
            msg.wrap(tx, 0, tx.capacity()).initHeader(MessageType.DELAY_REQ, 0).majorSdoId(cfg.getInt(iface, "transportSpecific"))
                    .domainNumber(cfg.getInt("domainNumber")).correctionField(-asymmetry).sourcePort(clockIdentity, 1)
                    .sequenceId(seq).logMessageInterval(0x7F).flag(PtpMessage.FLAG_UNICAST, true);
            TlvCursor.append(msg, PTPMON_REQ, 0);
            if (!transport.send(true, tx, 0, msg.messageLength(), dst)) {
                log.print(Printer.LOG_ERR, "transport_sendto failed");
                return false;
            }
            try {
                t3 = transport.txTimestampNanos(cfg.getInt("tx_timestamp_timeout"));
            } catch (io.ptp4j.linux.transport.TxTimestampTimeoutException e) {
                log.print(Printer.LOG_ERR, "missing timestamp on transmitted delay request");
                return false;
            }
            pendingSeq = seq;
            return true;
        }

        /** Waits up to {@code millis} for messages and handles them; false when none came. */
        private boolean readFor(int millis) throws NativeException {
            io.ptp4j.tools.pmc.Poller.waitReadable(new int[] {transport.eventFd(), transport.generalFd()}, millis);
            boolean any = drain(true);
            if (transport.generalFd() != transport.eventFd()) any |= drain(false);
            return any;
        }

        private boolean drain(boolean event) throws NativeException {
            boolean any = false;
            int len;
            while ((len = transport.receive(event, rx, 0)) >= 0) {
                any = true;
                handle(len, transport.rxTimestampNanos());
            }
            return any;
        }

        /** nsm_handle_msg: the Sync, Follow_Up and Delay_Resp of the request under way. */
        private void handle(int len, long rxTs) {
            try {
                msg.wrap(rx, 0, len);
                MessageType type = msg.validate(tlvs);
                if (pendingSeq < 0 || msg.sequenceId() != pendingSeq || !msg.flag(PtpMessage.FLAG_UNICAST)) return;
                switch (type) {
                    case SYNC -> {
                        if (haveSync) return;
                        if (rxTs == Long.MIN_VALUE) {
                            log.print(Printer.LOG_ERR, "received SYNC without timestamp");
                            return;
                        }
                        haveSync = true;
                        oneStep = !msg.flag(PtpMessage.FLAG_TWO_STEP);
                        t2 = rxTs;
                        c1 = msg.correctionField();
                        if (oneStep) t1 = msg.bodyTimestampAsNanos();
                    }
                    case FOLLOW_UP -> {
                        if (haveFup) return;
                        haveFup = true;
                        t1 = msg.bodyTimestampAsNanos();
                        c2 = msg.correctionField();
                    }
                    case DELAY_RESP -> {
                        if (resp != null) return;
                        t4 = msg.bodyTimestampAsNanos();
                        c3 = msg.correctionField();
                        tlvs.reset(msg);
                        while (tlvs.next()) {
                            if (tlvs.type() != PTPMON_RESP) continue;
                            resp = new byte[tlvs.length()];
                            for (int i = 0; i < resp.length; i++) resp[i] = (byte) msg.u8(tlvs.valueOffset() + i);
                        }
                        if (resp == null) resp = new byte[0];
                    }
                    default -> {
                        return;
                    }
                }
                if (haveSync && resp != null && (oneStep || haveFup)) report();
            } catch (DecodeException e) {
                log.print(Printer.LOG_ERR, "bad message");
            }
        }

        /** The measurement and what the clock said, in nsm.c's words. */
        private void report() {
            long t1c = t1 + ((c1 + (oneStep ? 0 : c2)) >> 16), t4c = t4 - (c3 >> 16);
            long offset = Math.floorDiv((t2 - t1c) - (t4c - t3), 2);
            StringBuilder b = new StringBuilder("NSM MEASUREMENT COMPLETE");
            ByteBuffer r = ByteBuffer.wrap(resp);
            if (resp.length < 70) {
                log.print(Printer.LOG_ERR, "bad message: no PTPMON_RESP TLV in the Delay_Resp");
                reset();
                return;
            }
            int state = r.get(0) & 0xFF, proto = r.getShort(2) & 0xFFFF, alen = r.getShort(4) & 0xFFFF;
            byte[] addr = new byte[Math.min(alen, resp.length - 6)];
            r.get(6, addr);
            int f = 6 + alen;
            line(b, "offset                                ", Long.toString(offset));
            line(b, "portState                             ", state < PORT_STATES.length ? PORT_STATES[state] : "?");
            line(b, "parentPortAddress                     ", proto + " " + io.ptp4j.tools.pmc.PmcPrinter.portAddress(proto, addr));
            b.append("\n\tparentDataset");
            line(b, "parentPortIdentity                    ", ClockIdentity.format(r.getLong(f)) + "-" + (r.getShort(f + 8) & 0xFFFF));
            line(b, "parentStats                           ", Integer.toString(r.get(f + 10) & 0xFF));
            line(b, "observedParentOffsetScaledLogVariance ", String.format("0x%04x", r.getShort(f + 12) & 0xFFFF));
            line(b, "observedParentClockPhaseChangeRate    ", String.format("0x%08x", r.getInt(f + 14)));
            line(b, "grandmasterPriority1                  ", Integer.toString(r.get(f + 18) & 0xFF));
            line(b, "gm.ClockClass                         ", Integer.toString(r.get(f + 19) & 0xFF));
            line(b, "gm.ClockAccuracy                      ", String.format("0x%02x", r.get(f + 20) & 0xFF));
            line(b, "gm.OffsetScaledLogVariance            ", String.format("0x%04x", r.getShort(f + 21) & 0xFFFF));
            line(b, "grandmasterPriority2                  ", Integer.toString(r.get(f + 23) & 0xFF));
            line(b, "grandmasterIdentity                   ", ClockIdentity.format(r.getLong(f + 24)));
            b.append("\n\tcurrentDataset");
            line(b, "stepsRemoved                          ", Integer.toString(r.getShort(f + 32)));
            line(b, "offsetFromMaster                      ", String.format(java.util.Locale.ROOT, "%.1f", r.getLong(f + 34) / 65536.0));
            line(b, "meanPathDelay                         ", String.format(java.util.Locale.ROOT, "%.1f", r.getLong(f + 42) / 65536.0));
            b.append("\n\ttimePropertiesDataset");
            int flags = r.get(f + 52) & 0xFF;
            line(b, "currentUtcOffset                      ", Integer.toString(r.getShort(f + 50)));
            line(b, "leap61                                ", Integer.toString(flags & 1));
            line(b, "leap59                                ", Integer.toString((flags >> 1) & 1));
            line(b, "currentUtcOffsetValid                 ", Integer.toString((flags >> 2) & 1));
            line(b, "ptpTimescale                          ", Integer.toString((flags >> 3) & 1));
            line(b, "timeTraceable                         ", Integer.toString((flags >> 4) & 1));
            line(b, "frequencyTraceable                    ", Integer.toString((flags >> 5) & 1));
            line(b, "timeSource                            ", String.format("0x%02x", r.get(f + 53) & 0xFF));
            long sec = ((long) (r.getShort(f + 54) & 0xFFFF) << 32) | (r.getInt(f + 56) & 0xFFFFFFFFL);
            b.append("\n\tlastSyncTimestamp    ").append(sec).append('.').append(String.format("%09d", r.getInt(f + 60) & 0xFFFFFFFFL)).append('\n');
            out.print(b);
            out.flush();
            reset();
        }

        private static void line(StringBuilder b, String name, String value) {
            b.append("\n\t\t").append(name).append(value);
        }

        private void reset() {
            pendingSeq = -1;
            haveSync = haveFup = oneStep = false;
            resp = null;
        }

        @Override
        public void close() {
            transport.close();
        }
    }
}
