package io.ptp4j.tools;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * linuxptp 4.4's programs for the tests of issue 12, from {@code PTP4J_LINUXPTP44=DIR}; skipped
 * without it (failed with CI=true). Stands in for the testkit's LinuxptpPeer until that lands
 * on main, with the same {@link #program} call.
 */
public final class Peer44 {
    private Peer44() {}

    /** The absolute path of one linuxptp 4.4 program ("ptp4l", "pmc", "nsm", ...). */
    public static String program(String name) {
        String dir = System.getenv("PTP4J_LINUXPTP44");
        boolean ci = "true".equals(System.getenv("CI"));
        if (dir == null || dir.isBlank()) {
            if (ci) Assertions.fail("linuxptp 4.4 is required (CI=true): set PTP4J_LINUXPTP44=DIR");
            Assumptions.abort("needs linuxptp 4.4: PTP4J_LINUXPTP44 unset");
        }
        Path p = Path.of(dir, name).toAbsolutePath();
        Assertions.assertTrue(Files.isExecutable(p), "linuxptp 4.4 in " + dir + " has no program " + name);
        return p.toString();
    }
}
