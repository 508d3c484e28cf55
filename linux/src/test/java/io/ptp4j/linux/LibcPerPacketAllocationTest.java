package io.ptp4j.linux;

import static org.junit.jupiter.api.Assertions.*;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The per-packet calls (sendto, sendmsg, recvmsg, poll, ppoll) allocate nothing once warm, through
 * the one plain syscall(2) shape they share; a capturing call would make 40 bytes of garbage
 * each, which C1 (the daemon's compiler) never removes (the footprint benchmark counted them). A
 * datagram goes round a bound AF_UNIX socket to itself, in a JVM with the daemon's options.
 */
class LibcPerPacketAllocationTest {
    @Test
    void sendPollReceiveAllocateNothingUnderTheDaemonsCompiler(@TempDir Path dir) throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:CompileThresholdScaling=0.1", "-XX:+UseSerialGC",
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                LibcPerPacketAllocationTest.class.getName(), dir.resolve("s").toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        assertEquals(0, p.waitFor(), out);
        long perRound = Long.parseLong(out.substring(out.lastIndexOf('\n') + 1));
        assertTrue(perRound < 8, perRound + " bytes allocated per round of six calls");
    }

    /** The probe: prints the bytes this thread allocated per round, once warm. */
    public static void main(String[] args) {
        Path sock = Path.of(args[0]);
        try (Arena a = Arena.ofConfined()) {
            int fd = Libc.socket(Libc.AF_UNIX, Libc.SOCK_DGRAM | Libc.SOCK_CLOEXEC | Libc.SOCK_NONBLOCK, 0);
            assertTrue(fd >= 0);
            MemorySegment sun = a.allocate(110);
            sun.set(ValueLayout.JAVA_SHORT, 0, (short) Libc.AF_UNIX);
            sun.setString(2, sock.toString());
            assertEquals(0, Libc.bind(fd, sun, 110), "errno " + Libc.errno());
            MemorySegment out = a.allocate(64), in = a.allocate(64);
            MemorySegment iov = a.allocate(Libc.IOVEC_SIZE), msg = a.allocate(Libc.MSGHDR_SIZE);
            iov.set(ValueLayout.JAVA_LONG, 0, in.address());
            iov.set(ValueLayout.JAVA_LONG, 8, 64);
            msg.set(ValueLayout.JAVA_LONG, 16, iov.address());
            msg.set(ValueLayout.JAVA_LONG, 24, 1);
            MemorySegment outIov = a.allocate(Libc.IOVEC_SIZE), outMsg = a.allocate(Libc.MSGHDR_SIZE);
            outIov.set(ValueLayout.JAVA_LONG, 0, out.address());
            outIov.set(ValueLayout.JAVA_LONG, 8, 44);
            outMsg.set(ValueLayout.JAVA_LONG, 0, sun.address());
            outMsg.set(ValueLayout.JAVA_INT, 8, 110);
            outMsg.set(ValueLayout.JAVA_LONG, 16, outIov.address());
            outMsg.set(ValueLayout.JAVA_LONG, 24, 1);
            MemorySegment pfd = a.allocate(Libc.POLLFD_SIZE), ts = a.allocate(Libc.TIMESPEC_SIZE);
            pfd.set(ValueLayout.JAVA_INT, 0, fd);
            ts.set(ValueLayout.JAVA_LONG, 8, 1_000_000);
            var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            long tid = Thread.currentThread().threadId();
            long before = 0;
            for (int i = 0; i < 60_000; i++) {
                if (i == 40_000) before = mx.getThreadAllocatedBytes(tid);
                assertEquals(44, Libc.sendto(fd, out, 44, 0, sun, 110));
                pfd.set(ValueLayout.JAVA_SHORT, 4, Libc.POLLIN);
                assertEquals(1, Libc.poll(pfd, 1, 1000));
                assertEquals(44, Libc.recvmsg(fd, msg, 0));
                assertEquals(44, Libc.sendmsg(fd, outMsg, 0));
                assertEquals(1, Libc.ppoll(pfd, 1, ts));
                assertEquals(44, Libc.recvmsg(fd, msg, 0));
            }
            long perRound = (mx.getThreadAllocatedBytes(tid) - before) / 20_000;
            assertEquals(-1, Libc.recvmsg(fd, msg, 0)); // drained: EAGAIN, without a capturing retry
            assertEquals(Libc.EAGAIN, Libc.errno());
            assertEquals(0, Libc.close(fd));
            System.out.println(perRound);
        }
    }
}
