package io.ptp4j.tools.ptp4l;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ptp4j.linux.UnixDatagramSocket;
import io.ptp4j.tools.log.Printer;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** slave_event_monitor's socket: nobody listening loses messages, never throws, and says so once per run of failures. */
class SlaveEventMonitorSocketTest {
    @Test
    void noListenerLosesMessagesQuietly(@TempDir Path dir) throws Exception {
        List<String> lines = new ArrayList<>();
        Printer p = new Printer("ptp4l", System::nanoTime).level(7).verbose((level, line) -> lines.add(level + " " + line));
        Path mon = dir.resolve("mon");
        ByteBuffer msg = ByteBuffer.allocate(92);
        msg.put(0, (byte) 0x0C);
        try (SlaveEventMonitorSocket s = SlaveEventMonitorSocket.open(null, mon.toString(), p)) {
            for (int i = 0; i < 5; i++) s.send(msg, 0, 92); // ENOENT each time
            assertEquals(5, s.failed());
            assertEquals(1, lines.size(), "one debug line for the run: " + lines);
            assertTrue(lines.get(0).startsWith("7 ") && lines.get(0).contains("slave event monitor"), lines.get(0));
            try (UnixDatagramSocket listener = UnixDatagramSocket.bind(mon.toString(), true)) {
                s.send(msg, 0, 92);
                assertEquals(92, listener.receive(ByteBuffer.allocate(200), 0, 1000), "delivered once someone listens");
            }
            assertEquals(5, s.failed());
            assertEquals(2, lines.size(), "and how many were lost: " + lines);
            assertTrue(lines.get(1).contains("5 messages"), lines.get(1));
        }
    }
}
