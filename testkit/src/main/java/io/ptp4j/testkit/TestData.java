package io.ptp4j.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the repository and its test data are. Tests read files of the repository only through
 * here: {@link #root()} (bin/, scenarios/, docs/), {@link #linuxptp311(String)} (the recorded
 * linuxptp 3.1.1 vectors, testdata/linuxptp-3.1.1, see its README) and {@link #testdata()}.
 * Nothing a test reads lies outside the repository; the one exception, the optional linuxptp 4.4
 * peer, is {@link LinuxptpPeer}'s alone.
 */
public final class TestData {
    /** The parent pom's own artifactId: the pom that has it outside its {@code <parent>} is the root. */
    static final String PARENT_ARTIFACT = "<artifactId>ptp4j-parent</artifactId>";

    private static Path root;

    private TestData() {}

    /**
     * The repository's root: the {@code ptp4j.root} system property (surefire sets it), else the
     * nearest directory at or above the working directory whose pom.xml is ptp4j-parent (an IDE
     * that runs a test from a module's directory).
     */
    public static synchronized Path root() {
        if (root == null) root = locateRoot(System.getProperty("ptp4j.root"), Path.of(""));
        return root;
    }

    static Path locateRoot(String property, Path start) {
        if (property != null && !property.isBlank()) {
            Path p = Path.of(property).toAbsolutePath().normalize();
            if (!isRoot(p)) throw new IllegalStateException("-Dptp4j.root=" + property + ": no ptp4j-parent pom.xml there");
            return p;
        }
        Path here = start.toAbsolutePath().normalize();
        for (Path d = here; d != null; d = d.getParent()) {
            if (isRoot(d)) return d;
        }
        throw new IllegalStateException("no ptp4j-parent pom.xml at or above " + here + " (set -Dptp4j.root=DIR)");
    }

    /** True when {@code dir/pom.xml} is the parent pom itself, not a module naming it as its parent. */
    static boolean isRoot(Path dir) {
        Path pom = dir.resolve("pom.xml");
        if (!Files.isRegularFile(pom)) return false;
        try {
            String text = Files.readString(pom).replaceAll("(?s)<parent>.*?</parent>", "");
            return text.contains(PARENT_ARTIFACT);
        } catch (IOException e) {
            throw new UncheckedIOException(pom.toString(), e);
        }
    }

    /** {@code <root>/testdata}. */
    public static Path testdata() {
        return root().resolve("testdata");
    }

    /** The linuxptp 3.1.1 vectors: {@code <root>/testdata/linuxptp-3.1.1}. */
    public static Path linuxptp311() {
        return testdata().resolve("linuxptp-3.1.1");
    }

    /** One file of the linuxptp 3.1.1 vectors; fails, naming the file, when it is not there. */
    public static Path linuxptp311(String name) {
        Path p = linuxptp311().resolve(name);
        if (!Files.exists(p)) throw new IllegalStateException("no test vector " + p + " (see testdata/linuxptp-3.1.1/README.md)");
        return p;
    }

    /** The text of one file of the linuxptp 3.1.1 vectors. */
    public static String readLinuxptp311(String name) {
        Path p = linuxptp311(name);
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(p.toString(), e);
        }
    }

    /**
     * A linuxptp 3.1.1 vector config ({@code *.cfg}) with its uds_address ({@code /tmp/ptp4l-a}
     * or {@code /tmp/ptp4l-b}) moved to {@code uds}, so that tests running at the same time do
     * not share a socket.
     */
    public static String vectorConfig(String name, Path uds) {
        return readLinuxptp311(name).replace("/tmp/ptp4l-a", uds.toString()).replace("/tmp/ptp4l-b", uds.toString());
    }
}
