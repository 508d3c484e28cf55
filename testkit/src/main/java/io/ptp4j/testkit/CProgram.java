package io.ptp4j.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A small C program compiled against this machine's kernel headers and run, to check the ioctl
 * numbers, struct sizes and offsets ptp4j declares for FFM against the headers themselves.
 */
public final class CProgram {
    private CProgram() {}

    /**
     * Compiles {@code source} with /usr/bin/cc in {@code dir}, runs it, and returns what it
     * printed split on white space. Skips the test (an assumption) when there is no C compiler or
     * no {@code /usr/include/<header>}; fails when it does not compile or exits non-zero.
     */
    public static String[] values(Path dir, String header, String source) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/cc")) && Files.exists(Path.of("/usr/include", header)), "no C compiler or linux headers");
        Path src = dir.resolve("layout.c"), exe = dir.resolve("layout");
        Files.writeString(src, source);
        Process cc = new ProcessBuilder("/usr/bin/cc", "-o", exe.toString(), src.toString()).redirectErrorStream(true).start();
        String ccOut = new String(cc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, cc.waitFor(), ccOut);
        Process run = new ProcessBuilder(exe.toString()).start();
        String[] v = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim().split("\\s+");
        assertEquals(0, run.waitFor());
        return v;
    }
}
