package io.ptp4j.linux;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileWatchTest {
    @TempDir Path dir;

    @Test
    void seesTheFileWrittenOrReplacedAndNothingElse() throws Exception {
        Path f = dir.resolve("sa.cfg");
        Files.writeString(f, "spp 1\n");
        try (FileWatch w = FileWatch.of(f)) {
            assertFalse(w.changed(), "nothing yet");
            Files.writeString(dir.resolve("other.cfg"), "x");
            assertFalse(w.changed(), "another file in the directory");
            Files.writeString(f, "spp 2\n");
            assertTrue(w.changed(), "written in place");
            assertFalse(w.changed(), "events drained");
            Path tmp = dir.resolve("sa.cfg.new");
            Files.writeString(tmp, "spp 3\n");
            w.changed();
            Files.move(tmp, f, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            assertTrue(w.changed(), "renamed over it, as editors and tools do");
        }
    }
}
