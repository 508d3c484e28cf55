package io.ptp4j.tools.log;

import static org.junit.jupiter.api.Assertions.*;

import io.ptp4j.linux.UnixDatagramSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevLogSenderTest {
    @TempDir Path dir;

    @Test
    void printerLineArrivesAsSyslogDatagram() throws Exception {
        String path = dir.resolve("log").toString();
        try (UnixDatagramSocket logd = UnixDatagramSocket.bind(path, true);
                DevLogSender sender = new DevLogSender(path)) {
            Printer p = new Printer("ptp4l", () -> 2559_534_000_000L).syslog(new SyslogSink("ptp4l", sender));
            p.print(Printer.LOG_NOTICE, "port 1 (eth0): INITIALIZING to LISTENING on INIT_COMPLETE");
            ByteBuffer into = ByteBuffer.allocate(UnixDatagramSocket.MAX_DATAGRAM);
            int n = logd.receive(into, 0, 5000);
            assertEquals("<13>ptp4l: [2559.534] port 1 (eth0): INITIALIZING to LISTENING on INIT_COMPLETE",
                    new String(into.array(), 0, n, StandardCharsets.US_ASCII));
            assertEquals(0, sender.dropped());
        }
    }

    @Test
    void noListenerDropsAndCounts() throws Exception {
        try (DevLogSender sender = new DevLogSender(dir.resolve("absent").toString())) {
            sender.send("<13>ptp4l: x");
            assertEquals(1, sender.dropped());
        }
    }
}
