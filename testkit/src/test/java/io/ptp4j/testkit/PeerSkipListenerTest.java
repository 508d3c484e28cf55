package io.ptp4j.testkit;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.engine.discovery.DiscoverySelectors;

/**
 * The listener in a launcher of its own, over fixture classes (nested, so surefire does not run
 * them): a test skipped for want of the peer is one line, a class whose @BeforeAll needs the peer
 * is one line per test, other skips and passes are none.
 */
class PeerSkipListenerTest {
    static class OneTestNeedsThePeer {
        @Test
        void needsIt() {
            throw new LinuxptpPeer.Missing("no peer here");
        }

        @Test
        void doesNot() {}

        @Test
        void skippedForAnotherReason() {
            org.junit.jupiter.api.Assumptions.abort("not about the peer");
        }
    }

    static class WholeClassNeedsThePeer {
        @BeforeAll
        static void peer() {
            throw new LinuxptpPeer.Missing("still no peer");
        }

        @Test
        void a() {}

        @Test
        void b() {}

        @Test
        void c() {}
    }

    static List<String> run(Path file, String run, Class<?>... classes) throws Exception {
        var launcher = LauncherFactory.create(LauncherConfig.builder().enableTestExecutionListenerAutoRegistration(false)
                .addTestExecutionListeners(new PeerSkipListener(file, run)).build());
        for (Class<?> c : classes) launcher.execute(LauncherDiscoveryRequestBuilder.request().selectors(DiscoverySelectors.selectClass(c)).build());
        List<String> lines = Files.readAllLines(file);
        assertEquals(PeerSkipListener.HEADER + run, lines.get(0), "the run's header first");
        return lines.subList(1, lines.size());
    }

    @Test
    void recordsOneLinePerSkippedTestWithItsReason(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("target/linuxptp44-skipped.txt");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "run 1\nstale\tfrom an earlier run\n");
        List<String> lines = run(file, "2", OneTestNeedsThePeer.class, WholeClassNeedsThePeer.class);
        assertEquals(4, lines.size(), String.join("\n", lines));
        assertEquals(1, lines.stream().filter(l -> l.startsWith("no peer here\t") && l.contains("needsIt")).count(), String.join("\n", lines));
        assertEquals(3, lines.stream().filter(l -> l.startsWith("still no peer\t") && l.contains("WholeClassNeedsThePeer")).count());
    }

    @Test
    void testJvmsOfOneRunAddUpAndANewRunStartsAfresh(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("target/linuxptp44-skipped.txt");
        // surefire's forks: each JVM has its own listener and starts a test plan per class
        run(file, "20261205-0810", OneTestNeedsThePeer.class);
        List<String> both = run(file, "20261205-0810", WholeClassNeedsThePeer.class);
        assertEquals(4, both.size(), "the second fork of the run keeps the first's record: " + both);
        List<String> next = run(file, "20261205-0900", OneTestNeedsThePeer.class);
        assertEquals(1, next.size(), "a new run starts afresh: " + next);
    }
}
