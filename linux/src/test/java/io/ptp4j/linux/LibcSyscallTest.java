package io.ptp4j.linux;

import static org.junit.jupiter.api.Assertions.*;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The calls Libc makes through its one syscall(2) shape: results, errno, the *at() spellings of
 * open and unlink, and the refusal of heap memory (which has no address the kernel could use).
 */
class LibcSyscallTest {
    @Test
    void errnoOfAFailedCallIsExact() {
        assertEquals(-1, Libc.close(-1));
        assertEquals(9, Libc.errno()); // EBADF
        try (Arena a = Arena.ofConfined()) {
            assertEquals(-1, Libc.open(a.allocateFrom("/nonexistent/ptp4j"), Libc.O_RDONLY));
            assertEquals(Libc.ENOENT, Libc.errno());
            assertEquals(-1, Libc.ioctl(-1, 0x8933, a.allocate(40)));
            assertEquals(9, Libc.errno());
        }
    }

    @Test
    void openReadCloseAndUnlinkAFile(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path f = dir.resolve("x");
        Files.writeString(f, "ptp4j");
        try (Arena a = Arena.ofConfined()) {
            int fd = Libc.open(a.allocateFrom(f.toString()), Libc.O_RDONLY | Libc.O_CLOEXEC);
            assertTrue(fd >= 0, "errno " + Libc.errno());
            MemorySegment buf = a.allocate(16);
            assertEquals(5, Libc.read(fd, buf, 16));
            assertEquals("ptp4j", buf.getString(0).substring(0, 5));
            assertEquals(0, Libc.close(fd));
            assertEquals(0, Libc.unlink(a.allocateFrom(f.toString())));
            assertFalse(Files.exists(f));
        }
    }

    @Test
    void aUnixDatagramSocketBindsAndAnswersItself(@org.junit.jupiter.api.io.TempDir Path dir) {
        try (Arena a = Arena.ofConfined()) {
            int fd = Libc.socket(Libc.AF_UNIX, Libc.SOCK_DGRAM | Libc.SOCK_CLOEXEC, 0);
            assertTrue(fd >= 0);
            MemorySegment sun = a.allocate(110);
            sun.set(ValueLayout.JAVA_SHORT, 0, (short) Libc.AF_UNIX);
            sun.setString(2, dir.resolve("s").toString());
            assertEquals(0, Libc.bind(fd, sun, 110), "errno " + Libc.errno());
            MemorySegment msg = a.allocateFrom("hello");
            assertEquals(6, Libc.sendto(fd, msg, 6, 0, sun, 110));
            MemorySegment in = a.allocate(16);
            assertEquals(6, Libc.recvfrom(fd, in, 16, 0, MemorySegment.NULL, MemorySegment.NULL));
            assertEquals("hello", in.getString(0));
            assertEquals(0, Libc.close(fd));
        }
    }

    @Test
    void heapMemoryIsRefusedNotPassedAsABogusAddress() {
        MemorySegment heap = MemorySegment.ofArray(new byte[16]);
        assertThrows(IllegalArgumentException.class, () -> Libc.read(0, heap, 16));
    }
}
