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

    @Test
    void recordsOneLinePerSkippedTestWithItsReason(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("target/linuxptp44-skipped.txt");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "stale\tfrom an earlier run\n");
        var launcher = LauncherFactory.create(LauncherConfig.builder().enableTestExecutionListenerAutoRegistration(false)
                .addTestExecutionListeners(new PeerSkipListener(file)).build());
        launcher.execute(LauncherDiscoveryRequestBuilder.request().selectors(DiscoverySelectors.selectClass(OneTestNeedsThePeer.class),
                DiscoverySelectors.selectClass(WholeClassNeedsThePeer.class)).build());
        List<String> lines = Files.readAllLines(file);
        assertEquals(4, lines.size(), String.join("\n", lines));
        assertEquals(1, lines.stream().filter(l -> l.startsWith("no peer here\t") && l.contains("needsIt")).count(), String.join("\n", lines));
        assertEquals(3, lines.stream().filter(l -> l.startsWith("still no peer\t") && l.contains("WholeClassNeedsThePeer")).count());
    }
}
