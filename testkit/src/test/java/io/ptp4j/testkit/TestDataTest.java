package io.ptp4j.testkit;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestDataTest {
    static final String PARENT = "<project><artifactId>ptp4j-parent</artifactId><packaging>pom</packaging></project>";
    static final String MODULE = "<project><parent><artifactId>ptp4j-parent</artifactId></parent><artifactId>ptp4j-x</artifactId></project>";

    @Test
    void walksUpPastTheModulesPomToTheParentPom(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("pom.xml"), PARENT);
        Path module = Files.createDirectories(dir.resolve("x/src"));
        Files.writeString(dir.resolve("x/pom.xml"), MODULE);
        assertEquals(dir.toAbsolutePath(), TestData.locateRoot(null, module));
        assertEquals(dir.toAbsolutePath(), TestData.locateRoot(null, dir.resolve("x")));
        assertEquals(dir.toAbsolutePath(), TestData.locateRoot(dir.toString(), Path.of("/")));
    }

    @Test
    void aPropertyNamingAModuleIsAnError(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("pom.xml"), MODULE);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> TestData.locateRoot(dir.toString(), dir));
        assertTrue(e.getMessage().contains("no ptp4j-parent pom.xml there"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> TestData.locateRoot(null, dir));
    }

    @Test
    void theRepositoryHoldsTheLinuxptp311Vectors() throws Exception {
        assertTrue(TestData.isRoot(TestData.root()));
        assertTrue(Files.isRegularFile(TestData.linuxptp311("README.md")));
        assertTrue(TestData.vectorConfig("master.cfg", Path.of("/run/x.uds")).contains("/run/x.uds"));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> TestData.linuxptp311("nope.pcapng"));
        assertTrue(e.getMessage().contains("linuxptp-3.1.1/nope.pcapng"), e.getMessage());
    }
}
