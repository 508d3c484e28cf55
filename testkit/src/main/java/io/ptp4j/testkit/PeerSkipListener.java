package io.ptp4j.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Records every test skipped because linuxptp 4.4 is missing ({@link LinuxptpPeer.Missing}), one
 * line each, "{@code reason<TAB>test}", after a first line naming the Maven run, in the file the {@code ptp4j.peerSkips} system property
 * names (surefire sets {@code <module>/target/linuxptp44-skipped.txt}). {@code scripts/peer-skips}
 * counts those lines into one line saying how many and why; {@code scripts/test} ends with it. The JUnit
 * launcher finds this listener by itself (META-INF/services), in every module whose tests have
 * the testkit on their class path. Without the property (an IDE) it records nothing.
 */
public final class PeerSkipListener implements TestExecutionListener {
    /** The system property naming the file. */
    public static final String PROPERTY = "ptp4j.peerSkips";
    /** The system property naming the Maven run (its start time): every test JVM of one run shares it. */
    public static final String RUN_PROPERTY = "ptp4j.run";
    /** The file's first line: {@code run <id>}; every other line is one skipped test. */
    static final String HEADER = "run ";
    /** One holder of the file's lock per JVM (FileLock belongs to the whole JVM). */
    private static final Object LOCK = new Object();

    private final Path file;
    private final String run;
    private TestPlan plan;

    /** The listener the launcher loads: records to the file {@link #PROPERTY} names, if any. */
    public PeerSkipListener() {
        this(fileFromProperty(), System.getProperty(RUN_PROPERTY, ""));
    }

    PeerSkipListener(Path file, String run) {
        this.file = file;
        this.run = run;
    }

    /**
     * Test JVMs of one run come and go (surefire's forks, and the serial execution after them),
     * and each starts test plans of its own: the first of a new run starts the module's record
     * afresh, the others add to it.
     */
    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        plan = testPlan;
        if (file == null) return;
        locked(() -> {
            List<String> old = Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
            if (old.isEmpty() || !old.get(0).equals(HEADER + run)) Files.writeString(file, HEADER + run + "\n", StandardCharsets.UTF_8);
        });
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        if (result.getStatus() != TestExecutionResult.Status.ABORTED) return;
        if (!(result.getThrowable().orElse(null) instanceof LinuxptpPeer.Missing missing)) return;
        // a class whose @BeforeAll needs the peer: each of its tests is skipped
        long tests = id.isTest() || plan == null ? 1 : Math.max(1, plan.getDescendants(id).stream().filter(TestIdentifier::isTest).count());
        StringBuilder lines = new StringBuilder();
        for (long i = 0; i < tests; i++) lines.append(missing.reason()).append('\t').append(id.getUniqueId()).append('\n');
        record(lines.toString());
    }

    private void record(String lines) {
        if (file == null) return;
        locked(() -> Files.writeString(file, lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND));
    }

    private interface FileAction {
        void run() throws IOException;
    }

    /** Runs {@code action} holding the file's lock, against the other JVMs of the run and this JVM's other threads. */
    private void locked(FileAction action) {
        synchronized (LOCK) {
            try {
                Files.createDirectories(file.toAbsolutePath().getParent());
                try (FileChannel ch = FileChannel.open(Path.of(file + ".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                     FileLock held = ch.lock()) {
                    action.run();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(file.toString(), e);
            }
        }
    }

    private static Path fileFromProperty() {
        String p = System.getProperty(PROPERTY);
        return p == null || p.isBlank() ? null : Path.of(p);
    }
}
