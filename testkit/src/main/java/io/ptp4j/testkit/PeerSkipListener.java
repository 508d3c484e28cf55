package io.ptp4j.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Records every test skipped because linuxptp 4.4 is missing ({@link LinuxptpPeer.Missing}), one
 * line each, "{@code reason<TAB>test}", in the file the {@code ptp4j.peerSkips} system property
 * names (surefire sets {@code <module>/target/linuxptp44-skipped.txt}). {@code scripts/peer-skips}
 * counts those lines into one line saying how many and why; {@code scripts/test} ends with it. The JUnit
 * launcher finds this listener by itself (META-INF/services), in every module whose tests have
 * the testkit on their class path. Without the property (an IDE) it records nothing.
 */
public final class PeerSkipListener implements TestExecutionListener {
    /** The system property naming the file. */
    public static final String PROPERTY = "ptp4j.peerSkips";

    private final Path file;
    private TestPlan plan;

    /** The listener the launcher loads: records to the file {@link #PROPERTY} names, if any. */
    public PeerSkipListener() {
        this(fileFromProperty());
    }

    PeerSkipListener(Path file) {
        this.file = file;
    }

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        plan = testPlan;
        if (file == null) return;
        try {
            // one surefire JVM per module and run: start the module's record afresh
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(file.toString(), e);
        }
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

    private synchronized void record(String lines) {
        if (file == null) return;
        try {
            Files.writeString(file, lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(file.toString(), e);
        }
    }

    private static Path fileFromProperty() {
        String p = System.getProperty(PROPERTY);
        return p == null || p.isBlank() ? null : Path.of(p);
    }
}
