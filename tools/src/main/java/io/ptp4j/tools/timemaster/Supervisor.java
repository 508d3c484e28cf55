package io.ptp4j.tools.timemaster;

import io.ptp4j.tools.log.Printer;
import io.ptp4j.tools.timemaster.Script.Command;
import io.ptp4j.tools.timemaster.Script.ConfigFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Runs a {@link Script} as timemaster.c script_run does: writes the files, starts every command,
 * and then reacts to events. When a process of a restart group dies, the other processes of the
 * group are stopped (SIGTERM) and, once all are gone, the whole group is started again, one
 * process per second. The NTP daemon's group is never restarted, nor is anything when the death
 * comes within a second of start (most likely a configuration error) or with restart_processes 0:
 * then timemaster stops everything and exits 1. On SIGTERM or SIGINT every process gets
 * SIGTERM, timemaster waits for all of them (ptp4j addition: SIGKILL after {@link #KILL_AFTER_NANOS}),
 * removes the generated files and exits 0.
 */
public final class Supervisor {
    /** A process that ignores SIGTERM this long is killed; linuxptp would wait forever. */
    static final long KILL_AFTER_NANOS = 10_000_000_000L;
    private static final long RESTART_DELAY_MILLIS = 1000;

    /** Something that happened: a child exited, or a signal asked timemaster to stop. */
    sealed interface Event permits Exited, Quit {}

    record Exited(int index, Process process) implements Event {}

    record Quit(String signal) implements Event {}

    private final Script script;
    private final Printer log;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final Process[] processes;

    public Supervisor(Script script, Printer log) {
        this.script = script;
        this.log = log;
        this.processes = new Process[script.commands().size()];
    }

    /** Called from a signal handler (any thread): asks the loop to stop everything. */
    public void requestQuit(String signal) {
        events.add(new Quit(signal));
    }

    /** Runs until stopped; returns timemaster's exit code. */
    public int run() throws InterruptedException {
        if (script.commands().isEmpty()) return 0;
        try {
            createFiles();
        } catch (IOException e) {
            log.print(Printer.LOG_ERR, e.getMessage());
            return 1;
        }
        int ret = 0;
        boolean quit = false;
        long quitStartNanos = 0;
        for (int i = 0; i < processes.length; i++) {
            if (!start(i)) {
                requestQuit("start failure");
                ret = 1; // ptp4j: linuxptp exits 0 here, which hides the failure from systemd
                break;
            }
        }
        long startNanos = System.nanoTime();
        while (true) {
            Event e = events.poll(200, TimeUnit.MILLISECONDS);
            if (quit && System.nanoTime() - quitStartNanos > KILL_AFTER_NANOS) {
                for (Process p : processes) {
                    if (p != null && p.isAlive()) {
                        log.print(Printer.LOG_WARNING, "process " + p.pid() + " ignored SIGTERM; killing it");
                        p.destroyForcibly();
                    }
                }
                quitStartNanos = System.nanoTime(); // again later if even SIGKILL did not take yet
            }
            if (e == null) continue;
            if (e instanceof Quit q) {
                if (quit) continue;
                quit = true;
                quitStartNanos = System.nanoTime();
                log.print(Printer.LOG_DEBUG, "exiting on signal " + q.signal());
                for (Process p : processes) {
                    if (p != null) {
                        log.print(Printer.LOG_DEBUG, "killing process " + p.pid());
                        p.destroy();
                    }
                }
            } else if (e instanceof Exited x) {
                if (processes[x.index] != x.process) continue; // an older incarnation
                processes[x.index] = null;
                log.print(Printer.LOG_INFO, describeExit(x.process));
            }
            if (quit) {
                if (allStopped()) break;
                log.print(Printer.LOG_DEBUG, "waiting for other processes to terminate");
                continue;
            }
            if (e instanceof Exited && !restartGroups(startNanos)) {
                // includes a restart whose start failed
                ret = 1;
                requestQuit("child exit");
            }
        }
        removeFiles();
        return ret;
    }

    /**
     * Stops and restarts every group with a dead process; false when a dead process must not be
     * restarted (the NTP daemon, an early death, restart_processes 0).
     */
    private boolean restartGroups(long startNanos) throws InterruptedException {
        for (int group = 0; group < processes.length; group++) {
            int running = 0, terminated = 0;
            for (int i = 0; i < processes.length; i++) {
                if (script.commands().get(i).group() != group) continue;
                if (processes[i] != null) running++;
                else terminated++;
            }
            if (terminated == 0) continue;
            if (group == Script.NO_RESTART_GROUP || System.nanoTime() - startNanos <= 1_000_000_000L
                    || !script.restartGroups()) {
                return false;
            }
            for (int i = 0; i < processes.length; i++) {
                if (script.commands().get(i).group() != group) continue;
                if (running > 0 && processes[i] != null) {
                    log.print(Printer.LOG_DEBUG, "killing process " + processes[i].pid());
                    processes[i].destroy();
                } else if (running == 0 && processes[i] == null) {
                    if (!start(i)) return false;
                    Thread.sleep(RESTART_DELAY_MILLIS); // limits the restart rate, as linuxptp
                }
            }
        }
        return true;
    }

    private boolean start(int index) {
        Command c = script.commands().get(index);
        Process p;
        try {
            p = new ProcessBuilder(c.argv()).inheritIO().start();
        } catch (IOException e) {
            log.print(Printer.LOG_ERR, "failed to spawn " + c.argv().get(0) + ": " + e.getMessage());
            return false;
        }
        processes[index] = p;
        // a thread per child, not Process.onExit(): that completes on the common ForkJoinPool, which
        // has one thread on a 2-core machine and may be busy elsewhere (seen starving in tests)
        Thread waiter = new Thread(() -> {
            while (true) {
                try {
                    p.waitFor();
                    break;
                } catch (InterruptedException e) {
                    // keep waiting: the exit must be reported
                }
            }
            events.add(new Exited(index, p));
        }, "timemaster-wait-" + p.pid());
        waiter.setDaemon(true);
        waiter.start();
        log.print(Printer.LOG_INFO, "process " + p.pid() + " started: " + c.text());
        return true;
    }

    private boolean allStopped() {
        for (Process p : processes) if (p != null) return false;
        return true;
    }

    /**
     * linuxptp's "terminated with status N" / "terminated abnormally". Java reports death by signal
     * S as status 128+S, so 129..159 are taken as signals (a program exiting with such a status on
     * purpose is rare; ptp4l's own failures exit 254 or 255).
     */
    static String describeExit(Process p) {
        int status = p.exitValue();
        if (status > 128 && status < 160) {
            return "process " + p.pid() + " terminated abnormally (signal " + (status - 128) + ")";
        }
        return "process " + p.pid() + " terminated with status " + status;
    }

    private void createFiles() throws IOException {
        for (ConfigFile f : script.files()) {
            Path path = Path.of(f.path());
            Path dir = path.toAbsolutePath().getParent();
            if (dir != null && !Files.exists(dir)) {
                try {
                    Files.createDirectory(dir);
                } catch (IOException e) {
                    throw new IOException("failed to create " + dir + ": " + e.getMessage(), e);
                }
            }
            log.print(Printer.LOG_DEBUG, "creating " + f.path());
            try {
                Files.writeString(path, f.content(), StandardCharsets.ISO_8859_1);
            } catch (IOException e) {
                throw new IOException("failed to open " + f.path() + ": " + e.getMessage(), e);
            }
        }
    }

    private void removeFiles() {
        for (ConfigFile f : script.files()) {
            log.print(Printer.LOG_DEBUG, "removing " + f.path());
            try {
                Files.delete(Path.of(f.path()));
            } catch (IOException e) {
                log.print(Printer.LOG_ERR, "failed to remove " + f.path() + ": " + e.getMessage());
            }
        }
    }
}
