package io.ptp4j.tools.timemaster;

import static io.ptp4j.testkit.Daemons.bin;
import static io.ptp4j.testkit.Daemons.noClock;
import static org.junit.jupiter.api.Assertions.*;

import io.ptp4j.testkit.Logs;
import io.ptp4j.testkit.NetnsPair;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * ptp4j's bin/timemaster in a network namespace: it generates chrony.conf and ptp4l.0.conf, starts
 * chronyd (with -x: never touches the clock) and ptp4j's bin/ptp4l on a veth whose peer namespace
 * runs Debian's linuxptp ptp4l as master. ptp4l's servo is the generated "clock_servo ntpshm": it
 * never adjusts its clock (ptp4j also makes that clock read-only) and hands every offset to chronyd
 * through SHM segment 0, which chronyd's refclocks.log shows it reading. The test kills ptp4l and sees timemaster
 * start a new one (new pid, log lines), then SIGTERMs timemaster and checks that every child is
 * gone and the generated files are removed. Everything runs under setpriv without CAP_SYS_TIME, and
 * timemaster in its own IPC namespace (chronyd's SHM segment dies with it).
 */
@Tag("interop")
class TimemasterInteropTest {
    static final Pattern STARTED = Pattern.compile("process (\\d+) started: (\\S+)");

    /** Polls the log until {@code done} holds; fails after {@code seconds}. */
    static String await(Path log, int seconds, String what, Predicate<String> done) throws Exception {
        return Logs.await(log, Duration.ofSeconds(seconds), what, done);
    }

    /** pid of every "process N started: PROGRAM" line whose program ends with {@code program}, in order. */
    static List<Long> started(String log, String program) {
        List<Long> pids = new ArrayList<>();
        Matcher m = STARTED.matcher(log);
        while (m.find()) if (m.group(2).endsWith(program)) pids.add(Long.parseLong(m.group(1)));
        return pids;
    }

    static boolean alive(long pid) {
        Optional<ProcessHandle> h = ProcessHandle.of(pid);
        return h.isPresent() && h.get().isAlive();
    }

    /** Debian's timemaster -n (dry run: starts nothing) and ptp4j's print the same files and commands. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"chronyd", "ntpd", "segments", "debian"})
    @Timeout(60)
    void dryRunEqualsDebianTimemaster(String name, @TempDir Path dir) throws Exception {
        Path conf = dir.resolve(name + ".conf");
        Files.writeString(conf, ScriptBuilderTest.resource(name + ".conf"));
        String[] outputs = new String[2];
        String[][] commands = {{"timemaster", "-n", "-f", conf.toString()}, {bin("timemaster"), "-n", "-f", conf.toString()}};
        for (int i = 0; i < 2; i++) {
            Process p = new ProcessBuilder(commands[i]).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            outputs[i] = new String(p.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1)
                    .replaceFirst("^ptp4j: building[^\n]*\n", ""); // the launcher's first-use note
            assertTrue(p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS));
            assertEquals(0, p.exitValue(), outputs[i]);
        }
        assertTrue(outputs[0].contains("commands:"), outputs[0]);
        assertEquals(outputs[0], outputs[1]);
    }

    @Test
    @Timeout(120)
    void superviseRestartAndStop(@TempDir Path dir) throws Exception {
        Path rundir = dir.resolve("run");
        Path conf = dir.resolve("timemaster.conf");
        Files.writeString(conf, """
                # written by TimemasterInteropTest
                [timemaster]
                ntp_program chronyd
                rundir %1$s

                [ptp_domain 0]
                interfaces %2$s
                delay 1e-5

                [chronyd]
                path /usr/sbin/chronyd
                options -x -d -u root

                [chrony.conf]
                pidfile %3$s/chronyd.pid
                bindcmdaddress /
                cmdport 0
                logdir %3$s
                log refclocks

                [ptp4l.conf]
                logging_level 6

                [ptp4l]
                path %4$s
                options -m -q
                """.formatted(rundir, NetnsPair.IF_B, dir, bin("ptp4l")));
        Path mcfg = dir.resolve("m.cfg");
        Files.writeString(mcfg, "[global]\nmasterOnly 1\nfree_running 1\nlogSyncInterval -2\nuds_address " + dir.resolve("m.uds") + "\n");
        Path log = dir.resolve("tm.log");
        List<Long> children = new ArrayList<>();
        try (NetnsPair net = NetnsPair.create()) {
            try {
                net.start(net.nsA(), dir.resolve("m.log"), noClock("ptp4l", "-i", NetnsPair.IF_A, "-S", "-m", "-f", mcfg.toString()));
                Process tm = net.start(net.nsB(), log, noClock("unshare", "--ipc", bin("timemaster"), "-m", "-q", "-l", "7",
                        "-f", conf.toString()));
                String text = await(log, 40, "chronyd and ptp4l started",
                        t -> !started(t, "chronyd").isEmpty() && !started(t, "ptp4l").isEmpty());
                long chronyd = started(text, "chronyd").get(0), ptp4l = started(text, "ptp4l").get(0);
                children.addAll(List.of(chronyd, ptp4l));
                assertTrue(text.contains("chronyd -x -d -u root -n -f " + rundir + "/chrony.conf"), text);
                assertTrue(text.contains(" -m -q -f " + rundir + "/ptp4l.0.conf -S -i vB "), text);
                assertTrue(Files.readString(rundir.resolve("chrony.conf"))
                        .contains("refclock SHM 0 poll 2 dpoll 0 refid PTP0 precision 1.0e-9 delay 1.0e-05"));
                assertTrue(Files.readString(rundir.resolve("ptp4l.0.conf")).contains("message_tag [0:vB]\nclock_servo ntpshm\n"));
                // ptp4j's ptp4l runs with the generated config: it logs with the tag and follows the master
                text = await(log, 40, "ptp4l following the master", t -> t.contains("[0:vB] port 1 (vB): LISTENING to UNCALIBRATED"));
                assertTrue(text.contains("Disabled control of system clock"), "chronyd -x: " + text);
                // chronyd reads ptp4l's samples from SHM 0 (both master and client use this host's clock: offset ~0)
                Path refclocks = dir.resolve("refclocks.log");
                String samples = await(refclocks, 30, "chronyd reading PTP0 samples",
                        t -> t.lines().filter(l -> l.contains(" PTP0 ")).count() >= 3);
                System.out.println("---- chronyd refclocks.log (head)\n" + samples.lines().limit(8).reduce("", (a, b) -> a + b + "\n"));

                // kill ptp4l: timemaster logs the death and starts a new one
                assertTrue(ProcessHandle.of(ptp4l).orElseThrow().destroyForcibly());
                text = await(log, 40, "a restarted ptp4l", t -> started(t, "ptp4l").size() >= 2);
                long ptp4lAgain = started(text, "ptp4l").get(1);
                children.add(ptp4lAgain);
                assertNotEquals(ptp4l, ptp4lAgain);
                assertTrue(text.contains("process " + ptp4l + " terminated abnormally (signal 9)"), text);
                assertTrue(alive(ptp4lAgain), "new ptp4l runs");
                assertTrue(alive(chronyd), "chronyd untouched by the ptp4l restart");
                assertEquals(1, started(text, "chronyd").size(), "chronyd started once");
                await(log, 40, "restarted ptp4l following the master",
                        t -> t.indexOf("LISTENING to UNCALIBRATED", t.indexOf("process " + ptp4lAgain + " started")) > 0);

                // SIGTERM: children stopped, files removed, exit 0
                tm.destroy();
                assertTrue(tm.waitFor(30, java.util.concurrent.TimeUnit.SECONDS), "timemaster exits after SIGTERM");
                text = Files.readString(log);
                System.out.println("---- timemaster log (tail)\n" + text.lines().skip(Math.max(0, text.lines().count() - 25))
                        .reduce("", (a, b) -> a + b + "\n"));
                assertEquals(0, tm.exitValue(), text);
                assertTrue(text.contains("exiting on signal SIGTERM"), text);
                assertTrue(text.contains("process " + chronyd + " terminated with status 0"), text);
                assertTrue(text.contains("process " + ptp4lAgain + " terminated"), text);
                for (long pid : children) assertFalse(alive(pid), "child " + pid + " still running");
                assertFalse(Files.exists(rundir.resolve("chrony.conf")), "chrony.conf removed");
                assertFalse(Files.exists(rundir.resolve("ptp4l.0.conf")), "ptp4l.0.conf removed");
                assertTrue(text.endsWith("exiting\n") || text.contains("]: exiting"), text);
            } finally {
                for (long pid : children) ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }
}
