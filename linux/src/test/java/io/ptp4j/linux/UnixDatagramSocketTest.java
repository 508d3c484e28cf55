package io.ptp4j.linux;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnixDatagramSocketTest {
    @TempDir
    Path dir;

    @Test
    void twoSocketsExchangeDatagramsAndKnowTheSender() throws Exception {
        String server = dir.resolve("ptp4l").toString();
        String client = dir.resolve("pmc.1234").toString();
        try (UnixDatagramSocket s = UnixDatagramSocket.bind(server, false);
                UnixDatagramSocket c = UnixDatagramSocket.bind(client, false)) {
            assertTrue(Files.exists(Path.of(server)));
            ByteBuffer out = ByteBuffer.wrap("GET DEFAULT_DATA_SET".getBytes(StandardCharsets.US_ASCII));
            c.send(out, 4, out.capacity() - 4, server);
            ByteBuffer in = ByteBuffer.allocate(100);
            assertTrue(s.poll(1000));
            int n = s.receive(in, 3);
            assertEquals(out.capacity() - 4, n);
            assertEquals("DEFAULT_DATA_SET", new String(in.array(), 3, n, StandardCharsets.US_ASCII));
            assertEquals(client, s.lastSenderPath());

            ByteBuffer reply = ByteBuffer.allocateDirect(8).putLong(0, 0x0102030405060708L);
            s.reply(reply, 0, 8);
            ByteBuffer got = ByteBuffer.allocateDirect(16);
            assertEquals(8, c.receive(got, 2, 1000));
            assertEquals(0x0102030405060708L, got.getLong(2));
            assertEquals(server, c.lastSenderPath());
            assertEquals(-1, c.receive(got, 0), "nothing more waiting");
            assertFalse(c.poll(0));
        }
        assertFalse(Files.exists(Path.of(server)), "close() unlinks the bound path");
        assertFalse(Files.exists(Path.of(client)));
    }

    @Test
    void boundedSendsToAPeerThatStopsReadingFailInsteadOfBlocking() throws Exception {
        String server = dir.resolve("stalled").toString();
        try (UnixDatagramSocket stalled = UnixDatagramSocket.bind(server, false);
                UnixDatagramSocket sender = UnixDatagramSocket.unbound().boundedSends(20)) {
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(64);
            NativeException full = null;
            int sent = 0;
            // max_dgram_qlen is 10 by default and at most a few hundred: 10000 sends must hit it
            for (; sent < 10_000 && full == null; sent++) {
                try {
                    sender.send(b, 0, 64, server);
                } catch (NativeException e) {
                    full = e;
                }
            }
            assertNotNull(full, "10000 datagrams to a peer that never reads all went through");
            assertEquals(Libc.EAGAIN, full.errno(), full.getMessage());
            assertTrue(full.getMessage().contains(server), full.getMessage());
            // a reader that frees room within the wait lets the next send through
            Thread reader = Thread.ofPlatform().start(() -> {
                try {
                    Thread.sleep(5);
                    stalled.receive(java.nio.ByteBuffer.allocate(64), 0);
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            sender.boundedSends(2_000).send(b, 0, 64, server);
            reader.join();
        }
    }

    @Test
    void errorsNameTheCallAndPath() throws Exception {
        String server = dir.resolve("taken").toString();
        try (UnixDatagramSocket s = UnixDatagramSocket.bind(server, false)) {
            NativeException e = assertThrows(NativeException.class, () -> UnixDatagramSocket.bind(server, false));
            assertEquals(98, e.errno()); // EADDRINUSE
            assertTrue(e.getMessage().contains("bind(AF_UNIX) " + server), e.getMessage());
            try (UnixDatagramSocket u = UnixDatagramSocket.unbound()) {
                ByteBuffer b = ByteBuffer.allocate(4);
                NativeException e2 = assertThrows(NativeException.class,
                        () -> u.send(b, 0, 4, dir.resolve("nobody").toString()));
                assertEquals(Libc.ENOENT, e2.errno());
                u.send(b, 0, 4, server);
                assertEquals(4, s.receive(ByteBuffer.allocate(8), 0, 1000));
                assertEquals("", s.lastSenderPath());
                assertThrows(NativeException.class, () -> s.reply(b, 0, 4));
            }
        }
        try (UnixDatagramSocket again = UnixDatagramSocket.bind(server, true)) {
            assertEquals(server, again.path());
        }
        assertThrows(IllegalArgumentException.class, () -> UnixDatagramSocket.bind("x".repeat(200), false));
    }
}
