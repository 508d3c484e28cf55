package io.ptp4j.tools.doctor;

import static io.ptp4j.testkit.Daemons.bin;
import static io.ptp4j.testkit.Daemons.noClock;
import static org.junit.jupiter.api.Assertions.*;

import io.ptp4j.testkit.NetnsPair;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A linuxptp master and a ptp4j client (free_running, JSON log, metrics, dashboard) over a veth
 * pair between two network namespaces; then `ptp4j doctor` inside the client's namespace must
 * find the client, read its state over the management socket and its metrics, and say so. A
 * second run with --uds asks linuxptp's own ptp4l (the master) through the same client code.
 */
@Tag("interop")
class DoctorInteropTest {
    static long value(String metrics, String regex) {
        Matcher m = Pattern.compile(regex + " (\\d+)").matcher(metrics);
        assertTrue(m.find(), regex + " not in\n" + metrics);
        return Long.parseLong(m.group(1));
    }

    /** The one finding of a check, as its JSON object text. */
    static String finding(String json, String check) {
        Matcher m = Pattern.compile("\\{\"check\":\"" + Pattern.quote(check) + "\",[^}]*\\}").matcher(json);
        assertTrue(m.find(), check + " not in " + json);
        return m.group();
    }

    @Test
    void doctorFindsAndJudgesAPtp4jClient(@TempDir Path dir) throws Exception {
        Path mcfg = dir.resolve("m.cfg"), scfg = dir.resolve("s.cfg");
        Path muds = dir.resolve("m.uds"), suds = dir.resolve("s.uds");
        Files.writeString(mcfg, "[global]\nmasterOnly 1\nfree_running 1\nlogSyncInterval -3\nuse_syslog 0\nuds_address " + muds + "\n");
        Files.writeString(scfg, "[global]\nslaveOnly 1\nfree_running 1\nlogSyncInterval -3\nuse_syslog 0\nuds_address " + suds
                + "\nmetrics_port 9197\ndashboard_port 9198\nlog_format json\n");
        try (NetnsPair net = NetnsPair.create()) {
            net.start(net.nsA(), dir.resolve("m.log"), noClock("ptp4l", "-i", NetnsPair.IF_A, "-S", "-m", "-f", mcfg.toString()));
            net.start(net.nsB(), dir.resolve("s.log"), noClock(bin("ptp4l"), "-i", NetnsPair.IF_B, "-S", "-f", scfg.toString()));
            Thread.sleep(22_000);

            NetnsPair.Result r = net.exec(net.nsB(), Duration.ofSeconds(60), noClock(bin("ptp4j"), "doctor", "-i", NetnsPair.IF_B, "--json", "--samples", "3"));
            String json = r.output().lines().filter(l -> l.startsWith("{")).findFirst().orElse("");
            System.out.println("---- doctor --json\n" + json);
            assertTrue(json.startsWith("{\"worst\":"), r.output());
            Matcher exit = Pattern.compile("\"exitCode\":(\\d)").matcher(json);
            assertTrue(exit.find());
            assertEquals(Integer.parseInt(exit.group(1)), r.exitCode(), "exit code = worst severity");
            String ptp4l = finding(json, "ptp4l");
            assertTrue(ptp4l.contains("\"severity\":\"ok\"") && ptp4l.contains("ptp4j ptp4l (pid ") && ptp4l.contains("on vB")
                    && ptp4l.contains(scfg.toString()), ptp4l);
            String ts = finding(json, "timestamping");
            assertTrue(ts.contains("\"severity\":\"warn\"") && ts.contains("vB: software timestamps only"), ts);
            String state = finding(json, "port-state");
            // free_running: the servo never locks, so the client rests in UNCALIBRATED (as linuxptp's does)
            assertTrue(state.contains("\"severity\":\"info\"") && state.contains("port 1 UNCALIBRATED") && state.contains("free_running"), state);
            String offset = finding(json, "offset");
            assertTrue(offset.contains("\"severity\":\"info\"") && offset.contains("free_running") && offset.contains("(metrics)"), offset);
            assertTrue(finding(json, "transparent-clock").contains("no transparent clock seen (correctionField 0)"), json);
            assertTrue(finding(json, "client-settings").contains("clientOnly 1"), json);
            assertTrue(finding(json, "phc2sys").contains("\"severity\":\"ok\""), json);

            NetnsPair.Result text = net.exec(net.nsB(), Duration.ofSeconds(60), noClock(bin("ptp4j"), "doctor", "-i", NetnsPair.IF_B, "--samples", "3"));
            System.out.println("---- doctor (text)\n" + text.output());
            assertTrue(text.output().contains("[ok]    ptp4l              ptp4j ptp4l (pid "), text.output());

            // the same management client against linuxptp's ptp4l, the master
            NetnsPair.Result m = net.exec(net.nsB(), Duration.ofSeconds(60), noClock(bin("ptp4j"), "doctor", "-i", NetnsPair.IF_B, "--uds", muds.toString(),
                    "--samples", "1"));
            System.out.println("---- doctor --uds (linuxptp master)\n" + m.output());
            assertTrue(m.output().matches("(?s).*\\[info\\] +port-state +port 1 MASTER: this node serves time.*"), m.output());

            // ptp4l's own observability: metrics per message type, dashboard state, JSON log
            String metrics = net.httpGet(net.nsB(), 9197, "/metrics");
            assertTrue(value(metrics, "ptp4j_messages_total\\{process=\"ptp4l\",iface=\"vB\",port=\"1\",type=\"SYNC\",direction=\"rx\"\\}") > 50, metrics);
            assertTrue(value(metrics, "ptp4j_messages_total\\{process=\"ptp4l\",iface=\"vB\",port=\"1\",type=\"FOLLOW_UP\",direction=\"rx\"\\}") > 50, metrics);
            assertTrue(value(metrics, "ptp4j_messages_total\\{process=\"ptp4l\",iface=\"vB\",port=\"1\",type=\"DELAY_REQ\",direction=\"tx\"\\}") > 5, metrics);
            assertTrue(value(metrics, "ptp4j_messages_total\\{process=\"ptp4l\",iface=\"vB\",port=\"1\",type=\"MANAGEMENT\",direction=\"rx\"\\}") >= 0);
            assertTrue(metrics.contains("ptp4j_grandmaster_clock_class{process=\"ptp4l\",gm_identity=\""), metrics);
            String snap = net.httpGet(net.nsB(), 9198, "/snapshot");
            assertTrue(snap.contains("\"iface\":\"vB\",\"state\":\"UNCALIBRATED\""), snap);
            assertTrue(Pattern.compile("\"seq\":[1-9]\\d").matcher(snap).find(), "servo samples on the dashboard: " + snap);
            List<String> log = Files.readAllLines(dir.resolve("s.log"));
            long samples = log.stream().filter(l -> l.startsWith("{") && l.contains("\"event\":\"servoSample\"")).count();
            assertTrue(samples > 20, "JSON servo samples: " + samples + "\n" + String.join("\n", log.subList(0, Math.min(20, log.size()))));
            assertTrue(log.stream().noneMatch(l -> l.contains("master offset")), "no linuxptp text lines in JSON mode");
            assertTrue(log.stream().filter(l -> l.startsWith("{")).allMatch(l -> l.endsWith("}") && l.contains("\"process\":\"ptp4l\"")), "JSON lines");
        }
    }
}
