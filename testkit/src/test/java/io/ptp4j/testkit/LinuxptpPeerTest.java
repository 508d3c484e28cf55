package io.ptp4j.testkit;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

/**
 * The peer lookup on made-up directories: a fake ptp4l (a shell script printing a version) and a
 * fake build script stand for linuxptp 4.4 and the directory beside the repository.
 */
class LinuxptpPeerTest {
    static Path script(Path file, String body) throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    /** {@code base/repo} is the repository's root, {@code base/shared} what lies beside it. */
    static Path repo(Path base) throws Exception {
        Path root = base.resolve("repo");
        Files.createDirectories(root);
        return root;
    }

    @Test
    void neitherVariableNorScriptIsASkipNamingBoth(@TempDir Path base) throws Exception {
        LinuxptpPeer.Lookup l = LinuxptpPeer.locate(null, repo(base));
        assertNull(l.dir());
        assertFalse(l.configError());
        assertEquals("no " + LinuxptpPeer.BUILD_SCRIPT + " and PTP4J_LINUXPTP44 unset", l.problem());
        LinuxptpPeer.Missing skip = assertThrows(LinuxptpPeer.Missing.class, () -> LinuxptpPeer.require(l, false));
        assertEquals(l.problem(), skip.reason());
        assertEquals("needs linuxptp 4.4: " + l.problem(), skip.getMessage());
    }

    @Test
    void withCiTrueAMissingPeerFailsInsteadOfSkipping(@TempDir Path base) throws Exception {
        LinuxptpPeer.Lookup l = LinuxptpPeer.locate("", repo(base));
        AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> LinuxptpPeer.require(l, true));
        assertTrue(e.getMessage().startsWith("linuxptp 4.4 is required (CI=true): no " + LinuxptpPeer.BUILD_SCRIPT + " and"), e.getMessage());
        assertTrue(e.getMessage().contains("Set PTP4J_LINUXPTP44=DIR"), e.getMessage());
    }

    @Test
    void variableNamingLinuxptp44IsUsed(@TempDir Path base) throws Exception {
        Path dir = base.resolve("peer");
        script(dir.resolve("ptp4l"), "echo 4.4");
        LinuxptpPeer.Lookup l = LinuxptpPeer.locate(dir.toString(), repo(base));
        assertEquals(dir, l.dir());
        assertEquals(dir, LinuxptpPeer.require(l, true));
    }

    @Test
    void variableNamingAnotherReleaseIsAnErrorEvenWithoutCi(@TempDir Path base) throws Exception {
        Path dir = base.resolve("peer");
        script(dir.resolve("ptp4l"), "echo 3.1.1");
        LinuxptpPeer.Lookup l = LinuxptpPeer.locate(dir.toString(), repo(base));
        assertTrue(l.configError());
        assertTrue(l.problem().contains("-v says '3.1.1', not 4.4"), l.problem());
        assertThrows(AssertionFailedError.class, () -> LinuxptpPeer.require(l, false));
        LinuxptpPeer.Lookup empty = LinuxptpPeer.locate(base.resolve("nothing").toString(), repo(base));
        assertTrue(empty.configError());
        assertTrue(empty.problem().startsWith("PTP4J_LINUXPTP44=" + base.resolve("nothing") + ": no executable ptp4l in "), empty.problem());
    }

    @Test
    void buildScriptBesideTheRepositoryBuildsIntoTarget(@TempDir Path base) throws Exception {
        Path root = repo(base);
        // as the real script: builds into its argument, prints it
        script(base.resolve("shared/peers/build-linuxptp"), "mkdir -p \"$1\"; printf '#!/bin/sh\\necho 4.4\\n' > \"$1/ptp4l\"; chmod +x \"$1/ptp4l\"; echo \"$1\"");
        LinuxptpPeer.Lookup l = LinuxptpPeer.locate(null, root);
        assertEquals(root.resolve("target/linuxptp-4.4"), l.dir(), String.valueOf(l.problem()));
        assertTrue(Files.readString(root.resolve("target/linuxptp-4.4-build.log")).contains("target/linuxptp-4.4"));
    }

    @Test
    void aFailingBuildIsASkipWithItsLastLine(@TempDir Path base) throws Exception {
        script(base.resolve("shared/peers/build-linuxptp"), "echo 'make: gcc: No such file or directory' >&2; exit 2");
        LinuxptpPeer.Lookup l = LinuxptpPeer.locate(null, repo(base));
        assertNull(l.dir());
        assertFalse(l.configError());
        assertTrue(l.problem().startsWith(LinuxptpPeer.BUILD_SCRIPT + " failed with exit 2: make: gcc: No such file or directory"), l.problem());
    }

    @Test
    void testJvmsSideBySideBuildOneAtATime(@TempDir Path base) throws Exception {
        Path root = repo(base);
        // builds slowly; a second build while one runs leaves "overlap"; each build adds a line to .builds
        script(base.resolve("shared/peers/build-linuxptp"), String.join("\n",
                "if [ -x \"$1/ptp4l\" ]; then echo \"$1\"; exit 0; fi",
                "mkdir \"$1.busy\" 2>/dev/null || echo overlap >> \"$1.overlaps\"",
                "sleep 2",
                "mkdir -p \"$1\"; printf '#!/bin/sh\\necho 4.4\\n' > \"$1/ptp4l\"; chmod +x \"$1/ptp4l\"",
                "echo build >> \"$1.builds\"; rmdir \"$1.busy\" 2>/dev/null; echo \"$1\""));
        Process other = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), OtherJvm.class.getName(), root.toString()).redirectErrorStream(true).start();
        LinuxptpPeer.Lookup l = LinuxptpPeer.locate(null, root);
        String theirs = new String(other.getInputStream().readAllBytes()).strip();
        assertEquals(0, other.waitFor(), theirs);
        Path built = root.resolve("target/linuxptp-4.4");
        assertEquals(built, l.dir(), String.valueOf(l.problem()));
        assertEquals(built.toString(), theirs);
        assertFalse(Files.exists(root.resolve("target/linuxptp-4.4.overlaps")), "two builds ran at once");
        assertEquals(1, Files.readAllLines(root.resolve("target/linuxptp-4.4.builds")).size(), "built once");
    }

    /** The other test JVM of {@link #testJvmsSideBySideBuildOneAtATime}: looks the peer up under the root given. */
    static final class OtherJvm {
        public static void main(String[] args) {
            LinuxptpPeer.Lookup l = LinuxptpPeer.locate(null, Path.of(args[0]));
            System.out.println(l.dir() != null ? l.dir() : l.problem());
            System.exit(l.dir() != null ? 0 : 1);
        }
    }
}
