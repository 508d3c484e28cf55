package io.ptp4j.tools.pmc;

import io.ptp4j.tools.cli.Exit;
import io.ptp4j.tools.cli.ArgValues;
import io.ptp4j.tools.cli.ConfigCommandLine;
import io.ptp4j.tools.cli.OptionTable;
import io.ptp4j.core.management.ManagementId;
import io.ptp4j.core.wire.DecodeException;
import io.ptp4j.linux.Libc;
import io.ptp4j.linux.NativeException;
import io.ptp4j.tools.config.ConfigException;
import io.ptp4j.tools.config.PtpConfig;
import io.ptp4j.tools.cli.Getopt;
import io.ptp4j.tools.cli.UsageException;
import java.io.PrintStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code pmc}: linuxptp's PTP management client (pmc.c). Commands come from the command line
 * (batch: each is sent, then replies are awaited until 100 ms pass without one; where each request
 * can have only one answer, until the last answer) or from stdin
 * (one per line, until end of input; a prompt when stdin and stdout are a terminal). Output is
 * linuxptp's text; {@code --json} prints one JSON object per message instead (and the
 * "sending:" lines on stderr), {@code --linuxptp=3} speaks like pmc 3.1.1.
 */
public final class PmcMain {
    static final String LINUXPTP3_UDS = "/var/run/ptp4l";

    private PmcMain() {}

    public static int main(String[] args) {
        Libc.oneShape(); // a process that asks and exits: one downcall stub to link, not two
        return run("pmc", args, System.out, System.err);
    }

    /** pmc's options (linuxptp pmc.c usage()), and ptp4j's additions. */
    public static final OptionTable OPTIONS = OptionTable.builder("[options] [commands]").spacedTitles()
            .section("Network Transport", 10)
            .flag('2', "IEEE 802.3")
            .flag('4', "UDP IPV4 (default)")
            .flag('6', "UDP IPV6")
            .flag('u', "UDS local")
            .blankLine().section("Other Options", 10)
            .arg('b', "[num]", "boundary hops, default 1")
            .arg('d', "[num]", "domain number, default 0")
            .arg('f', "[file]", "read configuration from 'file'")
            .flag('h', "prints this message and exits")
            .arg('i', "[dev]", "interface device to use, default 'eth0'\nfor network and 'pmc.$pid' for UDS.")
            .arg('s', "[path]", "server address for UDS, default '/var/run/ptp/ptp4l'.")
            .arg('t', "[hex]", "transport specific field, default 0x0")
            .flag('v', "prints the software version and exits")
            .flag('z', "send zero length TLV values with the GET actions")
            .blankLine().section("ptp4j additions", 15)
            .longOption("json", null, "one JSON object per message received (\"sending:\" lines go to stderr)")
            .longOption("linuxptp", "=3", "command table and output of linuxptp 3.1.1's pmc (default: 4);\n"
                    + "its default server, /var/run/ptp4l; =4.4: linuxptp 4.4's command table")
            .configKeys("KEY", "VAL", "set a configuration file key (uds_address, domainNumber, ...)")
            .trailer("\n");

    static String usage(String prog) {
        return OPTIONS.usage(prog);
    }

    /** Parsed command line. */
    record Options(PtpConfig cfg, String transport, String iface, int boundaryHops, boolean zeroLengthGets, boolean json, PmcDialect dialect,
            List<String> commands) {}

    static Options parse(String prog, String[] argv) throws UsageException {
        boolean json = false;
        PmcDialect dialect = PmcDialect.LINUXPTP_4;
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < argv.length; i++) {
            String a = argv[i];
            if (a.equals("--")) {
                for (; i < argv.length; i++) rest.add(argv[i]);
                break;
            }
            try {
                if (a.equals("--json")) {
                    json = true;
                } else if (a.startsWith("--linuxptp=")) {
                    dialect = PmcDialect.parse(a.substring("--linuxptp=".length()));
                } else if (a.equals("--linuxptp") && i + 1 < argv.length) {
                    dialect = PmcDialect.parse(argv[++i]);
                } else {
                    rest.add(a);
                }
            } catch (IllegalArgumentException e) {
                throw new UsageException(prog + ": " + e.getMessage(), true, Exit.USAGE);
            }
        }
        PtpConfig cfg = new PtpConfig();
        String iface = null, transport = null;
        int hops = 1;
        boolean zero = false;
        List<String> operands = new ArrayList<>();
        // --json and --linuxptp were taken out above: the long options are the configuration keys
        ConfigCommandLine line = new ConfigCommandLine(cfg);
        for (Getopt.Opt o : line.parse(prog, OPTIONS, rest.toArray(new String[0]), operands)) {
            if (line.shared(o)) continue;
            try {
                switch (o.letter()) {
                    case '2' -> transport = "L2";
                    case '4' -> transport = "UDPv4";
                    case '6' -> transport = "UDPv6";
                    case 'u' -> transport = "UDS";
                    case 'b' -> hops = ArgValues.atoi(o.arg()) & 0xFF;
                    case 'd' -> cfg.setOption("domainNumber", Integer.toString(ArgValues.atoi(o.arg())));
                    case 'i' -> iface = o.arg();
                    case 's' -> {
                        if (o.arg().length() > 108) {
                            throw new UsageException("path " + o.arg() + " too long, max is 108", false, Exit.USAGE);
                        }
                        cfg.setLocked("uds_address", o.arg());
                    }
                    case 't' -> {
                        List<Object> v = Scanf.scan(o.arg(), "%x");
                        if (v.size() == 1) cfg.setOption("transportSpecific", Long.toString((Long) v.get(0)));
                    }
                    case 'z' -> zero = true;
                    default -> throw o.error();
                }
            } catch (ConfigException e) {
                throw new UsageException(e.getMessage(), false, Exit.USAGE);
            }
        }
        line.readFile();
        if (transport == null) transport = cfg.getEnum("network_transport");
        return new Options(cfg, transport, iface, hops, zero, json, dialect, operands);
    }

    /** -s / uds_address, else the dialect's default: linuxptp 3's ptp4l listens on /var/run/ptp4l, 4's on /var/run/ptp/ptp4l. */
    static String serverPath(Options o) {
        if (o.dialect() == PmcDialect.LINUXPTP_3 && !o.cfg().isSet(null, "uds_address")) return LINUXPTP3_UDS;
        return o.cfg().getString("uds_address");
    }

    static int run(String prog, String[] argv, PrintStream out, PrintStream err) {
        Options o;
        try {
            o = parse(prog, argv);
        } catch (UsageException e) {
            return e.report(prog, OPTIONS, out, err);
        }
        String transport = o.transport();
        PmcClient client;
        String serverPath = serverPath(o);
        try {
            if (transport.equals("UDS")) {
                String local = PmcClient.localPath(serverPath, o.iface() != null ? o.iface() : "pmc." + ProcessHandle.current().pid());
                client = PmcClient.uds(serverPath, local);
            } else {
                client = PmcClient.network(transport, o.iface() != null ? o.iface() : "eth0");
            }
        } catch (NativeException | IllegalArgumentException e) {
            err.println(prog + ": failed to open transport: " + e.getMessage());
            err.println("failed to create pmc");
            return 255;
        }
        try {
            io.ptp4j.core.auth.Authenticator auth = io.ptp4j.tools.auth.SecuritySetup.forPmc(o.cfg());
            if (auth != null) client.authenticate(auth, o.cfg().getInt("allow_unauth"), m -> err.println(prog + ": " + m));
        } catch (io.ptp4j.tools.auth.SecuritySetup.Failure e) {
            client.close();
            for (String l : e.lines()) err.println(prog + ": " + l);
            err.println("failed to create pmc");
            return 255;
        }
        client.request().boundaryHops = o.boundaryHops();
        client.request().domainNumber = o.cfg().getInt("domainNumber");
        client.request().transportSpecific = o.cfg().getInt("transportSpecific") & 0x0F;
        Thread hook = new Thread(client::close, "pmc-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return new Loop(prog, o, client, out, err).run();
        } finally {
            client.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // already shutting down
            }
        }
    }

    /** pmc.c main's poll loop over stdin and the socket. */
    static final class Loop implements PmcCommands.Session {
        private final String prog;
        private final Options o;
        private final PmcClient client;
        private final PrintStream out, err;
        private final PmcCommands commands;
        private final PmcPrinter printer;
        private final ByteBuffer rx = ByteBuffer.allocate(io.ptp4j.linux.UnixDatagramSocket.MAX_DATAGRAM);
        private final boolean prompt;
        private int sent, singleAnswer, answered;

        Loop(String prog, Options o, PmcClient client, PrintStream out, PrintStream err) {
            this.prog = prog;
            this.o = o;
            this.client = client;
            this.out = out;
            this.err = err;
            this.commands = new PmcCommands(o.dialect(), o.zeroLengthGets());
            this.printer = new PmcPrinter(o.dialect());
            java.io.Console c = System.console();
            this.prompt = o.commands().isEmpty() && c != null && c.isTerminal();
        }

        int run() {
            try {
                return o.commands().isEmpty() ? interactive() : batch();
            } catch (NativeException e) {
                err.println(prog + ": " + e.getMessage());
                return 255;
            }
        }

        private int batch() throws NativeException {
            for (String c : o.commands()) {
                command(c);
                drain(0);
            }
            if (sent > 0 && sent == singleAnswer) {
                // every request has exactly one answerer: stop at the last answer (or 100 ms of quiet)
                int n;
                while (answered < sent && (n = client.receive(rx, 100)) >= 0) show(n);
            } else {
                drain(100);
            }
            return 0;
        }

        /**
         * Whether exactly one reply can come to this request: over the Unix socket with boundary
         * hops 0 the daemon at the socket forwards nothing, and a clock-level id is answered once
         * by its clock (linuxptp clock_manage), where a port-level id is answered by every port.
         * SUBSCRIBE_EVENTS_NP is left out: notifications may follow its answer.
         */
        private boolean singleAnswer(int managementId) {
            ManagementId id = ManagementId.of(managementId);
            return o.transport().equals("UDS") && o.boundaryHops() == 0 && id != null && id != ManagementId.SUBSCRIBE_EVENTS_NP
                    && id.isClockLevel();
        }

        /** Receives and shows replies until {@code quietMillis} pass without one (0: what is waiting now). */
        private void drain(int quietMillis) throws NativeException {
            int n;
            while ((n = client.receive(rx, quietMillis)) >= 0) show(n);
        }

        private int interactive() throws NativeException {
            StringBuilder pending = new StringBuilder();
            int tmo = -1;
            boolean stdinOpen = true;
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment chunk = arena.allocate(1024);
                if (prompt) prompt();
                while (true) {
                    int mask = Poller.waitReadable(new int[] {stdinOpen ? 0 : -1, client.fd()}, tmo);
                    if (mask == 0) {
                        if (tmo >= 0) return 0; // quiet after end of input
                        continue;
                    }
                    if ((mask & 1) != 0 || (mask & (1 << 16)) != 0) {
                        long n = Libc.read(0, chunk, chunk.byteSize());
                        if (n <= 0) {
                            // End of input: wait a bit longer for outstanding replies (pmc.c POLLHUP).
                            stdinOpen = false;
                            tmo = 100;
                            if (pending.length() > 1) command(pending.toString());
                            pending.setLength(0);
                        } else {
                            pending.append(new String(chunk.asSlice(0, n).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE),
                                    StandardCharsets.UTF_8));
                            int nl;
                            while ((nl = pending.indexOf("\n")) >= 0) {
                                String line = pending.substring(0, nl);
                                pending.delete(0, nl + 1);
                                if (!line.isEmpty()) command(line); // pmc.c skips lines shorter than 2 (just "\n")
                                if (prompt) prompt();
                            }
                        }
                    }
                    if ((mask & 2) != 0) drain(0);
                }
            }
        }

        private void prompt() {
            out.print("pmc> ");
            out.flush();
        }

        private void command(String line) {
            if (!commands.execute(line, this)) err.println("bad command: " + line);
            out.flush();
        }

        private void show(int n) {
            try {
                PmcResponse r = printer.show(rx, 0, n);
                if (r == null) return;
                if (r.action.equals("RESPONSE") || r.action.equals("ACKNOWLEDGE")) answered++;
                if (o.json()) out.println(r.json());
                else out.print(r.text());
                out.flush();
            } catch (DecodeException e) {
                err.println(prog + ": bad message: " + e.getMessage());
            }
        }

        @Override
        public void stdout(String text) {
            // With --json, stdout carries only JSON: pmc's own chatter goes to stderr.
            (o.json() && !text.startsWith("\n\t[action]") ? err : out).print(text);
        }

        @Override
        public void stderr(String text) {
            err.print(text);
        }

        @Override
        public void send(int action, int managementId, byte[] data) {
            try {
                client.send(action, managementId, data);
                sent++;
                if (singleAnswer(managementId)) singleAnswer++;
            } catch (NativeException e) {
                err.println(prog + ": " + e.getMessage()); // e.g. "sendto(AF_UNIX): No such file or directory (/var/run/ptp/ptp4l)"
            }
        }

        @Override
        public void target(long clockIdentity, int portNumber) {
            client.target(clockIdentity, portNumber);
        }
    }
}
