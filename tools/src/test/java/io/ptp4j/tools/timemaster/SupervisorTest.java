package io.ptp4j.tools.timemaster;

import static org.junit.jupiter.api.Assertions.*;

import io.ptp4j.tools.log.Printer;
import io.ptp4j.tools.log.StreamSink;
import io.ptp4j.tools.timemaster.Script.Command;
import io.ptp4j.tools.timemaster.Script.ConfigFile;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The restart rules of timemaster.c script_run, with clearly named stand-in children (shell
 * scripts that log their arguments and sleep) instead of chronyd, ptp4l and phc2sys: no root, no
 * network. TimemasterInteropTest runs the real programs.
 */
@Timeout(60)
class SupervisorTest {
    static final Pattern STARTED = Pattern.compile("process (\\d+) started: \\S*standin-(\\w+)");

    @TempDir Path dir;
    final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
    final List<Long> pids = new ArrayList<>();

    Path standIn(String name) throws Exception {
        Path p = dir.resolve("standin-" + name + ".sh");
        Files.writeString(p, "#!/bin/sh\necho \"standin-" + name + " $$ started: $*\"\nexec sleep 600\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }

    Script script(boolean restart) throws Exception {
        return new Script(List.of(new ConfigFile(dir.resolve("run/a.conf").toString(), "a\n"),
                new ConfigFile(dir.resolve("run/b.conf").toString(), "b\n")),
                List.of(new Command(0, List.of(standIn("chronyd").toString(), "-x")),
                        new Command(1, List.of(standIn("ptp4l").toString(), "-f", "b.conf")),
                        new Command(1, List.of(standIn("phc2sys").toString(), "-a", "-r"))), restart);
    }

    CompletableFuture<Integer> run(Supervisor s) {
        // on the common pool on purpose: the supervisor must not need it to see its children exit
        return CompletableFuture.supplyAsync(() -> {
            try {
                return s.run();
            } catch (InterruptedException e) {
                throw new RuntimeException(e);
            }
        });
    }

    int exitCode(CompletableFuture<Integer> rc) throws Exception {
        try {
            return rc.get(20, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("supervisor still running; log:\n" + log(), e);
        }
    }

    Supervisor supervisor(Script s) {
        return new Supervisor(s, new Printer("timemaster", System::nanoTime).level(7).verbose(new StreamSink(logBytes, logBytes)));
    }

    String log() {
        return logBytes.toString();
    }

    /** pids of the started stand-ins called {@code name}, in start order. */
    List<Long> started(String name) {
        List<Long> out = new ArrayList<>();
        Matcher m = STARTED.matcher(log());
        while (m.find()) if (m.group(2).equals(name)) out.add(Long.parseLong(m.group(1)));
        return out;
    }

    void awaitStarted(String name, int count) throws Exception {
        for (int i = 0; i < 200 && started(name).size() < count; i++) Thread.sleep(50);
        assertEquals(count, started(name).size(), log());
        pids.addAll(started(name));
    }

    /** Whatever a test started and saw (pids), killed even when the test failed. */
    @AfterEach
    void killLeftovers() {
        pids.forEach(p -> ProcessHandle.of(p).ifPresent(ProcessHandle::destroyForcibly));
    }

    /** Waits for all three stand-ins, lets them run past the 1 s start window, then kills the first {@code victim}. */
    void startedThenKill(String victim) throws Exception {
        awaitStarted("phc2sys", 1);
        pids.addAll(started("chronyd"));
        pids.addAll(started("ptp4l"));
        Thread.sleep(1200); // deaths within 1 s of start are taken as configuration errors
        ProcessHandle.of(started(victim).get(0)).orElseThrow().destroy();
    }

    static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    @Test
    void deadPhc2sysRestartsItsWholeGroupAndSigtermStopsAll() throws Exception {
        Supervisor s = supervisor(script(true));
        CompletableFuture<Integer> rc = run(s);
        awaitStarted("phc2sys", 1);
        assertEquals("a\n", Files.readString(dir.resolve("run/a.conf")), "files written before the start");
        long chronyd = started("chronyd").get(0), ptp4l = started("ptp4l").get(0), phc2sys = started("phc2sys").get(0);
        Thread.sleep(1200); // deaths within 1 s of start are taken as configuration errors
        ProcessHandle.of(phc2sys).orElseThrow().destroyForcibly();
        awaitStarted("phc2sys", 2);
        awaitStarted("ptp4l", 2);
        assertTrue(log().contains("process " + phc2sys + " terminated abnormally (signal 9)"), log());
        assertTrue(log().contains("killing process " + ptp4l), "its group partner is stopped first: " + log());
        assertTrue(log().contains("process " + ptp4l + " terminated abnormally (signal 15)"), log());
        assertFalse(alive(ptp4l));
        assertTrue(alive(started("ptp4l").get(1)) && alive(started("phc2sys").get(1)));
        assertEquals(List.of(chronyd), started("chronyd"), "the NTP daemon's group is untouched");

        s.requestQuit("SIGTERM");
        assertEquals(0, exitCode(rc));
        for (long pid : pids) assertFalse(alive(pid), "pid " + pid + " left running");
        assertFalse(Files.exists(dir.resolve("run/a.conf")) || Files.exists(dir.resolve("run/b.conf")), "files removed");
        assertTrue(log().contains("exiting on signal SIGTERM"), log());
    }

    @Test
    void deadNtpDaemonStopsEverythingWithStatus1() throws Exception {
        CompletableFuture<Integer> rc = run(supervisor(script(true)));
        startedThenKill("chronyd");
        assertEquals(1, exitCode(rc), log());
        for (long pid : pids) assertFalse(alive(pid), "pid " + pid + " left running");
        assertEquals(1, started("ptp4l").size(), "nothing restarted");
        assertFalse(Files.exists(dir.resolve("run/a.conf")));
    }

    @Test
    void restartProcessesZeroStopsOnTheFirstDeath() throws Exception {
        CompletableFuture<Integer> rc = run(supervisor(script(false)));
        startedThenKill("ptp4l");
        assertEquals(1, exitCode(rc), log());
        assertEquals(1, started("ptp4l").size(), "not restarted");
        for (long pid : pids) assertFalse(alive(pid), "pid " + pid + " left running");
    }

    @Test
    void aChildDyingRightAwayIsAConfigurationErrorNotARestartLoop() throws Exception {
        Script s = new Script(List.of(), List.of(new Command(0, List.of(standIn("chronyd").toString())),
                new Command(1, List.of("/bin/false"))), true);
        CompletableFuture<Integer> rc = run(supervisor(s));
        assertEquals(1, exitCode(rc), log());
        assertTrue(log().contains("terminated with status 1"), log());
        pids.addAll(started("chronyd"));
        for (long pid : pids) assertFalse(alive(pid));
    }

    @Test
    void aMissingProgramIsReportedAndNothingIsLeftRunning() throws Exception {
        Script s = new Script(List.of(), List.of(new Command(0, List.of(standIn("chronyd").toString())),
                new Command(1, List.of(dir.resolve("no-such-ptp4l").toString()))), true);
        CompletableFuture<Integer> rc = run(supervisor(s));
        assertEquals(1, exitCode(rc), "a program that cannot start is a failure");
        assertTrue(log().contains("failed to spawn " + dir.resolve("no-such-ptp4l")), log());
        pids.addAll(started("chronyd"));
        for (long pid : pids) assertFalse(alive(pid));
    }
}
