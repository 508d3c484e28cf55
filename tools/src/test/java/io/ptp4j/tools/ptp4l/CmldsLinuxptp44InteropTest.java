package io.ptp4j.tools.ptp4l;

import static org.junit.jupiter.api.Assertions.*;

import io.ptp4j.testkit.Daemons;
import io.ptp4j.testkit.NetnsPair;
import io.ptp4j.testkit.LinuxptpPeer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Common Mean Link Delay Service (IEEE 802.1AS-2020 clause 16) set up from linuxptp 4.4's
 * configs/CMLDS_server.cfg and CMLDS_client.cfg (eth1 replaced by the test's veth ends, the
 * sockets moved into a temporary directory, and one clockIdentity per CMLDS: the example's
 * C37D50.0000.000000 on both ends would make each ignore the other). Across the link:
 * <pre>
 *   namespace A: linuxptp 4.4's CMLDS (P2P, majorSdoId 2)  +  ptp4j's ptp4l, COMMON_P2P
 *   namespace B: ptp4j's CMLDS (P2P, majorSdoId 2)         +  linuxptp 4.4's ptp4l, COMMON_P2P
 * </pre>
 * so the two CMLDSs measure the link with each other, each client takes its delay from the
 * other implementation's CMLDS (NOTIFY_CMLDS, CMLDS_INFO_NP), and the clients synchronize with the
 * CMLDS's delay: first 4.4's client follows ptp4j's, then (priorities swapped over management)
 * ptp4j's follows 4.4's. Everything free_running under setpriv without CAP_SYS_TIME.
 */
@Tag("interop")
class CmldsLinuxptp44InteropTest {
    /** linuxptp 4.4's configs/CMLDS_server.cfg (settings), for interface IFACE. */
    static final String SERVER = """
            [global]
            clientOnly			1
            clockIdentity			C37D50.0000.000000
            free_running			1
            ignore_transport_specific	1
            transportSpecific		2
            uds_address			/var/run/cmlds_server

            [IFACE]
            delay_mechanism	P2P
            """;
    /** linuxptp 4.4's configs/CMLDS_client.cfg (settings), for interface IFACE. */
    static final String CLIENT = """
            [global]

            [IFACE]
            delay_mechanism	COMMON_P2P
            """;

    static String pmc(NetnsPair net, String ns, String pmc, Path uds, int transportSpecific, String... commands) throws Exception {
        return io.ptp4j.testkit.Pmc.ask(net, ns, pmc, uds.toString(), transportSpecific, commands);
    }

    static long field(String out, String name) {
        Matcher m = Pattern.compile("\t\t" + name + " +(-?\\d+)").matcher(out);
        assertTrue(m.find(), name + " in\n" + out);
        return Long.parseLong(m.group(1));
    }

    /** The path delay of the daemon's last "master offset ... path delay N" line (the delay its servo used), or -1. */
    static long lastPathDelay(Path log) throws Exception {
        Matcher m = Pattern.compile("master offset +-?\\d+ s\\d freq +[-+]\\d+ path delay +(-?\\d+)").matcher(Files.readString(log));
        long last = -1;
        while (m.find()) last = Long.parseLong(m.group(1));
        return last;
    }

    /**
     * Waits until the client's port follows a master with a peer delay from the CMLDS and its servo
     * used it (linuxptp keeps CURRENT_DATA_SET.meanPathDelay at 0 with P2P; the log line has the
     * delay); returns its PORT_DATA_SET.
     */
    static String awaitFollowing(NetnsPair net, String ns, String pmc, Path uds, Path log) throws Exception {
        return io.ptp4j.testkit.Pmc.await(Duration.ofSeconds(120), () -> pmc(net, ns, pmc, uds, 0, "GET PORT_DATA_SET"),
                out -> out.matches("(?s).*portState +(UNCALIBRATED|SLAVE)\n.*") && out.contains("peerMeanPathDelay")
                        && field(out, "peerMeanPathDelay") > 0 && lastPathDelay(log) > 0,
                "the client never followed with a CMLDS delay", log);
    }

    @Test
    @Timeout(400)
    void eachClientTakesItsLinkDelayFromTheOtherImplementationsCmlds(@TempDir Path dir) throws Exception {
        String theirPtp4l = LinuxptpPeer.program("ptp4l"), theirPmc = LinuxptpPeer.program("pmc");
        String ours = Daemons.bin("ptp4l");
        Files.writeString(dir.resolve("server-a.cfg"), SERVER.replace("IFACE", NetnsPair.IF_A));
        Files.writeString(dir.resolve("server-b.cfg"), SERVER.replace("IFACE", NetnsPair.IF_B));
        Files.writeString(dir.resolve("client-a.cfg"), CLIENT.replace("IFACE", NetnsPair.IF_A));
        Files.writeString(dir.resolve("client-b.cfg"), CLIENT.replace("IFACE", NetnsPair.IF_B));
        Path serverA = dir.resolve("cmlds-a.uds"), serverB = dir.resolve("cmlds-b.uds");
        Path clientA = dir.resolve("client-a.uds"), clientB = dir.resolve("client-b.uds");
        Path logA = dir.resolve("client-a.log"), logB = dir.resolve("client-b.log");
        try (NetnsPair net = NetnsPair.create()) {
            // the two CMLDSs: 4.4's on A, ptp4j's on B
            net.start(net.nsA(), dir.resolve("server-a.log"), Daemons.noClock(theirPtp4l, "-f", dir.resolve("server-a.cfg").toString(),
                    "-i", NetnsPair.IF_A, "-S", "-m", "--clockIdentity", "C37D50.0000.00000A", "--uds_address", serverA.toString(),
                    "--uds_ro_address", dir.resolve("cmlds-a.ro").toString()));
            net.start(net.nsB(), dir.resolve("server-b.log"), Daemons.noClock(ours, "-f", dir.resolve("server-b.cfg").toString(),
                    "-i", NetnsPair.IF_B, "-S", "-m", "--clockIdentity", "C37D50.0000.00000B", "--uds_address", serverB.toString(),
                    "--uds_ro_address", dir.resolve("cmlds-b.ro").toString(), "--use_syslog", "0"));
            // the two clients: ptp4j's on A (4.4's CMLDS), 4.4's on B (ptp4j's CMLDS); ptp4j's wins the BMCA first
            net.start(net.nsA(), logA, Daemons.noClock(ours, "-f", dir.resolve("client-a.cfg").toString(), "-i", NetnsPair.IF_A,
                    "-S", "-m", "--free_running", "1", "--priority1", "100", "--uds_address", clientA.toString(),
                    "--uds_ro_address", dir.resolve("client-a.ro").toString(), "--use_syslog", "0",
                    "--cmlds.server_address", serverA.toString(), "--cmlds.client_address", dir.resolve("cmlds-client-a").toString()));
            net.start(net.nsB(), logB, Daemons.noClock(theirPtp4l, "-f", dir.resolve("client-b.cfg").toString(), "-i", NetnsPair.IF_B,
                    "-S", "-m", "--free_running", "1", "--uds_address", clientB.toString(), "--uds_ro_address", dir.resolve("client-b.ro").toString(),
                    "--cmlds.server_address", serverB.toString(), "--cmlds.client_address", dir.resolve("cmlds-client-b").toString()));

            // 1. linuxptp 4.4's client follows ptp4j's, with the delay ptp4j's CMLDS measured
            String b = awaitFollowing(net, net.nsB(), theirPmc, clientB, logB);
            String cmldsB = pmc(net, net.nsB(), theirPmc, serverB, 2, "GET CMLDS_INFO_NP", "GET DELAY_MECHANISM");
            System.out.println("---- linuxptp 4.4 COMMON_P2P client\n" + b + "---- ptp4j's CMLDS beside it\n" + cmldsB);
            long measured = field(cmldsB, "meanLinkDelay"), used = field(b, "peerMeanPathDelay");
            assertTrue(measured > 0 && measured < 1_000_000, "ptp4j's CMLDS measured the link: " + measured);
            assertEquals(measured, used, Math.max(2_000, measured / 2), "4.4's client uses ptp4j's CMLDS delay");
            assertEquals(measured, lastPathDelay(logB), Math.max(2_000, measured / 2), "and its servo does");
            assertEquals(1, field(cmldsB, "as_capable"));
            assertEquals(3, field(pmc(net, net.nsB(), theirPmc, clientB, 0, "GET DELAY_MECHANISM"), "delayMechanism"), "COMMON_P2P");

            // 2. priorities swapped: ptp4j's client follows 4.4's, with the delay 4.4's CMLDS measured
            pmc(net, net.nsA(), theirPmc, clientA, 0, "SET PRIORITY1 200");
            String a = awaitFollowing(net, net.nsA(), theirPmc, clientA, logA);
            String cmldsA = pmc(net, net.nsA(), theirPmc, serverA, 2, "GET CMLDS_INFO_NP");
            System.out.println("---- ptp4j COMMON_P2P client\n" + a + "---- linuxptp 4.4's CMLDS beside it\n" + cmldsA);
            measured = field(cmldsA, "meanLinkDelay");
            used = field(a, "peerMeanPathDelay");
            assertTrue(measured > 0 && measured < 1_000_000, "4.4's CMLDS measured the link: " + measured);
            assertEquals(measured, used, Math.max(2_000, measured / 2), "ptp4j's client uses 4.4's CMLDS delay");
            assertEquals(measured, lastPathDelay(logA), Math.max(2_000, measured / 2), "and its servo does");
            String info = pmc(net, net.nsA(), theirPmc, clientA, 0, "GET CMLDS_INFO_NP");
            assertEquals(1, field(info, "as_capable"), info);
            String log = Files.readString(logA);
            assertFalse(log.contains("Pdelay"), log);
        }
    }
}
