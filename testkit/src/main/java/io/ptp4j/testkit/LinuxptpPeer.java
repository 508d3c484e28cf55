package io.ptp4j.testkit;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.opentest4j.TestAbortedException;

/**
 * The linuxptp 4.4 peer (upstream v4.4, built with authentication), the one place where tests
 * find it. A test that needs it starts with
 *
 * <pre>{@code
 * Path dir = LinuxptpPeer.require();            // or, for one program:
 * String ptp4l = LinuxptpPeer.program("ptp4l"); // absolute path of linuxptp 4.4's ptp4l
 * }</pre>
 *
 * and runs those programs like any other daemon ({@link Daemons#noClock}, {@link NetnsPair}).
 * Where the programs come from, first match wins:
 * <ol>
 *   <li>{@code PTP4J_LINUXPTP44=DIR}: a directory holding the built programs (ptp4l, pmc,
 *       phc2sys, ts2phc, nsm, timemaster, tz2alt, ...). A directory without a 4.4 ptp4l is an
 *       error, never a skip: whoever set the variable wants these tests run.</li>
 *   <li>the build script beside the repository, {@code ../shared/peers/build-linuxptp}: run once
 *       per test JVM, one JVM at a time (a lock file beside the output), as {@code build-linuxptp <root>/target/linuxptp-4.4} (it does nothing when
 *       that directory is built already; its output goes to
 *       {@code target/linuxptp-4.4-build.log}).</li>
 * </ol>
 * With neither, {@link #require()} skips the test (a JUnit assumption) and {@link PeerSkipListener}
 * records it, so that {@code scripts/test} ends with one line counting the skipped peer tests and
 * saying why. With {@code CI=true} in the environment a missing peer fails the test instead: CI
 * must run them all.
 *
 * <p>No other source of the project may name the directory beside the repository; {@code
 * SharedReferenceTest} fails when one does.
 */
public final class LinuxptpPeer {
    /** The environment variable naming a directory with linuxptp 4.4's built programs. */
    public static final String ENV = "PTP4J_LINUXPTP44";
    /** The build script, relative to the repository's root. */
    static final String BUILD_SCRIPT = "../shared/peers/build-linuxptp";
    /** Where the build script puts the programs, relative to the repository's root. */
    static final String BUILD_DIR = "target/linuxptp-4.4";
    /** What {@code ptp4l -v} prints for the release this class stands for. */
    static final String VERSION = "4.4";

    private static Lookup lookup;

    private LinuxptpPeer() {}

    /**
     * The directory with linuxptp 4.4's programs. When there is none: skips the calling test
     * (throws {@link Missing}), or fails it when {@code CI=true}.
     */
    public static Path require() {
        return require(lookup(), ci());
    }

    static Path require(Lookup l, boolean ci) {
        if (l.dir() != null) return l.dir();
        if (l.configError() || ci) {
            return Assertions.fail("linuxptp " + VERSION + " is required" + (ci ? " (CI=true)" : "") + ": " + l.problem()
                    + ". Set " + ENV + "=DIR (a directory with linuxptp " + VERSION + "'s ptp4l, pmc, ...) or run with " + BUILD_SCRIPT
                    + " beside the repository.");
        }
        throw new Missing(l.problem());
    }

    /** The absolute path of one linuxptp 4.4 program ("ptp4l", "pmc", "nsm", ...); see {@link #require()}. */
    public static String program(String name) {
        Path p = require().resolve(name);
        Assertions.assertTrue(Files.isExecutable(p), "linuxptp " + VERSION + " in " + p.getParent() + " has no program " + name);
        return p.toString();
    }

    static boolean ci() {
        return "true".equals(System.getenv("CI"));
    }

    private static synchronized Lookup lookup() {
        if (lookup == null) lookup = locate(System.getenv(ENV), TestData.root());
        return lookup;
    }

    /**
     * The peer's directory, or why there is none. {@code configError}: the environment names a
     * directory that is not linuxptp 4.4 (always a failure).
     */
    record Lookup(Path dir, String problem, boolean configError) {
        static Lookup found(Path dir) {
            return new Lookup(dir, null, false);
        }

        static Lookup missing(String problem) {
            return new Lookup(null, problem, false);
        }
    }

    /** The lookup itself, from the variable's value and the repository's root (tests call it with their own). */
    static Lookup locate(String env, Path root) {
        if (env != null && !env.isBlank()) {
            Path dir = Path.of(env).toAbsolutePath().normalize();
            String bad = notLinuxptp44(dir);
            return bad == null ? Lookup.found(dir) : new Lookup(null, ENV + "=" + env + ": " + bad, true);
        }
        Path script = root.resolve(BUILD_SCRIPT).normalize();
        if (!Files.isRegularFile(script)) return Lookup.missing("no " + BUILD_SCRIPT + " and " + ENV + " unset");
        Path out = root.resolve(BUILD_DIR);
        Path log = root.resolve("target/linuxptp-4.4-build.log");
        // Test JVMs run side by side (tools' forks): one builds while the others wait on this
        // lock, then find the programs built (the script does nothing then). Without it, two
        // builds race, and one copies over a ptp4l the other's test is running ("Text file busy").
        try (FileChannel lockFile = open(root.resolve(BUILD_DIR + ".lock")); FileLock held = lockFile.lock()) {
            Process p = new ProcessBuilder("sh", script.toString(), out.toString()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            if (!p.waitFor(15, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                return Lookup.missing(BUILD_SCRIPT + " did not finish within 15 min (see " + log + ")");
            }
            if (p.exitValue() != 0) {
                return Lookup.missing(BUILD_SCRIPT + " failed with exit " + p.exitValue() + ": " + lastLine(log) + " (see " + log + ")");
            }
        } catch (IOException e) {
            return Lookup.missing(BUILD_SCRIPT + " could not run: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Lookup.missing(BUILD_SCRIPT + " interrupted");
        }
        String bad = notLinuxptp44(out);
        return bad == null ? Lookup.found(out) : Lookup.missing(BUILD_SCRIPT + " built " + out + ", but " + bad);
    }

    private static FileChannel open(Path lock) throws IOException {
        Files.createDirectories(lock.getParent());
        return FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    }

    /** Null when {@code dir} holds linuxptp 4.4's ptp4l; else what is wrong. */
    static String notLinuxptp44(Path dir) {
        Path ptp4l = dir.resolve("ptp4l");
        if (!Files.isExecutable(ptp4l)) return "no executable ptp4l in " + dir;
        try {
            Process p = new ProcessBuilder(ptp4l.toString(), "-v").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return ptp4l + " -v did not exit";
            }
            return out.equals(VERSION) || out.startsWith(VERSION + ".") ? null : ptp4l + " -v says '" + out + "', not " + VERSION;
        } catch (IOException e) {
            return ptp4l + " -v: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ptp4l + " -v interrupted";
        }
    }

    private static String lastLine(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log).stream().filter(l -> !l.isBlank()).toList();
        return lines.isEmpty() ? "(no output)" : lines.get(lines.size() - 1).strip();
    }

    /**
     * The assumption failure of a test that needs linuxptp 4.4 where there is none: JUnit reports
     * the test skipped, {@link PeerSkipListener} records it with {@link #reason()}.
     */
    public static final class Missing extends TestAbortedException {
        private static final long serialVersionUID = 1L;
        private final String reason;

        Missing(String reason) {
            super("needs linuxptp " + VERSION + ": " + reason);
            this.reason = reason;
        }

        /** Why there is no peer, e.g. "no ../shared/peers/build-linuxptp and PTP4J_LINUXPTP44 unset". */
        public String reason() {
            return reason;
        }
    }
}
