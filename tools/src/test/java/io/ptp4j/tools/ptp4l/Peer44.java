package io.ptp4j.tools.ptp4l;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Where the linuxptp 4.4 programs are for the fault tests: {@code PTP4J_LINUXPTP44=DIR}; without
 * it the tests are skipped. (The testkit's LinuxptpPeer replaces this once it is on main.)
 */
final class Peer44 {
    private Peer44() {}

    static String program(String name) {
        String dir = System.getenv("PTP4J_LINUXPTP44");
        Assumptions.assumeTrue(dir != null && !dir.isBlank(), "needs linuxptp 4.4: set PTP4J_LINUXPTP44=DIR");
        Path p = Path.of(dir, name).toAbsolutePath();
        if (!Files.isExecutable(p)) throw new AssertionError("PTP4J_LINUXPTP44=" + dir + " has no program " + name);
        return p.toString();
    }
}
