package io.ptp4j.core.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Where ../shared/linuxptp-vectors is: the ptp4j.shared property set by surefire, else ../shared. */
public final class Vectors {
    private Vectors() {}

    public static Path shared() {
        String p = System.getProperty("ptp4j.shared");
        if (p != null && Files.isDirectory(Paths.get(p))) return Paths.get(p);
        Path here = Paths.get("").toAbsolutePath();
        for (Path d = here; d != null; d = d.getParent()) {
            Path cand = d.resolve("../shared").normalize();
            if (Files.isDirectory(cand.resolve("linuxptp-vectors"))) return cand;
        }
        throw new IllegalStateException("cannot find ../shared/linuxptp-vectors (set -Dptp4j.shared=DIR)");
    }

    public static Path vector(String name) {
        return shared().resolve("linuxptp-vectors").resolve(name);
    }
}
