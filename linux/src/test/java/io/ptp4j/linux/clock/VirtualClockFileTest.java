package io.ptp4j.linux.clock;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The published virtual clock: readers compute the owner's time; bad files are refused by name. */
class VirtualClockFileTest {
    @Test
    void aReaderSeesTheOwnersTimeAcrossStepsAndFrequencyChanges(@TempDir Path dir) throws Exception {
        Path p = dir.resolve("v.vclock");
        VirtualClock owner = new VirtualClock(1_000_000_000_000L);
        try (VirtualClockFile f = VirtualClockFile.create(p); SharedVirtualClock reader = SharedVirtualClock.open(p)) {
            owner.publishTo(f);
            assertEquals(ProcessHandle.current().pid(), f.writerPid());
            for (int round = 0; round < 3; round++) {
                long best = Long.MAX_VALUE, diff = 0;
                for (int i = 0; i < 50; i++) {
                    long a = owner.nowNanos(), r = reader.nowNanos(), b = owner.nowNanos();
                    if (b - a < best) {
                        best = b - a;
                        diff = r - (a + (b - a) / 2);
                    }
                }
                assertTrue(Math.abs(diff) < Math.max(2_000, best), "reader - owner " + diff + " ns (window " + best + ")");
                owner.step(12_345_678);
                owner.adjustFrequency(250_000 * (round + 1));
                assertEquals(250_000.0 * (round + 1), reader.frequencyPpb());
            }
            assertEquals("virtual:" + p, reader.name());
            var e = assertThrows(io.ptp4j.linux.NativeException.class, () -> reader.step(1));
            assertTrue(e.getMessage().contains("cannot step virtual:" + p), e.getMessage());
            assertThrows(io.ptp4j.linux.NativeException.class, () -> reader.adjustFrequency(1));
        }
        assertFalse(Files.exists(p), "the owner removes its file on close");
    }

    @Test
    void seqlockNeverYieldsATornRead(@TempDir Path dir) throws Exception {
        Path p = dir.resolve("t.vclock");
        try (VirtualClockFile w = VirtualClockFile.create(p); VirtualClockFile r = VirtualClockFile.open(p)) {
            // the writer alternates two parameter sets that give the same time at raw 0 only if unmixed
            w.publish(1_000, 0, 0.0); // before the race: a fresh file reads 0
            AtomicBoolean stop = new AtomicBoolean();
            Thread writer = new Thread(() -> {
                for (long i = 0; !stop.get(); i++) {
                    if ((i & 1) == 0) w.publish(1_000, 0, 0.0);
                    else w.publish(3_000, 1_000, 1e9); // factor 1: at raw 0, 3000 + (-1000) + (-1000) = 1000
                }
            });
            writer.start();
            try {
                for (int i = 0; i < 200_000; i++) assertEquals(1_000, r.timeAt(0));
            } finally {
                stop.set(true);
                writer.join();
            }
        }
    }

    @Test
    void refusesFilesThatAreNotOurs(@TempDir Path dir) throws Exception {
        Path shortFile = dir.resolve("short");
        Files.write(shortFile, new byte[10]);
        IOException e = assertThrows(IOException.class, () -> VirtualClockFile.open(shortFile));
        assertTrue(e.getMessage().contains("not a ptp4j virtual clock file (10 bytes"), e.getMessage());
        Path junk = dir.resolve("junk");
        Files.write(junk, new byte[64]);
        e = assertThrows(IOException.class, () -> VirtualClockFile.open(junk));
        assertTrue(e.getMessage().endsWith("not a ptp4j virtual clock file (bad magic)"), e.getMessage());
        assertThrows(java.nio.file.NoSuchFileException.class, () -> VirtualClockFile.open(dir.resolve("none")));
        try (VirtualClockFile r = VirtualClockFile.create(dir.resolve("ok")); VirtualClockFile ro = VirtualClockFile.open(dir.resolve("ok"))) {
            assertThrows(IllegalStateException.class, () -> ro.publish(1, 2, 3));
        }
    }
}
